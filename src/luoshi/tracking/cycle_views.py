"""The supervision cycle's pages: 我的任务 with 签收, 申诉 (appeals) and 办结销号."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from luoshi import status
from luoshi.tracking import appeals, assessment, cycle, listing, services
from luoshi.tracking.measure import live_targets, today
from luoshi.tracking.models import (
    PERIOD_RE,
    Acknowledgement,
    Appeal,
    Instruction,
    Plan,
    ProgressReport,
    Task,
)
from luoshi.tracking.permissions import (
    can_report,
    is_office,
    membership,
    office_required,
    user_of,
)
from luoshi.tracking.status_forms import AcknowledgeForm, AppealDecisionForm, AppealForm, CloseForm
from luoshi.tracking.views import plan_for, render_task, task_in_scope


def _my_tasks(department_id: int) -> list[Task]:
    """Open tasks the department leads or supports, in every published plan."""
    tasks = (
        Task.objects.open()
        .filter(plan__state=Plan.PUBLISHED)
        .filter(Q(lead_id=department_id) | Q(supporting__id=department_id))
        .distinct()
        .select_related("plan", "lead")
        .defer("plan__source_text", "status_lines", "public_lines")
        .order_by("deadline", "plan_id", "order")
    )
    return list(tasks)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Where a login lands: a liaison on 我的任务, a leader on their portfolio (分管), everyone
    else on the overview."""
    member = membership(request.user)
    if member is not None and member.department_id is not None:
        return redirect("tracking:my_department")
    if member is not None and member.role == "leader":
        return redirect("tracking:leader")
    return redirect("tracking:dashboard")


@login_required
def my_tasks(request: HttpRequest) -> HttpResponse:
    """我的任务: a liaison's home, across every active plan: 签收 first, then what is due this
    period (to report, returned to correct), then the rest; tasks measured from the project
    ledger are not to-dos."""
    member = membership(request.user)
    if member is None or member.department_id is None:
        return redirect("tracking:dashboard")
    department = member.department
    tasks = _my_tasks(department.pk)
    signed = set(
        Acknowledgement.objects.filter(department=department, task__in=tasks).values_list(
            "task_id", flat=True
        )
    )
    unsigned = [task for task in tasks if task.pk not in signed]
    form = AcknowledgeForm(unsigned)
    if request.method == "POST":
        form = AcknowledgeForm(unsigned, request.POST)
        if form.is_valid():
            chosen = [form.by_id[key] for key in form.cleaned_data["tasks"]]
            count = cycle.acknowledge(
                user_of(request),
                department,
                chosen,
                form.cleaned_data["person"],
                form.cleaned_data["phone"],
            )
            messages.success(request, _("%(n)s tasks acknowledged.") % {"n": count})
            return redirect("tracking:my_department")
    led = [task for task in tasks if task.lead_id == department.pk]
    live = _measured_live(led)
    on = today()
    due: list[Task] = []
    rest: list[Task] = []
    for task in led:
        period = status.reference_period(task.plan.year, task.deadline or on, on)
        owes = period is not None and task.pk not in live and task.status == status.MISSING
        (due if owes or task.status in (status.BEHIND, status.OVERDUE) else rest).append(task)
    returned = (
        ProgressReport.objects.filter(task__in=led, state=ProgressReport.RETURNED)
        .select_related("task", "reviewer")
        .order_by("-reviewed_at")
    )
    instructions = Instruction.objects.filter(department=department).select_related(
        "author", "task"
    )
    context = {
        "department": department,
        "instructions": [i for i in instructions if i.answered_at is None],
        "form": form if unsigned else None,
        "unsigned": unsigned,
        "due": [listing.row(task) for task in due],
        "rows": [listing.row(task) for task in rest],
        "returned": returned,
        "supporting": [task for task in tasks if task.lead_id != department.pk],
        "plans": sorted({task.plan for task in tasks}, key=lambda plan: plan.pk),
        "is_mine": True,
    }
    return render(request, "tracking/my_tasks.html", context, status=400 if form.errors else 200)


def _measured_live(tasks: list[Task]) -> set[int]:
    """Tasks all of whose targets a live source (the project ledger) measures."""
    targets = [(task.pk, target.pk) for task in tasks for target in task.targets.all()]
    live = live_targets(pk for _, pk in targets)
    by_task: dict[int, list[bool]] = {}
    for task_id, target_id in targets:
        by_task.setdefault(task_id, []).append(target_id in live)
    return {task_id for task_id, flags in by_task.items() if flags and all(flags)}


@require_POST
@office_required
def close_task(request: HttpRequest, task_id: int) -> HttpResponse:
    task = task_in_scope(request, task_id)
    form = CloseForm(request.POST)
    if not form.is_valid():
        return render_task(request, task, closing=form, status_code=400)
    try:
        cycle.close_task(
            user_of(request), task, form.cleaned_data["how"], form.cleaned_data["reason"]
        )
    except services.Conflict:
        messages.error(request, _("This task is closed already."))
        return redirect("tracking:task", task.pk)
    messages.success(request, _("Task closed."))
    return redirect("tracking:task", task.pk)


def appeal_period(task: Task) -> str | None:
    """The period an appeal now concerns: the one the stored status is measured for."""
    on = today()
    return status.reference_period(task.plan.year, task.deadline or on, on)


@require_POST
@login_required
def raise_appeal(request: HttpRequest, task_id: int) -> HttpResponse:
    task = task_in_scope(request, task_id)
    if not can_report(request.user, task):
        raise PermissionDenied
    form = AppealForm(task, request.POST, request.FILES)
    period = appeal_period(task)
    if period is None:
        messages.error(request, _("There is no status to appeal before the first period ends."))
        return redirect("tracking:task", task.pk)
    if not form.is_valid():
        return render_task(request, task, appeal=form, status_code=400)
    try:
        appeals.raise_appeal(user_of(request), task, {**form.cleaned_data, "period": period})
    except services.Conflict:
        messages.error(request, _("An appeal for this period is already waiting for a decision."))
        return redirect("tracking:task", task.pk)
    messages.success(request, _("Appeal sent; the supervision office will decide on it."))
    return redirect("tracking:task", task.pk)


@require_POST
@office_required
def decide_appeal(request: HttpRequest, appeal_id: int) -> HttpResponse:
    appeal = get_object_or_404(Appeal.objects.visible_to(request.user), pk=appeal_id)
    form = AppealDecisionForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect("tracking:task", appeal.task_id)
    accept = form.cleaned_data["decision"] == "accept"
    try:
        appeals.decide_appeal(user_of(request), appeal.pk, accept, form.cleaned_data["reason"])
    except services.Conflict:
        messages.error(request, _("This appeal has already been decided."))
        return redirect("tracking:task", appeal.task_id)
    messages.success(request, _("Appeal accepted.") if accept else _("Appeal rejected."))
    return redirect("tracking:task", appeal.task_id)


@require_POST
@office_required
def reopen_task(request: HttpRequest, task_id: int) -> HttpResponse:
    task = task_in_scope(request, task_id)
    try:
        cycle.reopen_task(user_of(request), task, request.POST.get("reason", "")[:2000])
    except services.Conflict:
        messages.error(request, _("This task is not closed."))
        return redirect("tracking:task", task.pk)
    messages.success(request, _("Task reopened."))
    return redirect("tracking:task", task.pk)


@require_POST
@login_required
def withdraw_report(request: HttpRequest, report_id: int) -> HttpResponse:
    """The liaison who submitted a report takes it back while it awaits review."""
    reports = ProgressReport.objects.visible_to(request.user).select_related("task", "task__plan")
    report = get_object_or_404(reports, pk=report_id)
    if report.submitted_by_id != request.user.pk or not can_report(request.user, report.task):
        raise PermissionDenied
    try:
        cycle.withdraw_report(user_of(request), report.pk)
    except services.Conflict:
        messages.error(request, _("This report has already been reviewed."))
        return redirect("tracking:task", report.task_id)
    messages.success(request, _("Report withdrawn."))
    return redirect("tracking:task", report.task_id)


@require_POST
@office_required
def approve_selected(request: HttpRequest) -> HttpResponse:
    """Batch approval of the reports ticked in the review queue; any already decided are left."""
    # ASCII digits only: str.isdigit() also takes "²", which int() refuses.
    ids = [int(pk) for pk in request.POST.getlist("reports") if pk.isascii() and pk.isdigit()]
    ids = [pk for pk in ids if pk < 10**11]
    reports = ProgressReport.objects.visible_to(request.user).filter(
        pk__in=ids, state=ProgressReport.SUBMITTED
    )
    approved = 0
    for pk in reports.values_list("pk", flat=True):
        try:
            services.review_report(user_of(request), pk, True)
        except services.Conflict:
            continue
        approved += 1
    messages.success(request, _("%(n)s submissions approved.") % {"n": approved})
    return redirect("tracking:review")


@login_required
def assessment_page(request: HttpRequest) -> HttpResponse:
    """考评 of a month (the office and leaders), as a page or as .xlsx (?format=xlsx)."""
    member = membership(request.user)
    if not (is_office(request.user) or (member is not None and member.role == "leader")):
        raise PermissionDenied
    plan = plan_for(request)
    on = today()
    wanted = request.GET.get("period", "")
    period = wanted if PERIOD_RE.match(wanted) and wanted[:4] == str(plan.year) else None
    period = period or status.reference_period(plan.year, status.month_end(plan.year, 12), on)
    if period is None:
        period = f"{plan.year}-01"
    ranked = assessment.scores(plan, period)
    if request.GET.get("format") == "xlsx":
        response = HttpResponse(
            assessment.workbook(plan, period, ranked),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="assessment-{period}.xlsx"'
        return response
    context = {"plan": plan, "period": period, "ranked": ranked, "rules": assessment.rules()}
    return render(request, "tracking/assessment.html", context)


@require_POST
@login_required
def contribute(request: HttpRequest, task_id: int) -> HttpResponse:
    """A supporting department's liaison reports its part of a task."""
    task = task_in_scope(request, task_id)
    member = membership(request.user)
    supporting = member is not None and member.role == "liaison" and member.department_id
    if not supporting or not task.supporting.filter(pk=member.department_id).exists():
        raise PermissionDenied
    period = request.POST.get("period", "").strip()
    text = request.POST.get("narrative", "").strip()[:4000]
    if not PERIOD_RE.match(period) or period[:4] != str(task.plan.year) or not text:
        messages.error(
            request, _("Give the period (year-month, in the plan year) and the progress.")
        )
        return redirect("tracking:task", task.pk)
    cycle.contribute(user_of(request), task, member.department, period, text)
    messages.success(request, _("Your department's part is reported to the lead department."))
    return redirect("tracking:task", task.pk)

"""Pages that read: the dashboard, a plan, a task, a department. Writes live in actions.py.

Statuses are the ones stored on each task (tracking.statuses): lists filter, count and sort
them in SQL.
"""

from __future__ import annotations

import re
from collections import Counter

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Min
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from luoshi import status
from luoshi.tracking import leaders, listing, plans, statuses
from luoshi.tracking.checkpoints import nodes_text
from luoshi.tracking.forms import ProgressReportForm, RevisionForm
from luoshi.tracking.leader_forms import ChangeRequestForm
from luoshi.tracking.measure import highlight, nodes
from luoshi.tracking.models import Acknowledgement, Department, Event, Plan, ProgressReport, Task
from luoshi.tracking.permissions import (
    can_report,
    is_leader,
    is_office,
    latest_plan,
    membership,
)
from luoshi.tracking.rollup import rollup
from luoshi.tracking.status_forms import AppealDecisionForm, AppealForm, CloseForm

PLAN_PAGE_SIZE = 50


def plan_for(request: HttpRequest, plan_id: int | None = None) -> Plan:
    """The plan the user asked for (or their city's latest published one) if they may see it."""
    if plan_id is None:
        plan = latest_plan(request.user)
    else:
        plans = Plan.objects.visible_to(request.user).select_related("jurisdiction")
        plan = plans.defer("source_text").filter(pk=plan_id).first()
    if plan is None:
        raise Http404
    return plan


def task_in_scope(request: HttpRequest, task_id: int) -> Task:
    """The task if the user may see it: their city's, and published unless they are the office."""
    tasks = Task.objects.visible_to(request.user).select_related("plan__jurisdiction")
    return get_object_or_404(tasks.defer("plan__source_text"), pk=task_id)


@login_required
def dashboard(request: HttpRequest, plan_id: int | None = None) -> HttpResponse:
    """The overview of one plan: the one asked for, else the user's latest active one."""
    try:
        plan = plan_for(request, plan_id)
    except Http404:
        if plan_id is not None:
            raise
        if is_office(request.user):
            drafts = Plan.objects.visible_to(request.user).filter(state=Plan.DRAFT)
            if draft := drafts.order_by("-created_at").only("pk").first():
                return redirect("tracking:preview", draft.pk)
            return redirect("tracking:import")
        return render(request, "tracking/no_plan.html")
    tasks = plan.tasks.active().order_by()
    by_section: dict[tuple[int, str], Counter[str]] = {}
    rows = tasks.values_list("section__order", "section__title", "status").annotate(n=Count("id"))
    for order, title, code, n in rows.order_by("section__order", "status"):
        by_section.setdefault((order or 0, title or "—"), Counter())[code] = n
    # Departments in the order of their first task, so that ties in the league table keep the
    # plan's order, as the bulletin's do.
    first: dict[int | None, int] = {}
    found: dict[int | None, Counter[str]] = {}
    groups = tasks.values_list("lead_id", "status").annotate(n=Count("id"), first=Min("order"))
    for lead, code, n, order in groups:
        found.setdefault(lead, Counter())[code] = n
        first[lead] = min(order, first.get(lead, order))
    tallies = {lead: found[lead] for lead in sorted(found, key=first.__getitem__)}
    departments = Department.objects.in_bulk([pk for pk in tallies if pk is not None])
    league = [
        {
            "department": departments.get(row.key) if row.key else None,
            "total": row.total,
            "good": row.good,
            "share": row.share,
        }
        for row in status.league(tallies)
    ]
    sections = [
        (title, [tally[s] for s in status.STATUSES]) for (_, title), tally in by_section.items()
    ]
    # The status counts are the league table's columns summed: no third query.
    counts = listing.count_rows(sum(tallies.values(), Counter()))
    overdue = plan.tasks.filter(status=status.OVERDUE).select_related("lead")
    warned = plan.tasks.filter(status_warning=True).exclude(status=status.OVERDUE)
    chart = {
        "statuses": [label for label, *_ in counts],
        "counts": [n for _, _, n, _ in counts],
        "sections": [title for title, _ in sections],
        "by_section": [[cells[i] for _, cells in sections] for i in range(len(status.STATUSES))],
    }
    context = {
        "plan": plan,
        "other_plans": plans.others(request.user, plan),
        "plan_above": plans.above(request.user, plan),
        "rollup": rollup(request.user, plan),
        "unsigned": unsigned(plan) if is_office(request.user) else [],
        "on": plan.status_on,
        "counts": counts,
        "total": sum(n for _, _, n, _ in counts),
        "sections": sections,
        "league": league,
        "overdue": [listing.row(task) for task in overdue],
        "warnings": [
            {**listing.row(task), "forecasts": listing.forecasts(task)}
            for task in warned.select_related("lead")
        ],
        "chart": chart,
        "status_labels": [listing.label(s) for s in status.STATUSES],
    }
    return render(request, "tracking/dashboard.html", context)


@login_required
def plan_page(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = plan_for(request, plan_id)
    query = request.GET.copy()
    number = query.pop("page", [""])[-1]
    tasks, filters = listing.filtered(plan.tasks.select_related("lead"), query)
    page = Paginator(tasks.defer("status_lines", "public_lines"), PLAN_PAGE_SIZE).get_page(number)
    context = {
        "plan": plan,
        "other_plans": plans.others(request.user, plan),
        "plan_above": plans.above(request.user, plan),
        "unsigned": unsigned(plan) if is_office(request.user) else [],
        "on": plan.status_on,
        "rows": [listing.row(task) for task in page.object_list],
        "page": page,
        "query": query.urlencode(),
        "total": page.paginator.count,
        "filters": filters,
        **listing.filter_choices(plan),
    }
    return render(request, "tracking/plan.html", context)


@login_required
def task_page(request: HttpRequest, task_id: int) -> HttpResponse:
    return render_task(request, task_in_scope(request, task_id))


def render_task(
    request: HttpRequest,
    task: Task,
    form: ProgressReportForm | None = None,
    revision: RevisionForm | None = None,
    status_code: int = 200,
    appeal: AppealForm | None = None,
    closing: CloseForm | None = None,
    change: ChangeRequestForm | None = None,
) -> HttpResponse:
    on = statuses.today()
    reporter = can_report(request.user, task)
    if reporter and form is None:
        period = status.reference_period(task.plan.year, task.deadline or on, on)
        initial = period or f"{task.plan.year}-01"
        form = ProgressReportForm(task, today=on, initial={"period": initial})
    office = is_office(request.user)
    if office and revision is None:
        revision = RevisionForm(task, initial={"nodes": nodes_text(task)})
    if reporter and appeal is None:
        appeal = AppealForm(task)
    targets = list(task.targets.order_by("order"))
    text = Plan.objects.filter(pk=task.plan_id).values_list("source_text", flat=True).get()
    reports = (
        ProgressReport.objects.filter(task=task)
        .select_related("target", "submitted_by", "reviewer")
        .prefetch_related("evidence__publication")  # the office marks files public
    )
    context = {
        "task": task,
        "row": listing.row(task),
        "lines": listing.lines(task),
        "targets": targets,
        "supporting": task.supporting.all(),
        "source": highlight(text, task.start, task.end, [(t.start, t.end) for t in targets]),
        "reports": reports,
        "events": Event.objects.filter(task=task).select_related("actor"),
        "form": form if reporter and form is not None and form.reportable else None,
        "measured_live": reporter and form is not None and not form.reportable,
        "revision": revision if office else None,
        "checkpoints": nodes(task.nodes),
        "appeals": task.appeals.select_related("raised_by", "decided_by"),
        "appeal": appeal if reporter else None,
        "decision": AppealDecisionForm() if office else None,
        "closing": (closing or CloseForm(initial=_closing(task))) if office else None,
        "instructions": task.instructions.select_related("author", "answered_by"),
        "contributions": task.contributions.select_related("department", "submitted_by"),
        "supporter": _supporter(request, task),
        "leader": is_leader(request.user),
        **leaders.task_page(request.user, task, change),
    }
    return render(request, "tracking/task.html", context, status=status_code)


def unsigned(plan: Plan) -> list[tuple[Department, int, int]]:
    """未签收 per department, most first: (department, tasks not acknowledged, tasks it leads
    or supports), open tasks only."""
    owed: dict[int, set[int]] = {}
    tasks = plan.tasks.open()
    for task_id, lead_id in tasks.filter(lead__isnull=False).values_list("pk", "lead_id"):
        owed.setdefault(lead_id, set()).add(task_id)
    through = Task.supporting.through.objects.filter(task__in=tasks)
    for task_id, department_id in through.values_list("task_id", "department_id"):
        owed.setdefault(department_id, set()).add(task_id)
    signed: dict[int, set[int]] = {}
    acknowledged = Acknowledgement.objects.filter(task__plan=plan)
    for department_id, task_id in acknowledged.values_list("department_id", "task_id"):
        signed.setdefault(department_id, set()).add(task_id)
    missing = {pk: len(ids - signed.get(pk, set())) for pk, ids in owed.items()}
    departments = Department.objects.in_bulk([pk for pk, n in missing.items() if n])
    rows = [(departments[pk], n, len(owed[pk])) for pk, n in missing.items() if n]
    return sorted(rows, key=lambda row: (-row[1], row[0].name))


def _supporter(request: HttpRequest, task: Task) -> bool:
    """Whether the user is the liaison of one of the task's supporting departments."""
    member = membership(request.user)
    if member is None or member.role != "liaison" or member.department_id is None:
        return False
    return any(d.pk == member.department_id for d in task.supporting.all())


def _closing(task: Task) -> dict[str, str]:
    """A computed 已完成 proposes 完成销号."""
    return {"how": Task.COMPLETED if task.status == status.COMPLETE else ""}


@login_required
def department_page(request: HttpRequest, department_id: int) -> HttpResponse:
    departments = Department.objects.visible_to(request.user).select_related("jurisdiction")
    department = get_object_or_404(departments, pk=department_id)
    chosen = request.GET.get("plan", "")
    plan = plan_for(request, int(chosen) if re.fullmatch(r"[0-9]{1,9}", chosen) else None)
    member = membership(request.user)
    led = plan.tasks.filter(lead=department).select_related("lead")
    due = led.filter(status__in=(status.MISSING, status.OVERDUE, status.BEHIND))
    on = plan.status_on or statuses.today()
    period = status.reference_period(plan.year, status.month_end(plan.year, 12), on)
    supporting = plan.tasks.filter(supporting=department).select_related("lead")
    returned = ProgressReport.objects.filter(
        task__plan=plan, task__lead=department, state=ProgressReport.RETURNED
    ).select_related("task", "reviewer")
    context = {
        "department": department,
        "plan": plan,
        "other_plans": plans.others(request.user, plan),
        "plan_above": plans.above(request.user, plan),
        "on": on,
        "period": period,
        "due": [listing.row(task) for task in due],
        "rows": [listing.row(task) for task in led],
        "supporting": supporting,
        "returned": returned,
        "mine": member is not None and member.department_id == department.pk,
        "leader": is_leader(request.user),
    }
    return render(request, "tracking/department.html", context)

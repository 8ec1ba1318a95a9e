"""The public page: published plans and their commitments, no login.

Only published plans are found (a draft answers 404, as if it did not exist) and the statuses
shown are the public ones stored on each task: from approved reports and the ledger's live values
only (see tracking.statuses), so a claim awaiting review shows nowhere. A commitment with no
reviewed progress yet says so ("暂无进展信息"), not "未报送": the department may well have
reported and the office not reviewed it yet. Each commitment's page has the timeline of its
reviewed updates, with their narrative (less the contact line a 台账 upload adds).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from luoshi import status
from luoshi.exchange.progress_rows import PERSON_LABEL, PHONE_LABEL
from luoshi.public import feedback
from luoshi.public.evidence import public_files
from luoshi.public.forms import DecisionForm, FeedbackForm
from luoshi.public.models import Feedback
from luoshi.site.throttle import client_address
from luoshi.tracking import listing
from luoshi.tracking.measure import highlight as paragraph
from luoshi.tracking.models import Plan, ProgressReport, Target, Task
from luoshi.tracking.permissions import office_required, user_of

PAGE_SIZE = 20


def _no_progress_label() -> str:
    return _("No progress information yet")


def public_row(task: Task) -> dict[str, Any]:
    row = listing.row(task, public=True)
    if row["status"] == status.MISSING:
        row["label"] = _no_progress_label()
        row["reason"] = _("No reviewed progress for the latest month yet.")
    return row


def public_lines(task: Task) -> list[dict[str, Any]]:
    found = listing.lines(task, public=True)
    for line in found:
        if line["status"] == status.MISSING:
            line["label_text"] = _no_progress_label()
            what = line.get("label") or ""
            reason = _("No reviewed progress for the latest month yet.")
            line["reason"] = f"{what}：{reason}" if what else reason
    return found


def _counts(tasks: Any) -> list[tuple[str, str, int, str]]:
    return [
        (_no_progress_label() if code == status.MISSING else label, css, n, code)
        for label, css, n, code in listing.counts(tasks, public=True)
    ]


def own_words(text: str, start: int, end: int, marks: list[tuple[int, int]]) -> SafeString:
    """The commitment's own sentence as HTML, its targets in <strong> (a card shows this, not
    the whole paragraph, which several commitments share)."""
    pieces, cursor = [], start
    for s, e in sorted((max(s, start), min(e, end)) for s, e in marks if s < end and e > start):
        if s < cursor:
            continue
        pieces += [escape(text[cursor:s]), f'<strong class="target">{escape(text[s:e])}</strong>']
        cursor = e
    pieces.append(escape(text[cursor:end]))
    return mark_safe("".join(pieces))


def public_narrative(text: str) -> str:
    """A reviewed report's narrative for the public: without the 责任人/联系电话 line."""
    kept = [
        line
        for line in text.splitlines()
        if not (line.startswith(PERSON_LABEL) or line.startswith(PHONE_LABEL))
    ]
    return "\n".join(kept).strip()


def timeline(tasks: list[Task]) -> dict[int, list[dict[str, Any]]]:
    """Each task's approved reports, latest first, with the files marked public (two queries)."""
    shown = Prefetch("evidence", queryset=public_files().order_by("pk"), to_attr="public_files")
    reports = (
        ProgressReport.objects.filter(task__in=tasks, state=ProgressReport.APPROVED)
        .select_related("target")
        .prefetch_related(shown)
        .order_by("-period", "-reviewed_at", "-pk")
    )
    found: dict[int, list[dict[str, Any]]] = {task.pk: [] for task in tasks}
    for report in reports:
        found[report.task_id].append(
            {
                "period": report.period,
                "reviewed_at": report.reviewed_at,
                "target": report.target,
                "each_item": report.each_item,
                "value": report.value,
                "percent": report.percent,
                "narrative": public_narrative(report.narrative),
                "files": report.public_files,
            }
        )
    return found


def index(request: HttpRequest) -> HttpResponse:
    plans = (
        Plan.objects.public()
        .select_related("jurisdiction")
        .defer("source_text")
        .annotate(task_count=Count("tasks"))
        .order_by("-year", "jurisdiction__name", "-published_at")
    )
    return render(request, "public/index.html", {"plans": plans})


def plan_page(request: HttpRequest, plan_id: int) -> HttpResponse:
    plans = Plan.objects.public().select_related("jurisdiction")
    plan = get_object_or_404(plans, pk=plan_id)
    query = request.GET.copy()
    number = query.pop("page", [""])[-1]
    # The counts cover every status of the filter result; the cards only the status asked for.
    matching, filters = listing.filtered(plan.tasks.all(), query, public=True, by_status=False)
    tasks = matching
    if filters["status"] in status.STATUSES:
        tasks = matching.filter(public_status=filters["status"])
    targets = Prefetch("targets", queryset=Target.objects.order_by("order"))
    rows = tasks.select_related("lead").prefetch_related(targets).defer("status_lines")
    page = Paginator(rows, PAGE_SIZE).get_page(number)
    shown = list(page.object_list)
    updates = timeline(shown)
    cards = []
    for task in shown:
        card = public_row(task)
        marks = [(t.start, t.end) for t in task.targets.all()]
        card["source"] = own_words(plan.source_text, task.start, task.end, marks)
        card["latest"] = updates[task.pk][0] if updates[task.pk] else None
        cards.append(card)
    context = {
        "plan": plan,
        "on": plan.status_on,
        "rows": cards,
        "page": page,
        "query": query.urlencode(),
        "found": page.paginator.count,
        "counts": _counts(matching),
        "filters": filters,
        **listing.filter_choices(plan),
    }
    context["statuses"] = [
        (code, _no_progress_label() if code == status.MISSING else name)
        for code, name in context["statuses"]
    ]
    return render(request, "public/plan.html", context)


def task_page(request: HttpRequest, task_id: int) -> HttpResponse:
    tasks = Task.objects.public().select_related("plan__jurisdiction", "section", "lead")
    task = get_object_or_404(tasks, pk=task_id)
    targets = list(task.targets.order_by("order"))
    context = {
        "task": task,
        "on": task.status_on,
        "row": public_row(task),
        "updates": timeline([task])[task.pk],
        "lines": public_lines(task),
        "targets": targets,
        "supporting": task.supporting.all(),
        "source": paragraph(
            task.plan.source_text, task.start, task.end, [(t.start, t.end) for t in targets]
        ),
        "feedback": Feedback.objects.public().filter(task=task).order_by("created_at"),
    }
    return render(request, "public/task.html", context)


def leave_message(request: HttpRequest, task_id: int) -> HttpResponse:
    """The 留言 form, on a page of its own: the commitment's page sets no cookie and stays one
    page for every visitor (the page cache keeps it)."""
    task = get_object_or_404(Task.objects.public().select_related("plan"), pk=task_id)
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            feedback.submit(
                task, data["name"], data["contact"], data["text"], client_address(request)
            )
        except feedback.TooMany:
            form.add_error(None, _("Too many messages from this address; try again in an hour."))
        else:
            messages.success(
                request, _("Thank you. Your message is shown here once the office has read it.")
            )
            return redirect("public:task", task.pk)
    code = 400 if request.method == "POST" else 200
    return render(request, "public/message.html", {"task": task, "form": form}, status=code)


@office_required
def feedback_queue(request: HttpRequest) -> HttpResponse:
    """The office reads citizens' messages and decides which are shown."""
    pending = (
        Feedback.objects.visible_to(request.user)
        .filter(state=Feedback.PENDING)
        .select_related("task")
        .order_by("created_at")
    )
    return render(request, "public/feedback_queue.html", {"pending": pending})


@office_required
@require_POST
def moderate(request: HttpRequest, feedback_id: int) -> HttpResponse:
    message = get_object_or_404(Feedback.objects.visible_to(request.user), pk=feedback_id)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(_("Choose to show or not to show the message."))
    feedback.moderate(user_of(request), message, form.cleaned_data["decision"] == "approve")
    return redirect("public:feedback_queue")

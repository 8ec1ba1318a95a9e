"""Pages that read: the dashboard, a plan, a task, a department. Writes live in actions.py."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from datetime import date
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from luoshi import status
from luoshi.tracking import context_processors, fragments, snapshot
from luoshi.tracking.forms import ProgressReportForm, RevisionForm
from luoshi.tracking.measure import Measured, as_of, highlight, measure, tasks_for_status
from luoshi.tracking.models import Department, Event, Plan, ProgressReport, Task
from luoshi.tracking.permissions import can_report, find_plan, is_office, membership, scope

# The statuses' names in the user's language (their English names are the catalog's msgids).
STATUS_LABELS = {code: _(english) for code, english in status.ENGLISH.items()}
STATUS_CSS = status.CSS


def plan_for(request: HttpRequest, plan_id: int | None = None) -> Plan:
    """The plan the user asked for (or their city's latest published one) if they may see it.
    Looked up once per data version for each scope: every page of a plan starts here."""
    seen = scope(request.user)
    plan = fragments.cached(
        "plan", (seen, plan_id), lambda: find_plan(*seen, plan_id), jurisdiction=seen[0]
    )
    if plan is None:
        raise Http404(_("No published plan yet.") if plan_id is None else None)
    return plan


def _rows(measured: list[Measured]) -> list[dict[str, Any]]:
    return [
        {
            "task": m.task,
            "status": m.status,
            "label": STATUS_LABELS[m.status],
            "css": STATUS_CSS[m.status],
            "reason": m.result.reason,
            "verified": m.result.verified,
            "claimed": m.result.claimed,
        }
        for m in measured
    ]


def snapshot_rows(entries: list[snapshot.Entry], tasks: QuerySet[Task]) -> list[dict[str, Any]]:
    """`_rows` for statuses out of a snapshot: only these tasks are loaded (from `tasks`, with
    what their table needs), in the order of `entries`."""
    found = tasks.in_bulk([e.task_id for e in entries])
    return [
        {
            "task": found[e.task_id],
            "status": e.status,
            "label": STATUS_LABELS[e.status],
            "css": STATUS_CSS[e.status],
            "reason": e.reason,
            "verified": e.verified,
            "claimed": e.claimed,
        }
        for e in entries
        if e.task_id in found
    ]


FILTERS = ("section", "department", "kind", "status", "q")


def filtered(
    plan: Plan, entries: list[snapshot.Entry], query: QueryDict
) -> tuple[list[snapshot.Entry], dict[str, str]]:
    """The entries of the plan's tasks that match the filters in `query` (section, department
    as lead or supporting, type, text or number; not status), in plan order, and the filters."""
    filters = {name: query.get(name, "").strip() for name in FILTERS}
    tasks = plan.tasks.all()
    if filters["section"].isdigit():
        tasks = tasks.filter(section_id=int(filters["section"]))
    if filters["department"].isdigit():
        wanted = int(filters["department"])
        ids = Task.objects.filter(Q(lead_id=wanted) | Q(supporting__id=wanted)).values("id")
        tasks = tasks.filter(id__in=ids)
    if filters["kind"]:
        tasks = tasks.filter(kind=filters["kind"])
    if filters["q"]:
        tasks = tasks.filter(Q(text__icontains=filters["q"]) | Q(code__iexact=filters["q"]))
    by_task = snapshot.by_task(entries)
    found = [by_task[pk] for pk in tasks.values_list("pk", flat=True) if pk in by_task]
    return found, filters


def filter_choices(plan: Plan) -> dict[str, Any]:
    """What the filter form (tracking/_task_filters.html) offers."""
    return {
        "sections": plan.sections.all(),
        "departments": Department.objects.filter(jurisdiction=plan.jurisdiction_id),
        "kinds": Task.KINDS,
        "statuses": [(s, STATUS_LABELS[s]) for s in status.STATUSES],
    }


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    try:
        plan = plan_for(request)
    except Http404:
        if is_office(request.user):
            return redirect("tracking:import")
        return render(request, "tracking/no_plan.html")
    on = as_of(request)
    body = fragments.render(
        "tracking/_dashboard.html",
        (plan.pk, on),
        lambda: _dashboard_context(plan, on),
        jurisdiction=plan.jurisdiction_id,
    )
    return render(request, "tracking/dashboard.html", {"plan": plan, "body": body})


def _dashboard_context(plan: Plan, on: date) -> dict[str, Any]:
    entries = snapshot.statuses(plan, on)
    counts = Counter(e.status for e in entries)
    by_section: dict[str, Counter[str]] = defaultdict(Counter)
    by_lead: dict[int | None, Counter[str]] = defaultdict(Counter)
    for e in entries:
        by_section[e.section][e.status] += 1
        by_lead[e.lead_id][e.status] += 1
    departments = Department.objects.in_bulk([pk for pk in by_lead if pk is not None])
    by_department = {departments.get(pk) if pk else None: tally for pk, tally in by_lead.items()}
    league: list[dict[str, Any]] = []
    for department, tally in by_department.items():
        total = sum(tally.values())
        good = tally[status.COMPLETE] + tally[status.AHEAD] + tally[status.ON_TRACK]
        league.append(
            {
                "department": department,
                "total": total,
                "good": good,
                "share": good / total,
                "tally": [tally[s] for s in status.STATUSES],
            }
        )
    league.sort(key=lambda row: (-row["share"], -row["total"]))
    chart = {
        "statuses": [str(STATUS_LABELS[s]) for s in status.STATUSES],
        "counts": [counts[s] for s in status.STATUSES],
        "sections": list(by_section),
        "by_section": [[by_section[name][s] for name in by_section] for s in status.STATUSES],
    }
    return {
        "plan": plan,
        "on": on,
        "counts": [(STATUS_LABELS[s], STATUS_CSS[s], counts[s], s) for s in status.STATUSES],
        "total": len(entries),
        "sections": [
            (name, [tally[s] for s in status.STATUSES]) for name, tally in by_section.items()
        ],
        "league": league,
        "overdue": snapshot_rows(
            [e for e in entries if e.status == status.OVERDUE], plan.tasks.select_related("lead")
        ),
        "chart": chart,
        "status_labels": [STATUS_LABELS[s] for s in status.STATUSES],
        "echarts": context_processors.echarts_installed(),
    }


PLAN_PAGE_SIZE = 50


@login_required
def plan_page(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = plan_for(request, plan_id)
    on = as_of(request)
    query, number, parts = fragments.listing(request)
    body = fragments.render(
        "tracking/_plan.html",
        (plan.pk, on, parts),
        lambda: _plan_context(plan, on, query, number),
        jurisdiction=plan.jurisdiction_id,
    )
    return render(request, "tracking/plan.html", {"plan": plan, "body": body})


def _plan_context(plan: Plan, on: date, query: QueryDict, number: str) -> dict[str, Any]:
    entries, filters = filtered(plan, snapshot.statuses(plan, on), query)
    if filters["status"] in STATUS_LABELS:
        entries = [e for e in entries if e.status == filters["status"]]
    page = Paginator(entries, PLAN_PAGE_SIZE).get_page(number)
    return {
        "plan": plan,
        "on": on,
        "rows": snapshot_rows(list(page.object_list), plan.tasks.select_related("lead")),
        "page": page,
        "query": query.urlencode(),
        "total": len(entries),
        "filters": filters,
        **filter_choices(plan),
    }


def task_in_scope(request: HttpRequest, task_id: int) -> Task:
    """The task if the user may see it: their city's, and published unless they are the office.
    Looked up once per data version for each scope."""
    seen = scope(request.user)
    task = fragments.cached(
        "task", (seen, task_id), lambda: _find_task(*seen, task_id), jurisdiction=seen[0]
    )
    if task is None:
        raise Http404
    return task


def _find_task(jurisdiction_id: int | None, office: bool, task_id: int) -> Task | None:
    tasks = Task.objects.select_related("plan").defer("plan__source_text")
    if jurisdiction_id is not None:
        tasks = tasks.filter(plan__jurisdiction=jurisdiction_id)
    if not office:
        tasks = tasks.filter(plan__state=Plan.PUBLISHED)
    return tasks.filter(pk=task_id).first()


@login_required
def task_page(request: HttpRequest, task_id: int) -> HttpResponse:
    return render_task(request, task_in_scope(request, task_id))


def render_task(
    request: HttpRequest,
    task: Task,
    form: ProgressReportForm | None = None,
    revision: RevisionForm | None = None,
    status_code: int = 200,
) -> HttpResponse:
    on = as_of(request)
    reporter = can_report(request.user, task)
    city = task.plan.jurisdiction_id
    if reporter and form is None:
        period = status.reference_period(task.plan.year, task.deadline or on, on)
        initial = period or f"{task.plan.year}-01"
        form = ProgressReportForm(task, today=on, initial={"period": initial})
    office = is_office(request.user)
    shown = form if reporter and form is not None and form.reportable else None
    revision_fields = ""
    if office:
        revision_fields = _fields("revision", task, revision or (lambda: RevisionForm(task)))
    return render(
        request,
        "tracking/task.html",
        {
            "task": task,
            "head": fragments.render(
                "tracking/_task_head.html",
                (task.pk, on),
                lambda: _task_head(task, on),
                jurisdiction=city,
            ),
            "history": fragments.render(
                "tracking/_task_history.html",
                task.pk,
                lambda: _task_history(task),
                jurisdiction=city,
            ),
            "form": shown,
            "form_fields": _fields("report", task, shown, on) if shown else "",
            "measured_live": reporter and form is not None and not form.reportable,
            "revision": office,
            "revision_fields": revision_fields,
        },
        status=status_code,
    )


def _task_head(task: Task, on: date) -> dict[str, Any]:
    task = tasks_for_status(Task.objects.filter(pk=task.pk)).get()
    [measured] = measure([task], on)
    targets = list(task.targets.all())
    marks = [(t.start, t.end) for t in targets]
    return {
        "task": task,
        "source": highlight(task.plan.source_text, task.start, task.end, marks),
        "targets": targets,
        "result": measured.result,
        "label": STATUS_LABELS[measured.status],
        "css": STATUS_CSS[measured.status],
        "lines": [
            (line, STATUS_LABELS[line.status], STATUS_CSS[line.status])
            for line in measured.result.lines
        ],
    }


def _task_history(task: Task) -> dict[str, Any]:
    reports = (
        ProgressReport.objects.filter(task=task)
        .select_related("target", "submitted_by", "reviewer")
        .prefetch_related("evidence")
    )
    return {"reports": reports, "events": Event.objects.filter(task=task).select_related("actor")}


def _fields(
    name: str, task: Task, form: BaseForm | Callable[[], BaseForm], on: date | None = None
) -> SafeString:
    """A task's form's fields: a blank form's once per data version (`form` may then be a
    function that makes it), a filled-in one every time."""
    if isinstance(form, BaseForm) and form.is_bound:
        return mark_safe(render_to_string("tracking/_fields.html", {"form": form}))
    make = form if callable(form) else (lambda: form)
    return fragments.render(
        "tracking/_fields.html",
        (name, task.pk, on),
        lambda: {"form": make()},
        jurisdiction=task.plan.jurisdiction_id,
    )


@login_required
def my_department(request: HttpRequest) -> HttpResponse:
    member = membership(request.user)
    if member is None or member.department_id is None:
        return redirect("tracking:dashboard")
    return redirect("tracking:department", member.department_id)


@login_required
def department_page(request: HttpRequest, department_id: int) -> HttpResponse:
    member = membership(request.user)
    departments = Department.objects.select_related("jurisdiction")
    if member is not None:
        departments = departments.filter(jurisdiction=member.jurisdiction_id)
    department = get_object_or_404(departments, pk=department_id)
    plan = plan_for(request)
    on = as_of(request)
    led = tasks_for_status(plan.tasks.filter(lead=department))
    measured = measure(led, on)
    period = status.reference_period(plan.year, date(plan.year, 12, 31), on)
    due = [m for m in measured if m.status in (status.MISSING, status.OVERDUE, status.BEHIND)]
    supporting = plan.tasks.filter(supporting=department).select_related("lead")
    returned = ProgressReport.objects.filter(
        task__plan=plan, task__lead=department, state=ProgressReport.RETURNED
    ).select_related("task", "reviewer")
    return render(
        request,
        "tracking/department.html",
        {
            "department": department,
            "plan": plan,
            "on": on,
            "period": period,
            "due": _rows(due),
            "rows": _rows(measured),
            "supporting": supporting,
            "returned": returned,
            "mine": member is not None and member.department_id == department.pk,
        },
    )

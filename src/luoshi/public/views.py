"""The public page: published plans and their commitments, no login.

Only published plans are found (a draft answers 404, as if it did not exist) and statuses come
from approved reports and the ledger's live values only (see tracking.measure).
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, render

from luoshi.public import published
from luoshi.tracking import fragments, snapshot, status
from luoshi.tracking.measure import as_of, highlight, measure, tasks_for_status
from luoshi.tracking.models import Department, Plan, Target, Task
from luoshi.tracking.views import STATUS_CSS, STATUS_LABELS

PAGE_SIZE = 20


def index(request: HttpRequest) -> HttpResponse:
    plans = (
        published.plans()
        .select_related("jurisdiction")
        .defer("source_text")
        .annotate(task_count=Count("tasks"))
        .order_by("-year", "jurisdiction__name", "-published_at")
    )
    return render(request, "public/index.html", {"plans": plans})


def plan_page(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = get_object_or_404(
        published.plans().select_related("jurisdiction").defer("source_text"), pk=plan_id
    )
    on = as_of(request)
    query = request.GET.copy()
    number = query.pop("page", [""])[-1]
    body = fragments.render(
        "public/_plan.html",
        (plan.pk, on, sorted(query.lists()), number),
        lambda: _plan_context(plan, on, query, number),
        jurisdiction=plan.jurisdiction_id,
    )
    return render(request, "public/plan.html", {"plan": plan, "body": body})


def _plan_context(plan: Plan, on: date, query: QueryDict, number: str) -> dict[str, Any]:
    filters = {
        name: query.get(name, "").strip()
        for name in ("section", "department", "kind", "status", "q")
    }
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
    # Statuses of the whole plan as the public sees them (computed once per data version),
    # then the filter on status, then a page of rows.
    statuses = snapshot.by_task(snapshot.statuses(plan, on, approved_only=True))
    matching = [pk for pk in tasks.values_list("pk", flat=True) if pk in statuses]
    counts = Counter(statuses[pk].status for pk in matching)
    if filters["status"] in STATUS_LABELS:
        matching = [pk for pk in matching if statuses[pk].status == filters["status"]]
    page = Paginator(matching, PAGE_SIZE).get_page(number)
    shown = (
        plan.tasks.select_related("lead")
        .prefetch_related(Prefetch("targets", queryset=Target.objects.order_by("order")))
        .in_bulk(page.object_list)
    )
    rows = []
    for pk in page.object_list:
        task, entry = shown[pk], statuses[pk]
        rows.append(
            {
                "task": task,
                "label": STATUS_LABELS[entry.status],
                "css": STATUS_CSS[entry.status],
                "reason": entry.reason,
                "verified": entry.verified,
                "source": highlight(
                    plan.source_text,
                    task.start,
                    task.end,
                    [(t.start, t.end) for t in task.targets.all()],
                ),
            }
        )
    return {
        "plan": plan,
        "on": on,
        "rows": rows,
        "page": page,
        "query": query.urlencode(),
        "found": len(matching),
        "counts": [(STATUS_LABELS[s], STATUS_CSS[s], counts[s], s) for s in status.STATUSES],
        "sections": plan.sections.all(),
        "departments": Department.objects.filter(jurisdiction=plan.jurisdiction_id),
        "kinds": Task.KINDS,
        "statuses": [(s, STATUS_LABELS[s]) for s in status.STATUSES],
        "filters": filters,
    }


def task_page(request: HttpRequest, task_id: int) -> HttpResponse:
    task = get_object_or_404(
        published.tasks().select_related("plan__jurisdiction").defer("plan__source_text"),
        pk=task_id,
    )
    on = as_of(request)
    body = fragments.render(
        "public/_task.html",
        (task.pk, on),
        lambda: _task_context(task.pk, on),
        jurisdiction=task.plan.jurisdiction_id,
    )
    return render(request, "public/task.html", {"task": task, "body": body})


def _task_context(task_id: int, on: date) -> dict[str, Any]:
    task = tasks_for_status(Task.objects.filter(pk=task_id)).defer(None).get()
    [measured] = measure([task], on, approved_only=True)
    targets = list(task.targets.all())
    return {
        "task": task,
        "on": on,
        "label": STATUS_LABELS[measured.status],
        "css": STATUS_CSS[measured.status],
        "result": measured.result,
        "targets": targets,
        "source": highlight(
            task.plan.source_text, task.start, task.end, [(t.start, t.end) for t in targets]
        ),
        "lines": [
            (line, STATUS_LABELS[line.status], STATUS_CSS[line.status])
            for line in measured.result.lines
        ],
    }

"""The public page: published plans and their commitments, no login.

Only published plans are found (a draft answers 404, as if it did not exist) and statuses come
from approved reports and the ledger's live values only (see tracking.measure).
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, render

from luoshi import status
from luoshi.public import published
from luoshi.tracking import fragments, snapshot
from luoshi.tracking.measure import as_of, highlight, measure, tasks_for_status
from luoshi.tracking.models import Plan, Target, Task
from luoshi.tracking.views import (
    STATUS_CSS,
    STATUS_LABELS,
    filter_choices,
    filtered,
    snapshot_rows,
)

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
    query, number, parts = fragments.listing(request)
    body = fragments.render(
        "public/_plan.html",
        (plan.pk, on, parts),
        lambda: _plan_context(plan, on, query, number),
        jurisdiction=plan.jurisdiction_id,
    )
    return render(request, "public/plan.html", {"plan": plan, "body": body})


def _plan_context(plan: Plan, on: date, query: QueryDict, number: str) -> dict[str, Any]:
    # Statuses of the whole plan as the public sees them (computed once per data version),
    # then the filters, then a page of rows.
    public = snapshot.statuses(plan, on, approved_only=True)
    entries, filters = filtered(plan, public, query)
    counts = Counter(e.status for e in entries)
    if filters["status"] in STATUS_LABELS:
        entries = [e for e in entries if e.status == filters["status"]]
    page = Paginator(entries, PAGE_SIZE).get_page(number)
    targets = Prefetch("targets", queryset=Target.objects.order_by("order"))
    tasks = plan.tasks.select_related("lead").prefetch_related(targets)
    rows = snapshot_rows(list(page.object_list), tasks)
    for row in rows:
        task = row["task"]
        marks = [(t.start, t.end) for t in task.targets.all()]
        row["source"] = highlight(plan.source_text, task.start, task.end, marks)
    return {
        "plan": plan,
        "on": on,
        "rows": rows,
        "page": page,
        "query": query.urlencode(),
        "found": len(entries),
        "counts": [(STATUS_LABELS[s], STATUS_CSS[s], counts[s], s) for s in status.STATUSES],
        "filters": filters,
        **filter_choices(plan),
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

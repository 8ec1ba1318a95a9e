"""The public page: published plans and their commitments, no login.

Only published plans are found (a draft answers 404, as if it did not exist) and the statuses
shown are the public ones stored on each task: from approved reports and the ledger's live values
only (see tracking.statuses), so a claim awaiting review shows nowhere.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from luoshi import status
from luoshi.tracking import listing
from luoshi.tracking.measure import highlight
from luoshi.tracking.models import Plan, Target, Task

PAGE_SIZE = 20


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
    cards = []
    for task in page.object_list:
        card = listing.row(task, public=True)
        marks = [(t.start, t.end) for t in task.targets.all()]
        card["source"] = highlight(plan.source_text, task.start, task.end, marks)
        cards.append(card)
    context = {
        "plan": plan,
        "on": plan.status_on,
        "rows": cards,
        "page": page,
        "query": query.urlencode(),
        "found": page.paginator.count,
        "counts": listing.counts(matching, public=True),
        "filters": filters,
        **listing.filter_choices(plan),
    }
    return render(request, "public/plan.html", context)


def task_page(request: HttpRequest, task_id: int) -> HttpResponse:
    tasks = Task.objects.public().select_related("plan__jurisdiction", "section", "lead")
    task = get_object_or_404(tasks, pk=task_id)
    targets = list(task.targets.order_by("order"))
    context = {
        "task": task,
        "on": task.status_on,
        "row": listing.row(task, public=True),
        "lines": listing.lines(task, public=True),
        "targets": targets,
        "supporting": task.supporting.all(),
        "source": highlight(
            task.plan.source_text, task.start, task.end, [(t.start, t.end) for t in targets]
        ),
    }
    return render(request, "public/task.html", context)

"""The 分工 editor: a draft plan's tasks one section (or one filter result) at a time, with the
source highlighted and the suggestions' reasons; merge, split, drop; bulk assignment; and
publishing, which lists what is missing and refuses until it is fixed or accepted."""

from __future__ import annotations

import re
from collections import Counter
from contextlib import suppress
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from luoshi.tracking import drafts, plans, services
from luoshi.tracking.editor_forms import BulkForm, DraftForm, PublishForm, SplitForm
from luoshi.tracking.measure import highlight
from luoshi.tracking.models import Plan, Task
from luoshi.tracking.permissions import office_required, user_of

PAGE_SIZE = 20
FILTERS = ("section", "missing", "q")


def _draft(request: HttpRequest, plan_id: int) -> Plan:
    plans_ = Plan.objects.visible_to(request.user).select_related("jurisdiction")
    return get_object_or_404(plans_, pk=plan_id)


def _chosen(plan: Plan, query: QueryDict) -> tuple[QuerySet[Task], dict[str, Any]]:
    """The tasks the editor's filters choose, and the filters as understood; with no filter,
    the first section that has tasks."""
    tasks = plan.tasks.all()
    chosen: dict[str, Any] = {"section": None, "missing": "", "q": ""}
    section = query.get("section", "")
    if re.fullmatch(r"[0-9]{1,9}", section):
        chosen["section"] = int(section)
    missing = query.get("missing", "")
    if missing in drafts.PROBLEMS:
        chosen["missing"] = missing
        tasks = tasks.filter(drafts.missing(missing))
    words = query.get("q", "").strip()[:100]
    if words:
        chosen["q"] = words
        tasks = tasks.filter(text__contains=words)
    if section == "" and not missing and not words:
        first = plan.tasks.order_by("order").values_list("section_id", flat=True).first()
        chosen["section"] = first
    if chosen["section"] is not None:
        tasks = tasks.filter(section_id=chosen["section"])
    elif section == "none":
        tasks = tasks.filter(section__isnull=True)
    return tasks.order_by("order", "pk"), chosen


def _back(plan: Plan, data: QueryDict) -> str:
    """The editor's page the user came from: its filters and page, from the form's `back`."""
    query = QueryDict(data.get("back", "")[:500], mutable=True)
    kept = QueryDict(mutable=True)
    for key in (*FILTERS, "page"):
        if key in query:
            kept[key] = str(query[key])[:100]
    url = reverse("tracking:preview", args=[plan.pk])
    return f"{url}?{kept.urlencode()}" if kept else url


def _sections(plan: Plan) -> list[dict[str, Any]]:
    """The section menu: each section with its tasks, and how many lack a lead."""
    rows = (
        plan.tasks.order_by()
        .values("section_id", "section__title", "section__order")
        .annotate(n=Count("id"), unled=Count("id", filter=Q(lead__isnull=True)))
        .order_by("section__order")
    )
    return [
        {
            "pk": r["section_id"],
            "title": r["section__title"] or "—",
            "n": r["n"],
            "unled": r["unled"],
        }
        for r in rows
    ]


@office_required
def preview(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _draft(request, plan_id)
    if plan.state != Plan.DRAFT:
        messages.info(request, _("The plan is published: change a task by a revision on its page."))
        return redirect("tracking:plan", plan.pk)
    tasks, chosen = _chosen(plan, request.GET)
    page = Paginator(tasks, PAGE_SIZE).get_page(request.GET.get("page"))
    on_page = list(
        Task.objects.filter(pk__in=[t.pk for t in page.object_list])
        .select_related("lead", "section", "plan")
        .prefetch_related("targets", "supporting")
        .order_by("order", "pk")
    )
    form = DraftForm(plan, on_page, request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            _save_assignments(request, plan, form)
            messages.success(request, _("Assignments saved."))
            return redirect(_back(plan, request.POST))
        messages.error(request, _("Some tasks could not be saved; see the messages beside them."))
    return _render(request, plan, page, on_page, form, chosen, status=400 if form.errors else 200)


def _render(
    request: HttpRequest,
    plan: Plan,
    page: Any,
    tasks: list[Task],
    form: DraftForm,
    chosen: dict[str, Any],
    status: int = 200,
    publish: PublishForm | None = None,
) -> HttpResponse:
    query = request.GET.copy()
    query.pop("page", None)
    last = plan.tasks.order_by("-order", "-pk").values_list("pk", flat=True).first()
    rows = [
        {
            "task": task,
            "source": highlight(
                plan.source_text,
                task.start,
                task.end,
                [(t.start, t.end) for t in task.targets.all()],
            ),
            "fields": [
                form[f"{name}-{task.pk}"] for name in ("lead", "supporting", "deadline", "nodes")
            ],
            "splits": drafts.boundaries(plan.source_text, task),
            "last": task.pk == last,
            "unitless": [t for t in task.targets.all() if not t.unit],
        }
        for task in tasks
        if f"lead-{task.pk}" in form.fields
    ]
    context = {
        "plan": plan,
        "other_plans": plans.others(request.user, plan),
        "plan_above": plans.above(request.user, plan),
        "rows": rows,
        "form": form,
        "page": page,
        "total": page.paginator.count,
        "query": query.urlencode(),
        "back": request.GET.urlencode(),
        "chosen": chosen,
        "sections": _sections(plan),
        "problems": drafts.problems(plan),
        "bulk": BulkForm(plan),
        "publish": publish or PublishForm(),
        "count": plan.tasks.count(),
    }
    return render(request, "tracking/preview.html", context, status=status)


def _save_assignments(request: HttpRequest, plan: Plan, form: DraftForm) -> None:
    user = user_of(request)
    for task in form.tasks:
        drafts.edit(user, plan, task, **form.values(task))


def _draft_task(request: HttpRequest, task_id: int) -> Task | None:
    """The task if it is in a draft the office sees; None (with a message) if published."""
    tasks = Task.objects.visible_to(request.user).select_related("plan__jurisdiction", "lead")
    task = get_object_or_404(tasks, pk=task_id)
    if task.plan.state != Plan.DRAFT:
        messages.error(
            request, _("The plan is published: change a task by a revision on its page.")
        )
        return None
    return task


@require_POST
@office_required
def merge_next(request: HttpRequest, task_id: int) -> HttpResponse:
    task = _draft_task(request, task_id)
    if task is None:
        return redirect("tracking:task", task_id)
    if drafts.merge_next(user_of(request), task.plan, task) is None:
        messages.error(request, _("This is the last task: there is no next one to merge."))
    else:
        messages.success(request, _("%(code)s now holds the next task too.") % {"code": task.code})
    return redirect(_back(task.plan, request.POST))


@require_POST
@office_required
def split_task(request: HttpRequest, task_id: int) -> HttpResponse:
    task = _draft_task(request, task_id)
    if task is None:
        return redirect("tracking:task", task_id)
    form = SplitForm(request.POST)
    points = {at for at, _text in drafts.boundaries(task.plan.source_text, task)}
    if not form.is_valid() or form.cleaned_data["at"] not in points:
        messages.error(request, _("Choose the sentence at which the task is split."))
        return redirect(_back(task.plan, request.POST))
    second = drafts.split(user_of(request), task.plan, task, form.cleaned_data["at"])
    messages.success(request, _("Split: the second part is now %(code)s.") % {"code": second.code})
    return redirect(_back(task.plan, request.POST))


@require_POST
@office_required
def drop_task(request: HttpRequest, task_id: int) -> HttpResponse:
    task = _draft_task(request, task_id)
    if task is None:
        return redirect("tracking:task", task_id)
    drafts.drop(user_of(request), task.plan, task)
    messages.success(request, _("%(code)s removed: it is not a task.") % {"code": task.code})
    return redirect(_back(task.plan, request.POST))


@require_POST
@office_required
def bulk_assign(request: HttpRequest, plan_id: int) -> HttpResponse:
    """One lead for every task of the current section or filter result (all its pages)."""
    plan = _draft(request, plan_id)
    if plan.state != Plan.DRAFT:
        return redirect("tracking:plan", plan.pk)
    form = BulkForm(plan, request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the lead department to assign."))
        return redirect(_back(plan, request.POST))
    query = QueryDict(request.POST.get("back", "")[:500])
    tasks, _chosen_filters = _chosen(plan, query)
    changed = drafts.bulk_assign(user_of(request), plan, tasks, form.cleaned_data["lead"])
    messages.success(
        request,
        _("%(department)s now leads %(n)s more tasks.")
        % {"department": form.cleaned_data["lead"].name, "n": changed},
    )
    return redirect(_back(plan, request.POST))


@require_POST
@office_required
def publish(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Publishes once every problem is fixed or its class accepted; otherwise lists them."""
    plan = _draft(request, plan_id)
    if plan.state != Plan.DRAFT:
        return redirect("tracking:plan", plan.pk)
    form = PublishForm(request.POST)
    form.is_valid()  # checkboxes only: always valid
    found = drafts.problems(plan)
    open_ = [p for p in found if p.tasks and not form.cleaned_data.get(f"accept-{p.code}")]
    if open_:
        counts = Counter({str(p.label): len(p.tasks) for p in open_})
        listed = "；".join(f"{label} {n}" for label, n in counts.items())
        messages.error(
            request,
            _("Not published. Fix these or tick “publish anyway” for each: %(list)s.")
            % {"list": listed},
        )
        return redirect(_back(plan, request.POST) + "#publish")
    accepted = {p.code: len(p.tasks) for p in found if p.tasks}
    with suppress(services.Conflict):  # published by someone else meanwhile: what was asked
        services.publish_plan(user_of(request), plan.pk, accepted=accepted)
    messages.success(request, _("The plan is published; departments can report on it."))
    return redirect("tracking:plan", plan.pk)

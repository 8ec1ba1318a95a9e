"""Ledger pages: the list, a project, the funnel, stalled projects, the figures behind targets."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from luoshi.ledger import live
from luoshi.ledger.entry import EntryForm
from luoshi.ledger.forms import FilterForm, InvestmentForm, MoveForm, ProjectForm
from luoshi.ledger.models import Binding, Project
from luoshi.ledger.permissions import can_edit, city_of
from luoshi.ledger.stages import move
from luoshi.ledger.transitions import STAGES, MoveRefused, rules
from luoshi.tracking import measure, services
from luoshi.tracking.permissions import is_office, user_of

PAGE_SIZE = 50
FUNNEL = ["signed", "started", "completed", "operating"]
YI = Decimal(10**8)


def _projects(request: HttpRequest) -> Any:
    return Project.objects.visible_to(request.user)


@login_required
def ledger(request: HttpRequest) -> HttpResponse:
    city = city_of(request)
    query = request.GET.copy()
    number = query.pop("page", [""])[-1]
    form = FilterForm(city, query or None)
    projects = form.apply(Project.objects.in_reserve().filter(jurisdiction=city))
    page = Paginator(
        projects.select_related("district", "department").order_by("code"), PAGE_SIZE
    ).get_page(number)
    context = {
        "city": city,
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "stage_names": {s.code: s.name for s in rules().stages},
        "tier_names": rules().tiers,
    }
    return render(request, "ledger/list.html", context)


def _project_or_404(request: HttpRequest, project_id: int) -> Project:
    return get_object_or_404(
        _projects(request).select_related("district", "department"), pk=project_id
    )


@login_required
def project_page(
    request: HttpRequest,
    project_id: int,
    move_form: MoveForm | None = None,
    edit_form: ProjectForm | None = None,
    status: int = 200,
) -> HttpResponse:
    project = _project_or_404(request, project_id)
    editable = can_edit(request.user, project)
    city = city_of(request)
    if editable:
        move_form = move_form or MoveForm(initial={"on": measure.today()})
        edit_form = edit_form or ProjectForm(
            instance=project, city=city, office=is_office(request.user)
        )
    return render(
        request,
        "ledger/project.html",
        {
            "project": project,
            "changes": project.changes.select_related("actor"),
            "investments": project.investments.all(),
            "tasks": project.tasks.select_related("plan").defer("plan__source_text"),
            "stage_names": {s.code: s.name for s in rules().stages},
            "tier_names": rules().tiers,
            "stages": [(s.code, s.name, project.reached(s.code)) for s in rules().stages],
            "move_form": move_form if editable else None,
            "edit_form": edit_form if editable else None,
            "entry_form": EntryForm() if is_office(request.user) else None,
            "money_form": InvestmentForm(initial={"year": measure.today().year})
            if editable
            else None,
        },
        status=status,
    )


@require_POST
@login_required
def move_project(request: HttpRequest, project_id: int) -> HttpResponse:
    project = _project_or_404(request, project_id)
    if not can_edit(request.user, project):
        raise PermissionDenied
    form = MoveForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            move(
                project,
                data["to_stage"],
                data["on"],
                reason=data["reason"],
                evidence=data["evidence"],
                evidence_file=data["evidence_file"],
                actor=user_of(request),
                today=measure.today(),
            )
        except MoveRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, _("Stage changed."))
            return redirect("ledger:project", project.pk)
    return project_page(request, project_id, move_form=form, status=400)


@require_POST
@login_required
def edit_project(request: HttpRequest, project_id: int) -> HttpResponse:
    project = _project_or_404(request, project_id)
    if not can_edit(request.user, project):
        raise PermissionDenied
    form = ProjectForm(
        request.POST, instance=project, city=city_of(request), office=is_office(request.user)
    )
    if not form.is_valid():
        return project_page(request, project_id, edit_form=form, status=400)
    with transaction.atomic():
        project = form.save(commit=False)
        if project.entry == Project.RETURNED and not is_office(request.user):
            project.entry = Project.PENDING  # corrected: back to the office's queue
        project.save()
        services.live_values_changed({project.jurisdiction_id})
    messages.success(request, _("Project saved."))
    return redirect("ledger:project", project.pk)


@login_required
def funnel(request: HttpRequest) -> HttpResponse:
    city = city_of(request)
    rows = (
        Project.objects.in_reserve()
        .filter(jurisdiction=city)
        .values_list("district__name", "stage")
        .annotate(n=Count("id"), money=Sum("total_investment"))
    )
    tally: dict[str, dict[str, list[Any]]] = defaultdict(
        lambda: {s: [0, Decimal(0)] for s in FUNNEL}
    )
    for district, stage, n, money in rows:
        for line in (district or "市本级", _("whole city")):
            for step in FUNNEL:
                if STAGES.index(stage) >= STAGES.index(step):
                    tally[line][step][0] += n
                    tally[line][step][1] += money or 0
    names = {s.code: s.name for s in rules().stages}
    order = [_("whole city"), *sorted(k for k in tally if k != _("whole city"))]
    table = [
        (line, [(tally[line][s][0], tally[line][s][1] / YI) for s in FUNNEL])
        for line in order
        if line in tally
    ]
    chart = {
        "stages": [names[s] for s in FUNNEL],
        "lines": [
            {"name": line, "counts": [c for c, _ in cells], "money": [float(m) for _, m in cells]}
            for line, cells in table
        ],
    }
    return render(
        request,
        "ledger/funnel.html",
        {"table": table, "stage_names": [names[s] for s in FUNNEL], "chart": chart},
    )


@login_required
def alerts(request: HttpRequest) -> HttpResponse:
    today = measure.today()
    stalled = Q(pk__in=[])
    limits = []
    for stage in rules().stages:
        if stage.alert_days:
            since = today - timedelta(days=stage.alert_days)
            stalled |= Q(stage=stage.code, stage_since__lt=since)
            limits.append((stage.name, stage.alert_days))
    projects = (
        _projects(request)
        .in_reserve()
        .filter(stalled)
        .select_related("district", "department")
        .order_by("stage_since")
    )
    page = Paginator(projects, PAGE_SIZE).get_page(request.GET.get("page"))
    for project in page:
        project.idle_days = (today - project.stage_since).days
    return render(
        request,
        "ledger/alerts.html",
        {
            "page": page,
            "limits": limits,
            "today": today,
            "stage_names": {s.code: s.name for s in rules().stages},
        },
    )


@login_required
def targets(request: HttpRequest) -> HttpResponse:
    city = city_of(request)
    bindings = list(
        Binding.objects.filter(target__task__plan__jurisdiction=city)
        .select_related("target__task__plan")
        .defer("target__task__plan__source_text")
        .order_by("target__task__order")
    )
    on = measure.today()
    rows = []
    by_plan: dict[int, list[Binding]] = defaultdict(list)
    for binding in bindings:
        by_plan[binding.target.task.plan_id].append(binding)
    for group in by_plan.values():
        plan = group[0].target.task.plan
        for binding, result in zip(group, live.figures(group, plan.year, city.pk, on), strict=True):
            rows.append((binding, sorted(result.values.items())))
    return render(request, "ledger/targets.html", {"rows": rows, "on": on})


@login_required
def target_page(request: HttpRequest, target_id: int) -> HttpResponse:
    city = city_of(request)
    binding = get_object_or_404(
        Binding.objects.select_related("target__task__plan").defer(
            "target__task__plan__source_text"
        ),
        target_id=target_id,
        target__task__plan__jurisdiction=city,
    )
    plan = binding.target.task.plan
    on = measure.today()
    [result] = live.figures([binding], plan.year, city.pk, on)
    ids = [pk for members in result.members.values() for pk in members]
    projects = {
        p.pk: p for p in Project.objects.filter(pk__in=ids).select_related("district", "department")
    }
    lines = [
        (line, value, [projects[pk] for pk in result.members[line]])
        for line, value in result.values.items()
    ]
    return render(
        request,
        "ledger/target.html",
        {
            "binding": binding,
            "target": binding.target,
            "lines": lines,
            "on": on,
            "stage_names": {s.code: s.name for s in rules().stages},
        },
    )

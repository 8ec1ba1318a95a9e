"""Many plans: the list per jurisdiction and year, the switcher in the header, the other plans
beside the one a page shows, and archiving (an archived plan stays readable, takes no reports)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Case, Count, When
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from luoshi.tracking import division_export, pagecache, services
from luoshi.tracking.models import Event, Plan
from luoshi.tracking.permissions import membership, office_required, user_of

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SWITCHER_SIZE = 12  # plans in the header's menu; the list has them all


def visible_plans(user: Any) -> Any:
    return Plan.objects.visible_to(user).select_related("jurisdiction").defer("source_text")


def switcher(user: Any) -> list[Plan]:
    """The header's plans: the active ones of the user's jurisdiction first, then the active
    ones below it, newest first."""
    member = membership(user)
    plans = visible_plans(user).filter(state=Plan.PUBLISHED)
    if member is not None:
        own = Case(When(jurisdiction_id=member.jurisdiction_id, then=0), default=1)
        plans = plans.annotate(own=own).order_by("own", "-year", "jurisdiction__name", "pk")
    else:
        plans = plans.order_by("-year", "jurisdiction__name", "pk")
    return list(plans[:SWITCHER_SIZE])


def others(user: Any, plan: Plan) -> list[Plan]:
    """The other plans of the plan's jurisdiction the user sees (drafts for the office),
    newest first: what a page about one plan links to."""
    plans = visible_plans(user).filter(jurisdiction_id=plan.jurisdiction_id).exclude(pk=plan.pk)
    return list(plans.order_by("-year", "state", "pk"))


def above(user: Any, plan: Plan) -> Plan | None:
    """The plan of the same year of the jurisdiction above the plan's (a county's city), if
    the user sees it: its overview rolls the county up. The published one first."""
    if plan.jurisdiction.parent_id is None:
        return None
    plans = visible_plans(user).filter(
        jurisdiction_id=plan.jurisdiction.parent_id,
        year=plan.year,
        state__in=(Plan.PUBLISHED, Plan.ARCHIVED),
    )
    first = Case(When(state=Plan.PUBLISHED, then=0), default=1)
    return plans.annotate(first=first).order_by("first", "pk").first()


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    """Every plan the user sees, by jurisdiction and year, with its task count."""
    plans = (
        visible_plans(request.user)
        .annotate(tasks_count=Count("tasks"))
        .order_by("jurisdiction__parent_id", "jurisdiction__name", "-year", "pk")
    )
    member = membership(request.user)
    groups: dict[int, dict[str, Any]] = {}
    for plan in plans:
        group = groups.setdefault(
            plan.jurisdiction_id, {"jurisdiction": plan.jurisdiction, "years": {}}
        )
        group["years"].setdefault(plan.year, []).append(plan)
    # The user's own jurisdiction first, then those below it.
    own = member.jurisdiction_id if member else None
    ordered = sorted(groups.values(), key=lambda g: g["jurisdiction"].pk != own)
    return render(request, "tracking/plans.html", {"groups": ordered})


@require_POST
@office_required
def set_plan_state(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Archive an active plan, or make an archived one active again (drafts publish through
    the 分工 editor)."""
    plan = get_object_or_404(visible_plans(request.user), pk=plan_id)
    wanted = request.POST.get("state", "")
    moves = {Plan.PUBLISHED: Plan.ARCHIVED, Plan.ARCHIVED: Plan.PUBLISHED}
    if moves.get(plan.state) != wanted:
        messages.error(request, _("This plan cannot be moved to that state."))
        return redirect("tracking:plans")
    with transaction.atomic():
        updated = Plan.objects.filter(pk=plan.pk, state=plan.state).update(state=wanted)
        if updated:
            verb = "archived" if wanted == Plan.ARCHIVED else "reactivated"
            Event.objects.create(actor=user_of(request), verb=verb, plan=plan)
            pagecache.touch({plan.jurisdiction_id})
    if wanted == Plan.ARCHIVED:
        messages.success(request, _("The plan is archived; it stays readable."))
    else:
        messages.success(request, _("The plan is active again."))
    return redirect("tracking:plans")


@require_POST
@office_required
def set_interpolation(request: HttpRequest, plan_id: int) -> HttpResponse:
    """The office's choice of how the 序时 expectation moves between checkpoints (services)."""
    plan = get_object_or_404(visible_plans(request.user), pk=plan_id)
    wanted = request.POST.get("interpolate", "")
    if wanted not in ("0", "1"):
        messages.error(request, _("Choose stepwise or linear."))
    elif services.set_interpolation(user_of(request), plan, wanted == "1"):
        messages.success(request, _("The statuses of the plan were computed again."))
    return redirect("tracking:plans")


@login_required
def division_workbook(request: HttpRequest, plan_id: int) -> HttpResponse:
    """The 分工方案 .xlsx of the plan as it stands now (see division_export)."""
    plan = get_object_or_404(Plan.objects.visible_to(request.user), pk=plan_id)
    response = HttpResponse(division_export.workbook(plan), content_type=XLSX)
    name = f"分工方案-{plan.jurisdiction.name}-{plan.year}-{plan.pk}.xlsx"
    response["Content-Disposition"] = content_disposition_header(True, name) or "attachment"
    return response

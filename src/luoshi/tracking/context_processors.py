"""What every page's header needs: the navigation for the user's role, and whether charts load."""

from __future__ import annotations

from functools import cache
from typing import Any

from django.contrib.staticfiles import finders
from django.http import HttpRequest

from luoshi.tracking import fragments
from luoshi.tracking.models import Plan
from luoshi.tracking.permissions import is_office, membership


@cache
def echarts_installed() -> bool:
    # ECharts is installed at set-up (see vendor.py); without it pages show tables only.
    return finders.find("echarts/echarts.min.js") is not None


def _latest_plan(jurisdiction_id: int | None) -> int | None:
    plans = Plan.objects.filter(state=Plan.PUBLISHED).order_by("-year", "-created_at")
    if jurisdiction_id is not None:
        plans = plans.filter(jurisdiction=jurisdiction_id)
    return plans.values_list("id", flat=True).first()


def tracking(request: HttpRequest) -> dict[str, Any]:
    if not request.user.is_authenticated:
        return {"echarts": False}
    member = membership(request.user)
    office = is_office(request.user)
    jurisdiction = member.jurisdiction_id if member else None
    role = {
        "department_id": member.department_id if member else None,
        "is_office": office,
        # The project ledger shows a city's projects: members of a city, and administrators.
        "ledger_reader": member is not None or request.user.is_superuser,
    }
    nav = fragments.render(
        "tracking/_nav.html",
        (jurisdiction, *role.values()),
        lambda: {"nav_plan_id": _latest_plan(jurisdiction), **role},
        jurisdiction=jurisdiction,
    )
    return {"nav": nav, "is_office": office, "echarts": echarts_installed()}

"""What every page's header needs: the current plan, the user's role, and whether charts load."""

from __future__ import annotations

from functools import cache
from typing import Any

from django.contrib.staticfiles import finders
from django.http import HttpRequest

from luoshi.tracking.models import Plan
from luoshi.tracking.permissions import is_office, membership


@cache
def echarts_installed() -> bool:
    # ECharts is installed at set-up (see vendor.py); without it pages show tables only.
    return finders.find("echarts/echarts.min.js") is not None


def tracking(request: HttpRequest) -> dict[str, Any]:
    if not request.user.is_authenticated:
        return {"echarts": False}
    member = membership(request.user)
    plans = Plan.objects.filter(state=Plan.PUBLISHED).order_by("-year", "-created_at")
    if member is not None:
        plans = plans.filter(jurisdiction=member.jurisdiction_id)
    return {
        "nav_plan": plans.only("id").first(),
        "is_office": is_office(request.user),
        # The project ledger shows a city's projects: members of a city, and administrators.
        "ledger_reader": member is not None or request.user.is_superuser,
        "echarts": echarts_installed(),
    }

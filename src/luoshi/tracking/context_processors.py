"""What every page's header needs: the navigation for the user's role, and whether charts load."""

from __future__ import annotations

from functools import cache
from typing import Any

from django.contrib.staticfiles import finders
from django.http import HttpRequest

from luoshi.tracking import fragments
from luoshi.tracking.permissions import find_plan, membership, scope


@cache
def echarts_installed() -> bool:
    # ECharts is installed at set-up (see vendor.py); without it pages show tables only.
    return finders.find("echarts/echarts.min.js") is not None


def tracking(request: HttpRequest) -> dict[str, Any]:
    if not request.user.is_authenticated:
        return {"echarts": False}
    member = membership(request.user)
    jurisdiction, office = scope(request.user)
    role = {
        "department_id": member.department_id if member else None,
        "is_office": office,
        # The project ledger shows a city's projects: members of a city, and administrators.
        "ledger_reader": member is not None or request.user.is_superuser,
    }
    nav = fragments.render(
        "tracking/_nav.html",
        (jurisdiction, *role.values()),
        lambda: {"nav_plan_id": getattr(find_plan(jurisdiction, office), "pk", None), **role},
        jurisdiction=jurisdiction,
    )
    return {"nav": nav, "is_office": office, "echarts": echarts_installed()}

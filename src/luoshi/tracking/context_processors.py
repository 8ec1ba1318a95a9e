"""What every page's header needs: the navigation for the user's role."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from luoshi.tracking import plans
from luoshi.tracking.permissions import is_office, latest_plan, membership


def tracking(request: HttpRequest) -> dict[str, Any]:
    if not request.user.is_authenticated:
        return {}
    member = membership(request.user)
    office = is_office(request.user)
    return {
        "nav_plan": SimpleLazyObject(lambda: latest_plan(request.user)),
        "nav_plans": SimpleLazyObject(lambda: plans.switcher(request.user)),
        "department_id": member.department_id if member else None,
        "is_office": office,
        "is_leader": member is not None and member.role == "leader",
        # The 督查通报 goes to the leaders: they read and download the office's issues.
        "bulletin_reader": office or (member is not None and member.role == "leader"),
        # The project ledger shows a city's projects: members of a city, and administrators.
        "ledger_reader": member is not None or request.user.is_superuser,
    }

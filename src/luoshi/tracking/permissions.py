"""Who may do what. Reading needs a login; writing needs the right role."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from luoshi.tracking.models import Membership, Plan, Task
from luoshi.tracking.visibility import is_office, membership

__all__ = ["can_report", "is_office", "latest_plan", "membership", "office_required", "user_of"]


def latest_plan(user: Any) -> Plan | None:
    """The latest published plan the user sees: of their own jurisdiction, for a member (the
    office and the leaders also see the plans of the jurisdictions below theirs)."""
    plans = Plan.objects.visible_to(user).filter(state=Plan.PUBLISHED)
    member = membership(user)
    if member is not None and plans.filter(jurisdiction_id=member.jurisdiction_id).exists():
        plans = plans.filter(jurisdiction_id=member.jurisdiction_id)
    return (
        plans.select_related("jurisdiction")
        .defer("source_text")
        .order_by("-year", "-created_at")
        .first()
    )


def user_of(request: HttpRequest) -> User:
    """The logged-in user of a view behind login_required."""
    if not isinstance(request.user, User):
        raise PermissionDenied
    return request.user


def can_report(user: Any, task: Task) -> bool:
    """Only the liaison of the task's lead department reports on it, once the plan is out."""
    member = membership(user)
    return (
        task.plan.state == Plan.PUBLISHED
        and member is not None
        and member.role == Membership.LIAISON
        and member.department_id is not None
        and member.department_id == task.lead_id
    )


def office_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    @login_required
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not is_office(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def is_leader(user: Any) -> bool:
    """Leaders write 批示."""
    member = membership(user)
    return member is not None and member.role == Membership.LEADER

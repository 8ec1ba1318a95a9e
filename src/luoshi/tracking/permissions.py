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


def membership(user: Any) -> Membership | None:
    try:
        return user.membership
    except Membership.DoesNotExist:
        return None


def scope(user: Any) -> tuple[int | None, bool]:
    """What decides the plans and tasks a logged-in user sees: the jurisdiction of their
    membership (None for none: every jurisdiction), and whether drafts show (the office)."""
    member = membership(user)
    return (member.jurisdiction_id if member else None), is_office(user)


def find_plan(jurisdiction_id: int | None, office: bool, plan_id: int | None = None) -> Plan | None:
    """Plan `plan_id` if this scope sees it, or with None the scope's latest published plan."""
    # The report's text (tens of kilobytes) is loaded only by the pages that show it.
    plans = Plan.objects.select_related("jurisdiction").defer("source_text")
    if jurisdiction_id is not None:
        plans = plans.filter(jurisdiction=jurisdiction_id)
    if not office:
        plans = plans.filter(state=Plan.PUBLISHED)  # drafts are the office's work in progress
    if plan_id is not None:
        return plans.filter(pk=plan_id).first()
    return plans.filter(state=Plan.PUBLISHED).order_by("-year", "-created_at").first()


def user_of(request: HttpRequest) -> User:
    """The logged-in user of a view behind login_required."""
    if not isinstance(request.user, User):
        raise PermissionDenied
    return request.user


def is_office(user: Any) -> bool:
    if user.is_superuser:
        return True
    member = membership(user)
    return member is not None and member.role == Membership.OFFICE


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

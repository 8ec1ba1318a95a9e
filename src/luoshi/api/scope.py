"""The rows each caller sees: the same rules as the web pages, for every API list and detail.

- anonymous: published plans of every jurisdiction, and what hangs off them (luoshi.public);
  no progress reports;
- members: their own jurisdiction; drafts only for the supervision office;
- logged-in users without a membership: published plans of every jurisdiction (as on the web);
- superusers: everything.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from luoshi.public import published
from luoshi.tracking.models import Department, Plan, ProgressReport, Section, Target, Task
from luoshi.tracking.permissions import is_office, membership
from luoshi.tracking.permissions import scope as tracking_scope


def is_public(user: Any) -> bool:
    """Anonymous callers get the public view: statuses from approved reports only."""
    return not user.is_authenticated


def key(user: Any) -> tuple[bool, int | None, bool]:
    """What decides the rows a caller sees: callers with equal keys see the same rows."""
    if is_public(user):
        return True, None, False
    return (False, *tracking_scope(user))


def plans(user: Any) -> QuerySet[Plan]:
    if is_public(user):
        return published.plans()
    found = Plan.objects.all()
    member = membership(user)
    if member is not None:
        found = found.filter(jurisdiction=member.jurisdiction_id)
    if not is_office(user):
        found = found.filter(state=Plan.PUBLISHED)
    return found


def sections(user: Any) -> QuerySet[Section]:
    return Section.objects.filter(plan__in=plans(user).values("id"))


def tasks(user: Any) -> QuerySet[Task]:
    return Task.objects.filter(plan__in=plans(user).values("id"))


def targets(user: Any) -> QuerySet[Target]:
    return Target.objects.filter(task__plan__in=plans(user).values("id"))


def reports(user: Any) -> QuerySet[ProgressReport]:
    if is_public(user):
        return ProgressReport.objects.none()
    return ProgressReport.objects.filter(task__plan__in=plans(user).values("id"))


def departments(user: Any) -> QuerySet[Department]:
    if is_public(user):
        return published.departments()
    member = membership(user)
    if member is not None:
        return Department.objects.filter(jurisdiction=member.jurisdiction_id)
    return Department.objects.all()

"""What the public may see: published plans and what they hold.

Statuses for the public come from `measure(..., approved_only=True)`: the tracker counts a report
awaiting review as "reported" and shows its claim, the public sees neither. The JSON API uses the
same functions for anonymous clients, so the page and the API cannot disagree.
"""

from __future__ import annotations

from django.db.models import QuerySet

from luoshi.tracking.models import Department, Plan, Section, Target, Task


def plans() -> QuerySet[Plan]:
    return Plan.objects.filter(state=Plan.PUBLISHED)


def tasks() -> QuerySet[Task]:
    return Task.objects.filter(plan__state=Plan.PUBLISHED)


def sections() -> QuerySet[Section]:
    return Section.objects.filter(plan__state=Plan.PUBLISHED)


def targets() -> QuerySet[Target]:
    return Target.objects.filter(task__plan__state=Plan.PUBLISHED)


def departments() -> QuerySet[Department]:
    """Departments of the jurisdictions that have a published plan."""
    return Department.objects.filter(jurisdiction__plans__state=Plan.PUBLISHED).distinct()

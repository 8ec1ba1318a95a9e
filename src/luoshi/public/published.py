"""What the public may see: published plans, and status computed from approved reports only.

The tracker's status uses approved reports for verified progress but counts a report awaiting
review as "reported" and shows its claim. The public sees neither: here a period counts as
reported once its report is approved, and claimed progress equals verified progress. The JSON
API uses the same functions for anonymous clients, so the page and the API cannot disagree.
"""

from __future__ import annotations

from datetime import date

from django.db.models import QuerySet

from luoshi.tracking import status
from luoshi.tracking.measure import Measured, facts, report_rows
from luoshi.tracking.models import Department, Plan, ProgressReport, Section, Target, Task


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


def measure(task_list: QuerySet[Task] | list[Task], on: date) -> list[Measured]:
    """Like tracking.measure.measure, from approved reports only (one query for all tasks)."""
    task_list = list(task_list)
    rows = {
        pk: [row for row in task_rows if row[4] == ProgressReport.APPROVED]
        for pk, task_rows in report_rows(task_list).items()
    }
    return [Measured(task, status.evaluate(facts(task, rows[task.pk]), on)) for task in task_list]

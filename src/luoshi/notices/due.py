"""Which reminders are due on a day, from the stored statuses and the 签收 records.

- 临近提醒 (upcoming): in the `LUOSHI_REMIND_DAYS` days before the reporting day
  (`LUOSHI_REPORT_DAY` of the month after the period) while the period is not reported, and in
  the days before a checkpoint of a task not complete;
- 到期未报 (missing): after the reporting day, the period still not reported;
- 逾期 (overdue): past the deadline and not complete;
- 未签收 (unsigned): `LUOSHI_SIGN_DAYS` days after publication, a lead or supporting department
  has not acknowledged the task (once a month);
- 退回待重报 (returned): the period's report was returned and nothing newer was submitted.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings

from luoshi import status
from luoshi.notices import words
from luoshi.notices.models import Reminder
from luoshi.tracking.measure import nodes
from luoshi.tracking.models import Acknowledgement, Plan, ProgressReport, Task


@dataclass(frozen=True)
class Due:
    task: Task
    department_id: int
    period: str
    kind: str
    message: str


def due(on: date) -> Iterator[Due]:
    report_day = settings.LUOSHI_REPORT_DAY
    window = settings.LUOSHI_REMIND_DAYS
    tasks = list(
        Task.objects.open()
        .filter(plan__state=Plan.PUBLISHED, lead__isnull=False)
        .select_related("plan")
        .defer("plan__source_text", "status_lines", "public_lines")
        .prefetch_related("supporting")
    )
    signed = set(
        Acknowledgement.objects.filter(task__in=tasks).values_list("task_id", "department_id")
    )
    returned = _returned(tasks)

    def item(task: Task, department_id: int, period: str, kind: str) -> Due:
        # The stored message is the Chinese one; words.shown composes the English again.
        return Due(task, department_id, period, kind, words.message(task, kind, period).zh)

    for task in tasks:
        lead = int(task.lead_id or 0)
        deadline = task.deadline or date(task.plan.year, 12, 31)
        period = status.reference_period(task.plan.year, deadline, on)
        if period is not None and task.status == status.MISSING:
            if on.day <= report_day and report_day - on.day <= window:
                yield item(task, lead, period, Reminder.UPCOMING)
            elif on.day > report_day:
                yield item(task, lead, period, Reminder.MISSING)
        if task.status == status.OVERDUE and period is not None:
            yield item(task, lead, period, Reminder.OVERDUE)
        if task.status != status.COMPLETE:
            for node in nodes(task.nodes):
                if on < node.on <= on + timedelta(days=window):
                    yield item(task, lead, node.on.isoformat(), Reminder.UPCOMING)
        published = task.plan.published_at
        if published is not None and on - published.date() >= timedelta(settings.LUOSHI_SIGN_DAYS):
            for department_id in [lead, *(d.pk for d in task.supporting.all())]:
                if (task.pk, department_id) not in signed:
                    yield item(task, department_id, f"{on:%Y-%m}", Reminder.UNSIGNED)
        if task.pk in returned:
            yield item(task, lead, returned[task.pk], Reminder.RETURNED)


def _returned(tasks: list[Task]) -> dict[int, str]:
    """Tasks whose latest report for a period was returned and not followed by another."""
    latest: dict[tuple[int, str], tuple[int, str]] = {}
    rows = ProgressReport.objects.filter(task__in=tasks).values_list(
        "task_id", "period", "id", "state"
    )
    for task_id, period, pk, state in rows:
        key = (task_id, period)
        if key not in latest or pk > latest[key][0]:
            latest[key] = (pk, state)
    found: dict[int, str] = {}
    for (task_id, period), (_, state) in sorted(latest.items()):
        if state == ProgressReport.RETURNED:
            found[task_id] = period
    return found

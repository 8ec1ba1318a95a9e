"""The bulletin's facts from the database, measured exactly as the dashboard measures them.

The status of each task comes from `luoshi.tracking.measure.measure` on the plan's tasks (the
dashboard's own call, live ledger values included), so the bulletin's counts equal the
dashboard's for the same date. Like the dashboard, it uses every report received by that date.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import IO

from django.db.models import Q
from django.utils import timezone

from luoshi import status
from luoshi.documents import bulletin, official_docx
from luoshi.documents.bulletin_counts import InstructionRow
from luoshi.documents.bulletin_document import BulletinDocument
from luoshi.tracking.measure import Measured, measure, tasks_for_status
from luoshi.tracking.models import Instruction, Plan, ProgressReport

WORST_FIRST = (status.OVERDUE, status.MISSING, status.BEHIND, status.ON_TRACK, status.AHEAD)


class PeriodNotOver(ValueError):
    """A bulletin covers a month that has ended."""


def bulletin_date(period: str, today: date) -> date:
    """The date a period's bulletin measures on: today while today is in the following month
    (the dashboard's date when the office writes the bulletin), else the first day of that
    month, so a bulletin for a past month reads the same whenever it is made."""
    following = status.period_end(period) + timedelta(days=1)
    if today < following:
        raise PeriodNotOver(period)
    if (today.year, today.month) == (following.year, following.month):
        return today
    return following


def _worst(statuses: list[str]) -> str:
    return min(statuses, key=lambda s: WORST_FIRST.index(s) if s in WORST_FIRST else 9)


def target_rows(m: Measured) -> tuple[bulletin.TargetRow, ...]:
    """Each target's worst line (one line per target, or one per unit of an `each` target)."""
    rows = []
    for number, target in enumerate(m.task.targets.all()):
        found = [line.status for line in m.result.lines if line.target == number]
        if not found:
            continue
        worst = _worst(found)
        label = target.indicator or target.text
        rows.append(bulletin.TargetRow(f"{m.task.code}-{number + 1}", label, worst))
    return tuple(rows)


def _problems(measured: list[Measured]) -> dict[int, tuple[str, ...]]:
    """Delay reasons from the latest live report of each delayed task, in one query."""
    delayed = [m.task.pk for m in measured if m.status in (status.BEHIND, status.OVERDUE)]
    latest: dict[int, tuple[str, int, str]] = {}
    reports = ProgressReport.objects.filter(task__in=delayed).exclude(
        state__in=(ProgressReport.RETURNED, ProgressReport.WITHDRAWN)
    )
    for task_id, period, pk, narrative in reports.values_list(
        "task_id", "period", "id", "narrative"
    ):
        if task_id not in latest or (period, pk) > latest[task_id][:2]:
            latest[task_id] = (period, pk, narrative)
    return {
        task_id: tuple(bulletin.delay_reasons(narrative))
        for task_id, (_, _, narrative) in latest.items()
    }


def _returned(measured: list[Measured], on: date) -> set[int]:
    """Tasks whose latest report received by `on` was returned and not reported again."""
    tasks = [m.task.pk for m in measured]
    latest: dict[int, tuple[str, int, str]] = {}
    reports = ProgressReport.objects.filter(task__in=tasks, submitted_at__date__lte=on)
    for task_id, period, pk, state in reports.values_list("task_id", "period", "id", "state"):
        if task_id not in latest or (period, pk) > latest[task_id][:2]:
            latest[task_id] = (period, pk, state)
    return {pk for pk, (_, _, state) in latest.items() if state == ProgressReport.RETURNED}


def collect(plan: Plan, period: str, on: date) -> bulletin.BulletinFacts:
    measured = measure(tasks_for_status(plan.tasks.all()), on)
    problems = _problems(measured)
    returned = _returned(measured, on)
    rows = tuple(
        bulletin.TaskRow(
            code=m.task.code,
            text=m.task.text,
            section=m.task.section.title if m.task.section else bulletin.NO_SECTION,
            department=m.task.lead.name if m.task.lead else bulletin.UNASSIGNED,
            status=m.status,
            reason=m.result.reason,
            targets=target_rows(m),
            problems=problems.get(m.task.pk, ()),
            returned=m.task.pk in returned,
        )
        for m in measured
    )
    return bulletin.BulletinFacts(
        plan.jurisdiction.name, plan.year, period, on, rows, unanswered(plan, on)
    )


def unanswered(plan: Plan, on: date) -> tuple[InstructionRow, ...]:
    """批示 given by `on` to the plan's tasks, or to departments of its city, and not answered
    by then: the bulletin names those departments under 存在问题."""
    given = Instruction.objects.filter(
        Q(task__plan=plan) | Q(task=None, department__jurisdiction=plan.jurisdiction_id),
        created_at__date__lte=on,
    ).filter(Q(answered_at=None) | Q(answered_at__date__gt=on))
    rows = given.select_related("department", "task").order_by("department__name", "created_at")
    return tuple(
        InstructionRow(
            i.department.name, i.task.code if i.task else "", timezone.localdate(i.created_at)
        )
        for i in rows
    )


def write_bulletin(
    plan: Plan,
    period: str,
    today: date,
    out: str | Path | IO[bytes],
    options: bulletin.BulletinOptions | None = None,
    edits: dict[str, str] | None = None,
    check_copy: bool = False,
) -> BulletinDocument:
    """Measure, compose and write the bulletin of `plan` for `period`; returns the document.
    `edits` are the office's rewritten paragraphs (by key); the check copy shows figure ids."""
    document = compose_bulletin(plan, period, today, options)
    document.apply_edits(edits or {})
    official_docx.write(document, out, check_copy=check_copy)
    return document


def compose_bulletin(
    plan: Plan, period: str, today: date, options: bulletin.BulletinOptions | None = None
) -> BulletinDocument:
    on = bulletin_date(period, today)
    return bulletin.compose(collect(plan, period, on), options or bulletin.default_options())

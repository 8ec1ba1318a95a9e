"""Stored statuses: each task's status (luoshi.status) computed and kept on its row.

A write that can change a task's status (a report submitted, reviewed or withdrawn, a revision,
a ledger figure, an import, a restore) calls `refresh` for the tasks it touched, inside its own
transaction. Expected shares (序时进度) move with the calendar, so `refresh_stale` recomputes
every plan whose statuses are not as of today: `luoshi refresh-status` (daily, from cron), and
the first request of a day (tracking.middleware) if the command has not run.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict
from datetime import date

from django.db import transaction

from luoshi import status
from luoshi.tracking.measure import measure, tasks_for_status, today
from luoshi.tracking.models import Plan, Task

__all__ = ["refresh", "refresh_all", "refresh_plan", "refresh_stale", "today"]

FIELDS = [
    "status",
    "status_reason",
    "status_expected",
    "status_verified",
    "status_claimed",
    "status_lines",
    "status_on",
    "public_status",
    "public_reason",
    "public_verified",
    "public_lines",
]
BATCH = 500


def _lines(result: status.TaskStatus) -> list[dict[str, object]]:
    return [asdict(line) for line in result.lines]


def refresh(tasks: Iterable[Task | int], on: date | None = None) -> int:
    """Computes and stores the status of these tasks (or task ids) as of `on` (today)."""
    on = on or today()
    ids = sorted({task if isinstance(task, int) else task.pk for task in tasks})
    done = 0
    for start in range(0, len(ids), BATCH):
        rows = list(tasks_for_status(Task.objects.filter(pk__in=ids[start : start + BATCH])))
        internal = measure(rows, on)
        public = measure(rows, on, approved_only=True)
        for mine, theirs in zip(internal, public, strict=True):
            task, seen, shown = mine.task, mine.result, theirs.result
            task.status, task.status_reason = seen.status, seen.reason
            task.status_expected = seen.expected
            task.status_verified, task.status_claimed = seen.verified, seen.claimed
            task.status_lines, task.status_on = _lines(seen), on
            task.public_status, task.public_reason = shown.status, shown.reason
            task.public_verified, task.public_lines = shown.verified, _lines(shown)
        Task.objects.bulk_update(rows, FIELDS)
        done += len(rows)
    return done


def refresh_plan(plan: Plan, on: date | None = None) -> int:
    on = on or today()
    with transaction.atomic():
        done = refresh(plan.tasks.values_list("pk", flat=True), on)
        Plan.objects.filter(pk=plan.pk).update(status_on=on)
    return done


def refresh_stale(on: date | None = None) -> int:
    """Recomputes every plan whose statuses are not as of `on` (today); the number of tasks."""
    on = on or today()
    done = 0
    for plan in Plan.objects.exclude(status_on=on).defer("source_text").order_by("pk"):
        done += refresh_plan(plan, on)
    return done


def refresh_all(on: date | None = None) -> int:
    """Recomputes every plan (after a restore or a bulk load)."""
    on = on or today()
    done = 0
    for plan in Plan.objects.defer("source_text").order_by("pk"):
        done += refresh_plan(plan, on)
    return done

"""Stored statuses: each task's status (luoshi.status) computed and kept on its row.

A write that can change a task's status (a report submitted or reviewed, a revision,
a ledger figure, an import, a restore) calls `refresh` for the tasks it touched, inside its own
transaction. Expected shares (序时进度) move with the calendar, so `refresh_stale` recomputes
every plan whose statuses are not as of today: `luoshi refresh-status` (daily, from cron), and
the first request of a day (tracking.middleware) if the command has not run.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import asdict
from datetime import date

from django.db import transaction

from luoshi import status
from luoshi.tracking import pagecache
from luoshi.tracking.measure import measure, tasks_for_status, today
from luoshi.tracking.models import Plan, StatusMonth, Task

__all__ = ["record_months", "refresh", "refresh_all", "refresh_plan", "refresh_stale", "today"]

BATCH = 500


def _lines(result: status.TaskStatus) -> list[dict[str, object]]:
    return [asdict(line) for line in result.lines]


def _values(internal: status.TaskStatus, public: status.TaskStatus) -> dict[str, object]:
    return {
        "status": internal.status,
        "status_reason": internal.reason,
        "status_reason_en": internal.reason_en,
        "status_warning": internal.warning,
        "status_overridden": internal.overridden,
        "status_expected": internal.expected,
        "status_verified": internal.verified,
        "status_claimed": internal.claimed,
        "status_lines": _lines(internal),
        "public_status": public.status,
        "public_reason": public.reason,
        "public_reason_en": public.reason_en,
        "public_verified": public.verified,
        "public_lines": _lines(public),
    }


def refresh(tasks: Iterable[Task | int], on: date | None = None) -> int:
    """Computes and stores the status of these tasks (or task ids) as of `on` (today); the
    number of tasks whose status changed. A row is written only if its status changed: the
    序时 expectation moves by the month, so most of a daily refresh writes only the date."""
    on = on or today()
    ids = sorted({task if isinstance(task, int) else task.pk for task in tasks})
    changed = 0
    for start in range(0, len(ids), BATCH):
        batch = ids[start : start + BATCH]
        rows = list(tasks_for_status(Task.objects.filter(pk__in=batch)))
        internal = measure(rows, on)
        public = measure(rows, on, approved_only=True)
        for mine, theirs in zip(internal, public, strict=True):
            values = _values(mine.result, theirs.result)
            if any(getattr(mine.task, name) != value for name, value in values.items()):
                # One UPDATE a row: cheaper than bulk_update's CASE over every field.
                Task.objects.filter(pk=mine.task.pk).update(**values, status_on=on)
                changed += 1
        Task.objects.filter(pk__in=batch).exclude(status_on=on).update(status_on=on)
        record_months([(m.task.pk, m.result.status) for m in internal], on)
    return changed


def record_months(rows: Iterable[tuple[int, str]], on: date) -> None:
    """Keeps each (task id, status) as the task's status of the month of `on`: the leader's
    trend by month reads these rows (one upsert per batch)."""
    period = f"{on.year}-{on.month:02d}"
    made = [StatusMonth(task_id=pk, period=period, status=code) for pk, code in rows if code]
    if made:
        StatusMonth.objects.bulk_create(
            made, update_conflicts=True, unique_fields=["task", "period"], update_fields=["status"]
        )


def refresh_plan(plan: Plan, on: date | None = None) -> int:
    """Every task of the plan as of `on` (today); the number whose status changed."""
    on = on or today()
    with transaction.atomic():
        done = refresh(plan.tasks.values_list("pk", flat=True), on)
        Plan.objects.filter(pk=plan.pk).update(status_on=on)
        pagecache.touch({plan.jurisdiction_id})
    return done


def refresh_stale(on: date | None = None, budget: float | None = None) -> int:
    """Recomputes every plan whose statuses are not as of `on` (today); the number of tasks
    whose status changed. With a `budget` (seconds), stops after the plan that exceeds it, and
    skips plans another process is refreshing: the rest is left to the next call."""
    on = on or today()
    started = time.monotonic()
    done = 0
    for pk in Plan.objects.exclude(status_on=on).order_by("pk").values_list("pk", flat=True):
        with transaction.atomic():
            # Locked while it is refreshed (PostgreSQL): two servers do not do the same work.
            plans = Plan.objects.select_for_update(skip_locked=True).defer("source_text")
            plan = plans.exclude(status_on=on).filter(pk=pk).first()
            if plan is not None:
                done += refresh_plan(plan, on)
        if budget is not None and time.monotonic() - started > budget:
            break
    return done


def refresh_all(on: date | None = None) -> int:
    """Recomputes every plan (after a restore or a bulk load)."""
    on = on or today()
    done = 0
    for plan in Plan.objects.defer("source_text").order_by("pk"):
        done += refresh_plan(plan, on)
    pagecache.touch(None)
    return done

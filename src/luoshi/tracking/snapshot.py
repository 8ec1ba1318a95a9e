"""Per-plan status snapshots: every task's status on a date, computed once per data version.

The dashboard and the plan page need the status of every task of a plan, which costs about half
a second for a province-scale plan. A snapshot is kept in the app server's own memory under the
plan, the date and the version of its jurisdiction's data (versions.py), so a write to that data
makes it unreachable.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.core.cache import caches

from luoshi.tracking import versions
from luoshi.tracking.measure import measure, tasks_for_status
from luoshi.tracking.models import Plan

TIMEOUT = 24 * 3600  # entries of old versions are never read again; this frees their memory


@dataclass(frozen=True)
class Entry:
    task_id: int
    status: str
    reason: str
    verified: float | None
    claimed: float | None
    section: str  # the section's title, "—" for none
    lead_id: int | None


def statuses(plan: Plan, on: date) -> list[Entry]:
    """The status of every task of `plan` on `on`, in the plan's order."""
    cache = caches["local"]
    version = versions.current(plan.jurisdiction_id)
    key = f"luoshi:snapshot:{plan.pk}:{on.isoformat()}:{version}"
    found: list[Entry] | None = cache.get(key)
    if found is None:
        found = [
            Entry(
                task_id=m.task.pk,
                status=m.status,
                reason=m.result.reason,
                verified=m.result.verified,
                claimed=m.result.claimed,
                section=m.task.section.title if m.task.section else "—",
                lead_id=m.task.lead_id,
            )
            for m in measure(tasks_for_status(plan.tasks.all()), on)
        ]
        cache.set(key, found, TIMEOUT)
    return found


def by_task(entries: Iterable[Entry]) -> dict[int, Entry]:
    return {entry.task_id: entry for entry in entries}

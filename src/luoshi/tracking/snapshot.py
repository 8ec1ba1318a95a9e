"""Per-plan status snapshots: every task's status on a date, computed once per data version.

The dashboard and the plan page need the status of every task of a plan, which costs about half
a second for a province-scale plan. A snapshot is kept under the plan, the date and the version of
its jurisdiction's data (versions.py), so a write to that data makes it unreachable; like the
parts of pages, in each server's memory and in the cache all servers share (fragments.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch

from luoshi.tracking import fragments, versions
from luoshi.tracking.measure import measure
from luoshi.tracking.models import Plan, Target


@dataclass(frozen=True)
class Entry:
    task_id: int
    status: str
    reason: str
    verified: float | None
    claimed: float | None
    section: str  # the section's title, "—" for none
    lead_id: int | None


def statuses(plan: Plan, on: date, approved_only: bool = False) -> list[Entry]:
    """The status of every task of `plan` on `on`, in the plan's order; with `approved_only`,
    as the public sees it (see measure.measure)."""
    version = versions.current(plan.jurisdiction_id)
    key = f"luoshi:snapshot:{plan.pk}:{on.isoformat()}:{approved_only:d}:{version}"
    found: list[Entry] = fragments.remember(key, lambda: _measure(plan, on, approved_only))
    return found


def _measure(plan: Plan, on: date, approved_only: bool) -> list[Entry]:
    # Only what the status engine reads: a snapshot is remade after every write to its city.
    sections = dict(plan.sections.values_list("pk", "title"))
    targets = Prefetch("targets", queryset=Target.objects.order_by("order"))
    tasks = list(plan.tasks.defer("text").prefetch_related(targets))
    for task in tasks:
        task.plan = plan  # its year, without joining the plan to every task
    return [
        Entry(
            task_id=m.task.pk,
            status=m.status,
            reason=m.result.reason,
            verified=m.result.verified,
            claimed=m.result.claimed,
            section=sections.get(m.task.section_id or 0, "—"),
            lead_id=m.task.lead_id,
        )
        for m in measure(tasks, on, approved_only)
    ]


def by_task(entries: Iterable[Entry]) -> dict[int, Entry]:
    return {entry.task_id: entry for entry in entries}

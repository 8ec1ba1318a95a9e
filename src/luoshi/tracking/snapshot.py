"""Per-plan status snapshots: every task's status on a date, computed once and cached.

The dashboard and the plan page need the status of every task of a plan, which costs about half
a second for a province-scale plan. A snapshot is cached under the plan, the date and a data
version. Every save or delete in the tracker's and the ledger's tables changes the version (a
signal): at once, so a later read in the same transaction sees the change, and again on commit,
so a reader that took the new version before the commit cannot keep the old data under it.
Writes that send no signals (bulk loads, a restore) call `changed()` themselves.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import uuid4

from django.apps import apps
from django.core.cache import cache
from django.db import transaction
from django.db.models import signals

from luoshi.tracking.measure import measure, tasks_for_status
from luoshi.tracking.models import Plan

VERSION_KEY = "luoshi:status-version"
TIMEOUT = 24 * 3600  # a backstop for a write that changes no version
WATCHED_APPS = ("tracking", "ledger")


@dataclass(frozen=True)
class Entry:
    task_id: int
    status: str
    reason: str
    verified: float | None
    claimed: float | None
    section: str  # the section's title, "—" for none
    lead_id: int | None


def version() -> str:
    current = cache.get(VERSION_KEY)
    if current is None:
        cache.add(VERSION_KEY, uuid4().hex, None)
        current = cache.get(VERSION_KEY)
    return str(current)


def changed(**_: Any) -> None:
    cache.set(VERSION_KEY, uuid4().hex, None)


def _on_write(using: str | None = None, **_: Any) -> None:
    changed()
    transaction.on_commit(changed, using=using)


def connect() -> None:
    """Called from TrackingConfig.ready: watch every model of the watched apps."""
    for config in apps.get_app_configs():
        if config.label not in WATCHED_APPS:
            continue
        for model in config.get_models():
            uid = f"luoshi-snapshot-{model._meta.label}"
            signals.post_save.connect(_on_write, sender=model, dispatch_uid=uid)
            signals.post_delete.connect(_on_write, sender=model, dispatch_uid=uid)
            for field in model._meta.local_many_to_many:
                signals.m2m_changed.connect(
                    _on_write, sender=field.remote_field.through, dispatch_uid=f"{uid}-{field.name}"
                )


def statuses(plan: Plan, on: date) -> list[Entry]:
    """The status of every task of `plan` on `on`, in the plan's order."""
    key = f"luoshi:snapshot:{plan.pk}:{on.isoformat()}:{version()}"
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

"""Data versions: tokens that change with every write, under which each app server keeps what it
computed from the tracker's and the ledger's tables.

Statuses (snapshot.py) and rendered parts of pages (fragments.py) are cached in each app
server's own memory (the "local" cache) under the versions they were computed at. A version is
a random token in a database row (`DataVersion`) that every app server reads, so a write through
any server makes every server's older entries unreachable at once: nothing is shared between
servers but the database, and nothing stale is served.

Versions are kept per jurisdiction, so that a write in one city leaves the other cities' caches
alone. A write changes the rows of the jurisdictions its data belongs to and their parents
(`LEADS` and `HOPS` say how a row leads there), the "any" row (read by pages that span
jurisdictions), and the "shared" row when it cannot be placed (which every page reads).

- Every save or delete in the watched apps sends a signal; on commit the rows get new tokens
  (in autocommit mode, at once). Bulk loads and restores, which send no signals, call
  `changed()` themselves, which changes everything.
- Until then, a write also changes this thread's own part of every version, so a read later in
  the same transaction (which the other servers cannot see yet) never finds data from before it.
  After the commit that part is dropped again: the rows carry the change.
- A reader that took the old token before a commit may file the new data under it: harmless, as
  the token changes right after the commit.
- During a request each row is read once (the first time it is needed); outside requests
  (commands, tests) every call reads the rows.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from typing import Any
from uuid import uuid4

from django.apps import apps
from django.core.signals import request_finished, request_started
from django.db import transaction
from django.db.models import Model, signals

from luoshi.tracking.models import DataVersion

WATCHED_APPS = ("tracking", "ledger")
ANY = "any"
SHARED = "shared"

# Each watched model: the kind of row that a field of it leads to (its jurisdiction, or a row
# that leads on to one), the first of these that is set. A model not listed changes everything.
LEADS: dict[str, tuple[tuple[str, str], ...]] = {
    "tracking.jurisdiction": (("jurisdiction", "pk"),),
    "tracking.department": (("jurisdiction", "jurisdiction_id"),),
    "tracking.membership": (("jurisdiction", "jurisdiction_id"),),
    "tracking.plan": (("jurisdiction", "jurisdiction_id"),),
    "tracking.section": (("plan", "plan_id"),),
    "tracking.task": (("plan", "plan_id"),),
    "tracking.target": (("task", "task_id"),),
    "tracking.progressreport": (("task", "task_id"),),
    "tracking.evidence": (("report", "report_id"),),
    "tracking.event": (("plan", "plan_id"), ("task", "task_id")),
}
# Each kind of row: its model, and the kinds its fields lead to.
HOPS: dict[str, tuple[str, dict[str, str]]] = {
    "jurisdiction": ("tracking.jurisdiction", {"parent_id": "jurisdiction"}),
    "plan": ("tracking.plan", {"jurisdiction_id": "jurisdiction"}),
    "task": ("tracking.task", {"plan_id": "plan"}),
    "target": ("tracking.target", {"task_id": "task"}),
    "report": ("tracking.progressreport", {"task_id": "task"}),
}


class _State(threading.local):
    in_request = False
    tokens: dict[str, str]  # scope → token, read once per request
    local = ""  # changed by this thread's writes until they are committed
    pending: set[tuple[str, Any] | None]  # rows written since the last commit; None: unplaced

    def __init__(self) -> None:
        self.tokens = {}
        self.pending = set()


_state = _State()


def _new() -> str:
    return uuid4().hex


def _scope(jurisdiction_id: int) -> str:
    return f"j{jurisdiction_id}"


NEVER_WRITTEN = "0"  # the token of a scope without a row: no write has reached it yet


def _tokens(scopes: list[str]) -> dict[str, str]:
    found = dict(DataVersion.objects.filter(scope__in=scopes).values_list("scope", "token"))
    return {scope: found.get(scope, NEVER_WRITTEN) for scope in scopes}


def current(jurisdiction_id: int | None = None) -> str:
    """The version to file data under: of one jurisdiction's data, or with None of all data."""
    scopes = [SHARED, _scope(jurisdiction_id)] if jurisdiction_id is not None else [ANY]
    known = _state.tokens if _state.in_request else {}
    wanted = [scope for scope in scopes if scope not in known]
    if wanted:
        known = {**known, **_tokens(wanted)}
        if _state.in_request:
            _state.tokens = known
    return ".".join([*(known[scope] for scope in scopes), _state.local])


def changed(jurisdiction_ids: set[int] | None = None) -> None:
    """Gives new versions to the data of these jurisdictions (with None, to all data)."""
    _state.tokens = {}  # read them again, this request too
    scopes = [ANY, *(_scope(pk) for pk in sorted(jurisdiction_ids))] if jurisdiction_ids else []
    scopes = scopes or [ANY, SHARED]
    for scope in scopes:
        token = _new()
        if not DataVersion.objects.filter(scope=scope).update(token=token):
            row = DataVersion(scope=scope, token=token)
            DataVersion.objects.bulk_create([row], ignore_conflicts=True)
            DataVersion.objects.filter(scope=scope).update(token=token)  # if another made it


def _leads(instance: Model) -> tuple[str, Any] | None:
    for kind, field in LEADS.get(instance._meta.label_lower, ()):
        value = getattr(instance, field)
        if value is not None:
            return kind, value
    return None


def _jurisdictions(rows: set[tuple[str, Any] | None]) -> set[int] | None:
    """The jurisdictions (with their parents) that `rows` lead to; None if one leads nowhere
    (unplaced, or deleted since)."""
    if None in rows:
        return None
    found: set[int] = set()
    todo: dict[str, set[Any]] = defaultdict(set)
    for row in rows:
        assert row is not None
        todo[row[0]].add(row[1])
    seen: set[tuple[str, Any]] = set()
    while todo:
        kind, ids = todo.popitem()
        ids = {pk for pk in ids if (kind, pk) not in seen}
        seen |= {(kind, pk) for pk in ids}
        if not ids:
            continue
        if kind == "jurisdiction":
            found |= ids
        label, fields = HOPS[kind]
        values = list(apps.get_model(label).objects.filter(pk__in=ids).values_list("pk", *fields))
        if len(values) < len(ids):
            return None  # deleted: it cannot be placed any more
        for _pk, *leads in values:
            for lead_kind, lead in zip(fields.values(), leads, strict=True):
                if lead is not None:
                    todo[lead_kind].add(lead)
    return found


def _commit() -> None:
    rows, _state.pending = _state.pending, set()
    if rows:
        changed(_jurisdictions(rows))
    _state.local = ""  # the rows have the new versions now


def _on_write(sender: Any, instance: Model, using: str | None = None, **_: Any) -> None:
    if sender is DataVersion:
        return
    _state.local = _new()
    _state.pending.add(_leads(instance))
    transaction.on_commit(_commit, using=using)


def _request_started(**_: Any) -> None:
    _state.in_request = True
    _state.tokens = {}


def _request_finished(**_: Any) -> None:
    _state.in_request = False
    _state.tokens = {}


def connect() -> None:
    """Called from TrackingConfig.ready: watch every model of the watched apps."""
    request_started.connect(_request_started, dispatch_uid="luoshi-version-request-started")
    request_finished.connect(_request_finished, dispatch_uid="luoshi-version-request-finished")
    for config in apps.get_app_configs():
        if config.label not in WATCHED_APPS:
            continue
        for model in config.get_models():
            if model is DataVersion:
                continue
            uid = f"luoshi-version-{model._meta.label}"
            signals.post_save.connect(_on_write, sender=model, dispatch_uid=uid)
            signals.post_delete.connect(_on_write, sender=model, dispatch_uid=uid)
            for field in model._meta.local_many_to_many:
                signals.m2m_changed.connect(
                    _on_write, sender=field.remote_field.through, dispatch_uid=f"{uid}-{field.name}"
                )

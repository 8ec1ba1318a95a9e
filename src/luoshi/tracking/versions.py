"""The data version: one token that changes with every write to the tracker's and the ledger's
tables, under which each app server keeps what it computed from them.

Statuses (snapshot.py) and rendered parts of pages (fragments.py) are cached in each app
server's own memory (the "local" cache) under the version they were computed at. The version
is a random token in one database row (`DataVersion`) that every app server reads, so a write
through any server makes every server's older entries unreachable at once: nothing is shared
between servers but the database, and nothing stale is served.

- Every save or delete in the watched apps sends a signal; on commit the row gets a new token
  (in autocommit mode, at once). Bulk loads and restores, which send no signals, call
  `changed()` themselves.
- Until then, a write also changes this thread's own part of the version, so a read later in the
  same transaction (which the other servers cannot see yet) never finds the data from before it.
- A reader that took the old token before a commit may file the new data under it: harmless, as
  the token changes right after the commit.
- During a request the row is read once (the first time it is needed); outside requests
  (commands, tests) every call reads it.
"""

from __future__ import annotations

import threading
from typing import Any
from uuid import uuid4

from django.apps import apps
from django.core.signals import request_finished, request_started
from django.db import IntegrityError, transaction
from django.db.models import signals

from luoshi.tracking.models import DataVersion

WATCHED_APPS = ("tracking", "ledger")
ROW = 1


class _State(threading.local):
    in_request = False
    token: str | None = None  # the row's token, read once per request
    local = ""  # changed by this thread's writes


_state = _State()


def _read() -> str:
    token = DataVersion.objects.filter(pk=ROW).values_list("token", flat=True).first()
    if token is None:  # a database emptied by a test or a restore
        try:
            with transaction.atomic():
                token = DataVersion.objects.get_or_create(pk=ROW, defaults={"token": _new()})[
                    0
                ].token
        except IntegrityError:  # another server made it first
            token = DataVersion.objects.get(pk=ROW).token
    return token


def _new() -> str:
    return uuid4().hex


def current() -> str:
    """The version to file computed data under."""
    token = _state.token if _state.in_request else None
    if token is None:
        token = _read()
        if _state.in_request:
            _state.token = token
    return f"{token}.{_state.local}"


def changed(**_: Any) -> None:
    """Gives the data a new version (every server sees it)."""
    _state.local = _new()
    if not DataVersion.objects.filter(pk=ROW).update(token=_new()):
        _read()  # makes the row


def _on_write(sender: Any, using: str | None = None, **_: Any) -> None:
    if sender is DataVersion:
        return
    _state.local = _new()
    transaction.on_commit(changed, using=using)


def _request_started(**_: Any) -> None:
    _state.in_request = True
    _state.token = None


def _request_finished(**_: Any) -> None:
    _state.in_request = False
    _state.token = None


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

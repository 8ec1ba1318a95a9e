"""Whole pages kept under the version of the data they show (Django's cache framework).

A GET answer (HTML or JSON, status 200) is kept in each server's memory (the "pages" cache)
under a key that names everything it depends on: the reader (their session, their CSRF cookie,
an API token), the address, the language, and the data versions of what the reader may see.
Versions are random tokens in the cache all servers share ("default": a database table in
production):

- a member's pages depend on their jurisdiction and the ones above it (a district's liaison
  sees the city's project ledger); everyone else's (the public, administrators) on "all";
- every write service bumps the versions of the jurisdictions it wrote and of the ones above
  them, and "all" (`touch`); a change that cannot be placed (a restore, a daily refresh, an edit
  in 基础数据) bumps the epoch that every key holds (`touch(None)`).

So a write through any server is seen by the next read on every server. Answers that set a
cookie, and requests with messages to show, are never kept. Views know nothing of this.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from typing import Any
from uuid import uuid4

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import caches
from django.db import transaction
from django.http import HttpRequest, HttpResponse

from luoshi.tracking.models import Jurisdiction
from luoshi.tracking.visibility import membership

EPOCH, ALL = "epoch", "all"
KEPT_TYPES = ("text/html", "application/json")
SKIPPED = ("/admin/", "/static/", "/media/", "/accounts/")


def _key(scope: str) -> str:
    return f"luoshi:version:{scope}"


def _above(jurisdiction_ids: Iterable[int]) -> set[int]:
    """These jurisdictions and every one above them."""
    found: set[int] = set()
    todo = set(jurisdiction_ids)
    while todo:
        found |= todo
        parents = Jurisdiction.objects.filter(pk__in=todo).values_list("parent_id", flat=True)
        todo = {pk for pk in parents if pk is not None} - found
    return found


def touch(jurisdiction_ids: Iterable[int] | None = None) -> None:
    """New versions for these jurisdictions (and the ones above them, and "all"); with None,
    a new epoch: no page kept before is shown again. Applied at once, for this transaction's
    own next reads, and again when it commits: a server that read the data before the commit
    may have kept the old page under the first new version."""
    scopes = [EPOCH] if jurisdiction_ids is None else [ALL, *map(str, _above(jurisdiction_ids))]

    def bump() -> None:
        caches["default"].set_many({_key(scope): uuid4().hex for scope in scopes}, None)

    bump()
    transaction.on_commit(bump)


def versions(scopes: list[str]) -> str:
    """The current tokens of these scopes (made where missing), joined."""
    shared = caches["default"]
    keys = [_key(scope) for scope in scopes]
    found = shared.get_many(keys)
    for key in keys:
        if key not in found:
            shared.add(key, uuid4().hex, None)  # another server may have made it meanwhile
            found[key] = shared.get(key)
    return ".".join(str(found[key]) for key in keys)


def _scopes(request: HttpRequest) -> list[str]:
    member = membership(request.user)
    if member is None:
        return [EPOCH, ALL]
    # A county, its city, its province: one query for the chain.
    above = Jurisdiction.objects.filter(pk=member.jurisdiction_id).values_list(
        "parent_id", "parent__parent_id"
    )
    chain = [member.jurisdiction_id, *next(iter(above), ())]
    return [EPOCH, *(str(pk) for pk in chain if pk is not None)]


def page_key(request: HttpRequest) -> str:
    reader = (
        request.session.session_key or "",
        request.COOKIES.get(settings.CSRF_COOKIE_NAME, ""),
        request.headers.get("Authorization", ""),
    )
    parts = repr((reader, request.get_full_path(), request.LANGUAGE_CODE))
    digest = hashlib.blake2b(parts.encode(), digest_size=16).hexdigest()
    return f"luoshi:page:{versions(_scopes(request))}:{digest}"


def _keepable(request: HttpRequest, response: HttpResponse) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and response.get("Content-Type", "").startswith(KEPT_TYPES)
    )


class PageCacheMiddleware:
    """Serves a GET page from the cache when nothing it shows has been written since."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            not settings.LUOSHI_PAGE_CACHE
            or request.method != "GET"
            or request.path.startswith(SKIPPED)
            or len(get_messages(request))  # a message is shown once, on a fresh page
        ):
            return self.get_response(request)
        pages = caches["pages"]
        key = page_key(request)
        found: Any = pages.get(key)
        if found is not None:
            return found  # what was filed below: a response
        response = self.get_response(request)
        if _keepable(request, response):
            pages.set(key, response)
        return response

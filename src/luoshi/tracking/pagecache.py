"""Whole pages kept under the version of the data they show (Django's cache framework).

A GET answer (HTML or JSON, status 200) is kept in each server's memory (the "pages" cache)
under a key that names everything it depends on: the reader (their session, their CSRF cookie,
an API token), the address, the language, and the data versions of what the reader may see.
Versions are random tokens in the cache all servers share ("default": a database table in
production):

- a member's pages depend on their jurisdiction; everyone else's (the public, administrators)
  on "all";
- every write service bumps the versions of the jurisdictions it wrote, of the ones above and
  below them (a district's liaison sees the city's project ledger), and "all" (`touch`); a
  change that cannot be placed (a restore, an edit in 基础数据) bumps the epoch that every key
  holds (`touch(None)`).

The same read of the shared cache says whether today's statuses are stored (the day is marked
once no plan is left to refresh); until then each request refreshes a second's worth of plans
(tracking.statuses), so no page shows yesterday's 序时 expectation where `luoshi refresh-status`
is not run by cron.

A logged-in reader's pages also depend on a token of their own, which their logging out and
every change of their account or membership replaces (`forget_user`). Each server remembers, for
a minute, which scopes a session cookie it has seen logged in reads and under which of these
tokens: while the token is unchanged, a kept page is served without loading the session or the
user (the shared read above is the request's only query).

So a write through any server is seen by the next read on every server. Answers that set a
cookie, requests with messages to show, and views marked `never_cache` are never kept. Views
know nothing else of this.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from uuid import uuid4

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import HttpRequest, HttpResponse

from luoshi.tracking.models import Jurisdiction
from luoshi.tracking.visibility import membership

EPOCH, ALL, FRESH = "epoch", "all", "fresh-on"
KEPT_TYPES = ("text/html", "application/json")
SKIPPED = ("/admin/", "/static/", "/media/", "/accounts/")
READER_SECONDS = 60  # how long a server trusts a session cookie it has seen logged in


def _key(scope: str) -> str:
    return f"luoshi:version:{scope}"


def _related(jurisdiction_ids: Iterable[int]) -> set[int]:
    """These jurisdictions, the ones above them and the ones below them: a city's write shows
    on its districts' pages (their members see the city's ledger), a county's on its city's."""
    found: set[int] = set()
    for field, lookup in (("parent_id", "pk__in"), ("pk", "parent_id__in")):
        todo = set(jurisdiction_ids)
        while todo:
            found |= todo
            rows = Jurisdiction.objects.filter(**{lookup: todo}).values_list(field, flat=True)
            todo = {pk for pk in rows if pk is not None} - found
    return found


def touch(jurisdiction_ids: Iterable[int] | None = None) -> None:
    """New versions for these jurisdictions (the ones above and below them too, and "all");
    with None, a new epoch: no page kept before is shown again. Applied at once, for this
    transaction's own next reads, and again when it commits: a server that read the data
    before the commit may have kept the old page under the first new version."""
    related = [] if jurisdiction_ids is None else list(map(str, _related(jurisdiction_ids)))
    scopes = [EPOCH] if jurisdiction_ids is None else [ALL, *related]

    def bump() -> None:
        caches["default"].set_many({_key(scope): uuid4().hex for scope in scopes}, None)

    bump()
    transaction.on_commit(bump)


def forget_user(user_id: int) -> None:
    """A new token for this user: their kept pages are not shown again, and no server knows
    their sessions without loading them (they logged out, or their account changed)."""

    def bump() -> None:
        caches["default"].set(_key(_user_scope(user_id)), uuid4().hex, None)

    bump()
    transaction.on_commit(bump)


def _user_scope(user_id: int) -> str:
    return f"user:{user_id}"


def _tokens(scopes: list[str]) -> tuple[str, list[str]]:
    shared = caches["default"]
    keys = [_key(scope) for scope in scopes]
    found = shared.get_many([_key(FRESH), *keys])
    for key in keys:
        if key not in found:
            shared.add(key, uuid4().hex, None)  # another server may have made it meanwhile
            found[key] = shared.get(key)
    return str(found.get(_key(FRESH), "")), [str(found[key]) for key in keys]


def read(scopes: list[str]) -> tuple[str, str]:
    """The day the statuses are known fresh for, and the current tokens of these scopes (made
    where missing), joined: one read of the shared cache."""
    fresh_on, tokens = _tokens(scopes)
    return fresh_on, ".".join(tokens)


def _reader_key(session_key: str) -> str:
    return "luoshi:reader:" + hashlib.blake2b(session_key.encode(), digest_size=16).hexdigest()


def read_for(request: HttpRequest) -> tuple[str, str]:
    """`read` for the reader of this request. A session cookie this server has seen logged in
    within the last minute names its scopes without a look at the session or the user, as long
    as the user's token and the epoch are the ones seen then."""
    cookie = request.COOKIES.get(settings.SESSION_COOKIE_NAME, "")
    known = caches["pages"].get(_reader_key(cookie)) if cookie else None
    if known is not None:
        scopes, seen = known
        fresh_on, tokens = _tokens(scopes)
        if (tokens[0], tokens[-1]) == seen:  # no new epoch (a restore), the same user token
            return fresh_on, ".".join(tokens)
    scopes = scopes_of(request)
    fresh_on, tokens = _tokens(scopes)
    if request.user.is_authenticated and request.session.session_key == cookie:
        seconds = min(READER_SECONDS, request.session.get_expiry_age())
        caches["pages"].set(_reader_key(cookie), (scopes, (tokens[0], tokens[-1])), seconds)
    return fresh_on, ".".join(tokens)


def mark_fresh(day: str) -> None:
    """Today's statuses are stored for every plan (see tracking.middleware)."""
    caches["default"].set(_key(FRESH), day, None)


def scopes_of(request: HttpRequest) -> list[str]:
    """What the reader's pages depend on; a logged-in user's own token comes last."""
    user = request.user
    member = membership(user)
    scopes = [EPOCH, ALL] if member is None else [EPOCH, str(member.jurisdiction_id)]
    return [*scopes, _user_scope(user.pk)] if user.is_authenticated else scopes


def reader_key(request: HttpRequest) -> str:
    reader = (
        request.session.session_key or "",
        request.COOKIES.get(settings.CSRF_COOKIE_NAME, ""),
        request.headers.get("Authorization", ""),
    )
    parts = repr((reader, request.get_full_path(), request.LANGUAGE_CODE))
    return hashlib.blake2b(parts.encode(), digest_size=16).hexdigest()


def keepable(request: HttpRequest, response: HttpResponse) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        # A page that changes without a data write (a background job's progress) says so.
        and "no-store" not in response.get("Cache-Control", "")
        and response.get("Content-Type", "").startswith(KEPT_TYPES)
        and "no-store" not in response.get("Cache-Control", "")  # never_cache views
    )

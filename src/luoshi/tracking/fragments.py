"""Rendered parts of pages, cached under the data version (versions.py).

Most of what a page shows is the same for everyone who may see it, and changes only when data
is written: the dashboard of a plan, a page of the plan's table, a task's facts and history.
Those parts are rendered once per data version; what is the user's own (the header, forms with
their CSRF tokens) is rendered on every request around them.

A part is looked for in the app server's own memory (the "local" cache), then in the cache all
servers share (the "default" cache: a database table in production), and only then made, so
after a write one worker of one server does the work and the others fetch the result.
A part's key names everything its content depends on besides the data: the language, and what
the caller passes (plan, date, filters, the reader's scope). A part's template gets only the
context made for it, never the request or the user, so nobody's own data can end up in it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, QueryDict
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from luoshi.tracking import versions

_MISSING = object()


def key(name: str, parts: Hashable, jurisdiction: int | None) -> str:
    """The cache key of `parts` of `name` for the current data version and language."""
    text = repr((parts, translation.get_language(), versions.current(jurisdiction)))
    return f"luoshi:{name}:{hashlib.blake2b(text.encode(), digest_size=16).hexdigest()}"


def remember(key: str, make: Callable[[], Any]) -> Any:
    """What is filed under `key`: from this server's memory, else from the shared cache, else
    made (and filed in both). Keys must name the data version."""
    local, shared = caches["local"], caches["default"]
    found = local.get(key, _MISSING)
    if found is _MISSING:
        found = shared.get(key, _MISSING)
        if found is _MISSING:
            found = make()
            shared.set(key, found)
        local.set(key, found)
    return found


def cached(name: str, parts: Hashable, make: Callable[[], Any], *, jurisdiction: int | None) -> Any:
    """`make()`'s result for `parts`, made at most once per version of the jurisdiction's data
    (with None, of all data) and language; every time with LUOSHI_PAGE_CACHE=0, which
    `luoshi bench-web --no-page-cache` measures. `make` must read only that jurisdiction's data.
    """
    if not settings.LUOSHI_PAGE_CACHE:
        return make()
    return remember(key(name, parts, jurisdiction), make)


def listing(request: HttpRequest) -> tuple[QueryDict, str, Hashable]:
    """A list page's filters (the query without `page`), its page number, and the two as a key
    part (the filters sorted, so that their order in the address does not matter)."""
    query = request.GET.copy()
    number = query.pop("page", [""])[-1]
    return query, number, (tuple(sorted(query.lists())), number)


def render(
    template: str,
    parts: Hashable,
    context: Callable[[], dict[str, Any]],
    *,
    jurisdiction: int | None,
) -> SafeString:
    """`template` rendered with `context()`, at most once per `parts`, version of the
    jurisdiction's data and language."""
    html = cached(
        template, parts, lambda: render_to_string(template, context()), jurisdiction=jurisdiction
    )
    return mark_safe(html)  # rendered by the template engine, which escapes

"""Every page: today's statuses, then the page from the cache if nothing it shows changed since.

One read of the shared cache per request (tracking.pagecache) says both whether today's
statuses are stored and which data versions the reader's pages are filed under.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse

from luoshi.tracking import pagecache, statuses
from luoshi.tracking.models import Plan

BUDGET_SECONDS = 1.0  # of one request's time for the day's refresh; a province takes minutes


def _fresh(on: date) -> None:
    """Today's statuses: the plans not yet refreshed today, a second's worth; the day is
    marked fresh in the shared cache once none is left."""
    stale = Plan.objects.exclude(status_on=on)
    if stale.exists():
        statuses.refresh_stale(on, budget=BUDGET_SECONDS)
        if stale.exists():
            return
    pagecache.mark_fresh(on.isoformat())


class PageCacheMiddleware:
    """Makes sure the statuses are today's, then serves a GET page from the cache when nothing
    it shows has been written since it was kept."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        on = statuses.today()
        fresh_on, tokens = pagecache.read_for(request)
        if fresh_on != on.isoformat():
            _fresh(on)
            fresh_on, tokens = pagecache.read_for(request)
        if (
            not settings.LUOSHI_PAGE_CACHE
            or request.method != "GET"
            or request.path.startswith(pagecache.SKIPPED)
            or len(get_messages(request))  # a message is shown once, on a fresh page
        ):
            return self.get_response(request)
        pages = caches["pages"]
        key = f"luoshi:page:{on.isoformat()}:{tokens}:{pagecache.reader_key(request)}"
        found: Any = pages.get(key)
        if found is not None:
            return found  # what was filed below: a response
        response = self.get_response(request)
        if pagecache.keepable(request, response):
            pages.set(key, response)
        return response

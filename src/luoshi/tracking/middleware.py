"""Statuses as of today on every page, even where `luoshi refresh-status` is not run by cron."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from luoshi.tracking import statuses
from luoshi.tracking.models import Plan


class FreshStatusMiddleware:
    """The first request of a day (one indexed query on the plans otherwise) recomputes the
    statuses of plans that are not as of today, so no page shows yesterday's 序时 expectation."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        on = statuses.today()
        if Plan.objects.exclude(status_on=on).exists():
            statuses.refresh_stale(on)
        return self.get_response(request)

"""Statuses as of today on every page, even where `luoshi refresh-status` is not run by cron."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from luoshi.tracking import statuses
from luoshi.tracking.models import Plan

BUDGET_SECONDS = 1.0  # of one request's time; a province's plans take a few minutes in all


class FreshStatusMiddleware:
    """The first requests of a day (one indexed query on the plans otherwise) recompute the
    statuses of plans that are not as of today, a second's worth each, so no page shows
    yesterday's 序时 expectation for long where `luoshi refresh-status` is not run by cron."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        on = statuses.today()
        if Plan.objects.exclude(status_on=on).exists():
            statuses.refresh_stale(on, budget=BUDGET_SECONDS)
        return self.get_response(request)

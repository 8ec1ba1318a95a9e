"""The Content-Security-Policy header on every response.

A constant policy needs no per-request work, so a small middleware does it (django-csp would add
nonces, which luoshi does not need: its pages keep every script in a static file).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.LUOSHI_CSP)
        return response

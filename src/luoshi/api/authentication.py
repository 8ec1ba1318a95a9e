"""The browser's session on the API, with the CSRF refusal worded in the user's language (REST
framework's says "CSRF Failed: …" in English whatever the language)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular import authentication as authentication_schemes
from rest_framework import authentication, exceptions
from rest_framework.request import Request


class SessionAuthentication(authentication.SessionAuthentication):
    def enforce_csrf(self, request: Request) -> None:
        try:
            super().enforce_csrf(request)
        except exceptions.PermissionDenied:
            raise exceptions.PermissionDenied(
                _(
                    "The request has no valid CSRF token. Send the csrftoken cookie's value in "
                    "the X-CSRFToken header, or use an API token."
                )
            ) from None


class SessionScheme(authentication_schemes.SessionScheme):
    """The OpenAPI schema names this session login as it names REST framework's (cookieAuth)."""

    target_class = "luoshi.api.authentication.SessionAuthentication"

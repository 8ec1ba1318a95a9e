"""Errors as JSON, in the caller's language (Chinese by default), never a traceback.

Every error body has `detail`, a sentence saying what went wrong and what to do; validation
errors add `errors`, the messages per field.
"""

from __future__ import annotations

import logging
from typing import Any

from django.http import Http404, HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

logger = logging.getLogger(__name__)


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()  # Django's message is English and names the model
    if isinstance(exc, exceptions.ParseError):
        # REST framework's parsers say what broke in English ("JSON parse error - …").
        exc = exceptions.ParseError(
            _("The request body cannot be read: send valid JSON (or form data) and try again.")
        )
    response = drf_exception_handler(exc, context)
    if response is None:
        logger.exception("API error", exc_info=exc)
        return Response(
            {
                "detail": _(
                    "Something went wrong on the server. Try again later; if it persists, "
                    "tell the supervision office."
                )
            },
            status=status.HTTP_500_INTERNAL_SERVER_ERROR,
        )
    if isinstance(exc, exceptions.ValidationError):
        errors = response.data
        response.data = {
            "detail": _("The request has errors: correct the fields listed and send it again."),
            "errors": errors if isinstance(errors, dict) else {"non_field_errors": errors},
        }
    return response


def not_found(request: HttpRequest, path: str = "") -> JsonResponse:
    """Unknown addresses under /api/ answer in JSON too, pointing at the documentation."""
    return JsonResponse(
        {"detail": _("No such API address. The documentation at /api/docs/ lists them all.")},
        status=404,
    )

"""The unread badge of the message centre, in every page's header."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from luoshi.notices.models import Notice


def notices(request: HttpRequest) -> dict[str, Any]:
    if not request.user.is_authenticated:
        return {}
    user = request.user
    return {
        "unread": SimpleLazyObject(lambda: Notice.objects.filter(user=user, read_at=None).count())
    }

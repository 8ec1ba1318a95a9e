"""Logging in: Django's model backend, loading each request's user with their membership."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class MemberBackend(ModelBackend):
    """Every page asks for the user's membership (city, department, role): one query, not two."""

    def get_user(self, user_id: Any) -> Any:
        users = get_user_model()._default_manager.select_related("membership")
        user = users.filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None

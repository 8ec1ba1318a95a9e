"""Login throttling: N failed logins for one user name from one address lock that pair out.

The counts live in Django's cache (shared by every app server when LUOSHI_CACHE=database), so the
rule holds for the site's login page and the admin's alike. A lock-out refuses even the right
password until the window has passed, and says so in a sentence.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core.cache import cache
from django.http import HttpRequest


def client_address(request: HttpRequest | None) -> str:
    if request is None:
        return ""
    header = settings.LUOSHI_CLIENT_IP_HEADER
    if header and request.META.get(header):
        return str(request.META[header]).split(",")[-1].strip()
    return str(request.META.get("REMOTE_ADDR", ""))


def _key(username: str, address: str) -> str:
    digest = hashlib.sha256(f"{username.strip().lower()}\0{address}".encode()).hexdigest()
    return f"luoshi:login-failures:{digest}"


def is_locked(username: str, address: str) -> bool:
    return int(cache.get(_key(username, address), 0)) >= settings.LUOSHI_LOGIN_FAILURES


def record_failure(username: str, address: str) -> None:
    key = _key(username, address)
    window = settings.LUOSHI_LOGIN_WINDOW_MINUTES * 60
    if not cache.add(key, 1, window):
        try:
            cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.add(key, 1, window)


def clear(username: str, address: str) -> None:
    cache.delete(_key(username, address))


def locked_message() -> str:
    minutes = settings.LUOSHI_LOGIN_WINDOW_MINUTES
    return (
        f"登录失败次数过多，该账号已在本机暂时锁定。请{minutes}分钟后再试，"
        "或联系督查室管理员重置密码。"
    )


class ThrottledLoginMixin:
    request: HttpRequest | None

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = self.cleaned_data  # type: ignore[attr-defined]  # a mixin of a Form
        username = str(data.get("username") or "")
        address = client_address(self.request)
        if username and is_locked(username, address):
            raise forms.ValidationError(locked_message(), code="throttled")
        try:
            cleaned: dict[str, Any] = super().clean()  # type: ignore[misc]  # the Form's clean()
        except forms.ValidationError:
            if username:
                record_failure(username, address)
            raise
        clear(username, address)
        return cleaned


class ThrottledAuthenticationForm(ThrottledLoginMixin, AuthenticationForm):
    pass


class ThrottledAdminAuthenticationForm(ThrottledLoginMixin, AdminAuthenticationForm):
    pass

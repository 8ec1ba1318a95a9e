"""Django set-up for the commands that use the web app's database or settings."""

from __future__ import annotations


def setup(**environment: str) -> None:
    """Configure the web app; `environment` gives defaults the caller's environment overrides."""
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "luoshi.site.settings")
    for name, value in environment.items():
        os.environ.setdefault(name, value)
    django.setup()

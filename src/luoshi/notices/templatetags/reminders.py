"""Reminder texts in the reader's language: `{{ event|reason_shown:task }}` in a task's history."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import translation

from luoshi.notices.words import event_reason

register = template.Library()


@register.filter
def reason_shown(event: Any, task: Any) -> str:
    """The event's reason; a reminder's or 催办's composed in the interface's language."""
    payload = event.payload if isinstance(event.payload, dict) else {}
    language = translation.get_language()
    return event_reason(event.verb, event.reason, payload, task, language)

"""Writes of 留言: a citizen's message (rate limited per address), the office's decision.

The count of messages per address lives in Django's shared cache, as login failures do
(site.throttle); a decision bumps the page cache of the plan's jurisdiction, so the commitment's
page shows an approved message at once."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.contrib.auth.models import User
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from luoshi.public.models import Feedback
from luoshi.tracking import pagecache
from luoshi.tracking.models import Task

WINDOW = 3600  # the rate limit counts messages per address over an hour


class TooMany(Exception):
    """The address sent LUOSHI_FEEDBACK_PER_HOUR messages within the hour."""


def _key(address: str) -> str:
    return "luoshi:feedback:" + hashlib.sha256(address.encode()).hexdigest()


def submit(task: Task, name: str, contact: str, text: str, address: str) -> Feedback:
    key = _key(address)
    if int(cache.get(key, 0)) >= settings.LUOSHI_FEEDBACK_PER_HOUR:
        raise TooMany
    if not cache.add(key, 1, WINDOW):
        try:
            cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.add(key, 1, WINDOW)
    with transaction.atomic():
        message = Feedback.objects.create(task=task, name=name, contact=contact, text=text)
        transaction.on_commit(lambda: pagecache.touch({task.plan.jurisdiction_id}))
    return message


def moderate(user: User, message: Feedback, approve: bool) -> None:
    message.state = Feedback.APPROVED if approve else Feedback.REJECTED
    message.moderated_by, message.moderated_at = user, timezone.now()
    with transaction.atomic():
        message.save(update_fields=["state", "moderated_by", "moderated_at"])
        transaction.on_commit(lambda: pagecache.touch({message.task.plan.jurisdiction_id}))

"""Delivering a reminder, as a task of Django's Tasks framework (django-tasks): by e-mail to the
department's people, and to the group robots of the department (else the office's), with
retries; every attempt's outcome is logged as a Delivery."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request

from django.conf import settings
from django.core.mail import send_mail
from django_tasks import task

from luoshi.notices.models import Delivery, Hook, Reminder
from luoshi.tracking.models import Membership

ATTEMPTS = 3


def body(text: str) -> dict[str, object]:
    """The JSON a group robot takes: 企业微信 and 钉钉 both read a text message this way."""
    return {"msgtype": "text", "text": {"content": text}}


def _post(url: str, payload: dict[str, object]) -> None:
    data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    request = urllib.request.Request(
        url, data=data, headers={"Content-Type": "application/json; charset=utf-8"}
    )
    with urllib.request.urlopen(request, timeout=settings.LUOSHI_WEBHOOK_TIMEOUT) as response:
        answer = json.loads(response.read() or b"{}")
    # Both robots answer 200 with {"errcode": 0} on success and a non-zero errcode otherwise.
    if isinstance(answer, dict) and answer.get("errcode", 0) not in (0, "0"):
        raise ValueError(f"errcode {answer.get('errcode')}: {answer.get('errmsg', '')}")


def _with_retries(reminder: Reminder, hook: Hook) -> None:
    error = ""
    for attempt in range(1, ATTEMPTS + 1):
        try:
            _post(hook.url, body(reminder.message))
        except (OSError, ValueError, urllib.error.URLError) as failure:
            error = str(failure)[:500]
            if attempt < ATTEMPTS:
                time.sleep(settings.LUOSHI_WEBHOOK_BACKOFF * attempt)
            continue
        Delivery.objects.create(
            reminder=reminder, channel=Delivery.WEBHOOK, target=hook.url, state=Delivery.SENT,
            attempts=attempt,
        )  # fmt: skip
        return
    Delivery.objects.create(
        reminder=reminder, channel=Delivery.WEBHOOK, target=hook.url, state=Delivery.FAILED,
        attempts=ATTEMPTS, error=error,
    )  # fmt: skip


@task()
def deliver(reminder_id: int) -> None:
    reminder = Reminder.objects.select_related("task", "department").get(pk=reminder_id)
    people = Membership.objects.filter(
        department=reminder.department, role=Membership.LIAISON
    ).select_related("user")
    addresses = sorted({m.user.email for m in people if m.user.email})
    if addresses:
        try:
            send_mail(f"【督查提醒】{reminder.task.code}", reminder.message, None, addresses)
            state, error = Delivery.SENT, ""
        except OSError as failure:
            state, error = Delivery.FAILED, str(failure)[:500]
        Delivery.objects.create(
            reminder=reminder, channel=Delivery.MAIL, target=", ".join(addresses), state=state,
            attempts=1, error=error,
        )  # fmt: skip
    jurisdiction = reminder.department.jurisdiction_id
    hooks = list(Hook.objects.filter(active=True, department=reminder.department))
    if not hooks:
        hooks = list(
            Hook.objects.filter(active=True, jurisdiction_id=jurisdiction, department__isnull=True)
        )
    for hook in hooks:
        _with_retries(reminder, hook)

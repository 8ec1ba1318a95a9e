"""Recording reminders and leaving their messages: automatic ones (`luoshi remind`, for cron) and
the office's 催办. Each reminder is also an event in the task's history; its delivery by e-mail
and group robot is a background task (notices.tasks.deliver)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction

from luoshi import status
from luoshi.notices import words
from luoshi.notices.due import Due, due
from luoshi.notices.models import Notice, Reminder
from luoshi.notices.tasks import deliver
from luoshi.tracking import pagecache
from luoshi.tracking.models import Event, Membership, Task


@dataclass
class Sent:
    reminders: int = 0
    notices: int = 0


def _record(item: Due, sent_by: User | None = None) -> tuple[Reminder, int] | None:
    automatic = item.kind != Reminder.URGED
    if (
        automatic
        and Reminder.objects.filter(
            task=item.task, department_id=item.department_id, period=item.period, kind=item.kind
        ).exists()
    ):
        return None
    try:
        with transaction.atomic():
            reminder = Reminder.objects.create(
                task=item.task, department_id=item.department_id, period=item.period,
                kind=item.kind, message=item.message, sent_by=sent_by,
            )  # fmt: skip
    except IntegrityError:  # another run recorded it a moment ago
        return None
    people = Membership.objects.filter(department_id=item.department_id, role=Membership.LIAISON)
    notices = Notice.objects.bulk_create(
        Notice(user_id=user_id, reminder=reminder)
        for user_id in people.values_list("user_id", flat=True)
    )
    Event.objects.create(
        actor=sent_by,
        verb="urged" if item.kind == Reminder.URGED else "reminded",
        plan_id=item.task.plan_id,
        task=item.task,
        reason=item.message,
        payload={"kind": item.kind, "period": item.period, "department": item.department_id},
    )
    transaction.on_commit(lambda: deliver.enqueue(reminder.pk))
    return reminder, len(notices)


def remind(on: date) -> Sent:
    """Records and sends every reminder due on `on` that was not sent before."""
    sent = Sent()
    touched: set[int] = set()
    for item in due(on):
        with transaction.atomic():
            made = _record(item)
        if made is not None:
            sent.reminders += 1
            sent.notices += made[1]
            touched.add(item.task.plan.jurisdiction_id)
    if touched:
        pagecache.touch(touched)
    return sent


def urge(user: User, task: Task, message: str, on: date) -> Reminder:
    """催办 by the office: always sent, with the office's own words."""
    period = status.reference_period(task.plan.year, task.deadline or on, on) or f"{on:%Y-%m}"
    text = words.message(task, Reminder.URGED, period, message.strip()).zh
    with transaction.atomic():
        lead = int(task.lead_id or 0)
        made = _record(Due(task, lead, period, Reminder.URGED, text), sent_by=user)
        pagecache.touch({task.plan.jurisdiction_id})
    assert made is not None  # urged reminders are never skipped
    return made[0]

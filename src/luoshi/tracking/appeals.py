"""申诉: a department contests a task's computed status; the office accepts or rejects it.

An accepted appeal sets the task's status for its period (luoshi.status applies it as an
override, keeping the computed status in the reason); the computed status, its reason and its
lines at the time of the decision stay in the event's payload. Writes follow tracking.services:
one transaction, an event, the stored status refreshed, the page cache bumped.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from luoshi.tracking import pagecache
from luoshi.tracking.models import Appeal, Event, Task
from luoshi.tracking.services import Conflict, task_changed


def raise_appeal(user: User, task: Task, data: Mapping[str, Any]) -> Appeal:
    """`data` as a valid AppealForm cleans it (period, status, reason, evidence); raises
    Conflict if an appeal for the task and period is still pending."""
    with transaction.atomic():
        locked = Task.objects.select_for_update().get(pk=task.pk)
        if Appeal.objects.filter(task=locked, period=data["period"], state=Appeal.PENDING).exists():
            raise Conflict
        appeal = Appeal.objects.create(
            task=locked,
            period=data["period"],
            computed=locked.status,
            computed_reason=locked.status_reason,
            status=data["status"],
            reason=data["reason"],
            evidence=data.get("evidence") or "",
            raised_by=user,
        )
        Event.objects.create(
            actor=user,
            verb="appeal_raised",
            plan_id=locked.plan_id,
            task=locked,
            reason=appeal.reason,
            payload={
                "appeal": appeal.pk,
                "period": appeal.period,
                "from": appeal.computed,
                "to": appeal.status,
            },
        )
        pagecache.touch({locked.plan.jurisdiction_id})
    return appeal


def decide_appeal(user: User, appeal_id: int, accept: bool, decision: str) -> Appeal:
    """Accept (the status is set for the appeal's period) or reject, with the office's reason;
    raises Conflict if the appeal was decided already."""
    with transaction.atomic():
        appeal = (
            Appeal.objects.select_for_update(of=("self",)).select_related("task").get(pk=appeal_id)
        )
        if appeal.state != Appeal.PENDING:
            raise Conflict
        task = appeal.task
        appeal.state = Appeal.ACCEPTED if accept else Appeal.REJECTED
        appeal.decision = decision.strip()
        appeal.decided_by, appeal.decided_at = user, timezone.now()
        appeal.save(update_fields=["state", "decision", "decided_by", "decided_at"])
        Event.objects.create(
            actor=user,
            verb="appeal_accepted" if accept else "appeal_rejected",
            plan_id=task.plan_id,
            task=task,
            reason=appeal.decision,
            payload={
                "appeal": appeal.pk,
                "period": appeal.period,
                "from": task.status,
                "to": appeal.status if accept else task.status,
                # The rule and the data the computed status stood on, as they were.
                "computed": {
                    "status": task.status,
                    "reason": task.status_reason,
                    "expected": task.status_expected,
                    "verified": task.status_verified,
                    "lines": task.status_lines,
                },
            },
        )
        task_changed(task)
    return appeal

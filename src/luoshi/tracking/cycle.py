"""The supervision cycle's writes beyond reporting and review: 签收 (acknowledging tasks),
withdrawing a report, 办结销号 (closing and reopening tasks). Same rules as tracking.services:
one transaction, an event per task, the stored status refreshed, the page cache bumped."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.utils import timezone

from luoshi.tracking import pagecache
from luoshi.tracking.models import Acknowledgement, Department, Event, ProgressReport, Task
from luoshi.tracking.services import Conflict, task_changed


def acknowledge(
    user: User, department: Department, tasks: list[Task], person: str, phone: str
) -> int:
    """签收 of `tasks` (each led or supported by `department`) naming the person responsible
    and a telephone; tasks acknowledged already are left as they were. The number signed."""
    signed = 0
    with transaction.atomic():
        done = set(
            Acknowledgement.objects.filter(department=department, task__in=tasks).values_list(
                "task_id", flat=True
            )
        )
        for task in tasks:
            if task.pk in done:
                continue
            try:
                with transaction.atomic():
                    Acknowledgement.objects.create(
                        task=task, department=department, user=user, person=person, phone=phone
                    )
            except IntegrityError:  # signed by a colleague a moment ago
                continue
            Event.objects.create(
                actor=user,
                verb="acknowledged",
                plan_id=task.plan_id,
                task=task,
                payload={"department": department.name, "person": person, "phone": phone},
            )
            signed += 1
        if tasks:
            pagecache.touch({department.jurisdiction_id})
    return signed


def close_task(user: User, task: Task, how: str, reason: str) -> None:
    """办结销号: `how` is Task.COMPLETED or Task.TERMINATED; raises Conflict if closed already."""
    with transaction.atomic():
        locked = Task.objects.select_for_update().get(pk=task.pk)
        if locked.closed:
            raise Conflict
        locked.closed, locked.closed_reason, locked.closed_at = how, reason.strip(), timezone.now()
        locked.save(update_fields=["closed", "closed_reason", "closed_at"])
        Event.objects.create(
            actor=user,
            verb="closed",
            plan_id=locked.plan_id,
            task=locked,
            reason=locked.closed_reason,
            payload={"how": how, "status": locked.status},
        )
        task_changed(locked)


def reopen_task(user: User, task: Task, reason: str) -> None:
    """Reopening a closed task is an event; raises Conflict if it is not closed."""
    with transaction.atomic():
        locked = Task.objects.select_for_update().get(pk=task.pk)
        if not locked.closed:
            raise Conflict
        how = locked.closed
        locked.closed, locked.closed_reason, locked.closed_at = "", "", None
        locked.save(update_fields=["closed", "closed_reason", "closed_at"])
        Event.objects.create(
            actor=user,
            verb="reopened",
            plan_id=locked.plan_id,
            task=locked,
            reason=reason.strip(),
            payload={"was": how},
        )
        task_changed(locked)


def withdraw_report(user: User, report_id: int) -> ProgressReport:
    """The liaison who submitted a report withdraws it while it still awaits review; raises
    Conflict if it was reviewed (or withdrawn) meanwhile."""
    with transaction.atomic():
        reports = ProgressReport.objects.select_for_update(of=("self",)).select_related("task")
        report = reports.get(pk=report_id)
        if report.state != ProgressReport.SUBMITTED:
            raise Conflict
        report.state = ProgressReport.WITHDRAWN
        report.save(update_fields=["state"])
        Event.objects.create(
            actor=user,
            verb="report_withdrawn",
            plan_id=report.task.plan_id,
            task_id=report.task_id,
            payload={"report": report.pk, "period": report.period},
        )
        task_changed(report.task)
    return report

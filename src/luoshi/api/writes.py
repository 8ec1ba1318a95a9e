"""The three writes the API offers, each logged as an event like its web counterpart.

These mirror luoshi.tracking.actions (submit_report, review_report, preview's publish), whose
bodies live inside the web views; when the tracker grows a service layer both should call it.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from luoshi.tracking.models import Event, Evidence, Plan, ProgressReport, Task


class Conflict(Exception):
    """The object is no longer in the state the request expects (reviewed, published)."""


def submit_report(task: Task, data: dict[str, Any], user: User) -> ProgressReport:
    """`data` is a valid ProgressReportForm's cleaned_data."""
    with transaction.atomic():
        report = ProgressReport.objects.create(
            task=task,
            target=data["target_obj"],
            each_item=data["each_item"],
            period=data["period"],
            value=data.get("value"),
            percent=data.get("percent"),
            narrative=data["narrative"],
            submitted_by=user,
        )
        for upload in data.get("evidence") or []:
            Evidence.objects.create(
                report=report, file=upload, name=upload.name or "", size=upload.size or 0
            )
        Event.objects.create(
            actor=user,
            verb="report_submitted",
            plan=task.plan,
            task=task,
            payload={
                "report": report.pk,
                "period": report.period,
                "value": report.value,
                "percent": report.percent,
                "each_item": report.each_item,
            },
        )
    return report


def review_report(report_id: int, approve: bool, reason: str, user: User) -> ProgressReport:
    with transaction.atomic():
        # Locked so that two reviewers cannot both decide the same report.
        report = ProgressReport.objects.select_for_update().get(pk=report_id)
        if report.state != ProgressReport.SUBMITTED:
            raise Conflict
        report.state = ProgressReport.APPROVED if approve else ProgressReport.RETURNED
        report.return_reason = "" if approve else reason.strip()
        report.reviewer = user
        report.reviewed_at = timezone.now()
        report.save(update_fields=["state", "return_reason", "reviewer", "reviewed_at"])
        Event.objects.create(
            actor=user,
            verb="report_approved" if approve else "report_returned",
            plan_id=report.task.plan_id,
            task_id=report.task_id,
            reason=report.return_reason,
            payload={"report": report.pk, "period": report.period},
        )
    return report


def publish_plan(plan_id: int, user: User) -> Plan:
    with transaction.atomic():
        plan = Plan.objects.select_for_update().defer("source_text").get(pk=plan_id)
        if plan.state != Plan.DRAFT:
            raise Conflict
        plan.state, plan.published_at = Plan.PUBLISHED, timezone.now()
        plan.save(update_fields=["state", "published_at"])
        Event.objects.create(actor=user, verb="published", plan=plan)
    return plan

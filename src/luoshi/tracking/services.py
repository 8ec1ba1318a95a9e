"""The tracker's writes, shared by the web pages, the API and the 台账 import.

Each function takes the acting user and data its caller has already validated and checked
permissions for, writes in one transaction and logs the event. Decisions that two people could
take at once (a review, a publication) lock the row and check its state inside the transaction.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from luoshi.tracking.models import Event, Evidence, Plan, ProgressReport, Task


class Conflict(Exception):
    """The object is no longer in the state the caller saw (already reviewed or published)."""


def submit_report(user: User, task: Task, data: Mapping[str, Any], via: str = "") -> ProgressReport:
    """`data` as a valid ProgressReportForm cleans it (target_obj, each_item, period, value,
    percent, narrative, evidence); `via` names a channel other than the report form."""
    # No savepoint of its own: inside an import's transaction it commits or fails with the rest.
    with transaction.atomic(savepoint=False):
        report = ProgressReport.objects.create(
            task=task,
            target=data.get("target_obj"),
            each_item=data.get("each_item", ""),
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
        payload = {
            "report": report.pk,
            "period": report.period,
            "value": report.value,
            "percent": report.percent,
            "each_item": report.each_item,
        }
        if via:
            payload["via"] = via
        Event.objects.create(
            actor=user, verb="report_submitted", plan_id=task.plan_id, task=task, payload=payload
        )
    return report


def review_report(user: User, report_id: int, approve: bool, reason: str = "") -> ProgressReport:
    """Approve, or return with a reason; raises Conflict if the report was decided already."""
    with transaction.atomic():
        reports = ProgressReport.objects.select_for_update(of=("self",)).select_related("task")
        report = reports.get(pk=report_id)
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


def publish_plan(user: User, plan_id: int) -> Plan:
    """Publish a draft; raises Conflict if it is published already."""
    with transaction.atomic():
        plan = Plan.objects.select_for_update().defer("source_text").get(pk=plan_id)
        if plan.state != Plan.DRAFT:
            raise Conflict
        plan.state, plan.published_at = Plan.PUBLISHED, timezone.now()
        plan.save(update_fields=["state", "published_at"])
        Event.objects.create(actor=user, verb="published", plan=plan)
    return plan

"""The tracker's writes, shared by the web pages, the API and the 台账 import.

Each function takes the acting user and data its caller has already validated and checked
permissions for, writes in one transaction and logs the event. Decisions that two people could
take at once (a review, a publication) lock the row and check its state inside the transaction.
In the same transaction each write stores the new status of the tasks it changed
(tracking.statuses) and bumps the data version of its jurisdiction (tracking.pagecache), so the
next page read anywhere shows it.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from luoshi.tracking import pagecache, statuses
from luoshi.tracking.checkpoints import moved_to, superseded
from luoshi.tracking.measure import live_targets
from luoshi.tracking.models import (
    Department,
    Event,
    Evidence,
    Plan,
    ProgressReport,
    Target,
    Task,
)


class Conflict(Exception):
    """The object is no longer in the state the caller saw (already reviewed or published)."""


def live_values_changed(jurisdiction_ids: set[int]) -> None:
    """A live source's figures changed (a project in the ledger): stores the new status of the
    tasks it measures in these jurisdictions' plans."""
    targets = Target.objects.filter(task__plan__jurisdiction__in=jurisdiction_ids)
    measured = live_targets(targets.values_list("pk", flat=True))
    tasks = Target.objects.filter(pk__in=measured).values_list("task_id", flat=True)
    statuses.refresh(set(tasks))
    pagecache.touch(jurisdiction_ids)


def task_changed(task: Task) -> None:
    """Stores the task's new status and bumps its jurisdiction's data version."""
    statuses.refresh([task.pk])
    pagecache.touch({task.plan.jurisdiction_id})


def submit_report(user: User, task: Task, data: Mapping[str, Any], via: str = "") -> ProgressReport:
    """One report (the first of the submission when `data` has several lines); see
    submit_reports."""
    return submit_reports(user, task, data, via)[0]


def submit_reports(
    user: User, task: Task, data: Mapping[str, Any], via: str = ""
) -> list[ProgressReport]:
    """`data` as a valid ProgressReportForm cleans it: `lines` of (target, each_item, value), one
    per target filled in, and period, percent, narrative, milestones, evidence for them all; or,
    for a single report, target_obj, each_item and value in place of `lines`. `via` names a
    channel other than the report form. The reports share a submission key; the evidence files
    are stored once, with the first."""
    lines = list(data.get("lines") or [])
    if not lines:
        lines = [(data.get("target_obj"), data.get("each_item", ""), data.get("value"))]
    key = uuid.uuid4()
    made: list[ProgressReport] = []
    # No savepoint of its own: inside an import's transaction it commits or fails with the rest.
    with transaction.atomic(savepoint=False):
        for target, each_item, value in lines:
            made.append(
                ProgressReport.objects.create(
                    task=task,
                    target=target,
                    each_item=each_item or "",
                    period=data["period"],
                    value=value,
                    percent=data.get("percent"),
                    milestones=list(data.get("milestones") or []) if not made else [],
                    narrative=data["narrative"],
                    submitted_by=user,
                    submission=key,
                )
            )
        for upload in data.get("evidence") or []:
            Evidence.objects.create(
                report=made[0], file=upload, name=upload.name or "", size=upload.size or 0
            )
        for report in made:
            payload = {
                "report": report.pk,
                "period": report.period,
                "value": report.value,
                "percent": report.percent,
                "each_item": report.each_item,
            }
            if report.milestones:
                payload["milestones"] = report.milestones
            if len(made) > 1:
                payload["submission"] = str(key)
            if via:
                payload["via"] = via
            Event.objects.create(
                actor=user,
                verb="report_submitted",
                plan_id=task.plan_id,
                task=task,
                payload=payload,
            )
        task_changed(task)
    return made


def review_report(user: User, report_id: int, approve: bool, reason: str = "") -> ProgressReport:
    """Approve, or return with a reason, the report and the other reports of its submission
    still awaiting review; raises Conflict if the report was decided already."""
    with transaction.atomic():
        reports = ProgressReport.objects.select_for_update(of=("self",)).select_related("task")
        report = reports.get(pk=report_id)
        if report.state != ProgressReport.SUBMITTED:
            raise Conflict
        together = [report]
        if report.submission is not None:
            # One submission, one decision: its other reports still awaiting review go with it.
            siblings = reports.filter(submission=report.submission, state=ProgressReport.SUBMITTED)
            together += list(siblings.exclude(pk=report.pk).order_by("pk"))
        now = timezone.now()
        for each in together:
            each.state = ProgressReport.APPROVED if approve else ProgressReport.RETURNED
            each.return_reason = "" if approve else reason.strip()
            each.reviewer = user
            each.reviewed_at = now
            each.save(update_fields=["state", "return_reason", "reviewer", "reviewed_at"])
            Event.objects.create(
                actor=user,
                verb="report_approved" if approve else "report_returned",
                plan_id=report.task.plan_id,
                task_id=report.task_id,
                reason=each.return_reason,
                payload={"report": each.pk, "period": each.period},
            )
        task_changed(report.task)
    return report


def publish_plan(user: User, plan_id: int, accepted: Mapping[str, int] | None = None) -> Plan:
    """Publish a draft; raises Conflict if it is published already. `accepted`: the classes of
    problem the office published with, and how many tasks each had (kept in the event)."""
    with transaction.atomic():
        plans = Plan.objects.select_for_update().defer("source_text")
        plan = plans.get(pk=plan_id)
        if plan.state != Plan.DRAFT:
            raise Conflict
        plan.state, plan.published_at = Plan.PUBLISHED, timezone.now()
        plan.save(update_fields=["state", "published_at"])
        payload = {"accepted": dict(accepted)} if accepted else {}
        Event.objects.create(actor=user, verb="published", plan=plan, payload=payload)
        statuses.refresh_plan(plan)
        pagecache.touch({plan.jurisdiction_id})
    return plan


def set_interpolation(user: User, plan: Plan, interpolate: bool) -> bool:
    """How the 序时 expectation moves between a task's checkpoints in this plan: the planned
    share of the last checkpoint passed (stepwise), or rising linearly to the next one. Every
    task's stored status follows at once; False if the plan already worked this way."""
    with transaction.atomic():
        locked = Plan.objects.select_for_update().defer("source_text").get(pk=plan.pk)
        if locked.interpolate_nodes == interpolate:
            return False
        locked.interpolate_nodes = interpolate
        locked.save(update_fields=["interpolate_nodes"])
        Event.objects.create(
            actor=user, verb="pace_changed", plan=locked, payload={"interpolate": interpolate}
        )
        if locked.state == Plan.DRAFT:
            pagecache.touch({locked.jurisdiction_id})
        else:
            statuses.refresh_plan(locked)  # which changes the kept pages' versions too
    plan.interpolate_nodes = interpolate
    return True


def assign(
    user: User, plan: Plan, task: Task, lead: Department | None, supporting: list[Department]
) -> bool:
    """Sets the task's lead and supporting departments; False if they were already these.
    Before publication the lead is also the one first published (`original_lead`)."""
    before = {d.pk for d in task.supporting.all()}
    if lead == task.lead and before == {d.pk for d in supporting}:
        return False
    with transaction.atomic():
        old = task.lead.name if task.lead else None
        task.lead = lead
        fields = ["lead"]
        if plan.state != Plan.PUBLISHED:
            task.original_lead = lead
            fields.append("original_lead")
        task.save(update_fields=fields)
        task.supporting.set(supporting)
        Event.objects.create(
            actor=user,
            verb="reassigned",
            plan=plan,
            task=task,
            payload={
                "from": old,
                "to": lead.name if lead else None,
                "supporting": [d.name for d in supporting],
            },
        )
        pagecache.touch({plan.jurisdiction_id})
    return True


def revise(user: User, task: Task, kind: str, data: Mapping[str, Any]) -> None:
    """A revision after publication (deadline extended, checkpoints set, lead reassigned, target
    revised), as a valid RevisionForm cleans it; the first published values stay in the
    original_* fields, and checkpoints it replaces in `superseded_nodes`."""
    with transaction.atomic():
        payload: dict[str, object]
        if kind in ("deadline_extended", "nodes_revised"):
            # The checkpoints replaced are kept, marked superseded (shown struck through).
            if kind == "deadline_extended":
                payload = {"from": str(task.deadline), "to": str(data["deadline"])}
                new_nodes = moved_to(task.nodes, task.deadline, data["deadline"])
                task.deadline = data["deadline"]
            else:
                new_nodes = data["nodes"]
                payload = {"from": task.nodes, "to": new_nodes}
            gone = superseded(task.nodes, new_nodes, kind)
            if gone:
                payload["superseded"] = gone
            task.nodes, task.superseded_nodes = new_nodes, [*task.superseded_nodes, *gone]
            task.save(update_fields=["deadline", "nodes", "superseded_nodes"])
        elif kind == "reassigned":
            payload = {"from": task.lead.name if task.lead else None, "to": data["lead"].name}
            task.lead = data["lead"]
            task.save(update_fields=["lead"])
        else:
            target = data["target_obj"]
            payload = {"target": target.pk, "from": target.value, "to": data["value"]}
            target.value = data["value"]
            target.save(update_fields=["value"])
        Event.objects.create(
            actor=user, verb=kind, plan=task.plan, task=task, reason=data["reason"], payload=payload
        )
        task_changed(task)

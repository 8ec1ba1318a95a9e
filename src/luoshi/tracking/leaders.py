"""Leaders' writes and rules: 分管 (the departments a leader oversees), change requests (延期 and
target changes) that wait for a decision, and checkpoints a revision supersedes.

A request is decided by a leader whose portfolio holds the task's lead department when
LUOSHI_LEADER_APPROVAL is on, else by the supervision office; only an approval applies the
revision (tracking.services.revise). Every state change is an event in the task's history.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from luoshi.tracking import pagecache
from luoshi.tracking.leader_forms import ChangeRequestForm, DecisionForm
from luoshi.tracking.measure import nodes
from luoshi.tracking.models import ChangeRequest, Event, Membership, Task
from luoshi.tracking.permissions import can_report
from luoshi.tracking.services import Conflict, revise
from luoshi.tracking.visibility import is_office, membership

KINDS = (ChangeRequest.DEADLINE, ChangeRequest.TARGET)


class Stale(Exception):
    """The request no longer makes sense: the deadline moved past it meanwhile."""


def approval_required() -> bool:
    return bool(settings.LUOSHI_LEADER_APPROVAL)


def portfolio_ids(user: Any) -> set[int]:
    """The departments a leader oversees (分管); none for anyone else."""
    member = membership(user)
    if member is None or member.role != Membership.LEADER:
        return set()
    return set(member.portfolio.values_list("pk", flat=True))


def decides_for(user: Any, task: Task) -> bool:
    """Whether `user` decides the task's change requests: a leader overseeing its lead
    department when approval is required (nobody for a department outside their portfolio),
    else the office."""
    if approval_required():
        return task.lead_id is not None and task.lead_id in portfolio_ids(user)
    return is_office(user)


def can_decide(user: Any, change: ChangeRequest) -> bool:
    return decides_for(user, change.task)


def _payload(change: ChangeRequest) -> dict[str, object]:
    payload: dict[str, object] = {"request": change.pk, "kind": change.kind}
    if change.kind == ChangeRequest.DEADLINE:
        payload.update({"from": str(change.task.deadline), "to": str(change.deadline)})
    else:
        target = change.target
        payload.update({"target": change.target_id, "from": target and target.value})
        payload["to"] = change.value
    return payload


def request_change(user: User, task: Task, data: Mapping[str, Any]) -> ChangeRequest:
    """A pending 延期 or target change, as a valid ChangeRequestForm (or RevisionForm) cleans
    it: kind, deadline, target_obj, value, reason."""
    with transaction.atomic():
        change = ChangeRequest.objects.create(
            task=task,
            kind=data["kind"],
            deadline=data.get("deadline") if data["kind"] == ChangeRequest.DEADLINE else None,
            target=data.get("target_obj") if data["kind"] == ChangeRequest.TARGET else None,
            value=data.get("value") if data["kind"] == ChangeRequest.TARGET else None,
            reason=data["reason"].strip(),
            requested_by=user,
        )
        Event.objects.create(
            actor=user,
            verb="change_requested",
            plan_id=task.plan_id,
            task=task,
            reason=change.reason,
            payload=_payload(change),
        )
        pagecache.touch({task.plan.jurisdiction_id})
    return change


def decide(user: User, change_id: int, approve: bool, note: str) -> ChangeRequest:
    """Approve (the revision applies, as one more event) or reject, with a note. Raises Conflict
    if it was decided already, Stale if a 延期 is no longer later than the deadline."""
    with transaction.atomic():
        changes = ChangeRequest.objects.select_for_update(of=("self",))
        change = changes.select_related("task", "task__plan", "target").get(pk=change_id)
        if change.state != ChangeRequest.PENDING:
            raise Conflict
        task = Task.objects.select_for_update().select_related("plan").get(pk=change.task_id)
        change.task = task
        late = task.deadline and change.deadline and change.deadline <= task.deadline
        if approve and change.kind == ChangeRequest.DEADLINE and late:
            raise Stale
        payload = _payload(change)
        change.state = ChangeRequest.APPROVED if approve else ChangeRequest.REJECTED
        change.note, change.decided_by, change.decided_at = note.strip(), user, timezone.now()
        change.save(update_fields=["state", "note", "decided_by", "decided_at"])
        Event.objects.create(
            actor=user,
            verb="change_approved" if approve else "change_rejected",
            plan_id=task.plan_id,
            task=task,
            reason=change.note,
            payload=payload,
        )
        if approve:
            data = {
                "deadline": change.deadline,
                "target_obj": change.target,
                "value": change.value,
                "reason": change.reason,
            }
            revise(user, task, change.kind, data)
        else:
            pagecache.touch({task.plan.jurisdiction_id})
    return change


def pending_for(user: Any) -> list[ChangeRequest]:
    """The requests waiting for this user's decision."""
    pending = ChangeRequest.objects.filter(state=ChangeRequest.PENDING)
    if approval_required():
        pending = pending.filter(task__lead_id__in=portfolio_ids(user))
    elif not is_office(user):
        return []
    member = membership(user)
    if member is not None:
        pending = pending.filter(task__plan__jurisdiction_id=member.jurisdiction_id)
    return list(pending.select_related("task", "task__lead", "target", "requested_by"))


def task_page(user: Any, task: Task, change: ChangeRequestForm | None) -> dict[str, Any]:
    """What the task page shows of change requests and of superseded checkpoints."""
    asks = can_report(user, task)
    return {
        "superseded": nodes(task.superseded_nodes),
        "change_requests": task.change_requests.select_related(
            "requested_by", "decided_by", "target"
        ),
        "change_form": (change or ChangeRequestForm(task)) if asks else None,
        "may_decide": decides_for(user, task),
        "decision": DecisionForm(),
        "approval_required": approval_required(),
    }

"""The 分工 editor's writes on a draft plan: per-task edits, merge with the next task, split at
a sentence, drop as not a task, bulk assignment, and the checks before publishing.

Only drafts are edited here; after publication every change is a revision (services.revise).
Each function takes validated data, writes in one transaction and logs an event.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from luoshi.tracking import pagecache, services
from luoshi.tracking.models import Department, Event, Plan, Target, Task

# Where a task may be split: after a sentence's end (。！？；) or a line break.
SENTENCE_END = re.compile(r"[。！？；!?;]+|\n+")


def boundaries(text: str, task: Task) -> list[tuple[int, str]]:
    """Offsets strictly inside the task where a new sentence starts, each with the text of the
    sentence it starts (shortened), for the split menu."""
    found = []
    span = text[task.start : task.end]
    for match in SENTENCE_END.finditer(span):
        at = task.start + match.end()
        while at < task.end and text[at].isspace():
            at += 1
        if task.start < at < task.end:
            found.append((at, text[at : min(at + 24, task.end)]))
    return found


def edit(
    user: User,
    plan: Plan,
    task: Task,
    lead: Department | None,
    supporting: list[Department],
    deadline: date | None,
    nodes: list[Any],
) -> None:
    """A draft task's departments, deadline and checkpoints; before publication the values
    are also the ones first published (original_*)."""
    with transaction.atomic():
        services.assign(user, plan, task, lead, supporting)
        if task.deadline != deadline or task.nodes != nodes:
            task.deadline = task.original_deadline = deadline
            task.nodes = nodes
            task.save(update_fields=["deadline", "original_deadline", "nodes"])
            pagecache.touch({plan.jurisdiction_id})


def merge_next(user: User, plan: Plan, task: Task) -> Task | None:
    """Merges the next task (in the plan's order) into `task`: one span from the first's start
    to the second's end, the targets, reasons and supporting departments of both. None if
    `task` is the last."""
    with transaction.atomic():
        following = plan.tasks.filter(order__gt=task.order).order_by("order", "pk").first()
        if following is None:
            return None
        start, end = min(task.start, following.start), max(task.end, following.end)
        moved = list(following.targets.values_list("pk", flat=True))
        offset = task.targets.count()
        for index, pk in enumerate(moved):
            Target.objects.filter(pk=pk).update(task=task, order=offset + index)
        supporting = {d.pk for d in task.supporting.all()} | {
            d.pk for d in following.supporting.all()
        }
        supporting.discard(task.lead_id or following.lead_id or 0)
        task.start, task.end = start, end
        task.text = plan.source_text[start:end]
        task.kind = "target" if "target" in (task.kind, following.kind) else task.kind
        task.lead = task.original_lead = task.lead or following.lead
        task.assignment_reasons = [*task.assignment_reasons, *following.assignment_reasons]
        task.deadline = max(filter(None, [task.deadline, following.deadline]), default=None)
        task.original_deadline = task.deadline
        task.nodes = task.nodes or following.nodes
        task.save()
        task.supporting.set(supporting)
        Event.objects.create(
            actor=user,
            verb="merged",
            plan=plan,
            task=task,
            payload={"merged": following.code, "text": following.text},
        )
        following.delete()
        pagecache.touch({plan.jurisdiction_id})
    return task


def split(user: User, plan: Plan, task: Task, at: int) -> Task:
    """Splits `task` at offset `at` (one of `boundaries`): the second part becomes a new task
    right after it, with the targets that start in it and the same departments and dates."""
    with transaction.atomic():
        plan.tasks.filter(order__gt=task.order).update(order=F("order") + 1)
        taken = set(plan.tasks.values_list("code", flat=True))
        number = 2
        while f"{task.code}-{number}" in taken:
            number += 1
        later = list(task.targets.filter(start__gte=at).order_by("order"))
        second = Task.objects.create(
            plan=plan,
            section=task.section,
            code=f"{task.code}-{number}",
            order=task.order + 1,
            text=plan.source_text[at : task.end],
            start=at,
            end=task.end,
            subheading=task.subheading,
            kind="target" if later else "qualitative",
            lead=task.lead,
            original_lead=task.lead,
            assignment_reasons=task.assignment_reasons,
            deadline=task.deadline,
            original_deadline=task.deadline,
            nodes=[] if later else task.nodes,
        )
        second.supporting.set(task.supporting.all())
        for index, target in enumerate(later):
            Target.objects.filter(pk=target.pk).update(task=second, order=index)
        end = at
        while end > task.start and plan.source_text[end - 1].isspace():
            end -= 1
        task.end = end
        task.text = plan.source_text[task.start : end]
        if task.kind == "target" and not task.targets.exists():
            task.kind, task.nodes = "qualitative", []
        task.save(update_fields=["end", "text", "kind", "nodes"])
        Event.objects.create(
            actor=user,
            verb="split",
            plan=plan,
            task=task,
            payload={"at": at, "new": second.code},
        )
        pagecache.touch({plan.jurisdiction_id})
    return second


def drop(user: User, plan: Plan, task: Task) -> None:
    """Removes a draft task that is not a task (a slogan, a past result read as a promise);
    the event keeps its code, text and span."""
    with transaction.atomic():
        Event.objects.create(
            actor=user,
            verb="dropped",
            plan=plan,
            payload={"code": task.code, "text": task.text, "start": task.start, "end": task.end},
        )
        task.delete()
        pagecache.touch({plan.jurisdiction_id})


def bulk_assign(user: User, plan: Plan, tasks: QuerySet[Task], lead: Department) -> int:
    """Sets `lead` on every task of `tasks` (their supporting departments stay, less the new
    lead); the number changed."""
    changed = 0
    with transaction.atomic():
        for task in tasks.select_related("lead").prefetch_related("supporting"):
            supporting = [d for d in task.supporting.all() if d.pk != lead.pk]
            changed += services.assign(user, plan, task, lead, supporting)
    return changed


@dataclass
class Problem:
    """One class of what is missing before publishing, with the tasks it concerns."""

    code: str
    label: Any
    tasks: list[Task] = field(default_factory=list)


PROBLEMS = {
    "lead": _("Tasks without a lead department"),
    "deadline": _("Tasks without a deadline"),
    "unit": _("Targets without a unit"),
}


def missing(code: str) -> Q:
    """The tasks with the problem `code` (PROBLEMS), as a condition on tasks."""
    if code == "lead":
        return Q(lead__isnull=True)
    if code == "deadline":
        return Q(deadline__isnull=True)
    return Q(pk__in=Target.objects.filter(unit="").values("task_id"))


def problems(plan: Plan) -> list[Problem]:
    """What publishing checks, each class with the tasks concerned (in the plan's order)."""
    found = []
    for code, label in PROBLEMS.items():
        tasks = plan.tasks.filter(missing(code)).order_by("order")
        tasks = tasks.only("pk", "code", "order", "plan_id")  # the manager sets .plan
        found.append(Problem(code, label, list(tasks)))
    return found

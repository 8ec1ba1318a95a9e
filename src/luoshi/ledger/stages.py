"""Moving a project between stages: checked against the rules, recorded as a StageChange.

`apply_move` works on an unsaved or in-memory project so the importer can move thousands of
projects in bulk; `move` is the one-project version the pages use.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from luoshi.ledger.models import REACHED, Project, StageChange
from luoshi.ledger.transitions import STAGES, MoveRefused, rules
from luoshi.tracking import services

MOVE_FIELDS = ["stage", "stage_since", "tier", *REACHED.values()]


def apply_move(
    project: Project, to: str, on: date, reason: str = "", today: date | None = None
) -> StageChange:
    """Change `project` in memory and return the (unsaved) StageChange; MoveRefused if not
    allowed: by the rules, a date in the future, or a date before the project's last change."""
    today = today or timezone.localdate()
    kind = rules().check_move(project.stage, to, reason)
    if on > today:
        raise MoveRefused(f"变更日期{on:%Y-%m-%d}晚于今天，请填写实际发生的日期。")
    if on < project.stage_since:
        raise MoveRefused(
            f"变更日期{on:%Y-%m-%d}早于上一次阶段变更（{project.stage_since:%Y-%m-%d}）。"
        )
    change = StageChange(
        project=project, from_stage=project.stage, to_stage=to, kind=kind, on=on, reason=reason
    )
    if kind == "back":
        # It had not really reached the later stages: a target counting them should not either.
        for later in STAGES[STAGES.index(to) + 1 :]:
            setattr(project, REACHED[later], None)
    if project.reached(to) is None or kind == "back":
        setattr(project, REACHED[to], on)
    project.stage, project.stage_since, project.tier = to, on, rules().stage(to).tier
    return change


@transaction.atomic
def move(
    project: Project,
    to: str,
    on: date,
    *,
    reason: str = "",
    evidence: str = "",
    evidence_file: Any = None,
    actor: Any = None,
    today: date | None = None,
) -> StageChange:
    change = apply_move(project, to, on, reason, today)
    change.evidence, change.actor = evidence, actor
    if evidence_file is not None:
        change.evidence_file = evidence_file
    project.save(update_fields=MOVE_FIELDS)
    change.save()
    services.live_values_changed({project.jurisdiction_id})
    return change


def entered(project: Project, actor: Any = None, evidence: str = "") -> StageChange:
    """The first StageChange of a new project (unsaved): it entered the ledger at its stage."""
    return StageChange(
        project=project,
        from_stage="",
        to_stage=project.stage,
        kind="created",
        on=project.stage_since,
        evidence=evidence,
        actor=actor,
    )

"""Checkpoints (节点) as the office writes them: one a line, with planned shares and milestones."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from luoshi.tracking.measure import nodes
from luoshi.tracking.models import Task

MILESTONE_WORDS = ("里程碑", "milestone")
_SHARE = re.compile(r"^(\d{1,3}(?:\.\d+)?)%$")
_VALUE = re.compile(r"^=(\d+(?:\.\d+)?)$")  # a planned value of the task's target: =5000


def parse_nodes(text: str, task: Task) -> list[dict[str, Any]]:
    """Checkpoints written one a line: a date, optionally a planned share (30%) or a planned value
    of the task's one target (=5000, kept as the share of the target it is), the word 里程碑 for a
    milestone, and a label: "2022-03-31 30% 一季度完成30%", "2022-06-30 =5000 上半年新增就业5000人",
    "2022-06-30 里程碑 开工"."""
    found: list[dict[str, Any]] = []
    deadline = task.deadline or date(task.plan.year, 12, 31)
    for number, line in enumerate(text.splitlines(), 1):
        words = line.split()
        if not words:
            continue
        try:
            on = date.fromisoformat(words[0])
        except ValueError:
            raise forms.ValidationError(
                _("Line %(line)s: start with the date, for example 2022-06-30."),
                params={"line": number},
            ) from None
        if on.year < task.plan.year or on > deadline:
            raise forms.ValidationError(
                _("Line %(line)s: the date must fall in the plan year, by the deadline."),
                params={"line": number},
            )
        entry: dict[str, Any] = {"on": on.isoformat()}
        rest = words[1:]
        if rest and _SHARE.match(rest[0]):
            share = float(_SHARE.match(rest[0]).group(1)) / 100  # type: ignore[union-attr]  # matched above
            if share > 1:
                raise forms.ValidationError(
                    _("Line %(line)s: a planned share is at most 100%%."), params={"line": number}
                )
            entry["share"] = share
            rest = rest[1:]
        elif rest and _VALUE.match(rest[0]):
            targets = list(task.targets.all())
            if len(targets) != 1 or not targets[0].value:
                raise forms.ValidationError(
                    _("Line %(line)s: a planned value needs a task with one target; give a share."),
                    params={"line": number},
                )
            value = float(_VALUE.match(rest[0]).group(1))  # type: ignore[union-attr]  # matched above
            entry["share"] = min(value / targets[0].value, 1.0)
            entry["value"] = value
            rest = rest[1:]
        if rest and rest[0].lower() in MILESTONE_WORDS:
            entry["milestone"] = True
            rest = rest[1:]
        entry["label"] = " ".join(rest)
        if entry.get("milestone") and not entry["label"]:
            raise forms.ValidationError(
                _("Line %(line)s: name the milestone, for example 开工."), params={"line": number}
            )
        found.append(entry)
    found.sort(key=lambda entry: entry["on"])
    shares = [entry["share"] for entry in found if "share" in entry]
    if shares != sorted(shares):
        raise forms.ValidationError(
            _("Planned shares cannot fall from one checkpoint to the next.")
        )
    return found


def nodes_text(task: Task) -> str:
    """The task's checkpoints in the form `parse_nodes` reads."""
    lines = []
    for node in nodes(task.nodes):
        words = [node.on.isoformat()]
        if node.value is not None:
            words.append(f"={node.value:g}")
        elif node.share is not None:
            words.append(f"{node.share * 100:g}%")
        if node.milestone:
            words.append("里程碑")
        if node.label:
            words.append(node.label)
        lines.append(" ".join(words))
    return "\n".join(lines)


# --- Superseded checkpoints --------------------------------------------------------------------


def _key(node: Any) -> tuple[str, object, str, bool]:
    entry = node if isinstance(node, dict) else {"on": node}
    share = entry.get("share")
    return (
        str(entry.get("on")),
        share,
        str(entry.get("label") or ""),
        bool(entry.get("milestone")),
    )


def superseded(old: Iterable[Any], new: Iterable[Any], by: str) -> list[dict[str, Any]]:
    """The checkpoints of `old` that `new` no longer holds, marked as superseded by `by`."""
    kept = {_key(node) for node in new}
    at = timezone.now().isoformat(timespec="seconds")
    gone = []
    for node in old:
        if _key(node) in kept:
            continue
        entry = dict(node) if isinstance(node, dict) else {"on": str(node)}
        gone.append({**entry, "superseded_at": at, "by": by})
    return gone


def moved_to(stored: list[Any], old_deadline: date | None, new_deadline: date) -> list[Any]:
    """The checkpoints after a 延期: those on the old deadline (the task's completion) move to
    the new one; the others stay where they were."""
    if old_deadline is None:
        return list(stored)
    moved = []
    for node in stored:
        entry = node if isinstance(node, dict) else {"on": node}
        if str(entry.get("on")) == old_deadline.isoformat():
            moved.append({**entry, "on": new_deadline.isoformat()} if isinstance(node, dict)
                         else new_deadline.isoformat())  # fmt: skip
        else:
            moved.append(node)
    return moved

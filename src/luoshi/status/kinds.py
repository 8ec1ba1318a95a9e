"""Kinds of target and how a value is read against each (no Django).

- Counts and amounts (新增就业1万人) accumulate over the year: progress is value / target, or,
  with a baseline (从X提高到Y), the part of the change done.
- Levels (a rate, a share, a ratio: 占比达到91%以上) are read at a point in time: met or not, a
  `~` (左右) target inside a tolerance band, a range from its lower end. A level with a baseline
  also progresses as the part of the change done.
- Caps (`<=`, 控制在…以内) are met while the value stays under; with a baseline they progress
  from the baseline down.
The settings (band widths, which units and words make a level) are in `data/status.yaml`.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from luoshi import datafiles
from luoshi.datafiles import RuleError
from luoshi.status.facts import TargetFacts
from luoshi.status.words import num


@cache
def settings() -> dict[str, Any]:
    data = datafiles.load("luoshi.status", "data", "status.yaml")
    for key in ("ahead_margin", "tolerance", "level", "forecast"):
        if key not in data:
            raise RuleError(f"status.yaml: missing {key}")
    return data


def is_level(target: TargetFacts) -> bool:
    level = settings()["level"]
    if target.unit.endswith(tuple(level["units"])):
        return True
    if any(word in target.label for word in level["words"]):
        return True
    return target.comparator == "<=" and target.baseline is None


def band(target: TargetFacts) -> float:
    """The tolerance of a `~` target, in its unit; 0 for every other comparator."""
    if target.comparator != "~":
        return 0.0
    tolerance = settings()["tolerance"]
    for unit, points in tolerance["points"].items():
        if target.unit.endswith(unit):
            return float(points)
    return abs(target.value) * float(tolerance["relative"])


def met(target: TargetFacts, value: float) -> bool:
    if target.comparator == "<=":
        return value <= target.value
    if target.comparator == "~":
        return value >= target.value - band(target) - 1e-9
    return value >= target.value - 1e-9


def share(target: TargetFacts, value: float) -> float:
    """The part of the target done by `value` (may exceed 1)."""
    if target.baseline is not None and target.baseline != target.value:
        return (value - target.baseline) / (target.value - target.baseline)
    if target.comparator == "<=":
        return 1.0 if value <= target.value else 0.0
    return value / target.value if target.value else 1.0


def accrues(target: TargetFacts) -> bool:
    """Whether progress on this target is measured as a share against the 序时 expectation
    (counts and amounts, and any target with a baseline), rather than met or not met."""
    return not is_level(target) or (target.baseline is not None and target.baseline != target.value)


def complete_at(target: TargetFacts) -> float:
    """The share at which an accruing target is done: 1, or less inside a `~` band."""
    if target.comparator == "~" and target.value:
        return 1.0 - band(target) / abs(target.value)
    return 1.0


def goal(target: TargetFacts) -> str:
    """The target as words a reader knows: ≥91%, ≤55分贝, 6%左右, 6%～7%."""
    value = f"{num(target.value)}{target.unit}"
    if target.upper is not None:
        return f"{num(target.value)}～{num(target.upper)}{target.unit}"
    if target.comparator == "~":
        return f"{value}左右"
    if target.comparator == "=":
        return value
    sign = "≤" if target.comparator == "<=" else "≥"
    return f"{sign}{value}"

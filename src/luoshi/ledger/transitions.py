"""The ledger's rules as data: stages, moves, alerts and size classes (data/transitions.yaml).

Loaded once and validated; an error (`RuleError`, luoshi.datafiles) names the bad entry. Pure
Python: no Django here.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from luoshi import datafiles
from luoshi.datafiles import RuleError

STAGES = ("planning", "signed", "approval", "started", "completed", "operating")
TIERS = ("reserve", "preliminary", "construction", "operating")


class MoveRefused(ValueError):
    """A stage change that the rules do not allow; the message says why, in Chinese."""


@dataclass(frozen=True)
class Stage:
    code: str
    name: str
    tier: str
    alert_days: int | None


@dataclass(frozen=True)
class SizeClass:
    code: str
    name: str
    min: Decimal


@dataclass(frozen=True)
class Rules:
    stages: tuple[Stage, ...]
    tiers: dict[str, str]  # code → Chinese name
    transitions: dict[str, frozenset[str]]
    size_classes: tuple[SizeClass, ...]

    def stage(self, code: str) -> Stage:
        return next(stage for stage in self.stages if stage.code == code)

    def order(self, code: str) -> int:
        return STAGES.index(code)

    def by_name(self, text: str) -> str | None:
        """The stage code for a Chinese name or a code, as typed in a sheet."""
        text = text.strip()
        for stage in self.stages:
            if text in (stage.name, stage.code):
                return stage.code
        return None

    def check_move(self, current: str, to: str, reason: str) -> str:
        """The kind of move ("next", "skip" or "back"), or MoveRefused when it is not allowed."""
        if to == current:
            raise MoveRefused(f"项目已处于“{self.stage(to).name}”阶段，无需变更。")
        if to in self.transitions.get(current, frozenset()):
            return "next"
        kind = "back" if self.order(to) < self.order(current) else "skip"
        if not reason.strip():
            what = "退回" if kind == "back" else "跨阶段变更"
            raise MoveRefused(
                f"从“{self.stage(current).name}”到“{self.stage(to).name}”属于{what}，请填写原因。"
            )
        return kind

    def size_class(self, amount: Decimal) -> SizeClass:
        found = self.size_classes[0]
        for size in self.size_classes:
            if amount >= size.min:
                found = size
        return found

    def size_range(self, code: str) -> tuple[Decimal, Decimal | None]:
        """[lower, upper) of a size class, in 元; upper is None for the largest."""
        codes = [size.code for size in self.size_classes]
        at = codes.index(code)
        upper = self.size_classes[at + 1].min if at + 1 < len(codes) else None
        return self.size_classes[at].min, upper


def _entry(data: Any, where: str) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise RuleError(f"{where}: expected a mapping, got {data!r}")
    return data


def parse(data: Any, source: str = "transitions.yaml") -> Rules:
    root = _entry(data, source)
    try:
        tiers = {
            _entry(t, f"{source}: tiers")["code"]: str(t["name"]) for t in root.get("tiers", [])
        }
        if tuple(tiers) != TIERS:
            raise RuleError(f"{source}: tiers must be {', '.join(TIERS)} in that order")
        stages = []
        for item in root.get("stages", []):
            item = _entry(item, f"{source}: stages")
            code = item["code"]
            if item["tier"] not in tiers:
                raise RuleError(f"{source}: stage {code}: unknown tier {item['tier']!r}")
            days = item.get("alert_days")
            if days is not None and (not isinstance(days, int) or days <= 0):
                raise RuleError(f"{source}: stage {code}: alert_days must be a positive integer")
            stages.append(Stage(code, str(item["name"]), item["tier"], days))
        if tuple(s.code for s in stages) != STAGES:
            raise RuleError(f"{source}: stages must be {', '.join(STAGES)} in that order")
        transitions: dict[str, frozenset[str]] = {}
        for start, ends in _entry(root.get("transitions", {}), f"{source}: transitions").items():
            for code in [start, *ends]:
                if code not in STAGES:
                    raise RuleError(f"{source}: transitions: unknown stage {code!r}")
            if start in ends:
                raise RuleError(f"{source}: transitions: {start} cannot move to itself")
            transitions[start] = frozenset(ends)
        sizes = tuple(
            SizeClass(s["code"], str(s["name"]), Decimal(str(s["min"])))
            for s in (_entry(s, f"{source}: size_classes") for s in root.get("size_classes", []))
        )
        if not sizes or any(a.min >= b.min for a, b in itertools.pairwise(sizes)):
            raise RuleError(f"{source}: size_classes must rise by their min")
    except KeyError as missing:
        raise RuleError(f"{source}: missing field {missing}") from None
    return Rules(tuple(stages), tiers, transitions, sizes)


def load(path: str | Path | None = None) -> Rules:
    if path is None:
        return rules()
    return parse(datafiles.read(path, str(path)), str(path))


@cache
def rules() -> Rules:
    """The bundled rules, loaded once."""
    return parse(datafiles.load("luoshi.ledger", "data", "transitions.yaml"))

"""Dated milestones in a task's words: "6月底前开工、年底前竣工" → (6-30 开工), (12-31 竣工).

A project or reform task with milestones is measured against them (luoshi.status) rather than
pro rata. The words are in `data/milestones.yaml`. Pure Python: no Django.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from functools import cache

from luoshi import datafiles
from luoshi.datafiles import RuleError

_MONTH_WORDS = {"十一": 11, "十二": 12, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6}
_MONTH_WORDS |= {"七": 7, "八": 8, "九": 9, "十": 10}


@dataclass(frozen=True)
class Milestone:
    on: str  # ISO date: the end of the month named
    label: str  # the step as written: 开工, 建成投产, 主体完工


@dataclass(frozen=True)
class _Rules:
    pattern: re.Pattern[str]
    periods: dict[str, int]


@cache
def _rules() -> _Rules:
    data = datafiles.load("luoshi.extraction", "data", "milestones.yaml")
    try:
        steps = sorted((str(s) for s in data["steps"]), key=len, reverse=True)
        qualifiers = [str(q) for q in data["qualifiers"]]
        periods = {str(k): int(v) for k, v in data["periods"].items()}
        gap = int(data["gap"])
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise RuleError(f"milestones.yaml: {error}") from None
    if any(not 1 <= month <= 12 for month in periods.values()):
        raise RuleError("milestones.yaml: a period must end in a month from 1 to 12")
    month = r"(?:\d{1,2}|十[一二]|[一二三四五六七八九十])月(?:底|末|份)?"
    when = "|".join([month, *map(re.escape, sorted(periods, key=len, reverse=True))])
    step = "|".join(map(re.escape, steps))
    qualifier = "|".join(map(re.escape, qualifiers))
    pattern = re.compile(
        rf"(?P<when>{when})前?[^，。；：、,;:\n]{{0,{gap}}}?"
        rf"(?P<label>(?:{qualifier})?(?:{step})(?:{step})?)"
    )
    return _Rules(pattern, periods)


def _month(when: str, periods: dict[str, int]) -> int | None:
    if when in periods:
        return periods[when]
    number = when.split("月")[0]
    value = int(number) if number.isdigit() else _MONTH_WORDS.get(number)
    return value if value is not None and 1 <= value <= 12 else None


def milestones(text: str, year: int, deadline: str | None = None) -> list[Milestone]:
    """The dated milestones of `text` in the plan year, by date, none after `deadline` (ISO);
    one per step label (the first date given for it)."""
    rules = _rules()
    found: dict[str, Milestone] = {}
    for match in rules.pattern.finditer(text):
        month = _month(match.group("when"), rules.periods)
        if month is None:
            continue
        on = f"{year}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"
        if deadline is not None and on > deadline:
            continue
        found.setdefault(match.group("label"), Milestone(on, match.group("label")))
    return sorted(found.values(), key=lambda m: m.on)

"""Deadlines and checkpoint nodes of a task, from its words and the plan year.

Pure functions: nothing here reads the clock.
"""

from __future__ import annotations

import calendar
import re
from functools import lru_cache

from luoshi.extraction.text import fold

_QUARTER_ENDS = {"一": 3, "二": 6, "三": 9, "四": 12, "1": 3, "2": 6, "3": 9, "4": 12}
_MONTHS = {w: i for i, w in enumerate("一二三四五六七八九十", 1)} | {"十一": 11, "十二": 12}
_LATER = re.compile(r"(?:到|至|于|在|力争|前)(20\d\d)年(?:年?底|末)?")
_MONTH_END = re.compile(r"(\d{1,2}|十[一二]|[一二三四五六七八九十])月(?:份)?(?:底|末|前|底前)")
_QUARTER = re.compile(r"(?:前|第)?([一二三四1-4])季度")


def schedule(
    text: str, year: int | None, *, folded: str | None = None
) -> tuple[str | None, list[str]]:
    """The deadline (ISO date) a task's words set, else the plan year's end; and its nodes.

    Nodes are quarter ends for a task due at the year's end, year ends for a multi-year task.
    `folded` is fold(text), when the caller has it.
    """
    folded = fold(text) if folded is None else folded
    later = _LATER.search(folded) if "年" in folded else None  # a search needs its 年
    if later and (year is None or int(later.group(1)) > year):
        end_year = int(later.group(1))
        start = year if year is not None else end_year
        return f"{end_year}-12-31", [f"{y}-12-31" for y in range(start, end_year + 1)]
    if year is None:
        return None, []
    month = _month(folded)
    if month is not None:
        return _month_end(year, month), _quarter_nodes(year, month)
    return f"{year}-12-31", _quarter_nodes(year, 12)


def _month(folded: str) -> int | None:
    """The month a deadline phrase in the text names (6月底前, 上半年, 三季度), if any."""
    match = _MONTH_END.search(folded) if "月" in folded else None
    if match:
        word = match.group(1)
        return int(word) if word.isdigit() else _MONTHS[word]
    match = _QUARTER.search(folded) if "季度" in folded else None
    if match:
        return _QUARTER_ENDS[match.group(1)]
    if "上半年" in folded:
        return 6
    return None


@lru_cache(maxsize=512)
def _month_end(year: int, month: int) -> str:
    return f"{year}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"


def _quarter_nodes(year: int, month: int) -> list[str]:
    return list(_quarter_ends(year, month))


@lru_cache(maxsize=512)
def _quarter_ends(year: int, month: int) -> tuple[str, ...]:
    return tuple(_month_end(year, m) for m in (3, 6, 9, 12) if m <= month)

"""Main indicators and their usual departments: a validated data file (data/indicators.yaml).

A target whose indicator holds one of an entry's words (地区生产总值, 一般公共预算收入…) gets
that entry's lead and supporting departments, whatever else its sentence says: the 主要预期目标
paragraph is one sentence, but each of its indicators has its own lead.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from luoshi import datafiles
from luoshi.datafiles import RuleError
from luoshi.extraction.departments import Departments
from luoshi.extraction.model import Target, Task
from luoshi.extraction.text import any_of, fold


@dataclass(frozen=True)
class Indicator:
    words: tuple[str, ...]
    leads: tuple[str, ...]  # tried in order: the first the city has leads
    support: tuple[str, ...]


@dataclass(frozen=True)
class IndicatorMatch:
    word: str  # the word of the indicator that matched
    lead: str
    support: tuple[str, ...]


def load_indicators(
    data: dict[str, Any] | None = None, where: str = "indicators.yaml"
) -> tuple[Indicator, ...]:
    """The bundled table, or the table in `data` (a parsed file), validated."""
    if data is None:
        return _bundled()
    entries = data.get("indicators")
    if not isinstance(entries, list) or not entries:
        raise RuleError(f"{where}: 'indicators' must be a non-empty list of entries")
    result = []
    for number, entry in enumerate(entries, 1):
        label = f"{where}: indicator {number}"
        if not isinstance(entry, dict) or set(entry) - {"words", "lead", "support"}:
            raise RuleError(f"{label} must be a mapping of words, lead and support")
        lead = entry.get("lead")
        leads = [lead] if isinstance(lead, str) else lead
        result.append(
            Indicator(
                _names(entry.get("words"), label, "words", empty=False),
                _names(leads, label, "lead", empty=False),
                _names(entry.get("support", []), label, "support", empty=True),
            )
        )
    return tuple(result)


@cache
def _bundled() -> tuple[Indicator, ...]:
    return load_indicators(datafiles.load("luoshi.extraction", "data", "indicators.yaml"))


def _names(value: Any, label: str, key: str, empty: bool) -> tuple[str, ...]:
    if not isinstance(value, list) or (not value and not empty):
        raise RuleError(f"{label}: '{key}' must be a list of words")
    if not all(isinstance(word, str) and word.strip() for word in value):
        raise RuleError(f"{label}: '{key}' has an entry that is not a word")
    return tuple(value)


def check_departments(table: tuple[Indicator, ...], departments: Departments) -> None:
    """Every department the table names must exist in the generic departments file."""
    for indicator in table:
        for name in (*indicator.leads, *indicator.support):
            if departments.get(name) is None:
                raise RuleError(f"indicators.yaml: '{indicator.words[0]}' names '{name}', "
                                "which is not a department")  # fmt: skip


def match_indicator(
    indicator: str, departments: Departments, table: tuple[Indicator, ...] | None = None
) -> IndicatorMatch | None:
    """The table's entry for a target's indicator (longest word found wins, before 占 if
    there is one), if any."""
    words, any_word = _bundled_index() if table is None else (_words_of(table), _any_word(table))
    folded = fold(indicator)
    if any_word.search(folded) is None:
        return None  # most indicators are none of the table's
    # In "民营经济增加值占生产总值比重" what is measured stands before 占.
    head = folded.split("占", 1)[0]
    found = None
    for part in dict.fromkeys((head, folded)):
        found = next(((word, entry) for key, word, entry in words if key in part), None)
        if found is not None:
            break
    if found is None:
        return None
    word, entry = found
    lead = next((name for name in entry.leads if departments.get(name) is not None), None)
    if lead is None:
        return None
    lead = _canonical(lead, departments)
    support = tuple(
        _canonical(name, departments)
        for name in entry.support
        if departments.get(name) is not None and _canonical(name, departments) != lead
    )
    return IndicatorMatch(word, lead, support)


@cache
def _words_of(table: tuple[Indicator, ...]) -> list[tuple[str, str, Indicator]]:
    """Every word of the table, folded, longest first (on a tie, the table's order)."""
    words = [(fold(word), word, entry) for entry in table for word in entry.words]
    return sorted(words, key=lambda w: -len(w[0]))


@cache
def _bundled_index() -> tuple[list[tuple[str, str, Indicator]], re.Pattern[str]]:
    """The bundled table's words and pattern, without hashing the table on every call."""
    return _words_of(_bundled()), _any_word(_bundled())


@cache
def _any_word(table: tuple[Indicator, ...]) -> re.Pattern[str]:
    return any_of(tuple(key for key, _, _ in _words_of(table)))


def _canonical(name: str, departments: Departments) -> str:
    found = departments.get(name)
    return found.name if found is not None else name


def by_indicator(task: Task, targets: Sequence[Target]) -> tuple[list[int], list[int]]:
    """A task's planned targets split into those that share the task's lead and those that have
    their own (a main indicator's), each list in the task's order."""
    planned = [i for i in task.targets if targets[i].kind == "target"]
    own = {a.target for a in task.assignments if a.target is not None}
    return [i for i in planned if i not in own], [i for i in planned if i in own]

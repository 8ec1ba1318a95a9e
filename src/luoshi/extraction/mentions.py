"""Find mentions: each number of the folded text with the unit after it (20.4万亩, 1000余家).

A range (3至5个) is one mention. Whether a mention is a target is for targets.py to decide.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from luoshi.extraction.lexicons import Rules, Unit
from luoshi.extraction.numbers import Number, find_numbers
from luoshi.extraction.text import alternation

PERCENT = Unit("%", "%", "measure", Decimal(1))
PEOPLE = Unit("", "人", "count", Decimal(1))  # 80万重点群体: a bare amount of people
RATIO = Unit(":", "比", "measure", Decimal(1))  # 城乡居民收入比缩小至2.31:1, valued 2.31
_RATIO_WORD = "比"  # a ratio is named: 收入比, 比例, 之比
_RATIO_LOOKBACK = 10


@dataclass
class Mention:
    """A number with its unit and the words right after it."""

    start: int
    end: int  # after the unit, or after the number when there is no unit
    value: float
    upper: float | None
    unit: Unit | None
    number: Number
    between: str | None = None  # comparator set by 余/多 between the number and the unit


def _unit_at(text: str, position: int, rules: Rules) -> Unit | None:
    for unit in _units_by_first_char(rules).get(text[position : position + 1], ()):
        if text.startswith(unit.text, position):
            return unit
    return None


@cache
def _units_by_first_char(rules: Rules) -> dict[str, tuple[Unit, ...]]:
    table: dict[str, list[Unit]] = {}
    for unit in rules.units:  # longest first, kept in that order
        table.setdefault(unit.text[0], []).append(unit)
    return {char: tuple(units) for char, units in table.items()}


def _people_follow(text: str, position: int, rules: Rules) -> bool:
    words = re.match(r"[\u4e00-\u9fff]{0,8}", text[position : position + 8])
    head = words.group() if words else ""
    return bool(head) and alternation(rules.people_nouns).search(head) is not None


def find_mentions(text: str, rules: Rules) -> list[Mention]:
    """Every number of `text` with the unit that follows it, in order; ranges are one mention."""
    numbers = find_numbers(text, rules)
    mentions = []
    skip = -1
    for index, number in enumerate(numbers):
        if index <= skip:
            continue
        unit = PERCENT if number.unit_hint else _unit_at(text, number.end, rules)
        between = None
        if unit is None and text[number.end : number.end + 1] in rules.comparators_between:
            unit = _unit_at(text, number.end + 1, rules)  # 1000余家
            between = rules.comparators_between[text[number.end]] if unit else None
        if unit is None and number.value >= 10000 and _people_follow(text, number.end, rules):
            unit = PEOPLE
        end = number.end + (len(unit.text) if unit and not number.unit_hint else 0)
        end += 1 if between else 0
        upper = None
        following = numbers[index + 1] if index + 1 < len(numbers) else None
        if unit is None and following is not None and _is_ratio(text, number, following):
            mentions.append(
                Mention(
                    number.start,
                    following.end,
                    float(number.value / following.value),
                    None,
                    RATIO,
                    number,
                )
            )
            skip = index + 1
            continue
        if following is not None:
            gap = text[end : following.start]
            if gap in rules.range_separators and following.chinese == number.chinese:
                second = _unit_at(text, following.end, rules)
                if second is not None or unit is not None:
                    unit = second or unit
                    upper = following.value
                    end = following.end + (len(second.text) if second else 0)
                    skip = index + 1
        factor = unit.factor if unit else Decimal(1)
        mentions.append(
            Mention(
                number.start,
                end,
                float(number.value * factor),
                float(upper * factor) if upper is not None else None,
                unit,
                number,
                between,
            )
        )
    return mentions


def _is_ratio(text: str, first: Number, second: Number) -> bool:
    """2.31:1 after a named ratio (收入比, 比例), not one part of a structure (18.7:37.7:43.6)."""
    if first.chinese or second.chinese or not second.value or second.start != first.end + 1:
        return False
    if text[first.end] != ":" or text[first.start - 1 : first.start] == ":":
        return False
    if re.match(r":\d", text[second.end : second.end + 2]):
        return False
    return _RATIO_WORD in text[max(0, first.start - _RATIO_LOOKBACK) : first.start]

"""Find numbers (Arabic, Chinese, mixed, ranges, 百分之N) in folded text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from luoshi.extraction.lexicons import Rules


@dataclass(frozen=True)
class Number:
    start: int
    end: int  # end of the number and its magnitude word, before any unit
    value: Decimal  # exact: 4.06万亿 is 4060000000000, not 4059999999999.9995
    chinese: bool  # written in Chinese numerals
    unit_hint: str | None = None  # "%" for 百分之N


@cache
def _patterns(rules: Rules) -> tuple[re.Pattern[str], re.Pattern[str]]:
    cn_chars = "".join([*rules.digits, *rules.small_units, *rules.large_units])
    cn_core = "".join([*rules.digits, "十"])
    magnitudes = "|".join(map(re.escape, rules.magnitudes))
    arabic = rf"(?P<arabic>\d+(?:\.\d+)?)(?P<mag>{magnitudes})?"
    initials = "".join(map(re.escape, sorted(_unit_initials(rules))))
    counts = "".join(map(re.escape, sorted(_count_initials(rules))))
    # Two or more numeral characters; or one before a unit (三个) or after a fraction word
    # (百分之五); or a bare 百/千 before a counting unit (千场, 千个乡村). Lone characters
    # elsewhere (统一, 进一步) are words: the pattern skips them.
    chinese = (
        rf"(?P<chinese>(?=[{cn_chars}]{{2}})[{cn_chars}]*[{cn_core}][{cn_chars}]*"
        rf"|[{cn_core}](?=[{initials}])|(?<=之)[{cn_core}]"
        rf"|(?<![{cn_chars}])[{''.join(rules.bare_multipliers)}](?=[{counts}]))"
    )
    fractions = "|".join(map(re.escape, rules.fraction_words))
    # Every number opens with a digit or a numeral character: the lookahead says so first,
    # so that the engine skips the other places at once (the same matches, several times faster).
    firsts = "".join(re.escape(word[0]) for word in rules.fraction_words if word)
    opening = rf"(?=[\d{cn_chars}{firsts}])"
    number = re.compile(rf"{opening}(?P<frac>{fractions})?(?:{arabic}|{chinese})")
    return number, re.compile(rf"[{cn_chars}]")


def parse_chinese(text: str, rules: Rules) -> Decimal | None:
    """三百五十四 → 354, 二十万 → 200000, 两 → 2; digit strings (二〇二二) read digit by digit."""
    if all(char in rules.digits for char in text):
        value = 0
        for char in text:
            value = value * 10 + rules.digits[char]
        return Decimal(value)
    total = section = number = 0
    for char in text:
        if char in rules.digits:
            number = rules.digits[char]
        elif char in rules.small_units:
            section += (number or 1) * rules.small_units[char]
            number = 0
        elif char in rules.large_units:
            section += number
            number = 0
            unit = rules.large_units[char]
            if unit > 10000:
                total = (total + section) * unit
            else:
                total += (section or (0 if total else 1)) * unit
            section = 0
        else:
            return None
    return Decimal(total + section + number)


def _starts_unit(text: str, position: int, rules: Rules) -> bool:
    """Whether a unit word that begins with a numeral character (千瓦, 千米) starts here."""
    return text.startswith(_numeral_units(rules), position)


@cache
def _numeral_units(rules: Rules) -> tuple[str, ...]:
    return tuple(unit.text for unit in rules.units if unit.text[0] in rules.magnitudes)


@cache
def _count_initials(rules: Rules) -> frozenset[str]:
    return frozenset(unit.text[0] for unit in rules.units if unit.unit_class == "count")


@cache
def _unit_initials(rules: Rules) -> frozenset[str]:
    return frozenset(unit.text[0] for unit in rules.units) | {"%", "‰"}


def find_numbers(text: str, rules: Rules) -> list[Number]:
    """Every number in `text` (already folded), left to right, not overlapping."""
    pattern, _ = _patterns(rules)
    found = []
    fraction_words = rules.fraction_words
    for match in pattern.finditer(text):
        fraction, arabic, magnitude, words = match.group("frac", "arabic", "mag", "chinese")
        hint = fraction_words.get(fraction) if fraction else None  # its words are not empty
        if arabic:
            at = match.start("arabic")
            if at > 0 and text[at - 1] in ".":
                continue  # the tail of a version or a decimal we did not start on
            value = Decimal(arabic)
            end = match.end()
            if magnitude and _starts_unit(text, match.start("mag"), rules):
                end = match.start("mag")  # 20千瓦: 千 belongs to the unit
            elif magnitude:
                value *= rules.magnitudes[magnitude]
            found.append(Number(match.start(), end, value, False, hint))
            continue
        lone = len(words) == 1 and not hint
        if lone and text[match.end() : match.end() + 1] not in _unit_initials(rules):
            continue  # 统一, 进一步: a lone numeral character with no unit is a word
        enumeration = all(c in rules.digits for c in words) and not set(words) & {"〇", "零"}
        if len(words) > 1 and enumeration:
            continue  # 一二三次产业, 三四线城市: an enumeration, not a number
        end = match.end()
        while len(words) > 1 and _starts_unit(text, end - 1, rules):
            words, end = words[:-1], end - 1  # 十万千瓦: 千 belongs to the unit
        parsed = parse_chinese(words, rules)
        if parsed is None:
            continue
        found.append(Number(match.start(), end, parsed, True, hint))
    return found

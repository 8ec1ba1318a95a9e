"""How every page writes an amount and a comparison: one number format, money in 万元/亿元 as
the report wrote it, comparators as words (不少于, 不超过, 约) rather than ">=".

    {% load amounts %}
    {{ target|goal }}                     不少于150亿元 · 91%以上 · 3—5个
    {{ report.value|amount:target }}      98.2亿元 (the value in the target's unit as written)
    {{ 9819230907|amount:"元" }}           98.19亿元
"""

from __future__ import annotations

import re
from typing import Any

from django import template
from django.utils.translation import gettext as _

register = template.Library()

MONEY_SCALES = (("亿元", 1e8), ("万元", 1e4))
_WRITTEN = re.compile(r"(亿元|万元|亿|万)")


def plain(value: float, digits: int = 2) -> str:
    """12,345 · 98.19 · 0.5: thousands grouped, at most `digits` decimals, no trailing zeros."""
    rounded = round(float(value), digits)
    if rounded == int(rounded):
        return f"{int(rounded):,}"
    return f"{rounded:,.{digits}f}".rstrip("0").rstrip(".")


def money_unit(unit: str, written: str = "") -> tuple[str, float]:
    """The unit to show a 元 amount in, and its size: the one the report wrote (150亿元 is shown
    in 亿元), else the largest that keeps the amount above 1."""
    if unit != "元":
        return unit, 1.0
    found = _WRITTEN.search(written or "")
    if found:
        name = found.group(1)
        name = name if name.endswith("元") else name + "元"
        return name, dict(MONEY_SCALES)[name]
    return "", 0.0  # choose by size


def _scale(value: float, unit: str, written: str = "") -> tuple[str, float]:
    shown, scale = money_unit(unit, written)
    if unit == "元" and not scale:
        shown, scale = next(
            ((name, size) for name, size in MONEY_SCALES if abs(value) >= size), ("元", 1.0)
        )
    return shown, scale


def _with_unit(value: float, unit: str, written: str = "") -> str:
    shown, scale = _scale(value, unit, written)
    return f"{plain(value / scale)}{shown}"


@register.filter
def amount(value: Any, unit_or_target: Any = "") -> str:
    """A number with its unit; `unit_or_target` is a unit or a target (whose unit and source
    text say how the report wrote it)."""
    if value is None or value == "":
        return "—"
    unit, written = unit_or_target, ""
    if hasattr(unit_or_target, "unit"):
        unit, written = unit_or_target.unit, unit_or_target.text
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    return _with_unit(number, str(unit or ""), written)


def comparator_words() -> dict[str, tuple[str, str]]:
    """Words before and after the figure, per comparator code."""
    return {
        ">=": (_("at least "), ""),
        "<=": (_("at most "), ""),
        "~": (_("about "), ""),
        ">": (_("more than "), ""),
        "<": (_("less than "), ""),
        "=": ("", ""),
    }


@register.filter
def comparator(code: Any) -> str:
    """The comparator as a word: 不少于 for ">=", 不超过 for "<=", 约 for "~"."""
    before, _after = comparator_words().get(str(code or "="), ("", ""))
    return before.strip()


@register.filter
def goal(target: Any) -> str:
    """A target's goal in words: 不少于150亿元, 3—5个, 约5%."""
    if target is None or getattr(target, "value", None) is None:
        return "—"
    before, after = comparator_words().get(target.comparator or "=", ("", ""))
    value = amount(target.value, target)
    upper = getattr(target, "upper", None)
    if upper is not None:
        shown, scale = _scale(float(upper), target.unit or "", target.text or "")
        value = f"{plain(target.value / scale)}—{plain(upper / scale)}{shown}"
    return f"{before}{value}{after}"

"""Main targets restated later in the text (经济增长预期目标为5%左右) are one target.

The restatement is merged into the first statement, which keeps the later span in `restated`.
"""

from __future__ import annotations

import re

from luoshi.extraction.lexicons import Rules
from luoshi.extraction.model import Target

_CJK_PAIR = re.compile(r"(?=([\u4e00-\u9fff]{2}))")


def merge_restated(targets: list[Target], rules: Rules) -> list[Target]:
    """Drop each target that restates an earlier one; the earlier one keeps its span."""
    kept: list[Target] = []
    for target in targets:
        first = _restates(target, kept, rules) if target.kind == "target" else None
        if first is None:
            kept.append(target)
        else:
            first.restated = [*(first.restated or []), (target.start, target.end)]
    return kept


def _restates(target: Target, earlier: list[Target], rules: Rules) -> Target | None:
    marker = next((m for m in rules.restatement_markers if m in target.indicator), None)
    if marker is None:
        return None
    words = _pairs(target.indicator.replace(marker, " "))
    for first in earlier:
        same = (first.kind, first.value, first.upper, first.unit, first.comparator) == (
            "target",
            target.value,
            target.upper,
            target.unit,
            target.comparator,
        )
        if same and words & _pairs(first.indicator):
            return first
    return None


def _pairs(text: str) -> set[str]:
    return {match.group(1) for match in _CJK_PAIR.finditer(text)}

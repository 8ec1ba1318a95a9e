"""The statuses a task can have, their order, names and colours (no Django).

A status is stored and exchanged as its Chinese name, which is also what the supervision office
reads; `label` gives the English name for the English interface.
"""

from __future__ import annotations

COMPLETE, AHEAD, ON_TRACK, BEHIND, OVERDUE, MISSING = (
    "已完成",
    "超进度",
    "序时推进",
    "滞后",
    "逾期",
    "未报送",
)
STATUSES = (COMPLETE, AHEAD, ON_TRACK, BEHIND, OVERDUE, MISSING)  # the dashboard's order
GOOD = (COMPLETE, AHEAD, ON_TRACK)  # 序时推进及以上
# Worst first: a task takes the worst status among its lines.
SEVERITY = {OVERDUE: 0, MISSING: 1, BEHIND: 2, ON_TRACK: 3, AHEAD: 4, COMPLETE: 5}

ENGLISH = {
    COMPLETE: "Complete",
    AHEAD: "Ahead",
    ON_TRACK: "On track",
    BEHIND: "Behind",
    OVERDUE: "Overdue",
    MISSING: "Not reported",
}
CSS = {
    COMPLETE: "complete",
    AHEAD: "ahead",
    ON_TRACK: "on-track",
    BEHIND: "behind",
    OVERDUE: "overdue",
    MISSING: "missing",
}


def label(code: str, language: str | None) -> str:
    """The status's name in `language` (a language code such as "zh-hans" or "en")."""
    if language and not language.lower().startswith("zh"):
        return ENGLISH.get(code, code)
    return code

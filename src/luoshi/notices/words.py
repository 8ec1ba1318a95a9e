"""Reminder messages in Chinese and English at once, from `data/messages.yaml`.

A reminder stores its Chinese message (what the e-mail and the group robots carry, and what
Chinese readers see). Its English one is composed again from what the reminder records (kind,
task, period, and for a 催办 the office's words), so that the English interface shows English
without a second stored copy; the words are derived the same way in both languages.
"""

from __future__ import annotations

import calendar
import string
from datetime import date
from functools import cache
from typing import TYPE_CHECKING

from django.conf import settings

from luoshi import datafiles
from luoshi.status.words import Text
from luoshi.tracking.measure import nodes

if TYPE_CHECKING:
    from luoshi.notices.models import Reminder
    from luoshi.tracking.models import Task

KEYS = ("upcoming", "node", "missing", "overdue", "unsigned", "returned", "urged")
PLACEHOLDERS = {"code", "month", "day", "deadline", "node", "words"}
URGED_PREFIX = "【催办】"


@cache
def templates() -> dict[str, Text]:
    data = datafiles.load("luoshi.notices", "data", "messages.yaml").get("messages")
    if not isinstance(data, dict):
        raise datafiles.RuleError("messages.yaml: expected a mapping `messages`")
    found: dict[str, Text] = {}
    for key in KEYS:
        entry = data.get(key)
        if not isinstance(entry, dict) or not all(
            isinstance(entry.get(k), str) for k in ("zh", "en")
        ):
            raise datafiles.RuleError(f"messages.yaml: {key} needs a zh and an en text")
        for language in ("zh", "en"):
            fields = {name for _, name, _, _ in string.Formatter().parse(entry[language]) if name}
            if not fields <= PLACEHOLDERS:
                unknown = ", ".join(sorted(fields - PLACEHOLDERS))
                raise datafiles.RuleError(f"messages.yaml: {key}.{language}: unknown {unknown}")
        found[key] = Text(entry["zh"], entry["en"])
    if set(data) - set(KEYS):
        raise datafiles.RuleError(f"messages.yaml: unknown {sorted(set(data) - set(KEYS))}")
    return found


def _month(period: str) -> Text:
    year, month = int(period[:4]), int(period[5:7])
    return Text(f"{month}月", f"{calendar.month_name[month]} {year}")


def _reporting_day(period: str) -> Text:
    """The day a period's report is due: LUOSHI_REPORT_DAY of the month after it."""
    month = int(period[5:7]) % 12 + 1
    day = settings.LUOSHI_REPORT_DAY
    return Text(f"{month}月{day}日", f"{day} {calendar.month_name[month]}")


def message(task: Task, kind: str, period: str, words: str = "") -> Text:
    """The message of a reminder of `kind` about `task` for `period` ("YYYY-MM", or a
    checkpoint's date for a 临近提醒 of a checkpoint); `words`: the office's, for a 催办."""
    values = {"code": Text(task.code, task.code), "words": Text(words, words)}
    key = kind
    if kind == "upcoming" and len(period) == 10:
        key = "node"
        on = date.fromisoformat(period)
        label = next((n.label for n in nodes(task.nodes) if n.on == on and n.label), "")
        values["node"] = Text(label or f"{on:%m-%d}", label or f"{on:%m-%d}")
        values["deadline"] = Text(period, period)
    elif kind in ("upcoming", "missing", "returned"):
        values["month"] = _month(period)
        values["day"] = _reporting_day(period)
    elif kind == "overdue":
        deadline = f"{task.deadline or date(task.plan.year, 12, 31):%Y-%m-%d}"
        values["deadline"] = Text(deadline, deadline)
    template = templates()[key]
    return Text(
        template.zh.format(**{k: v.zh for k, v in values.items()}),
        template.en.format(**{k: v.en for k, v in values.items()}),
    )


def shown(reminder: Reminder, language: str | None) -> str:
    """The reminder's message in `language`: the stored Chinese, or the English composed again."""
    if not language or language.lower().startswith("zh"):
        return reminder.message
    words = ""
    if reminder.kind == "urged":
        prefix = f"{URGED_PREFIX}{reminder.task.code}："
        words = reminder.message.removeprefix(prefix)
    return message(reminder.task, reminder.kind, reminder.period, words).en


def event_reason(verb: str, reason: str, payload: dict, task: Task, language: str | None) -> str:
    """A 提醒/催办 event's text in `language`, composed again as for the reminder it recorded
    (its kind and period are in the event's payload); any other event keeps its reason."""
    kind, period = payload.get("kind"), payload.get("period")
    chinese = not language or language.lower().startswith("zh")
    if chinese or verb not in ("reminded", "urged") or kind not in KEYS or not period:
        return reason
    words = reason.removeprefix(f"{URGED_PREFIX}{task.code}：") if kind == "urged" else ""
    try:
        return message(task, kind, period, words).en
    except (ValueError, IndexError):  # a period this version cannot read: the stored text
        return reason

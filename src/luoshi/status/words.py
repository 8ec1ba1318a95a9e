"""Reason sentences in Chinese and English at once (no Django).

The engine composes a reason from the sentences of `data/reasons.yaml`; each piece is a `Text`
holding both languages, and pieces join with `+`. The tracker stores both and shows the one of
the reader's language.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from functools import cache

from luoshi import datafiles
from luoshi.datafiles import RuleError


@dataclass(frozen=True)
class Text:
    zh: str = ""
    en: str = ""

    def __add__(self, other: Text) -> Text:
        return Text(self.zh + other.zh, self.en + other.en)

    def __bool__(self) -> bool:
        return bool(self.zh or self.en)

    def in_language(self, language: str | None) -> str:
        return self.en if language and not language.lower().startswith("zh") else self.zh


def same(text: str) -> Text:
    """Words that read the same in both languages (numbers, names from the report)."""
    return Text(text, text)


COMMA, COLON, SEMICOLON = Text("，", ", "), Text("：", ": "), Text("；", "; ")


@cache
def sentences() -> dict[str, tuple[str, str]]:
    data = datafiles.load("luoshi.status", "data", "reasons.yaml")
    found: dict[str, tuple[str, str]] = {}
    for key, entry in data.items():
        if not isinstance(entry, dict) or not {"zh", "en"} <= set(entry):
            raise RuleError(f"reasons.yaml: {key} needs a zh and an en sentence")
        found[key] = (str(entry["zh"]), str(entry["en"]))
    return found


def say(key: str, **params: Text | str) -> Text:
    """The sentence `key` with its placeholders filled; plain strings read the same in both."""
    zh, en = sentences()[key]
    texts = {
        name: value if isinstance(value, Text) else same(value) for name, value in params.items()
    }
    return Text(
        zh.format(**{name: text.zh for name, text in texts.items()}),
        en.format(**{name: text.en for name, text in texts.items()}),
    )


def month(period: str) -> Text:
    """ "2022-06" → 6月 / June."""
    number = int(period[5:])
    return Text(f"{number}月", calendar.month_name[number])


def day(on: date) -> Text:
    return Text(f"{on.month}月{on.day}日", f"{on.day} {calendar.month_abbr[on.month]}")


def pct(share: float) -> Text:
    return same(f"{share * 100:.0f}%")


def num(value: float) -> str:
    """A value as people write it: no float noise, no exponent, at most four decimals."""
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return "0" if text in {"-0", ""} else text

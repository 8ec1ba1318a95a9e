"""What the parts of the bulletin share: its facts and options, and how tasks are counted,
grouped and ranked."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

from luoshi.documents.bulletin_document import Cell, Figures, TaskRow
from luoshi.status import GOOD, STATUSES
from luoshi.status import league as status_league

NUMERALS = "一二三四五六七八九十"


@dataclass(frozen=True)
class InstructionRow:
    """A leader's 批示 still unanswered on the bulletin's date."""

    department: str
    task: str  # the task's number, or "" for a 批示 to the department
    given: date


@dataclass(frozen=True)
class BulletinFacts:
    jurisdiction: str
    year: int
    period: str  # "YYYY-MM"
    on: date  # statuses as of this date
    tasks: tuple[TaskRow, ...]
    unanswered: tuple[InstructionRow, ...] = ()  # 批示 not answered by `on`


@dataclass(frozen=True)
class BulletinOptions:
    issuer: str = ""  # defaults to "<jurisdiction>人民政府督查室"
    number: str = ""  # 文号; defaults to "〔<year>〕X号", filled in by hand when issued
    addressees: str = ""
    requirements: tuple[str, ...] = ()
    categories: tuple[tuple[str, tuple[str, ...]], ...] = ()  # problem name, keywords
    examples_per_category: int = 1
    copy_to: str = ""  # 抄送 of the 版记; "{jurisdiction}" is replaced
    annexes: tuple[str, ...] = ()  # keys of ANNEXES, in the office's order
    report_day: int = 5  # departments report the past month by this day
    low_share: int = 50  # departments below this 序时推进率 (%) are named in the main text


def codes(tasks: list[TaskRow] | tuple[TaskRow, ...], *statuses: str) -> list[str]:
    return [t.code for t in tasks if t.status in statuses]


def group(tasks: tuple[TaskRow, ...] | list[TaskRow], key: str) -> dict[str, list[TaskRow]]:
    groups: dict[str, list[TaskRow]] = defaultdict(list)
    for task in tasks:  # in plan order, as the dashboard groups them
        groups[getattr(task, key)].append(task)
    return groups


_CLAUSE = re.compile(r"[，,；;：:]")


def short_section(title: str, limit: int = 12) -> str:
    """A section's name for a table: its first clause when the title is long
    (聚焦乡村全面振兴,下大气力推进… → 聚焦乡村全面振兴)."""
    if len(title) <= limit:
        return title
    return _CLAUSE.split(title, maxsplit=1)[0] or title


@dataclass
class LeagueRow:
    department: str
    tasks: list[TaskRow]


def league(tasks: tuple[TaskRow, ...]) -> list[LeagueRow]:
    """Departments in the league table's order (luoshi.status.league), with their tasks."""
    groups = group(tasks, "department")
    tallies = {name: Counter(t.status for t in chosen) for name, chosen in groups.items()}
    return [LeagueRow(row.key, groups[row.key]) for row in status_league(tallies)]


def league_row(entry: LeagueRow, figures: Figures) -> list[Cell]:
    name = entry.department
    total = figures.count(codes(entry.tasks, *STATUSES), f"{name}：牵头任务")
    good = figures.count(codes(entry.tasks, *GOOD), f"{name}：序时推进及以上")
    row: list[Cell] = [name, total, good]
    row += [figures.count(codes(entry.tasks, s), f"{name}：{s}") for s in STATUSES[3:]]
    return [*row, figures.share(good, total, f"{name}：序时推进率")]


LEAGUE_HEADER = ["牵头单位", "牵头任务", "序时推进及以上", *STATUSES[3:], "序时推进率"]

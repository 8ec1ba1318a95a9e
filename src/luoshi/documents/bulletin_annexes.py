"""The annexes the office may add to the bulletin (附件), in the order it chooses them.

Each is a builder of an `Annex` from the facts; its figures join the bulletin's own, so the check
copy traces them too.
"""

from __future__ import annotations

from collections.abc import Callable

from luoshi.documents.bulletin_counts import (
    LEAGUE_HEADER,
    BulletinFacts,
    league,
    league_row,
)
from luoshi.documents.bulletin_document import Annex, Cell, Figures, Paragraph, Quote, Table
from luoshi.status import BEHIND, MISSING, OVERDUE


def _league(facts: BulletinFacts, figures: Figures) -> Annex:
    rows = [league_row(entry, figures) for entry in league(facts.tasks)]
    intro = (
        "按序时推进率（已完成、超进度、序时推进的任务占牵头任务的比例）从高到低排列（单位：项）。"
    )
    return Annex(
        "league",
        "各单位推进情况一览表",
        [Paragraph([intro], "plain"), Table(list(LEAGUE_HEADER), rows)],
    )


def _attention(facts: BulletinFacts, figures: Figures) -> Annex:
    rows: list[list[Cell]] = []
    for name in (OVERDUE, BEHIND, MISSING):
        for task in facts.tasks:
            if task.status == name:
                rows.append(
                    [task.code, Quote(task.text), task.department, name, Quote(task.reason)]
                )
    header = ["编号", "工作任务", "牵头单位", "状态", "状态说明"]
    return Annex("attention", "逾期、滞后和未报送任务清单", [Table(header, rows)])


def _tasks(facts: BulletinFacts, figures: Figures) -> Annex:
    rows: list[list[Cell]] = [
        [t.code, Quote(t.text), t.department, t.status, Quote(t.reason)] for t in facts.tasks
    ]
    header = ["编号", "工作任务", "牵头单位", "状态", "状态说明"]
    return Annex("tasks", "重点任务推进状态明细", [Table(header, rows)])


Builder = Callable[[BulletinFacts, Figures], Annex]

ANNEXES: dict[str, tuple[str, Builder]] = {
    "league": ("各单位推进情况一览表", _league),
    "attention": ("逾期、滞后和未报送任务清单", _attention),
    "tasks": ("重点任务推进状态明细", _tasks),
}

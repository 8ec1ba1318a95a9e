"""Targets across levels (层层加码): one year's targets of the nation, provinces, cities, counties.

    from luoshi.research import load_report
    from luoshi.research.levels import compare_levels
    table = compare_levels([load_report(f) for f in files])

Each report's main target of each indicator of the synonym table is set beside the one of the
level above (the nearest level present whose report's place the lower report names, most often
among several; the nation needs no naming),
and flagged where the lower level sets a higher growth target (加码) or a looser cap (宽于上级)
for an indicator that is comparable across levels (a rate, not an amount). Pure Python.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from luoshi.research.indicators import Figure, Indicator, Table, show, show_number, table
from luoshi.research.jurisdictions import level_label, levels
from luoshi.research.reports import Report, ResearchError, display_name

HIGHER, LOOSER = "higher", "looser"
_CHINESE = re.compile(r"[\u4e00-\u9fff]")
FLAGS = {HIGHER: "加码", LOOSER: "宽于上级"}
_EPSILON = 1e-9


@dataclass
class Cell:
    figure: Figure
    parent: Figure | None = None  # the same indicator's target of the level above
    difference: float | None = None  # this target minus the parent's (signed, in the unit)
    flag: str | None = None  # HIGHER, LOOSER or None


@dataclass
class Row:
    report: Report
    parent: Report | None
    cells: dict[str, Cell] = field(default_factory=dict)  # by indicator id


@dataclass
class Comparison:
    indicators: list[Indicator]  # the columns: indicators that some report sets
    rows: list[Row]  # from the top level down

    def flagged(self) -> int:
        return sum(1 for row in self.rows for cell in row.cells.values() if cell.flag)


def main_targets(report: Report) -> dict[str, Figure]:
    """The first yearly target of each indicator of the synonym table (the 主要预期目标 one)."""
    found: dict[str, Figure] = {}
    for target in report.targets:
        if target.indicator and not target.periodic:
            found.setdefault(target.indicator, target)
    return found


def committed(figure: Figure) -> float:
    """The value a target commits to: a range's lower end for growth, its upper end for a cap."""
    if figure.upper is not None and figure.better == "lower":
        return figure.upper
    return figure.value


def stem(place: str) -> str:
    """A place name without its ending: 广东省 → 广东, 保定市 → 保定."""
    ending = max((e for e in levels().endings if place.endswith(e)), key=len, default="")
    short = place[: len(place) - len(ending)]
    return short if len(short) >= 2 else place


def choose_parent(report: Report, candidates: list[Report]) -> Report | None:
    """The report among `candidates` (of one level) that `report` belongs to: the one whose place
    the lower report names most often (a county report names its city and province); the nation,
    and a lone place known only by its file name, need no naming."""
    if len(candidates) == 1 and (
        candidates[0].level == levels().order[0] or not _CHINESE.search(candidates[0].place)
    ):  # the nation, or a place known only by its file name (baoding): nothing to look for
        return candidates[0]
    counts = [(report.text.count(stem(c.place)), i) for i, c in enumerate(candidates)]
    best, index = max(counts, default=(0, -1))
    if best == 0 or sum(1 for count, _ in counts if count == best) > 1:
        return None
    return candidates[index]


def compare_levels(reports: list[Report], rules: Table | None = None) -> Comparison:
    """The reports' main targets side by side, each set against the level above it.

    Raises ResearchError when the level of a report cannot be told (say it with `level=`).
    """
    rules = rules or table()
    order = levels()
    unknown = [r.file for r in reports if r.level not in order.order]
    if unknown:
        raise ResearchError(
            f"无法判断 {unknown[0]} 的行政层级（全国、省级、市级、县级），"
            "请用 --level 文件=national|province|city|county 指明"
        )
    ranked = sorted(reports, key=lambda r: (order.rank(r.level or ""), r.place, r.year or 0))
    targets = {id(r): main_targets(r) for r in ranked}
    rows = []
    for report in ranked:
        rank = order.rank(report.level or "")
        parent = None
        for level in reversed(order.order[:rank]):  # the nearest level up first
            parent = choose_parent(report, [r for r in ranked if r.level == level])
            if parent is not None:
                break
        row = Row(report, parent)
        for indicator_id, target in targets[id(report)].items():
            cell = Cell(target)
            indicator = rules.by_id(indicator_id)
            upper = targets[id(parent)].get(indicator_id) if parent else None
            if upper is not None and indicator is not None:
                cell.parent = upper
                cell.difference = committed(target) - committed(upper)
                if indicator.across_levels and cell.difference > _EPSILON:
                    cell.flag = HIGHER if indicator.better == "higher" else LOOSER
            row.cells[indicator_id] = cell
        rows.append(row)
    present = {i for row in rows for i in row.cells}
    return Comparison([i for i in rules.indicators if i.id in present], rows)


def _cell_text(cell: Cell | None) -> str:
    if cell is None:
        return "—"
    text = show(cell.figure)
    if cell.flag and cell.difference is not None:
        text += f" **{FLAGS[cell.flag]}+{show_number(cell.difference)}**"
    return text


def markdown(comparison: Comparison) -> str:
    """One row per report, one column per indicator; flagged cells in bold."""
    header = ["报告", "层级", "上级"] + [i.label for i in comparison.indicators]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in comparison.rows:
        parent = display_name(row.parent) if row.parent else "—"
        cells = [_cell_text(row.cells.get(i.id)) for i in comparison.indicators]
        lines.append(
            "| "
            + " | ".join([display_name(row.report), level_label(row.report.level), parent, *cells])
            + " |"
        )
    lines += [
        "",
        f"加码：增长目标高于上级；宽于上级：约束性上限（物价、失业率、能耗降幅）比上级宽松。"
        f"共 {comparison.flagged()} 处。总量指标（就业人数、粮食产量）只并列，不比较。",
    ]
    return "\n".join(lines)


def to_json(comparison: Comparison) -> dict[str, Any]:
    return {
        "indicators": [
            {"id": i.id, "label": i.label, "better": i.better, "across_levels": i.across_levels}
            for i in comparison.indicators
        ],
        "reports": [
            {
                "file": row.report.file,
                "place": row.report.place,
                "year": row.report.year,
                "level": row.report.level,
                "parent": row.parent.file if row.parent else None,
                "targets": {
                    key: {
                        "target": cell.figure.to_dict(),
                        "parent": cell.parent.to_dict() if cell.parent else None,
                        "difference": cell.difference,
                        "flag": cell.flag,
                        "flag_label": FLAGS[cell.flag] if cell.flag else None,
                    }
                    for key, cell in row.cells.items()
                },
            }
            for row in comparison.rows
        ],
        "flagged": comparison.flagged(),
    }

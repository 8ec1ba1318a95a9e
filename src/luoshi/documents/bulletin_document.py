"""The 督查通报 as a document: paragraphs and tables whose every number is a traced `Figure`.

`luoshi.documents.bulletin.compose` builds it from facts; `official_docx.write` renders it, and
needs nothing else from the composition.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class TargetRow:
    ref: str  # task code and target number, e.g. "T012-1"
    label: str
    status: str  # the worst status among the target's lines


@dataclass(frozen=True)
class TaskRow:
    code: str
    text: str
    section: str
    department: str
    status: str
    reason: str
    targets: tuple[TargetRow, ...] = ()
    problems: tuple[str, ...] = ()  # delay reasons from the task's latest report


@dataclass
class Figure:
    id: str
    value: float
    unit: str  # "项", "个" or "%"
    basis: str  # 口径
    refs: tuple[str, ...] = ()  # the task ids counted
    formula: str = ""  # for shares: "F3/F1"

    @property
    def text(self) -> str:
        if self.unit == "%":
            return f"{self.value:.1f}%"
        return f"{self.value:g}{self.unit}"


@dataclass(frozen=True)
class Quote:
    """Words taken from the plan or the reports: shown in 楷体, not the bulletin's figures."""

    text: str


@dataclass(frozen=True)
class Configured:
    """Text the office configured (下一步要求)."""

    text: str


Span = str | Figure | Quote | Configured
Cell = str | Figure | Quote


@dataclass
class Paragraph:
    spans: list[Span]
    kind: str = "body"  # body, h1 (一、 黑体), h2 (（一） 楷体), plain (no indent)


@dataclass
class Table:
    header: list[str]
    rows: list[list[Cell]]
    check_column: bool = True  # a last column naming the figure ids of the row
    widths: tuple[float, ...] = ()  # cm, the check column included


Block = Paragraph | Table


@dataclass
class BulletinDocument:
    issuer: str
    number: str
    title: str
    addressees: str
    body: list[Block]
    signed: date
    figures: list[Figure]
    tasks: tuple[TaskRow, ...]


class Figures:
    def __init__(self) -> None:
        self.all: list[Figure] = []

    def count(self, refs: list[str] | tuple[str, ...], basis: str, unit: str = "项") -> Figure:
        figure = Figure(f"F{len(self.all) + 1}", len(refs), unit, basis, tuple(refs))
        self.all.append(figure)
        return figure

    def share(self, part: Figure, whole: Figure, basis: str) -> Figure:
        value = round(100 * part.value / whole.value, 1) if whole.value else 0.0
        figure = Figure(
            f"F{len(self.all) + 1}", value, "%", basis, part.refs, f"{part.id}/{whole.id}"
        )
        self.all.append(figure)
        return figure


def chinese_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"

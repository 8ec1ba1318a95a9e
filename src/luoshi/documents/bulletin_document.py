"""The 督查通报 as a document: paragraphs and tables whose every number is a traced `Figure`.

`luoshi.documents.bulletin.compose` builds it from facts; `official_docx.write` renders it, and
needs nothing else from the composition.
"""

from __future__ import annotations

from dataclasses import dataclass, field
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
    returned: bool = False  # its latest report was returned and not reported again


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
    key: str = ""  # set on the paragraphs the office may rewrite before sending
    edited: bool = False


@dataclass
class Table:
    header: list[str]
    rows: list[list[Cell]]


Block = Paragraph | Table


@dataclass
class Annex:
    key: str  # the office's choice: see bulletin.ANNEXES
    title: str
    blocks: list[Block]


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
    annexes: list[Annex] = field(default_factory=list)
    copy_to: str = ""  # 抄送 of the 版记
    printed_by: str = ""  # 印发机关 of the 版记 (the issuer when empty)

    def editable(self) -> list[Paragraph]:
        """The paragraphs of the main text the office may rewrite, in order."""
        return [b for b in self.body if isinstance(b, Paragraph) and b.key]

    def apply_edits(self, edits: dict[str, str]) -> None:
        """Replace the text of the keyed paragraphs the office rewrote. An edited paragraph is
        the office's own words: its figures are no longer traced (the check copy says so)."""
        for paragraph in self.editable():
            text = edits.get(paragraph.key, "").strip()
            if text and text != plain_text(paragraph.spans):
                paragraph.spans = [text]
                paragraph.edited = True


def plain_text(spans: list[Span]) -> str:
    return "".join(s.text if isinstance(s, Figure | Quote | Configured) else s for s in spans)


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

"""The 分工方案 workbook: 序号 / 工作任务 / 量化指标 / 牵头单位 / 配合单位 / 完成时限.

Laid out the way supervision offices print it: a title row, a header row repeated on every
printed page and frozen on screen, one group row per section, one row per task (and one per
main indicator with its own lead: 主要预期目标), wrapped text, A4 landscape, fitted to the page
width.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.worksheet import Worksheet

from luoshi.documents.cells import safe_row
from luoshi.extraction.indicators import by_indicator
from luoshi.extraction.model import Assignment, Extraction, Task

HEADER = ("序号", "工作任务", "量化指标", "牵头单位", "配合单位", "完成时限")
WIDTHS = (6, 70, 28, 18, 28, 14)
_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="center")
_CENTER = Alignment(wrap_text=True, vertical="center", horizontal="center")
_GROUP_FILL = PatternFill("solid", fgColor="D9E1F2")


def write_plan(extraction: Extraction, path: str | Path, title: str | None = None) -> Path:
    """Write the workbook of the extraction to `path` and return it."""
    items: list[str | tuple[Row, str | None]] = []
    current = None
    for task in extraction.tasks:
        group = _group(extraction, task)
        if group and group != current:
            items.append(group)
            current = group
        items += [(row, task.deadline) for row in task_rows(task, extraction)]
    target = Path(path)
    write_rows(items, target, title or _title(extraction))
    return target


def write_rows(
    items: Iterable[str | tuple[Row, str | None]], out: str | Path | IO[bytes], heading: str
) -> None:
    """The workbook of `items`, in order: a section heading (a group row) or a row with its
    deadline (ISO date or None). The tracker writes a plan's current tasks this way."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "分工方案"
    sheet.append(safe_row(sheet, [heading]))
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADER))
    sheet.cell(1, 1).font = Font(name="宋体", size=16, bold=True)
    sheet.cell(1, 1).alignment = _CENTER
    sheet.row_dimensions[1].height = 32
    sheet.append(list(HEADER))
    for column, width in enumerate(WIDTHS, 1):
        cell = sheet.cell(2, column)
        cell.font = Font(name="黑体", size=11, bold=True)
        cell.alignment, cell.border = _CENTER, _BORDER
        sheet.column_dimensions[cell.column_letter].width = width
    number = 0
    for item in items:
        if isinstance(item, str):
            _group_row(sheet, item)
            continue
        number += 1
        _write_row(sheet, number, item[0], _deadline(item[1]))
    _page_setup(sheet)
    book.save(out)


def _title(extraction: Extraction) -> str:
    year = f"{extraction.year}年" if extraction.year else ""
    source = extraction.title or "政府工作报告"
    return f"{year}《{source}》重点工作任务分工方案（草案）"


def _group(extraction: Extraction, task: Task) -> str | None:
    """The section heading as the report writes it (二是聚焦…, （一）…, 1.…)."""
    if task.section is None:
        return None
    for section in extraction.sections:
        if section.title == task.section and section.start <= task.start < section.body_end:
            return extraction.text[section.start : section.end].strip()
    return task.section


def _group_row(sheet: Worksheet, text: str) -> None:
    sheet.append(safe_row(sheet, [text]))
    row = sheet.max_row
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(HEADER))
    for column in range(1, len(HEADER) + 1):
        cell = sheet.cell(row, column)
        cell.fill, cell.border = _GROUP_FILL, _BORDER
    sheet.cell(row, 1).font = Font(name="黑体", size=11, bold=True)
    sheet.cell(row, 1).alignment = Alignment(wrap_text=True, vertical="center")


@dataclass
class Row:
    """One row of the 分工方案: a task, or one of the indicators it lists with its own lead."""

    text: str
    targets: str
    lead: str
    support: str


def task_rows(task: Task, extraction: Extraction) -> list[Row]:
    """The task's row; a task whose indicators have their own leads gives one row each (the
    sentence keeps a row only for indicators without one)."""
    rest, own = by_indicator(task, extraction.targets)
    general = [a for a in task.assignments if a.target is None]
    rows = []
    if rest or not own:
        rows.append(Row(task.text.replace("\n", ""), _targets(extraction, rest), *_names(general)))
    for index in own:
        target = extraction.targets[index]
        mine = [a for a in task.assignments if a.target == index]
        rows.append(Row(target.text.replace("\n", ""), target.text, *_names(mine)))
    return rows


def _targets(extraction: Extraction, indexes: list[int]) -> str:
    return "\n".join(extraction.targets[i].text for i in indexes)


def _names(assignments: list[Assignment]) -> tuple[str, str]:
    lead = "、".join(a.department for a in assignments if a.role == "lead")
    support = "、".join(a.department for a in assignments if a.role == "support")
    return lead, support


def _write_row(sheet: Worksheet, number: int, row: Row, deadline: str) -> None:
    values = [number, row.text, row.targets, row.lead, row.support, deadline]
    sheet.append(safe_row(sheet, values))
    at = sheet.max_row
    for column in range(1, len(HEADER) + 1):
        cell = sheet.cell(at, column)
        cell.border = _BORDER
        cell.alignment = _CENTER if column in (1, 6) else _WRAP
        cell.font = Font(name="仿宋", size=11)


def _deadline(iso: str | None) -> str:
    if not iso:
        return ""
    year, month, day = (int(x) for x in iso.split("-"))
    if (month, day) == (12, 31):
        return f"{year}年底前"
    return f"{year}年{month}月底前"


def _page_setup(sheet: Worksheet) -> None:
    sheet.freeze_panes = "A3"
    sheet.print_title_rows = "1:2"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6
    sheet.oddFooter.center.text = "第 &P 页，共 &N 页"

"""The 台账 workbook a department fills in: write it, and read back what was filled in.

Sheet 台账: a title row, an information row, the header, then one row per measured line (a
target, one unit of an `each` target, or a qualitative task). Columns A–H are locked (sheet
protection); 本期进展, 完成值 and 存在问题 are the unlocked cells to fill in. Column L holds the
row key (task/target/unit ids), hidden and locked.

Sheet _luoshi (very hidden): which plan, period and department the workbook is for, the keys
of the rows exported, and a checksum over all of that, so an edited or foreign file is noticed.

Pure openpyxl: no Django. Validation against the database is luoshi.exchange.progress_rows's job.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from luoshi.documents import spreadsheet
from luoshi.documents.cells import safe_row

FORMAT = "luoshi-ledger/1"
SHEET, META_SHEET = "台账", "_luoshi"
HEADER = (
    "任务编号",
    "工作任务",
    "量化指标",
    "目标值",
    "单位",
    "完成时限",
    "牵头单位",
    "当前状态",
    "本期进展",
    "完成值",
    "存在问题",
    "行标识",
)
PROGRESS, VALUE, PROBLEMS, KEY = 9, 10, 11, 12  # 1-based columns
WIDTHS = (10, 48, 28, 10, 8, 12, 16, 10, 40, 12, 30, 12)
HEADER_ROW, FIRST_ROW = 3, 4
_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")
_FILL_ME = PatternFill("solid", fgColor="FFF2CC")  # the cells to fill in, pale yellow
_LOCKED = PatternFill("solid", fgColor="F2F2F2")


@dataclass(frozen=True)
class SheetMeta:
    plan_id: int
    plan: str
    period: str  # "YYYY-MM"
    department_id: int | None  # None: every department's tasks (the office's sheet)
    department: str
    exported_at: str


@dataclass(frozen=True)
class SheetRow:
    key: str
    code: str
    task: str
    target: str
    goal: float | None
    unit: str
    deadline: str
    lead: str
    status: str


@dataclass(frozen=True)
class FilledRow:
    number: int  # the spreadsheet row
    key: str
    code: str
    progress: Any
    value: Any
    value_format: str  # the cell's number format: "0%" when Excel stored 91% as 0.91
    problems: Any

    @property
    def is_empty(self) -> bool:
        return all(_blank(v) for v in (self.progress, self.value, self.problems))


@dataclass(frozen=True)
class FilledSheet:
    meta: SheetMeta
    keys: tuple[str, ...]  # as exported
    checksum_ok: bool
    header: tuple[Any, ...]
    rows: tuple[FilledRow, ...]


class SheetError(ValueError):
    """The file is not a 台账 workbook from luoshi (not .xlsx, or its identification is gone)."""


def _number_format(cells: tuple[Any, ...], column: int) -> str:
    cell = cells[column - 1] if len(cells) >= column else None
    return str(getattr(cell, "number_format", "") or "")


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def checksum(meta: SheetMeta, keys: tuple[str, ...] | list[str]) -> str:
    payload = json.dumps([FORMAT, asdict(meta), list(keys)], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def write_workbook(
    meta: SheetMeta, rows: list[SheetRow], out: str | IO[bytes], password: str
) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = SHEET
    title = f"{meta.plan}重点工作任务落实台账（{meta.period}）"
    sheet.append(safe_row(sheet, [title]))
    place = f"填报单位：{meta.department}　报送期：{meta.period}　导出时间：{meta.exported_at}"
    sheet.append(safe_row(sheet, [place]))
    sheet.append(list(HEADER))
    for row in rows:
        goal = row.goal if row.goal is not None else ""
        values = [row.code, row.task, row.target, goal, row.unit, row.deadline, row.lead]
        sheet.append(safe_row(sheet, [*values, row.status, None, None, None, row.key]))
    _layout(sheet, len(rows))
    sheet.protection.password = password
    sheet.protection.sheet = True
    sheet.protection.formatRows = False  # row heights may change: filled-in text wraps
    _meta_sheet(book, meta, [row.key for row in rows])
    book.save(out)


def _layout(sheet: Any, count: int) -> None:
    last = len(HEADER)
    for row in (1, 2):
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last)
    sheet.cell(1, 1).font = Font(name="宋体", size=16, bold=True)
    sheet.cell(1, 1).alignment = Alignment(horizontal="center")
    for column, width in enumerate(WIDTHS, 1):
        sheet.column_dimensions[get_column_letter(column)].width = width
        cell = sheet.cell(HEADER_ROW, column)
        cell.font, cell.border, cell.alignment = Font(name="黑体", bold=True), _BORDER, _WRAP
    for row in range(FIRST_ROW, FIRST_ROW + count):
        for column in range(1, last + 1):
            cell = sheet.cell(row, column)
            cell.border, cell.alignment = _BORDER, _WRAP
            editable = column in (PROGRESS, VALUE, PROBLEMS)
            cell.protection = Protection(locked=not editable)
            cell.fill = _FILL_ME if editable else _LOCKED
    sheet.column_dimensions[get_column_letter(KEY)].hidden = True
    sheet.freeze_panes = sheet.cell(FIRST_ROW, 2)
    if count:
        column = get_column_letter(VALUE)
        check = DataValidation(
            type="decimal",
            operator="between",
            formula1="-1E+15",
            formula2="1E+15",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="完成值应为数字",
            error="请填写数字，单位见“单位”列；定性任务填写进度百分比（0—100）。",
        )
        check.add(f"{column}{FIRST_ROW}:{column}{FIRST_ROW + count - 1}")
        sheet.add_data_validation(check)


def _meta_sheet(book: Workbook, meta: SheetMeta, keys: list[str]) -> None:
    sheet = book.create_sheet(META_SHEET)
    sheet.sheet_state = "veryHidden"
    sheet.append(["format", FORMAT])
    for name, value in asdict(meta).items():
        sheet.append(safe_row(sheet, [name, "" if value is None else str(value)]))
    sheet.append(["checksum", checksum(meta, keys)])
    sheet.append(["keys", json.dumps(keys)])


def read_workbook(data: bytes) -> FilledSheet:
    """What the department filled in. Raises SheetError for a file that is not a luoshi 台账,
    and spreadsheet.SpreadsheetError for one that is damaged or beyond the reading limits."""
    sheets = spreadsheet.read_sheets(data, [SHEET, META_SHEET], values_only=False)
    if META_SHEET not in sheets or SHEET not in sheets:
        raise SheetError("no identification sheet")
    found = {
        str(cells[0].value): "" if len(cells) < 2 or cells[1].value is None else str(cells[1].value)
        for _, cells in sheets[META_SHEET].rows
        if cells[0].value is not None
    }
    try:
        if found["format"] != FORMAT:
            raise SheetError(f"unknown format {found['format']}")
        meta = SheetMeta(
            plan_id=int(found["plan_id"]),
            plan=found["plan"],
            period=found["period"],
            department_id=int(found["department_id"]) if found["department_id"] else None,
            department=found["department"],
            exported_at=found["exported_at"],
        )
        keys = tuple(json.loads(found["keys"]))
    except (KeyError, ValueError) as error:
        raise SheetError("identification sheet incomplete") from error
    header: tuple[Any, ...] = ()
    rows = []
    for number, cells in sheets[SHEET].rows:
        if number == HEADER_ROW:
            header = tuple(cell.value for cell in cells)
        if number < FIRST_ROW:
            continue
        values = [cell.value for cell in cells]
        if all(_blank(v) for v in values):
            continue
        values += [None] * (len(HEADER) - len(values))
        rows.append(
            FilledRow(
                number=number,
                key="" if _blank(values[KEY - 1]) else str(values[KEY - 1]).strip(),
                code="" if values[0] is None else str(values[0]).strip(),
                progress=values[PROGRESS - 1],
                value=values[VALUE - 1],
                value_format=_number_format(cells, VALUE),
                problems=values[PROBLEMS - 1],
            )
        )
    return FilledSheet(
        meta, keys, found.get("checksum") == checksum(meta, keys), header, tuple(rows)
    )

"""The 台账 workbook a department fills in: write it, and read back what was filled in.

Sheet 台账: a title row, an information row, the header, then one row per measured line (a
target, one unit of an `each` target, or a qualitative task), with the columns a department's
台账 has: 序号 / 工作任务 / 量化指标 / 牵头单位 / 配合单位 / 责任人 / 联系电话 / 完成时限 /
序时进度 / 上期完成 / 本期完成 / 累计完成 / 进展情况 / 存在问题 / 下步打算. Only the cells the
upload accepts are unlocked (pale yellow); a line measured elsewhere (the project ledger) is
locked whole and says so. The last column holds the row key (task/target/unit ids), hidden and
locked. Printed: A4 landscape, one page wide, the header repeated on every page.

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
from openpyxl.worksheet.properties import PageSetupProperties

from luoshi.documents import spreadsheet
from luoshi.documents.cells import safe_row

FORMAT = "luoshi-ledger/2"
SHEET, META_SHEET = "台账", "_luoshi"
HEADER = (
    "序号",
    "工作任务",
    "量化指标",
    "牵头单位",
    "配合单位",
    "责任人",
    "联系电话",
    "完成时限",
    "序时进度",
    "上期完成",
    "本期完成",
    "累计完成",
    "进展情况",
    "存在问题",
    "下步打算",
    "行标识",
)
(CODE, TASK, TARGET, LEAD, SUPPORTING, PERSON, PHONE, DEADLINE, EXPECTED, PREVIOUS) = range(1, 11)
THIS_PERIOD, TOTAL, PROGRESS, PROBLEMS, PLANS, KEY = range(11, 17)  # 1-based columns
VALUE = TOTAL  # the value reached to date, which a report stores
EDITABLE = (PERSON, PHONE, THIS_PERIOD, TOTAL, PROGRESS, PROBLEMS, PLANS)
NUMBERS = (THIS_PERIOD, TOTAL)
WIDTHS = (7, 28, 20, 12, 14, 8, 13, 10, 8, 9, 9, 9, 24, 16, 16, 12)
LINE_POINTS = 14.5  # one line of 11-point text; row heights are set (LibreOffice does not fit)
HEADER_ROW, FIRST_ROW = 3, 4
_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")
_CENTER = Alignment(wrap_text=True, vertical="center", horizontal="center")
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
    target: str  # the indicator with its goal and unit
    lead: str
    supporting: str
    deadline: str
    expected: str  # 序时进度, e.g. "50%"
    previous: float | None = None  # 上期完成: the value reported to date before this period
    person: str = ""  # 责任人 and 联系电话 as last reported
    phone: str = ""
    fillable: bool = True  # False: measured elsewhere; `note` (under 量化指标) says where
    note: str = ""


@dataclass(frozen=True)
class FilledRow:
    number: int  # the spreadsheet row
    key: str
    code: str
    lead: str
    person: Any
    phone: Any
    this_period: Any
    total: Any
    progress: Any
    problems: Any
    plans: Any
    formats: tuple[str, str] = ("", "")  # 本期, 累计 number formats ("0%": 91% kept as 0.91)

    @property
    def is_empty(self) -> bool:
        values = (self.this_period, self.total, self.progress, self.problems, self.plans)
        return all(_blank(v) for v in values)


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
        target = row.target if row.fillable else f"{row.target}\n（{row.note}）"
        values: list[object] = [row.code, row.task, target, row.lead, row.supporting]
        values += [row.person, row.phone]
        values += [row.deadline, row.expected, row.previous, None, None, None, None, None]
        sheet.append(safe_row(sheet, [*values, row.key]))
    _layout(sheet, rows)
    _print_setup(sheet)
    sheet.protection.password = password
    sheet.protection.sheet = True
    sheet.protection.formatRows = False  # row heights may change: filled-in text wraps
    _meta_sheet(book, meta, [row.key for row in rows])
    book.save(out)


def _layout(sheet: Any, rows: list[SheetRow]) -> None:
    last = len(HEADER) - 1  # the title spans the visible columns
    for row in (1, 2):
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last)
    sheet.cell(1, 1).font = Font(name="宋体", size=16, bold=True)
    sheet.cell(1, 1).alignment = Alignment(horizontal="center")
    sheet.row_dimensions[HEADER_ROW].height = 30
    for column, width in enumerate(WIDTHS, 1):
        sheet.column_dimensions[get_column_letter(column)].width = width
        cell = sheet.cell(HEADER_ROW, column)
        cell.font, cell.border, cell.alignment = Font(name="黑体", bold=True), _BORDER, _CENTER
    for number, data in enumerate(rows, FIRST_ROW):
        sheet.row_dimensions[number].height = _height(sheet, number)
        for column in range(1, len(HEADER) + 1):
            cell = sheet.cell(number, column)
            cell.border, cell.alignment = _BORDER, _WRAP
            editable = data.fillable and column in EDITABLE
            if column in (PREVIOUS, *NUMBERS):
                cell.number_format = "[>=1000000]#,##0;General"  # not 7.116E+09
            cell.protection = Protection(locked=not editable)
            cell.fill = _FILL_ME if editable else _LOCKED
    sheet.column_dimensions[get_column_letter(KEY)].hidden = True
    sheet.freeze_panes = sheet.cell(FIRST_ROW, TASK + 1)
    fillable = [n for n, data in enumerate(rows, FIRST_ROW) if data.fillable]
    if fillable:
        check = DataValidation(
            type="decimal",
            operator="between",
            formula1="-1E+15",
            formula2="1E+15",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="完成值应为数字",
            error="请填写数字，单位见“量化指标”列；定性任务填写进度百分比（0—100）。",
        )
        for column in NUMBERS:
            letter = get_column_letter(column)
            for number in fillable:
                check.add(f"{letter}{number}")
        sheet.add_data_validation(check)


def _height(sheet: Any, row: int) -> float:
    """Enough lines for the longest wrapped text of the row (a CJK character is two units of
    column width), and two lines at least, room to write in by hand on a printed sheet."""
    lines = 2
    for column, width in enumerate(WIDTHS[:-1], 1):
        text = sheet.cell(row, column).value
        if isinstance(text, str):
            units = sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)
            per_line = max(width - 3, 1)  # cell margins and wrapping at punctuation
            lines = max(lines, -(-units // per_line) + text.count("\n"))
    return lines * LINE_POINTS


def _print_setup(sheet: Any) -> None:
    """A4 landscape, one page wide (as many pages down as it takes), header on every page."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.print_area = f"A1:{get_column_letter(KEY - 1)}{max(sheet.max_row, HEADER_ROW)}"
    sheet.print_options.horizontalCentered = True
    margins = sheet.page_margins
    margins.left = margins.right = 0.4
    margins.top = margins.bottom = 0.6
    sheet.oddFooter.center.text = "第 &P 页，共 &N 页"


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
        if cells and cells[0].value is not None
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
        formats = tuple(_number_format(cells, c) for c in NUMBERS)
        rows.append(
            FilledRow(
                number=number,
                key="" if _blank(values[KEY - 1]) else str(values[KEY - 1]).strip(),
                code="" if values[CODE - 1] is None else str(values[CODE - 1]).strip(),
                lead="" if values[LEAD - 1] is None else str(values[LEAD - 1]).strip(),
                person=values[PERSON - 1],
                phone=values[PHONE - 1],
                this_period=values[THIS_PERIOD - 1],
                total=values[TOTAL - 1],
                progress=values[PROGRESS - 1],
                problems=values[PROBLEMS - 1],
                plans=values[PLANS - 1],
                formats=(formats[0], formats[1]),
            )
        )
    return FilledSheet(
        meta, keys, found.get("checksum") == checksum(meta, keys), header, tuple(rows)
    )

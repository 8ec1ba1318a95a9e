"""The 台账 round trip against the database: export a department's lines, import what it filled.

Import is all or nothing: every row is checked first (the file is this plan's and period's,
each row is one of the department's exported lines, values are numbers in the target's unit);
any error and nothing is stored. Accepted rows become progress reports awaiting review. A row
whose latest live report for the period already says the same (value and narrative) is left
alone, so uploading the same file again changes nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from luoshi.documents import progress_workbook, spreadsheet
from luoshi.documents.progress_workbook import FilledRow
from luoshi.tracking import services, uploads
from luoshi.tracking.measure import live_targets, tasks_for_status
from luoshi.tracking.models import Department, Plan, ProgressReport, Target, Task
from luoshi.tracking.values import NARRATIVE_MAX, value_problem

PROGRESS_LABEL, PROBLEMS_LABEL, PLANS_LABEL = "本期进展：", "存在问题：", "下步打算："
PERSON_LABEL, PHONE_LABEL = "责任人：", "联系电话："
LIVE_NOTE = "由项目台账自动计算，无需填报"


@dataclass(frozen=True)
class Line:
    task: Task
    target: Target | None
    each_item: str

    @property
    def key(self) -> str:
        return f"{self.task.pk}/{self.target.pk if self.target else 0}/{self.each_item}"


@dataclass(frozen=True)
class RowError:
    row: int  # spreadsheet row; 0 for the file as a whole
    column: str
    message: str


@dataclass
class ImportResult:
    created: list[ProgressReport] = field(default_factory=list)
    unchanged: int = 0
    empty: int = 0
    errors: list[RowError] = field(default_factory=list)


def tasks_of(plan: Plan, department: Department | None) -> list[Task]:
    tasks = plan.tasks.all() if department is None else plan.tasks.filter(lead=department)
    return list(tasks_for_status(tasks))


def lines(tasks: list[Task]) -> list[Line]:
    out = []
    for task in tasks:
        targets = list(task.targets.all())
        if not targets:
            out.append(Line(task, None, ""))
        for target in targets:
            out.extend(Line(task, target, unit) for unit in (target.each or [""]))
    return out


def reported(lines_: list[Line], before: str) -> tuple[dict[str, float], dict[int, str]]:
    """Per line, the value reported to date in the latest period before `before` (上期完成);
    per task, the narrative of its latest report (for 责任人 and 联系电话). One query."""
    tasks = {line.task.pk for line in lines_}
    reports = (
        ProgressReport.objects.filter(task__in=tasks)
        .exclude(state=ProgressReport.RETURNED)
        .order_by("period", "submitted_at", "id")
        .values_list("task_id", "target_id", "each_item", "period", "value", "percent", "narrative")
    )
    previous: dict[str, float] = {}
    latest: dict[int, str] = {}
    for task, target, each, period, value, percent, text in reports:
        latest[task] = text
        amount = value if value is not None else percent
        if period < before and amount is not None:
            previous[f"{task}/{target or 0}/{each}"] = amount
    return previous, latest


_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")


def _number(raw: Any, fmt: str, unit: str) -> float | None:
    """The cell as a number in `unit`, or None when it is not one."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int | float):
        # Excel keeps 91% as 0.91 in a percentage-formatted cell.
        return float(raw) * 100 if "%" in fmt and unit.endswith("%") else float(raw)
    text = str(raw).strip().replace(",", "").replace("，", "")
    if unit and text.endswith(unit):
        text = text[: -len(unit)].strip()
    return float(text) if _NUMBER.match(text) else None


def _text(raw: Any) -> str:
    return "" if raw is None else str(raw).strip()


def narrative(
    progress: str, problems: str = "", plans: str = "", person: str = "", phone: str = ""
) -> str:
    text = f"{PROGRESS_LABEL}{progress}"
    for label, value in ((PROBLEMS_LABEL, problems), (PLANS_LABEL, plans)):
        if value:
            text += f"\n{label}{value}"
    contact = "\u3000".join(
        f"{k}{v}" for k, v in ((PERSON_LABEL, person), (PHONE_LABEL, phone)) if v
    )
    return f"{text}\n{contact}" if contact else text


@dataclass(frozen=True)
class Accepted:
    line: Line
    value: float | None
    percent: float | None
    narrative: str


_PHONE = re.compile(r"^[0-9０-９+\-－ ()（）转]{3,30}$")


def _amount(row: FilledRow, line: Line, previous: float | None, errors: list[RowError]) -> Any:
    """The value to date: 累计完成, else 上期完成 + 本期完成 for a count (a percentage or a
    qualitative task's progress is not a sum: it needs 累计完成)."""
    unit = line.target.unit if line.target else "%"
    cells = (("累计完成", row.total, row.formats[1]), ("本期完成", row.this_period, row.formats[0]))
    numbers: dict[str, float] = {}
    for column, raw, fmt in cells:
        if _text(raw) == "":
            continue
        amount = _number(raw, fmt, unit)
        if amount is None:
            message = _("“%(value)s” is not a number. Enter a number in %(unit)s.")
            errors.append(RowError(row.number, column, message % {"value": raw, "unit": unit}))
            return None
        numbers[column] = amount
    if "累计完成" in numbers:
        return numbers["累计完成"]
    if "本期完成" in numbers and not unit.endswith("%"):
        return (previous or 0) + numbers["本期完成"]
    errors.append(RowError(row.number, "累计完成", _("Enter the value reached (%s).") % unit))
    return None


def _check_row(
    row: FilledRow, line: Line, previous: float | None, errors: list[RowError]
) -> Accepted | None:
    progress, problems, plans = _text(row.progress), _text(row.problems), _text(row.plans)
    person, phone = _text(row.person), _text(row.phone)
    before = len(errors)
    amount = _amount(row, line, previous, errors)
    if amount is not None and value_problem(amount):
        errors.append(RowError(row.number, "累计完成", str(value_problem(amount))))
    elif amount is not None and line.target is None and not 0 <= amount <= 100:
        message = _("Progress of a qualitative task is a percentage from 0 to 100.")
        errors.append(RowError(row.number, "累计完成", message))
    if not progress:
        message = _("Describe this period's progress.")
        errors.append(RowError(row.number, "进展情况", message))
    elif len(narrative(progress, problems, plans, person, phone)) > NARRATIVE_MAX:
        message = _("The progress text is longer than %(limit)s characters; shorten it.")
        errors.append(RowError(row.number, "进展情况", message % {"limit": NARRATIVE_MAX}))
    if phone and not _PHONE.match(phone):
        message = _("“%s” is not a telephone number.") % phone
        errors.append(RowError(row.number, "联系电话", message))
    if len(person) > 50:
        errors.append(RowError(row.number, "责任人", _("Write the name of one person.")))
    if len(errors) > before:
        return None
    text = narrative(progress, problems, plans, person, phone)
    if line.target is None:
        return Accepted(line, None, amount, text)
    return Accepted(line, amount, None, text)


def check(
    data: bytes, plan: Plan, period: str, department: Department | None
) -> tuple[list[Accepted], int, list[RowError]]:
    """The rows to store and the number of empty rows, or the errors (row by row)."""
    try:
        sheet = progress_workbook.read_workbook(data)
    except spreadsheet.SpreadsheetError as error:
        return [], 0, [RowError(0, "", uploads.sheet_problem(error, _("ledger sheet")))]
    except progress_workbook.SheetError:
        message = _(
            "This is not a ledger sheet downloaded from luoshi. "
            "Download this period's sheet from the department page, fill it in and upload it."
        )
        return [], 0, [RowError(0, "", message)]
    meta = sheet.meta
    errors = _check_file(sheet, plan, period, department)
    if errors:
        return [], 0, errors
    tasks = tasks_of(plan, department)
    by_key = {line.key: line for line in lines(tasks)}
    others = {line.key: line for line in lines(tasks_of(plan, None))}
    live = live_targets(line.target.pk for line in by_key.values() if line.target)
    previous, _latest_text = reported(list(by_key.values()), period)
    exported = set(sheet.keys)
    accepted, empty = [], 0
    for row in sheet.rows:
        line = by_key.get(row.key)
        if line is None or row.key not in exported:
            foreign = others.get(row.key)
            if foreign is not None and department is not None:
                message = _(
                    "Task %(code)s is led by %(lead)s, not %(department)s; "
                    "it cannot be reported in this sheet."
                ) % {
                    "code": foreign.task.code,
                    "lead": foreign.task.lead.name if foreign.task.lead else "—",
                    "department": meta.department,
                }
            else:
                message = _(
                    "This row is not one of the rows exported in this sheet. "
                    "Do not add rows or change the locked columns."
                )
            errors.append(RowError(row.number, "序号", message))
            continue
        if row.code != line.task.code:
            message = _("The task number was changed; it should be %s.") % line.task.code
            errors.append(RowError(row.number, "序号", message))
            continue
        lead = line.task.lead.name if line.task.lead else ""
        if row.lead != lead:  # reassigned since the export: the row is the new lead's to report
            message = _(
                "Task %(code)s is now led by %(lead)s, not %(sheet)s as in this sheet. "
                "Download the sheet again."
            ) % {"code": line.task.code, "lead": lead or "—", "sheet": row.lead or "—"}
            errors.append(RowError(row.number, "牵头单位", message))
            continue
        if row.is_empty:
            empty += 1
            continue
        if line.target is not None and line.target.pk in live:
            message = _(
                "This target is measured from the project ledger, so its progress is not reported "
                "here. Leave this row empty and keep the projects in the ledger up to date."
            )
            errors.append(RowError(row.number, "累计完成", message))
            continue
        result = _check_row(row, line, previous.get(line.key), errors)
        if result is not None:
            accepted.append(result)
    return ([], 0, errors) if errors else (accepted, empty, [])


def _check_file(
    sheet: progress_workbook.FilledSheet, plan: Plan, period: str, department: Department | None
) -> list[RowError]:
    meta = sheet.meta
    if not sheet.checksum_ok:
        message = _(
            "The sheet's identification was changed. Download the sheet again and fill it in."
        )
        return [RowError(0, "", message)]
    if meta.plan_id != plan.pk:
        message = _("This sheet belongs to another plan (%(other)s), not %(plan)s.")
        return [RowError(0, "", message % {"other": meta.plan, "plan": plan})]
    if meta.period != period:
        message = _(
            "This sheet is for the period %(other)s, not %(period)s. "
            "Download the sheet of %(period)s and fill it in."
        )
        return [RowError(0, "", message % {"other": meta.period, "period": period})]
    wanted = department.pk if department else None
    if meta.department_id != wanted:
        message = _("This sheet is %(other)s's; it cannot be uploaded as %(department)s's.")
        name = department.name if department else _("all departments")
        return [RowError(0, "", message % {"other": meta.department, "department": name})]
    header = tuple("" if v is None else str(v).strip() for v in sheet.header)
    if header[: len(progress_workbook.HEADER)] != progress_workbook.HEADER:
        message = _("The columns were changed. The header should read: %s.")
        return [
            RowError(
                progress_workbook.HEADER_ROW, "", message % "、".join(progress_workbook.HEADER)
            )
        ]
    return []


def _latest(accepted: list[Accepted], period: str) -> dict[str, tuple[Any, ...]]:
    """The latest live report of the period for each line, in one query."""
    tasks = {item.line.task.pk for item in accepted}
    reports = (
        ProgressReport.objects.filter(task__in=tasks, period=period)
        .exclude(state__in=(ProgressReport.RETURNED, ProgressReport.WITHDRAWN))
        .order_by("submitted_at", "id")
        .values_list("task_id", "target_id", "each_item", "value", "percent", "narrative")
    )
    return {
        f"{t}/{target or 0}/{each}": (value, percent, text)
        for t, target, each, value, percent, text in reports
    }


def import_workbook(
    data: bytes, plan: Plan, period: str, department: Department | None, user: User
) -> ImportResult:
    accepted, empty, errors = check(data, plan, period, department)
    result = ImportResult(empty=empty, errors=errors)
    if errors:
        return result
    with transaction.atomic():
        latest = _latest(accepted, period)
        for item in accepted:
            if latest.get(item.line.key) == (item.value, item.percent, item.narrative):
                result.unchanged += 1
                continue
            fields = {
                "target_obj": item.line.target,
                "each_item": item.line.each_item,
                "period": period,
                "value": item.value,
                "percent": item.percent,
                "narrative": item.narrative,
            }
            report = services.submit_report(user, item.line.task, fields, via="ledger sheet")
            result.created.append(report)
    return result

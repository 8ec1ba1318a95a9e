"""The 台账 as exported for a department (or every department): its lines with what the
tracker knows of them (序时进度, 上期完成, the 责任人 and 联系电话 last reported, else the ones
named at 签收)."""

from __future__ import annotations

from datetime import date
from typing import IO

from django.conf import settings
from django.utils import timezone

from luoshi.documents import progress_workbook
from luoshi.documents.progress_workbook import SheetMeta, SheetRow
from luoshi.exchange.progress_rows import (
    LIVE_NOTE,
    PERSON_LABEL,
    PHONE_LABEL,
    Line,
    lines,
    reported,
    tasks_of,
)
from luoshi.tracking.measure import live_targets, measure
from luoshi.tracking.models import Acknowledgement, Department, Plan


def _deadline(value: date | None, year: int) -> str:
    day = value or date(year, 12, 31)
    return f"{day.year}年底前" if (day.month, day.day) == (12, 31) else day.isoformat()


def _labelled(narrative: str, label: str) -> str:
    for line in narrative.splitlines():
        for part in line.split("\u3000"):
            if part.startswith(label):
                return part[len(label) :].strip()
    return ""


def _target_label(line: Line) -> str:
    target = line.target
    if target is None:
        return "定性任务：累计完成填写进度百分比（%）"
    label = target.text
    if line.each_item:
        label = f"{label}（{line.each_item}）"
    return f"{label}（单位：{target.unit}）" if target.unit else label


def _share(expected: float | None) -> str:
    return "—" if expected is None else f"{round(100 * expected)}%"


def export(
    plan: Plan, period: str, department: Department | None, on: date, out: str | IO[bytes]
) -> int:
    """Write the 台账 of `department` (every department when None); returns the row count."""
    tasks = tasks_of(plan, department)
    expected = {m.task.pk: m.result.expected for m in measure(tasks, on)}
    all_lines = lines(tasks)
    live = live_targets(line.target.pk for line in all_lines if line.target)
    previous, latest = reported(all_lines, period)
    # Who the reporting department named at 签收: the sheet's department, or each task's lead.
    acknowledged: dict[tuple[int, int | None], tuple[str, str]] = {
        (a.task_id, a.department_id): (a.person, a.phone)
        for a in Acknowledgement.objects.filter(task__plan=plan).only(
            "task_id", "department_id", "person", "phone"
        )
    }
    rows = []
    for line in all_lines:
        task = line.task
        told = latest.get(task.pk, "")
        unit = department.pk if department else task.lead_id
        named, telephone = acknowledged.get((task.pk, unit), ("", ""))
        fillable = line.target is None or line.target.pk not in live
        rows.append(
            SheetRow(
                key=line.key,
                code=task.code,
                task=task.text,
                target=_target_label(line),
                lead=task.lead.name if task.lead else "",
                supporting="、".join(d.name for d in task.supporting.all()),
                deadline=_deadline(task.deadline, plan.year),
                expected=_share(expected[task.pk]),
                previous=previous.get(line.key),
                person=_labelled(told, PERSON_LABEL) or named,
                phone=_labelled(told, PHONE_LABEL) or telephone,
                fillable=fillable,
                note="" if fillable else LIVE_NOTE,
            )
        )
    meta = SheetMeta(
        plan_id=plan.pk,
        plan=str(plan),
        period=period,
        department_id=department.pk if department else None,
        department=department.name if department else "全部单位",
        exported_at=timezone.localtime().strftime("%Y-%m-%d %H:%M"),
    )
    # The protection password only stops accidental edits (anyone can lift it); the import
    # checks every row against the database anyway.
    password = getattr(settings, "LUOSHI_LEDGER_SHEET_PASSWORD", "luoshi")
    progress_workbook.write_workbook(meta, rows, out, password)
    return len(rows)

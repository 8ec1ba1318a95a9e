"""考评: each department's score for a month, from the weights in data/assessment.yaml, with the
parts of the score, ranked; and the ranking as an .xlsx workbook."""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, time
from functools import cache
from typing import Any

from django.conf import settings
from django.utils import timezone

from luoshi import datafiles, status
from luoshi.tracking.models import (
    Acknowledgement,
    Department,
    Instruction,
    Plan,
    ProgressReport,
    Task,
)

SHARES = ("signed", "on_time", "on_pace", "answered")
COUNTS = ("returned", "overdue")


@cache
def rules() -> dict[str, dict[str, float]]:
    data = datafiles.load("luoshi.tracking", "data", "assessment.yaml")
    try:
        weights = {key: float(data["weights"][key]) for key in SHARES}
        penalties = {key: float(data["penalties"][key]) for key in COUNTS}
    except (KeyError, TypeError, ValueError) as error:
        raise datafiles.RuleError(f"assessment.yaml: {error}") from None
    return {"weights": weights, "penalties": penalties}


@dataclass
class Score:
    department: Department
    shares: dict[str, float | None] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    points: dict[str, float] = field(default_factory=dict)
    total: float = 0.0


def _share(done: int, of: int) -> float | None:
    return done / of if of else None


def scores(plan: Plan, period: str) -> list[Score]:
    """Every department with a task in the plan, best first."""
    year, month = (int(part) for part in period.split("-"))
    next_year, next_month = (year, month + 1) if month < 12 else (year + 1, 1)
    due = timezone.make_aware(
        datetime.combine(datetime(next_year, next_month, settings.LUOSHI_REPORT_DAY), time.max)
    )
    tasks: list[Task] = list(Task.objects.filter(plan=plan).active().prefetch_related("supporting"))
    led: dict[int, list[Task]] = {}
    owed: dict[int, set[int]] = {}
    for task in tasks:
        if task.lead_id is not None:
            led.setdefault(task.lead_id, []).append(task)
            owed.setdefault(task.lead_id, set()).add(task.pk)
        for department in task.supporting.all():
            owed.setdefault(department.pk, set()).add(task.pk)
    signed = Counter(
        Acknowledgement.objects.filter(task__in=tasks).values_list("department_id", flat=True)
    )
    reports = ProgressReport.objects.filter(task__in=tasks, period=period)
    timely = reports.filter(submitted_at__lte=due).exclude(state=ProgressReport.WITHDRAWN)
    on_time = Counter(lead for lead, _ in set(timely.values_list("task__lead_id", "task_id")))
    returned = Counter(
        reports.filter(state=ProgressReport.RETURNED).values_list("task__lead_id", flat=True)
    )
    instructions = Instruction.objects.filter(department__in=owed)
    asked = Counter(instructions.values_list("department_id", flat=True))
    answered = Counter(
        instructions.filter(answered_at__isnull=False).values_list("department_id", flat=True)
    )
    departments = Department.objects.in_bulk(list(owed))
    weights, penalties = rules()["weights"], rules()["penalties"]
    found = []
    for pk, department in departments.items():
        mine = led.get(pk, [])
        score = Score(department)
        score.shares = {
            "signed": _share(signed[pk], len(owed[pk])),
            "on_time": _share(on_time[pk], len(mine)),
            "on_pace": _share(sum(1 for t in mine if t.status in status.GOOD), len(mine)),
            "answered": _share(answered[pk], asked[pk]) if asked[pk] else 1.0,
        }
        score.counts = {
            "returned": returned[pk],
            "overdue": sum(1 for t in mine if t.status == status.OVERDUE),
        }
        score.points = {key: weights[key] * (share or 0.0) for key, share in score.shares.items()}
        score.points |= {key: penalties[key] * n for key, n in score.counts.items()}
        score.total = max(0.0, sum(score.points.values()))
        found.append(score)
    return sorted(found, key=lambda s: (-s.total, s.department.name))


HEADERS = [
    "名次",
    "单位",
    "签收",
    "按时报送",
    "序时推进",
    "批示答复",
    "退回（次）",
    "逾期（项）",
    "得分",
]


def workbook(plan: Plan, period: str, ranked: list[Score]) -> bytes:
    """The ranking as .xlsx: one row per department with the parts of its score."""
    from openpyxl import Workbook

    book = Workbook()
    sheet: Any = book.active
    sheet.title = f"考评{period}"
    sheet.append([f"{plan} {period} 考评"])
    sheet.append(HEADERS)
    for rank, score in enumerate(ranked, 1):
        sheet.append(
            [
                rank,
                score.department.name,
                *[round(score.points[key], 1) for key in SHARES],
                score.counts["returned"],
                score.counts["overdue"],
                round(score.total, 1),
            ]
        )
    for column, width in zip("ABCDEFGHI", (6, 28, 8, 10, 10, 10, 10, 10, 8), strict=True):
        sheet.column_dimensions[column].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()

"""Reporting burden (减轻基层报表): what each department was asked to report in each month of a
plan, and how much of it the tracker spared them.

An item is one thing to report for one month: a target of a task the department leads (one per
unit for a target that applies to each unit), or the task itself when it has no targets. It is
asked for every month from the plan's publication to its deadline, up to the current month, while
the task is not closed. Each item of a month is then one of:

- taken from the project ledger: the target is measured live (nobody reports it);
- filled in by hand: a report for the month (not withdrawn) with a value that differs from the
  item's report of the month before, or with none before;
- copied unchanged: the month's report repeats the previous month's value (or percentage);
- not reported.

Beside them: the 催办 (the office's urged reminders) of the month and the median time from each
to the department's next report on the task.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from statistics import median

from django.apps import apps
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from luoshi.tracking.measure import live_targets, today
from luoshi.tracking.models import Department, Plan, ProgressReport, Task
from luoshi.tracking.permissions import office_required

Item = tuple[int, int | None, str]  # task, target (None: the task itself), unit of an each target


@dataclass
class Row:
    department: Department
    month: str
    asked: int = 0
    by_hand: int = 0
    from_ledger: int = 0
    copied: int = 0
    urged: int = 0
    median_hours: float | None = None

    @property
    def missing(self) -> int:
        return self.asked - self.by_hand - self.from_ledger - self.copied

    @property
    def median_days(self) -> float | None:
        return None if self.median_hours is None else self.median_hours / 24

    @property
    def spared(self) -> int:
        """Items the department did not have to fill in by hand."""
        return self.from_ledger + self.copied


def months(plan: Plan, task: Task, on: date) -> list[str]:
    """The months a task asks for a report, as "YYYY-MM", up to the month of `on`."""
    first = 1
    published = plan.published_at
    if published is not None:
        local = timezone.localtime(published).date()
        if local.year > plan.year:
            return []
        if local.year == plan.year:
            first = local.month
    last = 12 if task.deadline is None or task.deadline.year > plan.year else task.deadline.month
    if task.deadline is not None and task.deadline.year < plan.year:
        return []
    if on.year < plan.year:
        return []
    if on.year == plan.year:
        last = min(last, on.month)
    if task.closed and task.closed_at is not None:
        closed = timezone.localtime(task.closed_at).date()
        if closed.year == plan.year:
            last = min(last, closed.month)
    return [f"{plan.year}-{m:02d}" for m in range(first, last + 1)]


def _previous(month: str) -> str:
    year, number = int(month[:4]), int(month[5:])
    return f"{year - 1}-12" if number == 1 else f"{year}-{number - 1:02d}"


def _until(on: date) -> datetime:
    """The end of the day `on`: what was written after it is not counted."""
    return timezone.make_aware(datetime.combine(on + timedelta(days=1), time.min))


def _latest(
    tasks: list[Task], on: date
) -> dict[tuple[Item, str], tuple[float | None, float | None]]:
    """Each item's latest report (not withdrawn) per month: (value, percent)."""
    rows = (
        ProgressReport.objects.filter(task__in=tasks, submitted_at__lt=_until(on))
        .exclude(state=ProgressReport.WITHDRAWN)
        .order_by("submitted_at", "pk")
        .values_list("task_id", "target_id", "each_item", "period", "value", "percent")
    )
    found: dict[tuple[Item, str], tuple[float | None, float | None]] = {}
    for task_id, target_id, unit, period, value, percent in rows:
        found[((task_id, target_id, unit or ""), period)] = (value, percent)  # later wins
    return found


def table(plan: Plan, on: date) -> list[Row]:
    """One row per department and month of the plan, months newest first, then by name."""
    tasks = list(
        plan.tasks.filter(lead__isnull=False)
        .select_related("lead")
        .prefetch_related("targets")
        .defer("status_lines", "public_lines")
    )
    target_ids = [t.pk for task in tasks for t in task.targets.all()]
    live = live_targets(target_ids) if target_ids else set()
    reported = _latest(tasks, on)
    rows: dict[tuple[int, str], Row] = {}

    def row(task: Task, month: str) -> Row:
        assert task.lead is not None
        key = (task.lead.pk, month)
        if key not in rows:
            rows[key] = Row(task.lead, month)
        return rows[key]

    for task in tasks:
        items: list[tuple[Item, bool]] = []
        for target in task.targets.all():
            for unit in target.each or [""]:
                items.append(((task.pk, target.pk, unit), target.pk in live))
        if not items:
            items.append(((task.pk, None, ""), False))
        for month in months(plan, task, on):
            line = row(task, month)
            for item, measured in items:
                line.asked += 1
                if measured:
                    line.from_ledger += 1
                    continue
                this = reported.get((item, month))
                if this is None:
                    continue
                if reported.get((item, _previous(month))) == this:
                    line.copied += 1
                else:
                    line.by_hand += 1
    _urged(plan, tasks, rows, on)
    return sorted(rows.values(), key=lambda r: (-int(r.month.replace("-", "")), r.department.name))


def _urged(plan: Plan, tasks: list[Task], rows: dict[tuple[int, str], Row], on: date) -> None:
    """Counts each month's 催办 and the median hours from each to the next report on its task."""
    # By name: the notices app builds on tracking, not the reverse.
    reminders = apps.get_model("notices", "Reminder")
    until = _until(on)
    urged = reminders.objects.filter(task__in=tasks, kind="urged", created_at__lt=until)
    urged = urged.values_list("task_id", "department_id", "created_at")
    submitted: dict[int, list[datetime]] = defaultdict(list)
    for task_id, at in (
        ProgressReport.objects.filter(task__in=tasks, submitted_at__lt=until)
        .order_by("submitted_at")
        .values_list("task_id", "submitted_at")
    ):
        submitted[task_id].append(at)
    waits: dict[tuple[int, str], list[float]] = defaultdict(list)
    names = {t.lead.pk: t.lead for t in tasks if t.lead is not None}
    for task_id, department_id, at in urged:
        month = f"{timezone.localtime(at):%Y-%m}"
        if not month.startswith(str(plan.year)) or department_id not in names:
            continue
        key = (department_id, month)
        rows.setdefault(key, Row(names[department_id], month)).urged += 1
        after = next((s for s in submitted[task_id] if s > at), None)
        if after is not None:
            waits[key].append((after - at).total_seconds() / 3600)
    for key, hours in waits.items():
        rows[key].median_hours = median(hours)


@office_required
def page(request: HttpRequest) -> HttpResponse:
    """The office's table of the reporting burden of the city's latest plan (or ?plan=id)."""
    from luoshi.tracking.views import plan_for

    wanted = request.GET.get("plan", "")
    # ASCII digits only: str.isdigit() also takes "²", which int() refuses.
    plan = plan_for(request, int(wanted) if re.fullmatch(r"[0-9]{1,11}", wanted) else None)
    every = table(plan, today())
    months = sorted({line.month for line in every}, reverse=True)
    # One month at a time (the latest by default, ?month=all for every month); any other value
    # is one the plan does not have: the latest.
    month = request.GET.get("month", "")
    month = month if month in months or month == "all" else (months[0] if months else "all")
    rows = every if month == "all" else [line for line in every if line.month == month]
    totals = Row(Department(name=""), month)
    for line in rows:
        totals.asked += line.asked
        totals.by_hand += line.by_hand
        totals.from_ledger += line.from_ledger
        totals.copied += line.copied
        totals.urged += line.urged
    context = {"plan": plan, "rows": rows, "totals": totals, "months": months, "month": month}
    return render(request, "tracking/burden.html", context)

"""What a leader's home shows of their portfolio (分管): the stored statuses of the tasks their
departments lead, counted in SQL; the counts by month (tracking.statuses.record_months); the
tasks needing attention; and what changed since their last visit."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth.models import User
from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone

from luoshi import status
from luoshi.tracking import listing
from luoshi.tracking.models import (
    Department,
    Event,
    Instruction,
    LeaderVisit,
    Plan,
    StatusMonth,
    Task,
)
from luoshi.tracking.visibility import plan_rule

WATCHED = (status.BEHIND, status.OVERDUE, status.MISSING)  # 滞后, 逾期, 未报送
# A visit ends after this long without a page view: a reload does not hide what changed.
VISIT_GAP = timedelta(minutes=30)
ATTENTION_MAX = 50
COLOURS = {status.BEHIND: "#f9a825", status.OVERDUE: "#c62828", status.MISSING: "#757575"}
CHART_W, CHART_H, PAD = 480, 140, 24


def portfolio_tasks(user: Any, departments: list[Department]) -> QuerySet[Task]:
    """Open tasks of published plans that the user sees, led by one of `departments`."""
    return (
        Task.objects.open()
        .filter(plan_rule(user, "plan__"), plan__state=Plan.PUBLISHED, lead__in=departments)
        .defer("plan__source_text", "status_lines", "public_lines")
    )


def by_department(tasks: QuerySet[Task], departments: list[Department]) -> list[dict[str, Any]]:
    """Each department overseen with its tasks and its 滞后/逾期/未报送 counts (one query)."""
    counted = (
        tasks.order_by()
        .values("lead_id")
        .annotate(
            total=Count("id"),
            behind=Count("id", filter=Q(status=status.BEHIND)),
            overdue=Count("id", filter=Q(status=status.OVERDUE)),
            missing=Count("id", filter=Q(status=status.MISSING)),
        )
    )
    found = {row["lead_id"]: row for row in counted}
    empty = {"total": 0, "behind": 0, "overdue": 0, "missing": 0}
    return [{"department": d, **{k: found.get(d.pk, empty)[k] for k in empty}} for d in departments]


def attention(tasks: QuerySet[Task]) -> list[dict[str, Any]]:
    """Tasks 逾期, 未报送 or 滞后, or whose forecast misses (预警): worst first, then by
    deadline."""
    rank = Case(
        *(When(status=code, then=Value(status.SEVERITY[code])) for code in WATCHED),
        default=Value(9),
        output_field=IntegerField(),
    )
    needing = tasks.filter(Q(status__in=WATCHED) | Q(status_warning=True))
    ordered = needing.select_related("lead", "plan").order_by(rank, "deadline", "plan_id", "order")
    return [listing.row(task) for task in ordered[:ATTENTION_MAX]]


@dataclass
class Trend:
    months: list[str]
    table: list[dict[str, Any]]  # one row a month: period, counts by status (dashboard order)
    lines: list[dict[str, Any]] = field(default_factory=list)  # the SVG's polylines
    top: int = 0


def trend(tasks: QuerySet[Task]) -> Trend:
    """Tasks by status and month, from the statuses kept for each month (counted in SQL)."""
    counted = (
        StatusMonth.objects.filter(task__in=tasks.values("pk"))
        .order_by()
        .values_list("period", "status")
        .annotate(n=Count("id"))
    )
    months: dict[str, dict[str, int]] = defaultdict(dict)
    for period, code, n in counted:
        months[period][code] = n
    order = sorted(months)
    table = [
        {"period": p, "counts": [months[p].get(code, 0) for code in status.STATUSES]} for p in order
    ]
    result = Trend(order, table)
    result.top = max((months[p].get(code, 0) for p in order for code in WATCHED), default=0)
    if len(order) < 2 or not result.top:
        return result
    step = (CHART_W - 2 * PAD) / (len(order) - 1)
    for code in WATCHED:
        points = []
        for index, period in enumerate(order):
            y = CHART_H - PAD - (CHART_H - 2 * PAD) * months[period].get(code, 0) / result.top
            points.append(f"{PAD + index * step:.1f},{y:.1f}")
        result.lines.append(
            {"label": listing.label(code), "colour": COLOURS[code], "points": " ".join(points)}
        )
    return result


def chart_frame() -> dict[str, int]:
    """The trend chart's size and its axis, for the template."""
    w, h, pad = CHART_W, CHART_H, PAD
    return {"w": w, "h": h, "pad": pad, "base": h - pad, "right": w - pad}


def visit(user: User, seen: dict[str, str]) -> tuple[datetime | None, dict[str, str]]:
    """Records this page view with the statuses `seen`; returns when the previous visit was
    and what it saw (None on the first). Views closer together than VISIT_GAP are one visit."""
    now = timezone.now()
    record = LeaderVisit.objects.filter(user=user).first()
    if record is None:
        LeaderVisit.objects.create(user=user, at=now, statuses=seen)
        return None, {}
    if now - record.at > VISIT_GAP:
        record.previous_at, record.previous_statuses = record.at, record.statuses
    record.at, record.statuses = now, seen
    record.save(update_fields=["at", "statuses", "previous_at", "previous_statuses"])
    return record.previous_at, record.previous_statuses


@dataclass
class Changes:
    since: datetime | None
    approved: list[Event] = field(default_factory=list)
    worse: list[tuple[Task, str, str]] = field(default_factory=list)  # task, was, is now (named)
    answers: list[Instruction] = field(default_factory=list)

    @property
    def any(self) -> bool:
        return bool(self.approved or self.worse or self.answers)


def changes(user: User, tasks: QuerySet[Task], departments: list[Department]) -> Changes:
    """New reports approved, statuses that got worse and new answers to 批示 since the last
    visit; records this one."""
    seen = {str(pk): code for pk, code in tasks.values_list("pk", "status")}
    since, before = visit(user, seen)
    found = Changes(since)
    if since is None:
        return found
    found.approved = list(
        Event.objects.filter(verb="report_approved", task__in=tasks.values("pk"))
        .filter(created_at__gt=since)
        .select_related("task", "task__lead", "actor")
        .order_by("-created_at")[:ATTENTION_MAX]
    )
    worse = [
        pk for pk, code in seen.items()
        if before.get(pk) in status.SEVERITY and code in status.SEVERITY
        and status.SEVERITY[code] < status.SEVERITY[before[pk]]
    ]  # fmt: skip
    rows = tasks.filter(pk__in=[int(pk) for pk in worse]).select_related("lead")
    found.worse = [
        (task, listing.label(before[str(task.pk)]), listing.label(task.status)) for task in rows
    ]
    found.answers = list(
        Instruction.objects.filter(answered_at__gt=since)
        .filter(Q(author=user) | Q(department__in=departments))
        .select_related("task", "department", "answered_by")
        .order_by("-answered_at")[:ATTENTION_MAX]
    )
    return found

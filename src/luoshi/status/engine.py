"""Where a task stands: pure functions of its targets, its reports and a date (no ORM, no clock).

Rules, in the words of a supervision office:

- The expected share (序时进度) at a date is measured at the end of the last whole month before
  it (monthly reports describe the month just ended): pro rata to the elapsed part of the period
  from 1 January to the deadline, or, when the task has checkpoints (nodes), the share of nodes
  passed.
- Amount targets ("新增就业1万人") progress as reported value / target value; a `<=` target with a
  known baseline progresses as (baseline − value) / (baseline − target). `each` targets
  ("各不少于100次") have one line per unit and the slowest unit sets the pace.
- Level targets (percentages and rates, "占比达到91%以上", "缩短20%"; or `<=` without a baseline)
  are met or not met by the latest value; they do not accrue pro rata.
- Qualitative tasks progress by the percentage the department reports.
- Verified progress uses approved reports only; claimed progress also uses those awaiting review.
  Returned reports count for neither. The status is computed on verified progress.
- A figure that is not a department's report but a live value kept by the office (a target bound
  to the project ledger) counts as verified, and the reason names its source instead of a month.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from luoshi.status.labels import (
    AHEAD,
    BEHIND,
    COMPLETE,
    MISSING,
    ON_TRACK,
    OVERDUE,
    SEVERITY,
)

AHEAD_MARGIN = 0.10  # ten points above the expected share counts as ahead


@dataclass(frozen=True)
class TargetFacts:
    value: float
    unit: str = ""
    comparator: str = ">="
    change: str | None = None
    each: tuple[str, ...] = ()
    baseline: float | None = None
    label: str = ""  # the indicator, for reason sentences

    @property
    def is_level(self) -> bool:
        if self.unit.endswith(("%", "‰")):
            return True
        return self.comparator == "<=" and self.baseline is None


@dataclass(frozen=True)
class ReportFacts:
    period: str  # "YYYY-MM"
    state: str  # "submitted", "approved" or "returned"
    target: int | None = None  # index into TaskFacts.targets; None for the task as a whole
    value: float | None = None
    percent: float | None = None
    each_item: str = ""
    sequence: int = 0  # later submissions have higher numbers; the latest of a period counts
    source: str = ""  # "" for a department's report; else the live figure's source (项目台账实时数)


@dataclass(frozen=True)
class TaskFacts:
    year: int
    deadline: date | None = None
    nodes: tuple[date, ...] = ()
    targets: tuple[TargetFacts, ...] = ()
    reports: tuple[ReportFacts, ...] = ()


@dataclass
class Line:
    """One measured line: a target, one unit of an `each` target, or the task itself."""

    label: str
    status: str
    reason: str
    expected: float | None = None  # share, 0..1
    verified: float | None = None  # share, 0..1, from approved reports
    claimed: float | None = None  # share, 0..1, including reports awaiting review


@dataclass
class TaskStatus:
    status: str
    reason: str
    expected: float | None
    verified: float | None
    claimed: float | None
    lines: list[Line] = field(default_factory=list)


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def reference_period(year: int, deadline: date, on: date) -> str | None:
    """The last whole month before `on` within the plan period, as "YYYY-MM"."""
    last_year, last_month = (on.year, on.month - 1) if on.month > 1 else (on.year - 1, 12)
    if (last_year, last_month) < (year, 1):
        return None
    if (last_year, last_month) > (deadline.year, deadline.month):
        last_year, last_month = deadline.year, deadline.month
    return f"{last_year:04d}-{last_month:02d}"


def period_end(period: str) -> date:
    year, month = (int(part) for part in period.split("-"))
    return month_end(year, month)


def expected_share(facts: TaskFacts, period: str | None) -> float:
    if period is None:
        return 0.0
    deadline = facts.deadline or date(facts.year, 12, 31)
    at = min(period_end(period), deadline)
    if facts.nodes:
        # Checkpoints after a (revised, earlier) deadline no longer apply.
        nodes = sorted({node for node in facts.nodes if node <= deadline} | {deadline})
        return sum(1 for node in nodes if node <= at) / len(nodes)
    start = date(facts.year, 1, 1)
    total = (deadline - start).days + 1
    return max(0.0, min(1.0, ((at - start).days + 1) / total))


def _latest(reports: list[ReportFacts], states: set[str]) -> ReportFacts | None:
    usable = [r for r in reports if r.state in states]
    return max(usable, key=lambda r: (r.period, r.sequence)) if usable else None


def _month(period: str) -> str:
    return f"{int(period[5:])}月"


def _vouched(report: ReportFacts) -> str:
    """Where a verified figure comes from, in brackets after it."""
    return f"（{report.source}）" if report.source else f"（{_month(report.period)}报送，已审核）"


def _pct(share: float) -> str:
    return f"{share * 100:.0f}%"


def _num(value: float) -> str:
    return f"{value:g}"


def _share(target: TargetFacts, value: float) -> float:
    if target.comparator == "<=" and target.baseline is not None:
        span = target.baseline - target.value
        return 1.0 if span <= 0 else (target.baseline - value) / span
    return value / target.value if target.value else 1.0


def _met(target: TargetFacts, value: float) -> bool:
    return value <= target.value if target.comparator == "<=" else value >= target.value


def _pace(expected: float, verified: float, final: bool) -> str:
    if verified >= 1.0:
        return COMPLETE
    if final:
        return OVERDUE
    if verified >= expected + AHEAD_MARGIN:
        return AHEAD
    return ON_TRACK if verified >= expected - 1e-9 else BEHIND


def _measure(
    label: str,
    reports: list[ReportFacts],
    expected: float,
    period: str | None,
    final: bool,
    share_of: Callable[[ReportFacts], float],
) -> Line:
    verified_report = _latest(reports, {"approved"})
    claimed_report = _latest(reports, {"approved", "submitted"})
    verified = share_of(verified_report) if verified_report else None
    claimed = share_of(claimed_report) if claimed_report else None
    prefix = f"{label}：" if label else ""
    pending = ""
    if claimed_report is not None and claimed_report is not verified_report:
        pending = f"；{_month(claimed_report.period)}报送{_pct(claimed or 0)}，待审核"
    done = "暂无已审核进展"
    if verified_report is not None and verified is not None:
        done = f"已完成{_pct(verified)}{_vouched(verified_report)}"
    if verified is not None and verified >= 1.0:
        return Line(label, COMPLETE, prefix + done, expected, verified, claimed)
    reported_now = any(r.period == period and r.state != "returned" for r in reports)
    if period is not None and not reported_now and not final:
        last = f"，最近一次{_month(claimed_report.period)}" if claimed_report else ""
        text = f"{prefix}{_month(period)}未报送{last}"
        return Line(label, MISSING, text, expected, verified, claimed)
    status = _pace(expected, verified or 0.0, final)
    lead = "已过完成时限，" if status == OVERDUE else ""
    text = f"{prefix}{lead}应完成{_pct(expected)}，{done}{pending}"
    return Line(label, status, text, expected, verified, claimed)


def _level_line(
    target: TargetFacts, reports: list[ReportFacts], expected: float, period: str | None, end: bool
) -> Line:
    label = target.label
    verified_report = _latest(reports, {"approved"})
    claimed_report = _latest(reports, {"approved", "submitted"})
    sign = "≤" if target.comparator == "<=" else "≥"
    goal = f"目标{sign}{_num(target.value)}{target.unit}"
    prefix = f"{label}：" if label else ""

    def met_share(report: ReportFacts | None) -> float | None:
        if report is None or report.value is None:
            return None
        return 1.0 if _met(target, report.value) else 0.0

    verified, claimed = met_share(verified_report), met_share(claimed_report)
    reported_now = any(r.period == period and r.state != "returned" for r in reports)
    if period is not None and not reported_now and not end:
        return Line(label, MISSING, f"{prefix}{_month(period)}未报送", expected, verified, claimed)
    if verified_report is None or verified_report.value is None:
        status = OVERDUE if end else (ON_TRACK if period is None else BEHIND)
        return Line(label, status, f"{prefix}{goal}，暂无已审核数值", expected, None, claimed)
    number = f"{_num(verified_report.value)}{target.unit}"
    if verified_report.source:
        value = f"{verified_report.source}为{number}"
    else:
        value = f"{_month(verified_report.period)}为{number}（已审核）"
    if verified:
        status = COMPLETE if end else ON_TRACK
        return Line(label, status, f"{prefix}{goal}，{value}，已达到", expected, 1.0, claimed)
    status = OVERDUE if end else BEHIND
    return Line(label, status, f"{prefix}{goal}，{value}，未达到", expected, 0.0, claimed)


def evaluate(facts: TaskFacts, on: date) -> TaskStatus:
    """The status of one task on the date `on`, with the reason and a line per measure."""
    deadline = facts.deadline or date(facts.year, 12, 31)
    period = reference_period(facts.year, deadline, on)
    expected = expected_share(facts, period)
    past_deadline = on > deadline
    live = [r for r in facts.reports if r.state != "returned"]
    lines: list[Line] = []
    for index, target in enumerate(facts.targets):
        own = [r for r in live if r.target == index]
        if target.is_level:
            lines.append(_level_line(target, own, expected, period, past_deadline))
            continue
        units = target.each or ("",)
        for unit in units:
            mine = [r for r in own if r.each_item == unit] if target.each else own
            label = "，".join(part for part in (target.label, unit) if part)

            def share_of(report: ReportFacts, target: TargetFacts = target) -> float:
                return _share(target, report.value or 0.0)

            lines.append(_measure(label, mine, expected, period, past_deadline, share_of))
    if not facts.targets:
        own = [r for r in live if r.target is None]

        def percent_of(report: ReportFacts) -> float:
            return (report.percent or 0.0) / 100

        lines.append(_measure("", own, expected, period, past_deadline, percent_of))
    worst = min(lines, key=lambda line: SEVERITY[line.status])
    if period is None and worst.status in {MISSING, BEHIND, ON_TRACK}:
        worst = Line(worst.label, ON_TRACK, "尚未到首个报送期", 0.0, None, None)
    return TaskStatus(
        status=worst.status,
        reason=worst.reason,
        expected=expected,
        verified=_overall(lines, "verified"),
        claimed=_overall(lines, "claimed"),
        lines=lines,
    )


def _overall(lines: list[Line], attribute: str) -> float | None:
    known = [getattr(line, attribute) for line in lines if getattr(line, attribute) is not None]
    return min(known) if known else None

"""Where a task stands: pure functions of its targets, its reports and a date (no ORM, no clock).

Rules, in the words of a supervision office:

- The expected share (序时进度) is set by `expectation`: pro rata over the task's period, by its
  checkpoints' planned shares, or by its dated milestones.
- Targets are read by their kind (`kinds`): counts and amounts against the expected share, levels
  met or not at a point in time (左右 inside a tolerance band), caps, changes from a baseline.
  `each` targets ("各不少于100次") have one line per unit and the slowest unit sets the pace.
- Qualitative tasks progress by the percentage the department reports.
- Verified progress uses approved reports only; claimed progress also uses those awaiting review.
  Returned reports count for neither. The status is computed on verified progress.
- A figure that is not a department's report but a live value kept by the office (a target bound
  to the project ledger) counts as verified, and the reason names its source instead of a month.
- With three or more reported values, a line carries a forecast for its deadline (`forecast`),
  with 预警 when it misses.
- An accepted appeal (申诉) sets the status for its period; the reason keeps the computed one.
Every reason exists in Chinese and English (`words`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from luoshi.status import kinds
from luoshi.status.expectation import (
    expected,
    milestones,
    milestones_due,
    reference_period,
)
from luoshi.status.facts import Line, ReportFacts, TargetFacts, TaskFacts, TaskStatus
from luoshi.status.forecast import project, sentence
from luoshi.status.labels import (
    AHEAD,
    BEHIND,
    COMPLETE,
    ENGLISH,
    MISSING,
    ON_TRACK,
    OVERDUE,
    SEVERITY,
)
from luoshi.status.words import COLON, COMMA, SEMICOLON, Text, day, month, pct, same, say
from luoshi.status.words import num as _num

AHEAD_MARGIN = float(kinds.settings()["ahead_margin"])


def _latest(reports: list[ReportFacts], states: set[str]) -> ReportFacts | None:
    usable = [r for r in reports if r.state in states]
    return max(usable, key=lambda r: (r.period, r.sequence)) if usable else None


def _vouched(report: ReportFacts) -> Text:
    """Where a verified figure comes from, in brackets after it."""
    if report.source:
        return say("source_live", source=report.source)
    return say("source_report", month=month(report.period))


def _line(label: str, status: str, text: Text, basis: str, *shares: float | None) -> Line:
    prefix = same(label) + COLON if label else Text()
    reason = prefix + text
    expected_, verified, claimed = (*shares, None, None, None)[:3]
    return Line(label, status, reason.zh, expected_, verified, claimed, reason.en, basis)


def _pace(expected_: float, verified: float, final: bool, done_at: float = 1.0) -> str:
    if verified >= done_at - 1e-9:
        return COMPLETE
    if final:
        return OVERDUE
    if verified >= expected_ + AHEAD_MARGIN:
        return AHEAD
    return ON_TRACK if verified >= expected_ - 1e-9 else BEHIND


def _reported(reports: list[ReportFacts], period: str | None) -> bool:
    return any(r.period == period and r.state != "returned" for r in reports)


def _missing(
    label: str, period: str, claimed: ReportFacts | None, basis: str, *shares: float | None
) -> Line:
    text = say("not_reported", month=month(period))
    if claimed is not None:
        text += say("last_reported", month=month(claimed.period))
    return _line(label, MISSING, text, basis, *shares)


def _measure(
    label: str,
    reports: list[ReportFacts],
    facts: TaskFacts,
    period: str | None,
    final: bool,
    share_of: Callable[[ReportFacts], float],
    done_at: float = 1.0,
) -> Line:
    verified_report = _latest(reports, {"approved"})
    claimed_report = _latest(reports, {"approved", "submitted"})
    expectation = expected(facts, period)
    owed_when = Text()
    waiting = claimed_report is not None and claimed_report.state == "submitted" and not final
    if waiting and verified_report is not None and period and verified_report.period < period:
        # This month's report awaits review: the last verified figure is held to the
        # expectation of its own month, not to one it could not have known.
        expectation = expected(facts, verified_report.period)
        owed_when = month(verified_report.period)
    verified = share_of(verified_report) if verified_report else None
    claimed = share_of(claimed_report) if claimed_report else None
    shares = (expectation.share, verified, claimed)
    pending = Text()
    if claimed_report is not None and claimed_report is not verified_report:
        pending = say("pending", month=month(claimed_report.period), share=pct(claimed or 0))
    done = say("no_verified")
    if verified_report is not None and verified is not None:
        done = say("done", share=pct(verified), source=_vouched(verified_report))
    if verified is not None and verified >= done_at - 1e-9:
        return _line(label, COMPLETE, done, expectation.basis, *shares)
    if period is not None and not _reported(reports, period) and not final:
        return _missing(label, period, claimed_report, expectation.basis, *shares)
    status = _pace(expectation.share, verified or 0.0, final, done_at)
    lead = say("past_deadline") if status == OVERDUE else Text()
    owed = say("expected", share=pct(expectation.share), basis=expectation.text)
    if owed_when:
        owed = say(
            "expected_then", month=owed_when, share=pct(expectation.share), basis=expectation.text
        )
    return _line(label, status, lead + owed + COMMA + done + pending, expectation.basis, *shares)


def _level_line(
    target: TargetFacts, reports: list[ReportFacts], period: str | None, end: bool
) -> Line:
    label = target.label
    verified_report = _latest(reports, {"approved"})
    claimed_report = _latest(reports, {"approved", "submitted"})
    goal = say("goal", goal=kinds.goal(target))

    def met_share(report: ReportFacts | None) -> float | None:
        if report is None or report.value is None:
            return None
        return 1.0 if kinds.met(target, report.value) else 0.0

    verified, claimed = met_share(verified_report), met_share(claimed_report)
    if period is not None and not _reported(reports, period) and not end:
        return _missing(label, period, None, "level", None, verified, claimed)
    if verified_report is None or verified_report.value is None:
        status = OVERDUE if end else (ON_TRACK if period is None else BEHIND)
        return _line(label, status, goal + COMMA + say("no_value"), "level", None, None, claimed)
    number = same(f"{_num(verified_report.value)}{target.unit}")
    if verified_report.source:
        value = say("level_live", source=verified_report.source, number=number)
    else:
        value = say("level_value", month=month(verified_report.period), number=number)
    text = goal + COMMA + value + COMMA
    if verified:
        outside = target.comparator == "~" and verified_report.value < target.value
        verdict = (
            say("within_band", band=f"{_num(kinds.band(target))}{target.unit}")
            if outside
            else say("reached")
        )
        return _line(
            label, COMPLETE if end else ON_TRACK, text + verdict, "level", None, 1.0, claimed
        )
    return _line(
        label, OVERDUE if end else BEHIND, text + say("not_reached"), "level", None, 0.0, claimed
    )


def _milestone_line(
    facts: TaskFacts, reports: list[ReportFacts], period: str | None, final: bool
) -> Line:
    steps = milestones(facts)
    due = milestones_due(facts, period)
    names = {node.label for node in steps}

    def reached(states: set[str]) -> set[str]:
        # A report of the whole task as 100% done says every step is done.
        usable = [r for r in reports if r.state in states]
        if any((r.percent or 0) >= 100 for r in usable):
            return names
        return {m for r in usable for m in r.milestones} & names

    done, claimed = reached({"approved"}), reached({"approved", "submitted"})
    shares = (len(due) / len(steps), len(done) / len(steps), len(claimed) / len(steps))
    basis = say("basis_milestone")
    if done == names:
        return _line("", COMPLETE, basis + COLON + say("milestones_all"), "milestone", *shares)
    if period is not None and not _reported(reports, period) and not final:
        return _missing(
            "", period, _latest(reports, {"approved", "submitted"}), "milestone", *shares
        )
    late = [node for node in due if node.label not in done]
    if late:
        first = late[0]
        text = say("milestone_due", date=day(first.on), label=first.label)
        text += COMMA + say("milestone_missed", label=first.label)
        status = OVERDUE if final else BEHIND
        return _line("", status, basis + COLON + text, "milestone", *shares)
    coming = [node for node in steps if node.label not in done]
    parts = [say("milestone_reached", label=node.label) for node in steps if node.label in done]
    parts.append(say("milestone_next", date=day(coming[0].on), label=coming[0].label))
    text = parts[0]
    for part in parts[1:]:
        text += SEMICOLON + part
    return _line("", ON_TRACK, basis + COLON + text, "milestone", *shares)


def _forecast(
    line: Line, target: TargetFacts, reports: list[ReportFacts], facts: TaskFacts, accrues: bool
) -> None:
    """Adds the forecast for the deadline to `line` (approved values only)."""
    if line.status in {COMPLETE, OVERDUE}:
        return
    latest: dict[str, ReportFacts] = {}
    for report in reports:
        usable = report.state == "approved" and report.value is not None and not report.source
        earlier = latest.get(report.period)
        if usable and (earlier is None or report.sequence > earlier.sequence):
            latest[report.period] = report
    series = [(period, report.value or 0.0) for period, report in latest.items()]
    end = facts.end
    end_period = f"{end.year:04d}-{end.month:02d}"
    result = project(target, series, end_period, accrues, target.pattern)
    if result is None:
        return
    at = say("year_end") if (end.month, end.day) == (12, 31) else day(end)
    text = sentence(result, target, kinds.goal(target), at, accrues)
    line.forecast, line.forecast_en, line.warning = text.zh, text.en, result.warning


def evaluate(facts: TaskFacts, on: date) -> TaskStatus:
    """The status of one task on the date `on`, with the reason and a line per measure."""
    period = reference_period(facts.year, facts.end, on)
    expectation = expected(facts, period)
    final = on > facts.end
    # A status as of `on` knows nothing of reports for later periods (a month recomputed later).
    month = f"{on.year:04d}-{on.month:02d}"
    live = [r for r in facts.reports if r.state != "returned" and r.period <= month]
    lines: list[Line] = []
    for index, target in enumerate(facts.targets):
        own = [r for r in live if r.target == index]
        if not kinds.accrues(target):
            line = _level_line(target, own, period, final)
            line.target = index
            _forecast(line, target, own, facts, accrues=False)
            lines.append(line)
            continue
        for unit in target.each or ("",):
            mine = [r for r in own if r.each_item == unit] if target.each else own
            label = "，".join(part for part in (target.label, unit) if part)

            def share_of(report: ReportFacts, target: TargetFacts = target) -> float:
                return kinds.share(target, report.value or 0.0)

            line = _measure(label, mine, facts, period, final, share_of, kinds.complete_at(target))
            line.target = index
            if target.baseline is None:
                _forecast(line, target, mine, facts, accrues=True)
            lines.append(line)
    whole = [r for r in live if r.target is None]
    if milestones(facts):
        lines.append(_milestone_line(facts, whole, period, final))
    elif not facts.targets:

        def percent_of(report: ReportFacts) -> float:
            return (report.percent or 0.0) / 100

        lines.append(_measure("", whole, facts, period, final, percent_of))
    worst = min(lines, key=lambda line: SEVERITY[line.status])
    if period is None and worst.status in {MISSING, BEHIND, ON_TRACK}:
        first = say("first_period")
        worst = Line(worst.label, ON_TRACK, first.zh, 0.0, None, None, first.en, worst.basis)
    result = TaskStatus(
        status=worst.status,
        reason=worst.reason,
        expected=lines[0].expected if lines[0].expected is not None else expectation.share,
        verified=_overall(lines, "verified"),
        claimed=_overall(lines, "claimed"),
        lines=lines,
        reason_en=worst.reason_en,
        warning=any(line.warning for line in lines),
    )
    return _closed(_overridden(result, facts, period), facts)


def _closed(result: TaskStatus, facts: TaskFacts) -> TaskStatus:
    """A task the office closed: 完成销号 counts as complete; 终止 keeps its last status."""
    if facts.closed == "completed":
        text = say("closed_completed", reason=facts.closed_reason or "—")
        result.status, result.reason, result.reason_en = COMPLETE, text.zh, text.en
    elif facts.closed == "terminated":
        text = say("closed_terminated", reason=facts.closed_reason or "—")
        result.reason, result.reason_en = text.zh, text.en
    return result


def _overridden(result: TaskStatus, facts: TaskFacts, period: str | None) -> TaskStatus:
    chosen = [o for o in facts.overrides if o.period == period]
    if not chosen:
        return result
    override = chosen[-1]
    computed = Text(
        f"{result.status}，{result.reason}", f"{ENGLISH[result.status]}, {result.reason_en}"
    )
    text = say("overridden", reason=override.reason, computed=computed)
    result.status, result.reason, result.reason_en = override.status, text.zh, text.en
    result.overridden = True
    return result


def _overall(lines: list[Line], attribute: str) -> float | None:
    known = [getattr(line, attribute) for line in lines if getattr(line, attribute) is not None]
    return min(known) if known else None

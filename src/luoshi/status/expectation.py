"""序时进度: what share of a task should be done by the end of a reporting period (no Django).

- The reference is the end of the last whole month before the day (monthly reports describe the
  month just ended), and never later than the deadline.
- A task without checkpoints before its deadline is expected pro rata over its period
  (1 January, or its start, to its deadline): at the end of June, about half.
- With checkpoints that carry planned shares (一季度完成30%), the expected share is the planned
  share of the last checkpoint passed (one without a planned share plans the pro-rata share of
  its date); when the office chooses interpolation, it rises linearly to the next checkpoint.
  Checkpoints without any planned share are reporting dates only: the task stays pro rata.
- Milestones (开工, 竣工, 出台方案) are due or not; `milestones_due` lists those due.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from luoshi.status.facts import Node, TaskFacts
from luoshi.status.words import Text, day, same, say


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


@dataclass(frozen=True)
class Expectation:
    share: float
    basis: str  # "time" or "node"
    text: Text  # 按时序 / 按节点"…"


def _pro_rata(facts: TaskFacts, at: date) -> float:
    start, end = facts.begin, facts.end
    if at < start:
        return 0.0
    total = (end - start).days + 1
    return max(0.0, min(1.0, ((at - start).days + 1) / total))


def _name(node: Node) -> Text:
    return same(node.label) if node.label else day(node.on)


def expected(facts: TaskFacts, period: str | None) -> Expectation:
    """The expected share at the end of `period` (None: before the first period ends)."""
    time = say("basis_time")
    if period is None:
        return Expectation(0.0, "time", time)
    at = min(period_end(period), facts.end)
    nodes = [node for node in facts.checkpoints() if not node.milestone and node.on < facts.end]
    if not any(node.share is not None for node in nodes):
        return Expectation(_pro_rata(facts, at), "time", time)
    planned = [
        (node, node.share if node.share is not None else _pro_rata(facts, node.on))
        for node in nodes
    ]
    planned.append((Node(facts.end, 1.0), 1.0))
    passed = [(node, share) for node, share in planned if node.on <= at]
    coming = [(node, share) for node, share in planned if node.on > at]
    if not passed:
        first = planned[0][0]
        share = planned[0][1] * _fraction(facts.begin, first.on, at) if facts.interpolate else 0.0
        return Expectation(share, "node", say("basis_before_node", node=_name(first)))
    node, share = passed[-1]
    if facts.interpolate and coming:
        after, later = coming[0]
        share += (later - share) * _fraction(node.on, after.on, at)
        return Expectation(
            share, "node", say("basis_node_next", node=_name(node), next=_name(after))
        )
    return Expectation(share, "node", say("basis_node", node=_name(node)))


def _fraction(start: date, end: date, at: date) -> float:
    span = (end - start).days
    return 0.0 if span <= 0 else max(0.0, min(1.0, (at - start).days / span))


def expected_share(facts: TaskFacts, period: str | None) -> float:
    return expected(facts, period).share


def milestones(facts: TaskFacts) -> list[Node]:
    return [node for node in facts.checkpoints() if node.milestone]


def milestones_due(facts: TaskFacts, period: str | None) -> list[Node]:
    if period is None:
        return []
    at = min(period_end(period), facts.end)
    return [node for node in milestones(facts) if node.on <= at]

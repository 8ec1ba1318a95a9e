"""What the status rules read and what they return: plain, frozen facts (no Django)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from luoshi.status.words import Text


@dataclass(frozen=True)
class Node:
    """A checkpoint (节点): by `on`, `share` of the task is planned done ("一季度完成30%"), or,
    for a milestone ("6月底前开工"), the step `label` is due. Without a share, the node expects
    the pro-rata share of its date."""

    on: date
    share: float | None = None
    label: str = ""
    milestone: bool = False
    value: float | None = None  # the planned value the share was set from, if any


@dataclass(frozen=True)
class TargetFacts:
    value: float
    unit: str = ""
    comparator: str = ">="  # ">=", "<=", "~" (左右), "=" ; a range has `upper`
    change: str | None = None
    each: tuple[str, ...] = ()
    baseline: float | None = None
    label: str = ""  # the indicator, for reason sentences
    upper: float | None = None
    # Last year's cumulative share of the year's total by month (January first), for forecasts.
    pattern: tuple[float, ...] = ()


@dataclass(frozen=True)
class ReportFacts:
    period: str  # "YYYY-MM"
    state: str  # "submitted", "approved" or "returned"
    target: int | None = None  # index into TaskFacts.targets; None for the task as a whole
    value: float | None = None
    percent: float | None = None
    each_item: str = ""
    sequence: int = 0  # later submissions have higher numbers; the latest of a period counts
    # "" for a department's report; else the live figure's source (项目台账实时数), both languages
    source: str | Text = ""
    milestones: tuple[str, ...] = ()  # labels of the milestones this report says are done


@dataclass(frozen=True)
class Override:
    """An accepted appeal (申诉): for `period`, the office set the status to `status`."""

    period: str
    status: str
    reason: str


@dataclass(frozen=True)
class TaskFacts:
    year: int
    deadline: date | None = None
    nodes: tuple[Node | date, ...] = ()
    targets: tuple[TargetFacts, ...] = ()
    reports: tuple[ReportFacts, ...] = ()
    start: date | None = None  # the start of the period measured; 1 January by default
    interpolate: bool = False  # expected share between nodes: linear rather than stepwise
    overrides: tuple[Override, ...] = ()
    closed: str = ""  # "completed" (完成销号) or "terminated" (终止) by the office
    closed_reason: str = ""

    @property
    def end(self) -> date:
        return self.deadline or date(self.year, 12, 31)

    @property
    def begin(self) -> date:
        return self.start or date(self.year, 1, 1)

    def checkpoints(self) -> list[Node]:
        """The nodes that still apply (none after a revised, earlier deadline), by date."""
        nodes = [node if isinstance(node, Node) else Node(node) for node in self.nodes]
        return sorted((node for node in nodes if node.on <= self.end), key=lambda node: node.on)


@dataclass
class Line:
    """One measured line: a target, one unit of an `each` target, or the task itself."""

    label: str
    status: str
    reason: str
    expected: float | None = None  # share, 0..1
    verified: float | None = None  # share, 0..1, from approved reports
    claimed: float | None = None  # share, 0..1, including reports awaiting review
    reason_en: str = ""
    basis: str = ""  # "time", "node", "milestone" or "level": how the expectation was set
    forecast: str = ""
    forecast_en: str = ""
    warning: bool = False  # the forecast misses the target (预警)
    target: int | None = None  # index into TaskFacts.targets; None for the task as a whole


@dataclass
class TaskStatus:
    status: str
    reason: str
    expected: float | None
    verified: float | None
    claimed: float | None
    lines: list[Line] = field(default_factory=list)
    reason_en: str = ""
    overridden: bool = False  # set by an accepted appeal
    warning: bool = False

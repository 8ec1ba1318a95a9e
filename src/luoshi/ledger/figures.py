"""Targets measured from the ledger: pure functions of project facts, a query, a year and a date.

A project has "reached" a stage on the earliest date it reached that stage or any later one (a
project that went from 签约 straight to 开工 has passed 审批 too). "Under construction in the
year" (开复工) means started by the date and not completed before the year began.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from luoshi.ledger.transitions import STAGES

COUNT, INVESTMENT, MONEY = "count", "investment", "money"
REACHED, IN_YEAR, ACTIVE, RANGE = "reached", "in_year", "active", "range"


@dataclass(frozen=True)
class ProjectFacts:
    id: int
    district: str  # "" for the city's own projects (市本级)
    total: Decimal
    attracted: bool = False
    reached: dict[str, date] = field(default_factory=dict)  # stage → first date reached
    money: dict[tuple[int, str], Decimal] = field(default_factory=dict)  # (year, kind) → 元


@dataclass(frozen=True)
class Query:
    measure: str = COUNT
    stage: str = "planning"
    window: str = REACHED
    min_investment: Decimal = Decimal(0)
    max_investment: Decimal | None = None  # exclusive: the upper bound of a size class
    date_from: date | None = None  # with RANGE: the stage reached within [date_from, date_to]
    date_to: date | None = None
    attracted_only: bool = False
    per_district: bool = False
    money_kind: str = ""


@dataclass
class Figure:
    """A bound target's value per line ("" for the whole, else a county or district), and the
    projects behind each line."""

    values: dict[str, float]
    members: dict[str, list[int]]


def reached_on(project: ProjectFacts, stage: str) -> date | None:
    at = STAGES.index(stage)
    dates = [d for s, d in project.reached.items() if STAGES.index(s) >= at]
    return min(dates) if dates else None


def matches(query: Query, project: ProjectFacts, year: int, on: date) -> bool:
    if project.total < query.min_investment:
        return False
    if query.max_investment is not None and project.total >= query.max_investment:
        return False
    if query.attracted_only and not project.attracted:
        return False
    if query.window == ACTIVE:
        started = reached_on(project, "started")
        if started is None or started > on:
            return False
        completed = reached_on(project, "completed")
        return completed is None or completed >= date(year, 1, 1)
    when = reached_on(project, query.stage)
    if when is None or when > on:
        return False
    if query.window == RANGE:
        return (query.date_from is None or when >= query.date_from) and (
            query.date_to is None or when <= query.date_to
        )
    return query.window != IN_YEAR or when.year == year


def amount(query: Query, project: ProjectFacts, year: int) -> Decimal:
    if query.measure == INVESTMENT:
        return project.total
    if query.measure == MONEY:
        return project.money.get((year, query.money_kind), Decimal(0))
    return Decimal(1)


def figure(
    query: Query, projects: list[ProjectFacts], year: int, on: date, districts: list[str]
) -> Figure:
    """The value of `query` for the plan `year` as of `on`; `districts` names the lines of a
    per-district query, in order (every county and district, including those with nothing)."""
    lines = districts if query.per_district else [""]
    totals = {line: Decimal(0) for line in lines}
    members: dict[str, list[int]] = {line: [] for line in lines}
    for project in projects:
        line = project.district if query.per_district else ""
        if line not in totals or not matches(query, project, year, on):
            continue
        totals[line] += amount(query, project, year)
        members[line].append(project.id)
    return Figure({line: float(total) for line, total in totals.items()}, members)

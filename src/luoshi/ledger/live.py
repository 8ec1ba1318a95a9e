"""The ledger's side of bound targets: project facts out of the database, a figure per binding.

`values` is registered with the tracker (see apps.py) and costs a fixed number of queries however
many tasks and projects there are.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

from luoshi.ledger.figures import MONEY, Figure, ProjectFacts, Query, figure
from luoshi.ledger.models import REACHED, Binding, Investment, Project
from luoshi.tracking.models import Jurisdiction, Task


def query_of(binding: Binding) -> Query:
    return Query(
        measure=binding.measure,
        stage=binding.stage,
        window=binding.window,
        min_investment=binding.min_investment,
        max_investment=binding.max_investment,
        date_from=binding.date_from,
        date_to=binding.date_to,
        attracted_only=binding.attracted_only,
        per_district=binding.per_district,
        money_kind=binding.money_kind,
    )


def districts_of(jurisdiction_id: int) -> list[str]:
    return list(
        Jurisdiction.objects.filter(parent_id=jurisdiction_id)
        .order_by("level", "name")
        .values_list("name", flat=True)
    )


def project_facts(
    jurisdiction_id: int, min_investment: Decimal, money_year: int | None
) -> list[ProjectFacts]:
    fields = ["id", "district__name", "total_investment", "attracted", *REACHED.values()]
    rows = (
        Project.objects.in_reserve()
        .filter(jurisdiction_id=jurisdiction_id, total_investment__gte=min_investment)
        .values_list(*fields)
    )
    money: dict[int, dict[tuple[int, str], Decimal]] = defaultdict(dict)
    if money_year is not None:
        amounts = Investment.objects.filter(
            project__jurisdiction_id=jurisdiction_id,
            year=money_year,
            project__entry=Project.APPROVED,
        ).values_list("project_id", "year", "kind", "amount")
        for project_id, year, kind, value in amounts:
            money[project_id][(year, kind)] = value
    stages = list(REACHED)
    return [
        ProjectFacts(
            id=row[0],
            district=row[1] or "",
            total=row[2],
            attracted=row[3],
            reached={s: d for s, d in zip(stages, row[4:], strict=True) if d is not None},
            money=money.get(row[0], {}),
        )
        for row in rows
    ]


def figures(bindings: list[Binding], year: int, jurisdiction_id: int, on: date) -> list[Figure]:
    """The figures of several bindings of one plan, with one load of the ledger."""
    if not bindings:
        return []
    floor = min(binding.min_investment for binding in bindings)
    money_year = year if any(b.measure == MONEY for b in bindings) else None
    projects = project_facts(jurisdiction_id, floor, money_year)
    districts = districts_of(jurisdiction_id) if any(b.per_district for b in bindings) else []
    return [figure(query_of(b), projects, year, on, districts) for b in bindings]


# How the tracker's status reasons name a figure taken from the ledger.
NAME = "项目台账实时数"


def bound(target_ids: set[int]) -> set[int]:
    """The targets among `target_ids` bound to the ledger, in one query."""
    return set(Binding.objects.filter(target_id__in=target_ids).values_list("target_id", flat=True))


def values(tasks: list[Task], on: date) -> dict[int, dict[str, float]]:
    """Live values of the bound targets among `tasks`: target id → {line: value}."""
    owner = {target.pk: task for task in tasks for target in task.targets.all()}
    if not owner:
        return {}
    bindings = list(Binding.objects.filter(target_id__in=owner))
    by_plan: dict[int, list[Binding]] = defaultdict(list)
    for binding in bindings:
        by_plan[owner[binding.target_id].plan_id].append(binding)
    found: dict[int, dict[str, float]] = {}
    for group in by_plan.values():
        plan = owner[group[0].target_id].plan
        for binding, result in zip(
            group, figures(group, plan.year, plan.jurisdiction_id, on), strict=True
        ):
            found[binding.target_id] = result.values
    return found

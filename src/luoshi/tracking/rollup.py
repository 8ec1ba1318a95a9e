"""A jurisdiction's plans rolled up from the ones below it: per county (or city), the status
counts of its plans of the same year, counted in SQL from the stored status columns."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.db.models import Count

from luoshi import status
from luoshi.tracking.models import Jurisdiction, Plan, Task
from luoshi.tracking.visibility import LEADER, READABLE, is_office, membership


def sees_rollup(user: Any) -> bool:
    """The office and the leaders see the jurisdictions below theirs (visibility.py)."""
    member = membership(user)
    return is_office(user) or (member is not None and member.role == LEADER)


def rollup(user: Any, plan: Plan) -> list[dict[str, Any]]:
    """One row per jurisdiction directly below the plan's: its readable plans of the plan's
    year, each with its counts per status (in `status.STATUSES` order), its total and its
    序时推进率; a jurisdiction without such a plan has an empty list. Two queries."""
    if not sees_rollup(user):
        return []
    children = list(Jurisdiction.objects.filter(parent_id=plan.jurisdiction_id).order_by("name"))
    if not children:
        return []
    plans = (
        Plan.objects.visible_to(user)
        .filter(jurisdiction__in=children, year=plan.year, state__in=READABLE)
        .defer("source_text")
        .order_by("jurisdiction_id", "pk")
    )
    found = {p.pk: p for p in plans}
    tallies: dict[int, Counter[str]] = {pk: Counter() for pk in found}
    tasks = Task.objects.filter(plan_id__in=list(found)).active().order_by()
    for plan_id, code, n in tasks.values_list("plan_id", "status").annotate(n=Count("id")):
        tallies[plan_id][code] = n
    shares = {row.key: row.share for row in status.league(tallies)}
    by_child: dict[int, list[dict[str, Any]]] = {}
    for pk, child_plan in found.items():
        tally = tallies[pk]
        by_child.setdefault(child_plan.jurisdiction_id, []).append(
            {
                "plan": child_plan,
                "cells": [tally[s] for s in status.STATUSES],
                "total": sum(tally.values()),
                "share": shares.get(pk, 0.0),
            }
        )
    return [{"jurisdiction": c, "plans": by_child.get(c.pk, [])} for c in children]

"""A lead for the tasks whose own words match no department: the one their neighbours have.

A report groups its tasks by sub-heading and section, and a group is mostly one department's
work: a task that names nothing of a remit (完成省定20项民心工程) goes to the lead most tasks of
its sub-heading, else of its section, else of the nearest task before it, have. The reason says
so; counts are taken over the leads the tasks' own words gave, never over fallbacks.
"""

from __future__ import annotations

from collections import Counter
from typing import TypeVar

from luoshi.extraction.model import Assignment, Task

_K = TypeVar("_K")


def general_lead(task: Task) -> str | None:
    """The task's own lead (not one of its indicators')."""
    for assignment in task.assignments:
        if assignment.role == "lead" and assignment.target is None:
            return assignment.department
    return None


def fill_empty_leads(tasks: list[Task]) -> None:
    """Give every task without a lead the usual lead of its group, in place."""
    own = [general_lead(task) for task in tasks]
    by_subheading: dict[tuple[str | None, str | None, str], Counter[str]] = {}
    by_section: dict[tuple[str | None, str], Counter[str]] = {}
    for task, lead in zip(tasks, own, strict=True):
        if lead is None:
            continue
        if task.subheading:
            key = (task.section_number, task.section, task.subheading)
            _count(by_subheading, key, lead)
        if task.section:
            _count(by_section, (task.section_number, task.section), lead)
    for position, task in enumerate(tasks):
        if own[position] is not None:
            continue
        found = _usual(task, by_subheading, by_section) or _neighbour(own, position)
        if found is not None:
            lead, reason = found
            rest = [a for a in task.assignments if a.department != lead or a.target is not None]
            task.assignments = [Assignment(lead, "lead", reason), *rest]


def _count(table: dict[_K, Counter[str]], key: _K, lead: str) -> None:
    counts = table.get(key)
    if counts is None:  # not setdefault(key, Counter()): a Counter is slow to build
        counts = table[key] = Counter()
    counts[lead] += 1


def _usual(
    task: Task,
    by_subheading: dict[tuple[str | None, str | None, str], Counter[str]],
    by_section: dict[tuple[str | None, str], Counter[str]],
) -> tuple[str, str] | None:
    if task.subheading:
        counts = by_subheading.get((task.section_number, task.section, task.subheading))
        if counts:
            lead, count = counts.most_common(1)[0]
            return lead, f"所在小标题常用牵头单位：{lead}（本小标题{count}项任务由其牵头）"
    if task.section:
        counts = by_section.get((task.section_number, task.section))
        if counts:
            lead, count = counts.most_common(1)[0]
            return lead, f"所在章节常用牵头单位：{lead}（本章节{count}项任务由其牵头）"
    return None


def _neighbour(own: list[str | None], position: int) -> tuple[str, str] | None:
    before = next((own[i] for i in range(position - 1, -1, -1) if own[i]), None)
    if before is not None:
        return before, f"未匹配职责，同上一项任务的牵头单位：{before}"
    after = next((own[i] for i in range(position + 1, len(own)) if own[i]), None)
    if after is not None:
        return after, f"未匹配职责，同下一项任务的牵头单位：{after}"
    return None

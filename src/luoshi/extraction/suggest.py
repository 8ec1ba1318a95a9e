"""Draft the 分工方案: a lead and supporting departments for each task, a deadline and nodes.

Pure functions of the task, its context and the plan year: nothing here reads the clock. The
office edits the draft; every suggestion says why, naming the words and the rule:

1. 主要指标: a target's indicator in the table of main indicators (data/indicators.yaml);
2. 对象: what a target counts or builds (its indicator) names a department's object or remit;
3. 职责关键词: the task's words, an object weighing double a remit word;
4. the sub-heading and section title, when the task's own words match nothing;
5. 所在章节常用牵头单位: when nothing fits, the lead most tasks of the section have.

A task that lists several indicators with different leads keeps one assignment per indicator
(`Assignment.target`), so the 分工方案 can give each its own row.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache

from luoshi.extraction.deadlines import schedule
from luoshi.extraction.departments import Department, Departments, Scope, load_departments
from luoshi.extraction.fallback import fill_empty_leads
from luoshi.extraction.indicators import match_indicator
from luoshi.extraction.model import Assignment, Extraction, Target, Task
from luoshi.extraction.text import fold, longest_word

CONTEXT_WEIGHT = 0.5  # words of the sub-heading and section title count for half
OBJECT_WEIGHT = 2.0  # an object a department owns outweighs a remit word of the same length
MAX_SUPPORT = 3

__all__ = ["assign", "matches", "schedule", "suggest"]


@dataclass
class Match:
    department: Department
    score: float
    words: list[str]
    context: bool  # matched only through the sub-heading or section title
    objects: list[str] = field(default_factory=list)  # those of `words` that are objects
    heading: list[str] = field(default_factory=list)  # words of the sub-heading or section too


def matches(
    text: str, departments: Departments, context: str = "", *, folded: str | None = None
) -> list[Match]:
    """Departments whose objects, remit words or names occur in text, best first.

    The context's words (sub-heading, section title) count at half weight for the departments
    the text names; only when no department matches the text itself do they choose alone.
    `folded` is fold(text), when the caller has it.
    """
    found = _matches(fold(text) if folded is None else folded, departments, 1.0, context=False)
    if not found and not context:
        return []
    if not found:
        around = _matches(fold(context), departments, CONTEXT_WEIGHT, context=True)
        return sorted(around, key=lambda m: -m.score)
    if context:
        # What the sub-heading and section are about weighs on the departments the task names.
        heading = {
            name: (words, score) for name, words, score, _ in _words(fold(context), departments)
        }
        for match in found:
            entry = heading.get(match.department.name)
            if entry is not None:
                match.score += CONTEXT_WEIGHT * entry[1]
                match.heading = list(entry[0])
    return sorted(found, key=lambda m: -m.score)


def _matches(folded: str, departments: Departments, weight: float, context: bool) -> list[Match]:
    """One pass over the text: at each place the longest object, remit word or name wins."""
    by_name = departments_by_name(departments)
    if context:  # sub-headings and section titles recur for every task under them
        return [
            Match(by_name[name], weight * score, list(words), context, list(objects))
            for name, words, score, objects in _words(folded, departments)
        ]
    return [  # a task's own text does not: its lists are fresh
        Match(by_name[name], weight * score, words, context, objects)
        for name, words, score, objects in _collect(folded, departments)
    ]


def _collect(
    folded: str, departments: Departments
) -> list[tuple[str, list[str], float, list[str]]]:
    """(department, its words, score, those of them that are objects) for each department."""
    pattern, owners = _index(departments)
    words: dict[str, list[str]] = {}
    objects: dict[str, list[str]] = {}
    score: dict[str, float] = {}
    for found_word in pattern.findall(folded):  # the pattern has no groups: the words
        for name, word, is_object in owners[found_word]:
            seen = words.get(name)
            if seen is None:
                words[name] = [word]
            elif word in seen:
                continue
            else:
                seen.append(word)
            score[name] = score.get(name, 0.0) + len(word) * (OBJECT_WEIGHT if is_object else 1)
            if is_object:
                objects.setdefault(name, []).append(word)
    # In the order of their first word in the text: on equal scores, the sorted list keeps the
    # department the text names first (发展定制农业，满足消费者… is farming, not commerce).
    return [(name, found, score[name], objects.get(name, [])) for name, found in words.items()]


@lru_cache(maxsize=1024)
def _words(
    folded: str, departments: Departments
) -> tuple[tuple[str, tuple[str, ...], float, tuple[str, ...]], ...]:
    """_collect's, kept: the same sub-headings and section titles come back task after task."""
    return tuple(
        (name, tuple(words), score, tuple(objects))
        for name, words, score, objects in _collect(folded, departments)
    )


@cache
def departments_by_name(departments: Departments) -> dict[str, Department]:
    return {d.name: d for d in departments.departments}


@cache
def _index(
    departments: Departments,
) -> tuple[re.Pattern[str], dict[str, list[tuple[str, str, bool]]]]:
    """A pattern of every folded object, remit word and name, longest first, and who owns each."""
    owners: dict[str, list[tuple[str, str, bool]]] = {}
    for department in departments.departments:
        for word in department.objects:
            owners.setdefault(fold(word), []).append((department.name, word, True))
        for word in dict.fromkeys((*department.aliases, department.name, *department.remit)):
            if word not in department.objects:
                owners.setdefault(fold(word), []).append((department.name, word, False))
    for word in departments.neutral:
        owners.setdefault(fold(word), [])
    return longest_word(owners), owners


@dataclass
class _Choice:
    """The lead one target's own words give, and the departments that support it."""

    lead: str
    reason: str
    support: list[tuple[str, str]]  # (department, reason)


def _target_choice(target: Target, departments: Departments) -> _Choice | None:
    main = match_indicator(target.indicator, departments)
    if main is not None:
        reason = f"主要指标：{main.word}"
        return _Choice(main.lead, reason, [(name, f"{reason}（配合）") for name in main.support])
    indicator = target.indicator
    for word in (*(target.named_items or ()), *departments.incidental):
        if word in indicator:
            indicator = indicator.replace(word, "□" * len(word))
    found = matches(indicator, departments)
    if not found:
        return None
    name = found[0].department.name
    return _Choice(name, f"对象：{'、'.join(found[0].words)} → {name}", [])


def assign(
    task: Task,
    departments: Departments,
    targets: Sequence[Target] = (),
    *,
    folded: str | None = None,
) -> list[Assignment]:
    """The lead and supporting departments and units of one task.

    `targets` are the extraction's targets (task.targets index into them): what each counts
    or builds is weighed before the rest of the sentence. `folded` is fold(task.text), when
    the caller has it.
    """
    context = _context(task.subheading, task.section)
    # Names (东北亚铁路, 鑫达钢铁) say which enterprise or project, not whose remit it is.
    text = task.text
    for name in task.named_items:
        text = text.replace(name, "□" * len(name))
    # A task's folded text, when given, is that of its words before names are blanked.
    found = matches(text, departments, context, folded=None if task.named_items else folded)
    own = [
        (index, choice)
        for index in task.targets
        if index < len(targets)
        and (choice := _target_choice(targets[index], departments)) is not None
    ]
    result: list[Assignment] = []
    if len({choice.lead for _, choice in own}) > 1:
        # Several indicators with different leads: each its own, the task the sentence's.
        for index, choice in own:
            result.append(Assignment(choice.lead, "lead", choice.reason, target=index))
            result += [Assignment(n, "support", r, target=index) for n, r in choice.support]
        if not found:
            first = own[0][1]
            result.append(Assignment(first.lead, "lead", first.reason))
    elif own:
        choice = own[0][1]
        result.append(Assignment(choice.lead, "lead", choice.reason))
        result += [Assignment(n, "support", r) for n, r in choice.support]
        found = [m for m in found if m.department.name != choice.lead]
        found = [m for m in found if m.department.name not in {a.department for a in result}]
        _add_support(result, found, None)
        result += _units(task.text, departments, folded)
        return result
    if found:
        lead = found[0]
        result.append(Assignment(lead.department.name, "lead", _reason(lead)))
        _add_support(result, found[1:], lead)
    result += _units(task.text, departments, folded)
    return result


@lru_cache(maxsize=1024)  # one string per sub-heading and section: its folding is cached too
def _context(subheading: str | None, section: str | None) -> str:
    return " ".join(x for x in (subheading, section) if x)


def _add_support(result: list[Assignment], found: list[Match], lead: Match | None) -> None:
    """Departments whose words weigh nearly as much as the lead's, up to MAX_SUPPORT."""
    top = lead.score if lead is not None else max((m.score for m in found), default=0.0)
    added = 0
    for match in found:
        if added >= MAX_SUPPORT or match.context:
            break
        if match.score >= min(top, max(3.0, 0.4 * top)):
            result.append(Assignment(match.department.name, "support", _reason(match)))
            added += 1


def _reason(match: Match) -> str:
    if match.context:
        return f"所在小标题或章节：{'、'.join(match.words)}"
    if match.objects:
        rest = [w for w in match.words if w not in match.objects]
        more = f"；职责关键词：{'、'.join(rest)}" if rest else ""
        reason = f"对象：{'、'.join(match.objects)} → {match.department.name}{more}"
    else:
        reason = f"匹配职责关键词：{'、'.join(match.words)}"
    if match.heading:
        reason += f"（所在小标题或章节：{'、'.join(match.heading)}）"
    return reason


def _units(text: str, departments: Departments, folded: str | None) -> list[Assignment]:
    """Counties, districts and zones a task names, or all of a kind when it applies to each."""
    folded = fold(text) if folded is None else folded
    result: list[Assignment] = []
    unit_words, scope_words, anywhere = _unit_index(departments)
    if anywhere.search(folded) is None:  # most tasks name no unit and no scope
        return result
    named = set()
    for unit, words in unit_words:
        for word, folded_word in words:
            if folded_word in folded:
                named.add(unit.name)
                result.append(Assignment(unit.name, "support", f"任务点名：{word}"))
                break
    for scope, words in scope_words:
        scope_word = next((w for w, f in words if f in folded), None)
        if scope_word is None:
            continue
        for unit in departments.units:
            if unit.kind in scope.kinds and unit.name not in named:
                named.add(unit.name)
                result.append(Assignment(unit.name, "support", f"任务面向：{scope_word}"))
    return result


_Words = tuple[tuple[str, str], ...]  # (word, folded word)
_UnitIndex = tuple[
    tuple[tuple[Department, _Words], ...], tuple[tuple[Scope, _Words], ...], re.Pattern[str]
]


@cache
def _unit_index(
    departments: Departments,
) -> _UnitIndex:
    """Each unit's and scope's words with their folded forms, and a pattern finding any."""
    units = tuple(
        (unit, tuple((w, fold(w)) for w in (unit.name, *unit.aliases)))
        for unit in departments.units
    )
    scopes = tuple(
        (scope, tuple((w, fold(w)) for w in scope.words)) for scope in departments.scopes
    )
    every = [f for _, words in (*units, *scopes) for _, f in words]
    return units, scopes, re.compile("") if "" in every else longest_word(every)


def suggest(
    extraction: Extraction, departments: Departments | None = None, *, folded: str | None = None
) -> Extraction:
    """Fill each task's assignments, deadline and nodes, in place; returns the extraction.

    `folded` is fold(extraction.text), when the caller has it: each task's text is then not
    folded again.
    """
    active = departments or load_departments()
    for task in extraction.tasks:
        own = None if folded is None else folded[task.start : task.end]
        task.assignments = assign(task, active, extraction.targets, folded=own)
        task.deadline, task.nodes = schedule(task.text, extraction.year, folded=own)
        if task.kind != "target" and task.deadline == f"{extraction.year}-12-31":
            task.nodes = task.nodes[-1:]
    fill_empty_leads(extraction.tasks)
    return extraction

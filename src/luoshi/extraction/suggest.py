"""Draft the 分工方案: a lead and supporting departments for each task, a deadline and nodes.

Pure functions of the task, its context and the plan year: nothing here reads the clock. The
office edits the draft; every suggestion says why (the words that matched the remit).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from functools import cache

from luoshi.extraction.departments import Department, Departments, load_departments
from luoshi.extraction.model import Assignment, Extraction, Task
from luoshi.extraction.text import fold

CONTEXT_WEIGHT = 0.5  # words of the sub-heading and section title count for half
MAX_SUPPORT = 3
_QUARTER_ENDS = {"一": 3, "二": 6, "三": 9, "四": 12, "1": 3, "2": 6, "3": 9, "4": 12}
_MONTHS = {w: i for i, w in enumerate("一二三四五六七八九十", 1)} | {"十一": 11, "十二": 12}


@dataclass
class Match:
    department: Department
    score: float
    words: list[str]
    context: bool  # matched only through the sub-heading or section title


def matches(text: str, departments: Departments, context: str = "") -> list[Match]:
    """Departments whose remit words (or names) occur in text, best first.

    Only when no department matches the text itself are the context's words (sub-heading,
    section title) tried, at half weight.
    """
    found = _matches(fold(text), departments, 1.0, context=False)
    if not found and context:
        found = _matches(fold(context), departments, CONTEXT_WEIGHT, context=True)
    return sorted(found, key=lambda m: -m.score)


def _matches(folded: str, departments: Departments, weight: float, context: bool) -> list[Match]:
    """One pass over the text: at each place the longest remit word or name wins."""
    pattern, owners = _index(departments)
    words: dict[str, list[str]] = {}
    for match in pattern.finditer(folded):
        for name, word in owners[match.group()]:
            if word not in words.setdefault(name, []):
                words[name].append(word)
    # In the order of their first word in the text: on equal scores, the sorted list keeps the
    # department the text names first (发展定制农业，满足消费者… is farming, not commerce).
    by_name = {d.name: d for d in departments.departments}
    return [
        Match(by_name[name], weight * sum(len(w) for w in found), found, context)
        for name, found in words.items()
    ]


@cache
def _index(departments: Departments) -> tuple[re.Pattern[str], dict[str, list[tuple[str, str]]]]:
    """A pattern of every folded remit word and name, longest first, and who owns each."""
    owners: dict[str, list[tuple[str, str]]] = {}
    for department in departments.departments:
        for word in dict.fromkeys((*department.aliases, department.name, *department.remit)):
            owners.setdefault(fold(word), []).append((department.name, word))
    for word in departments.neutral:
        owners.setdefault(fold(word), [])
    keys = sorted(owners, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, keys))), owners


def assign(task: Task, departments: Departments) -> list[Assignment]:
    """The lead (best remit match) and supporting departments and units of one task."""
    context = " ".join(x for x in (task.subheading, task.section) if x)
    # Names (东北亚铁路, 鑫达钢铁) say which enterprise or project, not whose remit it is.
    text = task.text
    for name in task.named_items:
        text = text.replace(name, "□" * len(name))
    found = matches(text, departments, context)
    result = []
    if found:
        lead = found[0]
        result.append(Assignment(lead.department.name, "lead", _reason(lead)))
        for match in found[1:]:
            if len(result) > MAX_SUPPORT or match.context:
                break
            if match.score >= min(lead.score, max(3.0, 0.4 * lead.score)):
                result.append(Assignment(match.department.name, "support", _reason(match)))
    result += _units(task.text, departments)
    return result


def _reason(match: Match) -> str:
    where = "所属小标题或章节" if match.context else "职责关键词"
    return f"匹配{where}：{'、'.join(match.words)}"


def _units(text: str, departments: Departments) -> list[Assignment]:
    """Counties, districts and zones a task names, or all of a kind when it applies to each."""
    folded = fold(text)
    result: list[Assignment] = []
    named = set()
    for unit in departments.units:
        for word in (unit.name, *unit.aliases):
            if fold(word) in folded:
                named.add(unit.name)
                result.append(Assignment(unit.name, "support", f"任务点名：{word}"))
                break
    for scope in departments.scopes:
        scope_word = next((w for w in scope.words if fold(w) in folded), None)
        if scope_word is None:
            continue
        for unit in departments.units:
            if unit.kind in scope.kinds and unit.name not in named:
                named.add(unit.name)
                result.append(Assignment(unit.name, "support", f"任务面向：{scope_word}"))
    return result


def schedule(text: str, year: int | None) -> tuple[str | None, list[str]]:
    """The deadline (ISO date) a task's words set, else the plan year's end; and its nodes.

    Nodes are quarter ends for a task due at the year's end, year ends for a multi-year task.
    """
    folded = fold(text)
    later = re.search(r"(?:到|至|于|在|力争|前)(20\d\d)年(?:年?底|末)?", folded)
    if later and (year is None or int(later.group(1)) > year):
        end_year = int(later.group(1))
        start = year if year is not None else end_year
        return f"{end_year}-12-31", [f"{y}-12-31" for y in range(start, end_year + 1)]
    if year is None:
        return None, []
    month = _month(folded)
    if month is not None:
        return _month_end(year, month), _quarter_nodes(year, month)
    return f"{year}-12-31", _quarter_nodes(year, 12)


def _month(folded: str) -> int | None:
    """The month a deadline phrase in the text names (6月底前, 上半年, 三季度), if any."""
    month = r"(\d{1,2}|十[一二]|[一二三四五六七八九十])月"
    match = re.search(month + r"(?:份)?(?:底|末|前|底前)", folded)
    if match:
        word = match.group(1)
        return int(word) if word.isdigit() else _MONTHS[word]
    match = re.search(r"(?:前|第)?([一二三四1-4])季度", folded)
    if match:
        return _QUARTER_ENDS[match.group(1)]
    if "上半年" in folded:
        return 6
    return None


def _month_end(year: int, month: int) -> str:
    return f"{year}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"


def _quarter_nodes(year: int, month: int) -> list[str]:
    return [_month_end(year, m) for m in (3, 6, 9, 12) if m <= month]


def suggest(extraction: Extraction, departments: Departments | None = None) -> Extraction:
    """Fill each task's assignments, deadline and nodes, in place; returns the extraction."""
    active = departments or load_departments()
    for task in extraction.tasks:
        task.assignments = assign(task, active)
        task.deadline, task.nodes = schedule(task.text, extraction.year)
        if task.kind != "target" and task.deadline == f"{extraction.year}-12-31":
            task.nodes = task.nodes[-1:]
    return extraction

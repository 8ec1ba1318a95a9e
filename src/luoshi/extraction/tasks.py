"""Split the plan part into tasks: one actionable commitment each, with its targets and names.

A task is a sentence of the plan part, or a clause of one when the sentence holds several
commitments: clauses split at a semicolon, and at a comma when a new quantitative target starts
after one the task already holds (对接企业不少于100个，每个县(区)新招…不少于1个). Ceremony,
exhortation, section headings and sub-headings are not tasks; a sentence that holds a target always
is one, so that every target lies in exactly one task.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import cache

from luoshi.extraction.lexicons import TaskRules, task_rules
from luoshi.extraction.model import Part, Section, Subheading, Target, Task
from luoshi.extraction.structure import SectionIndex, is_glossary_heading, paragraphs, sentences
from luoshi.extraction.text import Spans, any_of

_CJK = re.compile(r"[\u4e00-\u9fff]")
_COUNT = r"(?:[\d.]+|[一二三四五六七八九十两百千]+)[个户家项条座所处片批]"


class _Starts:
    """Target starts, sorted, to ask "which targets start in [start, end)" in log time."""

    def __init__(self, targets: list[Target], kind: str | None = None) -> None:
        pairs = sorted((t.start, i) for i, t in enumerate(targets) if kind in (None, t.kind))
        self.starts = [p[0] for p in pairs]
        self.indexes = [p[1] for p in pairs]
        self.ends = [targets[p[1]].end for p in pairs]

    def holds(self, start: int, end: int) -> bool:
        """Whether a whole target lies in [start, end)."""
        lo, hi = bisect_left(self.starts, start), bisect_left(self.starts, end)
        return any(e <= end for e in self.ends[lo:hi])

    def crosses(self, position: int) -> bool:
        """Whether a target starts before `position` and ends after it."""
        hi = bisect_left(self.starts, position)
        return any(e > position for e in self.ends[max(0, hi - 8) : hi])

    def count(self, start: int, end: int) -> int:
        """How many targets start in [start, end)."""
        return bisect_left(self.starts, end) - bisect_left(self.starts, start)

    def within(self, start: int, end: int) -> list[int]:
        lo, hi = bisect_left(self.starts, start), bisect_left(self.starts, end)
        return sorted(self.indexes[lo:hi])

    def any(self, start: int, end: int) -> bool:
        lo = bisect_left(self.starts, start)
        return lo < len(self.starts) and self.starts[lo] < end


def find_tasks(
    text: str,
    folded: str,
    parts: list[Part],
    sections: list[Section],
    subheadings: list[Subheading],
    targets: list[Target],
    rules: TaskRules | None = None,
) -> list[Task]:
    """The tasks of a report, in reading order, with ids T001, T002, …"""
    active = rules or task_rules()
    quiet = Spans(quiet_zones(folded, sections, active))
    plan = Spans((p.start, p.end) for p in parts if p.kind == "plan")
    lead_starts = {s.start for s in subheadings}
    heading_at = {s.start: s for s in sections}
    spans: list[tuple[int, int, str]] = []
    promised, every = _Starts(targets, "target"), _Starts(targets)
    for start, end in sentences(folded):
        if start in heading_at:
            start = _after_heading(folded, start, end, heading_at, promised)
        if start >= end or not _CJK.search(folded, start, end):
            continue
        if not promised.any(start, end) and (
            start in lead_starts
            or start not in plan
            or start in quiet
            or _is_ceremony(folded[start:end], active)
        ):
            continue
        spans.extend(_clauses(folded, start, end, promised, active))
    tasks = []
    index_of_sections = SectionIndex(sections)
    lead_starts_sorted = [s.start for s in subheadings]  # in text order, never overlapping
    for number, (start, end, rule) in enumerate(spans, 1):
        section = index_of_sections.innermost(start)
        at = bisect_right(lead_starts_sorted, start) - 1
        sub = [subheadings[at]] if at >= 0 and start < subheadings[at].body_end else []
        inside = every.within(start, end)
        words = text[start:end]
        named = named_items(words, active)
        for index in inside:
            named += [n for n in targets[index].named_items or [] if n not in named]
        tasks.append(
            Task(
                id=f"T{number:03d}",
                text=words,
                start=start,
                end=end,
                section=section.title if section else None,
                subheading=sub[-1].title if sub else None,
                kind=_kind(words, inside, named, targets, active),
                targets=inside,
                named_items=named,
                section_number=section.number if section else None,
                rule=rule,
            )
        )
    return tasks


def quiet_zones(
    folded: str, sections: list[Section], rules: TaskRules | None = None
) -> list[tuple[int, int]]:
    """Spans where no task starts: closing words up to the next heading, and glossaries."""
    rules = rules or task_rules()
    heading_starts = sorted(s.start for s in sections)
    zones = []
    for start, end in paragraphs(folded):
        line = folded[start:end]
        if line.startswith(rules.closing_openings):
            at = bisect_right(heading_starts, start)
            zones.append((start, heading_starts[at] if at < len(heading_starts) else len(folded)))
        elif is_glossary_heading(line, rules.glossary_headings):
            zones.append((start, len(folded)))
    return zones


def _after_heading(
    folded: str, start: int, end: int, heading_at: dict[int, Section], promised: _Starts
) -> int:
    """Skip a section heading that opens the sentence, unless it holds a target."""
    section = heading_at.get(start)
    if section is not None and not promised.any(section.start, section.end):
        start = section.end
        while start < end and folded[start] in "。.!? ":
            start += 1
    return start


def _is_ceremony(sentence: str, rules: TaskRules) -> bool:
    body = sentence.lstrip("—- ")
    if body.startswith(rules.non_task_openings):
        return True
    if any_of(rules.non_task_phrases).search(body):
        return True
    if body.startswith(rules.framing_openings) and not _commits(body, rules):
        return True
    return not any_of(rules.action_verbs).search(body)


def _commits(sentence: str, rules: TaskRules) -> bool:
    """Whether a later clause of a framing sentence still commits (…，要实施癌症防治行动)."""
    clauses = re.split(r"[,;:]", sentence)[1:]
    return any(c.lstrip().startswith(rules.commitment_markers) for c in clauses)


def _clauses(
    folded: str, start: int, end: int, promised: _Starts, rules: TaskRules
) -> list[tuple[int, int, str]]:
    """Cut one sentence into commitments (see the module docstring)."""
    if not promised.any(start, end) and folded.find(";", start, end) < 0:
        # Only a semicolon or a target cuts a sentence: most have neither.
        return [(start, end, "task.sentence")] if _CJK.search(folded, start, end) else []
    pieces = []  # (start, end, delimiter before)
    piece_start, before = start, ""
    for i in _top_level(folded, start, end, ",;"):
        pieces.append((piece_start, i, before))
        piece_start, before = i + 1, folded[i]
    pieces.append((piece_start, end, before))
    groups: list[list[int]] = []  # [start, end, has_target]
    for p_start, p_end, delimiter in pieces:
        clause = folded[p_start:p_end]
        has_target = promised.any(p_start, p_end)
        split = bool(groups) and (
            (delimiter == ";" and len(_CJK.findall(clause)) >= 4)
            or (delimiter == "," and has_target and groups[-1][2] and _opens(clause, rules))
        )
        if split:
            groups.append([p_start, p_end, int(has_target)])
        elif groups:
            groups[-1][1] = p_end
            groups[-1][2] |= has_target
        else:
            groups.append([p_start, p_end, int(has_target)])
    spans = [item for s, e, _ in groups for item in _items(folded, s, e, promised, rules)]
    rule = "task.sentence" if len(spans) == 1 else "task.clause"
    return [(s, e, rule) for s, e in spans if _CJK.search(folded, s, e)]


def _items(
    folded: str, start: int, end: int, promised: _Starts, rules: TaskRules
) -> list[tuple[int, int]]:
    """Cut a clause at 、 where the items on both sides are each a verb, an object and a target.

    新建良田20.4万亩、造林26.3万亩、治河67.5公里 is three commitments (three departments);
    打造10个“数字领航”企业、100个先进级智能工厂 shares one verb and stays one task.
    """
    if promised.count(start, end) < 2:
        return [(start, end)]
    bounds = _top_level(folded, start, end, "、,;")
    edges = [start - 1, *bounds, end]
    cuts = []
    for index in range(1, len(edges) - 1):
        mark = edges[index]
        if folded[mark] != "、":
            continue
        before = (edges[index - 1] + 1, mark)
        after = (mark + 1, edges[index + 1])
        if (
            promised.holds(*before)
            and promised.holds(*after)
            and not promised.crosses(mark)
            and _opens_item(folded[after[0] : after[1]], rules)
        ):
            cuts.append(mark)
    pieces = [start, *(c + 1 for c in cuts)]
    return [(s, e) for s, e in zip(pieces, [*cuts, end], strict=True)]


def _top_level(folded: str, start: int, end: int, marks: str) -> list[int]:
    """Positions of the marks outside brackets and quotes."""
    found, depth = [], 0
    for match in _marks(marks).finditer(folded, start, end):
        char = match.group()
        if char in "(“《[":
            depth += 1
        elif char in ")”》]":
            depth = max(0, depth - 1)
        elif depth == 0:
            found.append(match.start())
    return found


@cache
def _marks(marks: str) -> re.Pattern[str]:
    """Brackets, quotes and `marks`: the only characters _top_level looks at."""
    return re.compile("[" + re.escape("(“《[)”》]" + marks) + "]")


def _opens_item(item: str, rules: TaskRules) -> bool:
    """An item opening with a verb of its own (造林…, 治河…), not a noun sharing the one before."""
    return not item.startswith(rules.attach_openings) and item.startswith(rules.item_verbs)


def _opens(clause: str, rules: TaskRules) -> bool:
    """A clause that opens with a verb or a scope word (对接企业…, 每个县(区)新招…), not 其中…"""
    clause = clause.lstrip()
    if clause.startswith(rules.attach_openings):
        return False
    return clause.startswith(rules.action_verbs) or clause.startswith(rules.scope_words)


def named_items(sentence: str, rules: TaskRules | None = None) -> list[str]:
    """Names listed with 、 before 等 and a project/enterprise/place noun."""
    active = rules or task_rules()
    found: list[str] = []
    if "等" not in sentence:  # every list of names closes with 等
        return found
    for match in _named_list(active).finditer(sentence):
        head = re.split(r"[,，;；:：。]", sentence[: match.start()])[-1]
        items = head.split("、")
        if len(items) < 2:
            continue
        items[0] = _strip_lead(re.split(r"[与和同]", items[0])[-1], active)
        for item in items:
            item = item.strip(' “”"')
            if 2 <= len(item) <= 20 and item not in found:
                found.append(item)
    return found


@cache
def _named_list(rules: TaskRules) -> re.Pattern[str]:
    """等 closing a list of names, then a project, enterprise or place noun: 等18个路桥工程."""
    nouns = "|".join(map(re.escape, rules.named_list_nouns))
    return re.compile(rf"等(?:{_COUNT})?[^,;:。、等]{{0,6}}?(?:{nouns})")


def _strip_lead(item: str, rules: TaskRules) -> str:
    """Drop the verbs and scope words that open a clause (重点推进福泰大路 → 福泰大路)."""
    changed = True
    while changed and item.startswith(_lead_words(rules)):
        changed = False
        for word in _lead_words(rules):
            if item.startswith(word) and len(item) > len(word) + 1:
                item, changed = item[len(word) :], True
                break
    return item


@cache
def _lead_words(rules: TaskRules) -> tuple[str, ...]:
    return (*rules.action_verbs, *rules.scope_words)


def _kind(
    sentence: str, inside: list[int], named: list[str], targets: list[Target], rules: TaskRules
) -> str:
    if inside and any(targets[i].kind == "target" for i in inside):
        return "target"
    builds = any_of(rules.project_words).search(sentence)
    # Named items make a project task when the sentence builds something: a list of named
    # enterprises that 剥离非主营业务 is not a construction project.
    if named and builds:
        return "project"
    if any_of(rules.reform_words).search(sentence):
        return "reform"
    if builds:
        return "project"
    return "qualitative"

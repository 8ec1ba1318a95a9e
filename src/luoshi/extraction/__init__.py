"""Text → structure and quantitative targets (pure Python, no Django).

from luoshi.extraction import extract
for target in extract(text).targets: ...
"""

from __future__ import annotations

from luoshi.datafiles import RuleError
from luoshi.extraction.departments import Departments, load_departments
from luoshi.extraction.lexicons import Rules, load_rules, rules, task_rules
from luoshi.extraction.model import Assignment, Extraction, Part, Section, Subheading, Target, Task
from luoshi.extraction.parts import find_parts, find_year, heading_lines
from luoshi.extraction.structure import (
    find_sections,
    find_subheadings,
    find_title,
    glossary_start,
    paragraphs,
    sentences,
)
from luoshi.extraction.suggest import suggest
from luoshi.extraction.targets import TargetFinder
from luoshi.extraction.tasks import find_tasks, named_items, quiet_zones
from luoshi.extraction.text import fold
from luoshi.reading.document import Document


def extract(
    text: str,
    *,
    year: int | None = None,
    rule_set: Rules | None = None,
    departments: Departments | None = None,
) -> Extraction:
    """Extract the outline, targets and tasks of a report, with suggested departments.

    Every offset points into `text`. `year` is the plan year when the text does not say it;
    `departments` is a city's departments file (`load_departments(path)`), else the generic one.
    """
    folded = fold(text)
    result = _outline_and_targets(text, folded, year, rule_set)
    parts, sections, targets = result.parts, result.sections, result.targets
    spans = sentences(folded)
    plan = [(p.start, p.end) for p in parts if p.kind == "plan"]
    quiet = quiet_zones(folded, sections)
    subheadings = [
        sub
        for sub in find_subheadings(folded, spans, sections)
        if any(start <= sub.start < end for start, end in plan)
        and not any(start <= sub.start < end for start, end in quiet)
    ]
    for sub in subheadings:
        sub.title = text[sub.start : sub.end]
    for target in targets:  # 福泰大路、安北大街…等18个路桥工程
        target.named_items = named_items(target.text) or None
    result.tasks = find_tasks(text, folded, parts, sections, subheadings, targets)
    result.subheadings = subheadings
    result.sentences = spans
    return suggest(result, departments, folded=folded)  # task texts are slices of it


def extract_targets(
    text: str, *, year: int | None = None, rule_set: Rules | None = None
) -> Extraction:
    """Only the outline (sections, review and plan parts) and the targets: the fast path."""
    return _outline_and_targets(text, fold(text), year, rule_set)


def _outline_and_targets(
    text: str, folded: str, year: int | None, rule_set: Rules | None
) -> Extraction:
    active = rule_set or rules()
    glossary_headings = task_rules().glossary_headings
    sections = find_sections(folded, glossary_headings)
    for section in sections:  # titles as written (full-width commas), not folded
        at = folded.find(section.title, section.start, section.end)
        section.title = text[at : at + len(section.title)]
    spans = paragraphs(folded)
    tops = [s for s in sections if s.level == 1]
    lines = heading_lines(folded, spans, sections, active)
    headings = sorted([*tops, *lines], key=lambda s: s.start)
    year = year or find_year(folded, headings, active)
    glossary = glossary_start(folded, glossary_headings)
    parts = find_parts(folded, headings, active, year, spans, glossary)
    return Extraction(
        text=text,
        year=year,
        title=find_title(text),
        parts=parts,
        sections=sections,
        targets=TargetFinder(text, folded, active, parts, sections, year).find(),
    )


def extract_document(
    document: Document, *, year: int | None = None, departments: Departments | None = None
) -> Extraction:
    """Extract from a read document; every offset then points into `document.original`.

    The extractor sees the cleaned text (page breaks joined, captions gone) and its spans are
    mapped back through the document's offset map.
    """
    result = extract(document.text, year=year, departments=departments)
    original = document.original
    for target in result.targets:
        target.start, target.end = document.to_original(target.start, target.end)
        target.text = original[target.start : target.end]
        if target.restated:
            target.restated = [document.to_original(s, e) for s, e in target.restated]
    for task in result.tasks:
        task.start, task.end = document.to_original(task.start, task.end)
        task.text = original[task.start : task.end]
    for sub in result.subheadings:
        sub.start, sub.end = document.to_original(sub.start, sub.end)
        sub.body_end = document.to_original(sub.body_end - 1, sub.body_end)[1]
    result.sentences = [document.to_original(s, e) for s, e in result.sentences]
    for section in result.sections:
        section.start, section.end = document.to_original(section.start, section.end)
        section.body_end = document.to_original(section.body_end - 1, section.body_end)[1]
    for part in result.parts:
        part.start, part.end = (
            document.to_original(part.start, part.end)
            if part.end > part.start
            else (part.start, part.end)
        )
    result.text = original
    return result


__all__ = [
    "Assignment",
    "Departments",
    "Extraction",
    "Part",
    "RuleError",
    "Rules",
    "Section",
    "Subheading",
    "Target",
    "Task",
    "extract",
    "extract_document",
    "extract_targets",
    "load_departments",
    "load_rules",
]

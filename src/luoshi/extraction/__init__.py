"""Text → structure and quantitative targets (pure Python, no Django).

from luoshi.extraction import extract
for target in extract(text).targets: ...
"""

from __future__ import annotations

from luoshi.extraction.model import Assignment, Extraction, Part, Section, Subheading, Target, Task
from luoshi.extraction.rules import RuleError, Rules, load_rules, rules
from luoshi.extraction.structure import (
    find_parts,
    find_sections,
    find_subheadings,
    find_title,
    find_year,
    sentences,
)
from luoshi.extraction.targets import TargetFinder
from luoshi.extraction.tasks import find_tasks, quiet_zones
from luoshi.extraction.text import fold
from luoshi.reading.document import Document


def extract(text: str, *, year: int | None = None, rule_set: Rules | None = None) -> Extraction:
    """Extract the outline and the quantitative targets of a report.

    Every offset points into `text`. `year` is the plan year when the text does not say it.
    """
    active = rule_set or rules()
    folded = fold(text)
    sections = find_sections(folded)
    parts = find_parts(folded, sections, active)
    finder = TargetFinder(text, folded, active, parts, sections)
    targets = finder.find()
    spans = sentences(folded)
    plan = [(p.start, p.end) for p in parts if p.kind == "plan"]
    quiet = quiet_zones(folded, sections)
    subheadings = [
        sub
        for sub in find_subheadings(folded, spans, sections)
        if any(start <= sub.start < end for start, end in plan)
        and not any(start <= sub.start < end for start, end in quiet)
    ]
    return Extraction(
        text=text,
        year=year or find_year(folded, sections),
        title=find_title(text),
        parts=parts,
        sections=sections,
        targets=targets,
        tasks=find_tasks(text, folded, parts, sections, subheadings, targets),
        subheadings=subheadings,
        sentences=spans,
    )


def extract_document(document: Document, *, year: int | None = None) -> Extraction:
    """Extract from a read document; every offset then points into `document.original`.

    The extractor sees the cleaned text (page breaks joined, captions gone) and its spans are
    mapped back through the document's offset map.
    """
    result = extract(document.text, year=year)
    original = document.original
    for target in result.targets:
        target.start, target.end = document.to_original(target.start, target.end)
        target.text = original[target.start : target.end]
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
    "load_rules",
]

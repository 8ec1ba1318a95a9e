"""Text → structure and quantitative targets (pure Python, no Django).

from luoshi.extraction import extract
for target in extract(text).targets: ...
"""

from __future__ import annotations

from luoshi.extraction.model import Extraction, Part, Section, Target
from luoshi.extraction.rules import RuleError, Rules, load_rules, rules
from luoshi.extraction.structure import find_parts, find_sections, find_title, find_year
from luoshi.extraction.targets import TargetFinder
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
    return Extraction(
        text=text,
        year=year or find_year(folded, sections),
        title=find_title(text),
        parts=parts,
        sections=sections,
        targets=finder.find(),
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
    "Extraction",
    "Part",
    "RuleError",
    "Rules",
    "Section",
    "Target",
    "extract",
    "extract_document",
    "load_rules",
]

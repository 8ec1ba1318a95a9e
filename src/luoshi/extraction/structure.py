"""The report's outline: title, year, numbered sections, and the review and plan parts."""

from __future__ import annotations

import re

from luoshi.extraction.model import Part, Section
from luoshi.extraction.rules import Rules

CN = "一二三四五六七八九十"
_HEADINGS = [
    # (level, pattern on a paragraph start); group 1 is the number, group 2 the title.
    (1, re.compile(rf"([{CN}]+)、([^\n。]{{2,60}}?)(?=[。\n]|$)")),
    (2, re.compile(rf"[(（]([{CN}]+)[)）]([^\n。]{{2,80}}?)(?=[。\n]|$)")),
    (2, re.compile(rf"([{CN}]+)是([^\n。]{{2,80}}?)(?=[。\n]|$)")),
    (2, re.compile(rf"第([{CN}]+)[,，]([^\n。]{{2,80}}?)(?=[。\n]|$)")),
    (3, re.compile(r"(\d{1,2})[.．、]([^\n。\d][^\n。]{1,60}?)(?=[。\n]|$)")),
]
_YEAR = re.compile(r"(20\d\d)年")


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Half-open spans of the non-empty lines of `text`, leading spaces excluded."""
    spans = []
    for match in re.finditer(r"[^\n]+", text):
        start = match.start() + len(match.group()) - len(match.group().lstrip())
        if start < match.end():
            spans.append((start, match.end()))
    return spans


def find_sections(text: str) -> list[Section]:
    sections: list[Section] = []
    for start, end in paragraphs(text):
        for level, pattern in _HEADINGS:
            match = pattern.match(text, start, end)
            if match:
                sections.append(
                    Section(level, match.group(1), match.group(2).strip(), start, match.end(), end)
                )
                break
    for index, section in enumerate(sections):
        later = [s.start for s in sections[index + 1 :] if s.level <= section.level]
        section.body_end = later[0] if later else len(text)
    return sections


def find_title(text: str) -> str | None:
    for start, end in paragraphs(text)[:5]:
        line = text[start:end].strip()
        if "报告" in line and len(line) <= 40 and not any(mark in line for mark in "，。,"):
            return line
    return None


def find_year(text: str, sections: list[Section]) -> int | None:
    """The plan year: from a plan heading, else from the first date near the top."""
    for section in sections:
        if section.level == 1 and "回顾" not in section.title:
            match = _YEAR.search(section.title)
            if match:
                return int(match.group(1))
    match = _YEAR.search(text[:400])
    return int(match.group(1)) if match else None


def find_parts(text: str, sections: list[Section], rules: Rules) -> list[Part]:
    """Split the text into review (past results) and plan (commitments) parts."""
    tops = [s for s in sections if s.level == 1]
    kinds = []
    for section in tops:
        if any(word in section.title for word in rules.review_headings):
            kinds.append("review")
        elif any(word in section.title for word in rules.plan_headings):
            kinds.append("plan")
        else:
            kinds.append(kinds[-1] if kinds else "plan")
    if "review" not in kinds:
        return [Part("plan", 0, len(text))]
    parts = [Part(kinds[0], 0, tops[0].start)] if tops[0].start > 0 else []
    for section, kind in zip(tops, kinds, strict=True):
        if parts and parts[-1].kind == kind:
            parts[-1].end = section.body_end
        else:
            parts.append(Part(kind, section.start, section.body_end))
    parts[-1].end = len(text)
    return parts

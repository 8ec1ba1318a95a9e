"""The review (past results) and plan (commitments) parts of a report, and its plan year.

A report reviews past years, then plans: `一、2024年工作回顾` then `二、2025年工作安排`. A
handover-year (换届) report reviews five years, then plans five years and this year
(`今后五年…`, `对今年政府工作的建议`). Some texts mark these parts with unnumbered heading lines
(`“十三五”时期和2020年工作回顾`), some only with paragraph openings (`过去一年，…`). Every part
keeps the id of the rule that set its kind, so `luoshi parse` can say how the split was found.
"""

from __future__ import annotations

import re
from functools import cache

from luoshi.extraction.lexicons import Rules
from luoshi.extraction.model import Part, Section
from luoshi.extraction.structure import paragraphs
from luoshi.extraction.text import SENTENCE_END

# A paragraph that sets the year's goals: 预期目标/主要目标 then a rate, not goals of the past
# (完成了“十二五”预期目标, 明显低于年初预期目标).
_GOALS = re.compile(r"(?:预期目标|主要目标)[^。\n]{0,40}?\d+(?:\.\d+)?\s*[%％]")
_PAST_GOALS = re.compile(r"(?:完成|实现|低于|高于|超过?|年初)[^,，。\n]{0,6}$")
_YEAR = re.compile(r"((?:19|20)\d\d)年")
# An unnumbered heading line: short, no sentence punctuation.
_HEADING_LINE_MAX = 32
# A colon may join a motto and a heading (站在新起点：2012年工作回顾), not end one.
_SENTENCE_MARKS = re.compile(r"[,;。!?，；！？、]|[:：]$")


def heading_kind(title: str, rules: Rules, year: int | None) -> tuple[str | None, str]:
    """ "review", "plan" or None for a heading, with the id of the rule that decided.

    Words decide first; when a heading has both kinds
    (“十四五”时期发展成就和“十五五”时期主要目标任务) the later words name what the section is about.
    Then the years named: all before the plan year is a review (2024年工作回顾), the plan year
    or later a plan (2020年工作).
    """
    review = _last(title, rules.review_headings)
    plan = _last(title, rules.plan_headings)
    if review >= 0 or plan >= 0:
        return ("review" if review > plan else "plan"), "part.heading_words"
    years = [int(y) for y in _YEAR.findall(title)]
    if years and year:
        return ("plan" if max(years) >= year else "review"), "part.heading_year"
    return None, "part.inherited"


@cache
def _periods(rules: Rules) -> re.Pattern[str]:
    words = "|".join(map(re.escape, rules.heading_periods))
    return re.compile(rf"(?:19|20)\d\d年|{words}")


def _last(title: str, words: tuple[str, ...]) -> int:
    return max((title.rfind(word) for word in words), default=-1)


def heading_lines(
    text: str, spans: tuple[tuple[int, int], ...], sections: list[Section], rules: Rules
) -> list[Section]:
    """Unnumbered heading lines that name a period and a review or a plan.

    2003年工作回顾, “十三五”时期和2020年工作回顾, 今后五年的主要任务: short, no sentence marks,
    not a numbered section.
    """
    numbered = {section.start for section in sections}
    periods = _periods(rules)
    found = []
    for start, end in spans:
        line = text[start:end]
        if len(line) > _HEADING_LINE_MAX or start in numbered or _SENTENCE_MARKS.search(line):
            continue
        if periods.search(line):
            found.append(Section(0, "", line, start, end, end))
    return found


def find_year(text: str, headings: list[Section], rules: Rules) -> int | None:
    """The plan year: the latest year a top heading plans, or the year after the one it reviews.

    Without such a heading, the first date near the top of the text.
    """
    candidates = []
    for heading in headings:
        years = [int(y) for y in _YEAR.findall(heading.title)]
        if not years:
            continue
        kind, _ = heading_kind(heading.title, rules, None)
        candidates.append(max(years) + 1 if kind == "review" else max(years))
    if candidates:
        return max(candidates)
    match = _YEAR.search(text[:400])
    return int(match.group(1)) if match else None


def find_parts(
    text: str,
    headings: list[Section],
    rules: Rules,
    year: int | None,
    spans: tuple[tuple[int, int], ...],
    glossary: int | None = None,
) -> list[Part]:
    """Split the text into review and plan parts; a glossary at the end is a part of its own.

    `headings` are the top-level sections and the unnumbered heading lines, in text order.
    """
    end = len(text) if glossary is None else glossary
    parts = _by_headings(text, [h for h in headings if h.start < end], rules, year, end)
    if parts is None:
        parts = _by_openings(text, rules, spans, end) or [Part("plan", 0, end, "part.whole")]
    if glossary is not None:
        parts.append(Part("glossary", glossary, len(text), "part.glossary"))
    return parts


def _by_headings(
    text: str, headings: list[Section], rules: Rules, year: int | None, end: int
) -> list[Part] | None:
    marks: list[tuple[int, str, str]] = []  # (start, kind, rule)
    for index, heading in enumerate(headings):
        kind, rule = heading_kind(heading.title, rules, year)
        if heading.level == 0 and rule == "part.heading_year":
            kind, rule = None, "part.inherited"  # a date line (2022年1月27日在…) names no part
        previous = marks[-1][1] if marks else None
        body_end = headings[index + 1].start if index + 1 < len(headings) else end
        if kind is None and previous == "review" and _plans(text[heading.end : body_end], rules):
            kind, rule = "plan", "part.plan_body"
        if kind is None and heading.level > 0 and _reviews(text[heading.end : body_end], rules):
            kind, rule = "review", "part.review_body"
        if kind is None:
            if heading.level == 0:
                continue  # an unnumbered line that names nothing is not a heading
            kind = previous or "plan"
        marks.append((heading.start, kind, rule))
    if not any(kind == "review" for _, kind, _ in marks):
        return None
    if marks[-1][1] == "review":  # 2003年工作回顾 … 今年是…: the plan has no heading of its own
        plan = _plan_opening(text, marks[-1][0], end, rules)
        if plan is not None:
            marks.append((plan, "plan", "part.opening"))
    parts: list[Part] = []
    if marks[0][0] > 0:
        parts.append(Part(marks[0][1], 0, marks[0][0], marks[0][2]))  # the preamble
    for start, kind, rule in marks:
        if parts and parts[-1].kind == kind:
            continue
        if parts:
            parts[-1].end = start
        parts.append(Part(kind, start, end, rule))
    parts[-1].end = end
    return parts


def _plan_opening(text: str, start: int, end: int, rules: Rules) -> int | None:
    for p_start, p_end in paragraphs(text):
        if start < p_start < end and text[p_start:p_end].startswith(rules.plan_openings):
            return p_start
    return None


_SENTENCE_END = re.compile(f"[{re.escape(SENTENCE_END)}]")  # the text is folded


def _reviews(body: str, rules: Rules) -> bool:
    """A section with an unnamed heading reviews when one of its first sentences opens on a past
    period (2025年是“十四五”收官之年。一年来，我们…)."""
    opening = body.lstrip()[:300]
    sentences = _SENTENCE_END.split(opening)[:3]
    return any(s.strip().startswith(rules.review_openings) for s in sentences)


def _plans(body: str, rules: Rules) -> bool:
    """A section with an unnamed heading plans if it sets the year's goals (预期目标是…)."""
    return any(marker in body for marker in rules.plan_markers)


def _by_openings(
    text: str, rules: Rules, spans: tuple[tuple[int, int], ...], end: int
) -> list[Part] | None:
    """Review and plan of a report without headings, from paragraph openings.

    The review runs from the first paragraph that opens on a past period (过去一年，…) to the
    first later paragraph that opens on the plan (今年…, 2022年政府工作…); None if there is no
    such pair in order.
    """
    spans = tuple((s, e) for s, e in spans if s < end)
    review = next((s for s, e in spans if text[s:e].startswith(rules.review_openings)), None)
    if review is None or review > end // 2:
        return None
    plan = next(
        (s for s, e in spans if s > review and text[s:e].startswith(rules.plan_openings)), None
    )
    if plan is None:
        return None
    parts = [Part("plan", 0, review, "part.preamble")] if review > 0 else []
    return [
        *parts,
        Part("review", review, plan, "part.opening"),
        Part("plan", plan, end, "part.opening"),
    ]


def has_goals(text: str) -> bool:
    """Whether `text` has a paragraph setting goals: 预期目标/主要目标 followed by a rate."""
    return any(
        not _PAST_GOALS.search(text, max(0, m.start() - 12), m.start())
        for m in _GOALS.finditer(text)
    )


def warnings(text: str, targets: int) -> list[str]:
    """What a reader should check by hand: a goals paragraph that gave no targets."""
    if targets == 0 and has_goals(text):
        return ["a 预期目标/主要目标 paragraph but no targets found: check the review/plan split"]
    return []

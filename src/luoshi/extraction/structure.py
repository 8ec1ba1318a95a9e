"""The report's outline: title, year, numbered sections, and the review and plan parts."""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from luoshi.extraction.model import Section, Subheading
from luoshi.extraction.text import NOTE_MARK, Spans

CN = "一二三四五六七八九十"
# A title ends at 。, at the line end, or at a space before the body text that follows it on
# the same line (二、2005年主要任务 今年是…).
_TITLE_END = r"(?=[。\n]| (?=[^ \n])|$)"
_HEADINGS = [
    # (level, pattern on a paragraph start); group 1 is the number, group 2 the title.
    (1, re.compile(rf" ?([{CN}]+)、 ?([^\n。 ][^\n。]{{1,59}}?){_TITLE_END}")),
    (2, re.compile(rf"[(（]([{CN}]+)[)）]([^\n。]{{2,80}}?){_TITLE_END}")),
    (2, re.compile(rf"([{CN}]+)是([^\n。]{{2,80}}?)(?=[。\n]|$)")),
    (2, re.compile(rf"第([{CN}]+)[,，]([^\n。]{{2,80}}?)(?=[。\n]|$)")),
    (3, re.compile(r"(\d{1,2})[.．、]([^\n。\d][^\n。]{1,60}?)(?=[。\n]|$)")),
]


# Some copies run the whole report on one line, marking paragraphs only by a run of
# (folded) spaces; three or more spaces never occur inside a Chinese sentence.
# Texts joined by single spaces still start a numbered heading after a sentence end and a
# space (…提出意见。 一、2021年工作回顾 过去一年，…).
_PARAGRAPH_END = rf"\n| {{3,}}|(?<=[。!?:]) {{1,2}}(?:[{CN}]+、|[(（][{CN}]+[)）])|$"
# A paragraph runs to the first place where one ends; only a line end, a space or the text's
# end can be one, so the runs between spaces are taken whole (the same spans as a lazy
# `[^\n]+?(?=end)`, which tries the end at every character).
_PARAGRAPH = re.compile(rf"[^\n](?:[^\n ]+|(?!{_PARAGRAPH_END}) )*+")
_SENTENCE = re.compile(r"[^。!?]+(?:[。!?]+[”’\"]?|$)")
# A sub-heading: a short lead sentence without a comma or a number, ending in 。
_SUBHEADING_MAX = 16
_NOT_IN_SUBHEADING = re.compile(r"[,;:、\d%“”\"]")


@lru_cache(maxsize=4)  # one extraction asks for the same text's paragraphs several times
def paragraphs(text: str) -> tuple[tuple[int, int], ...]:
    """Half-open spans of the non-empty paragraphs of `text`, surrounding spaces excluded."""
    spans = []
    for match in _PARAGRAPH.finditer(text):
        chunk = match.group()
        start = match.start() + len(chunk) - len(chunk.lstrip())
        end = match.start() + len(chunk.rstrip())
        if start < end:
            spans.append((start, end))
    return tuple(spans)


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (closing mark included) of each paragraph of `text`."""
    return list(_sentences(text))


@lru_cache(maxsize=4)  # the targets and the tasks ask for the same text's sentences
def _sentences(text: str) -> tuple[tuple[int, int], ...]:
    spans = []
    for p_start, p_end in paragraphs(text):
        for match in _SENTENCE.finditer(text, p_start, p_end):
            chunk = match.group()
            if not (chunk[0].isspace() or chunk[-1].isspace()):  # nothing to strip, as a rule
                spans.append(match.span())
                continue
            s_start = match.start() + len(chunk) - len(chunk.lstrip())
            s_end = match.start() + len(chunk.rstrip())
            if s_start < s_end:
                spans.append((s_start, s_end))
    return tuple(spans)


def find_subheadings(
    text: str, spans: list[tuple[int, int]], headings: list[Section]
) -> list[Subheading]:
    """Short lead sentences (全力抓好项目招商。) followed by a longer detail sentence.

    A short sentence followed by another short one is a task of its own (争办…论坛。), not a
    lead; a section heading is never a sub-heading.
    """
    heading_spans = Spans((s.start, s.end) for s in headings)
    found: list[Subheading] = []
    for index, (start, end) in enumerate(spans[:-1]):
        if text[end - 1] != "。":  # spans are never empty
            continue
        if end - start > _SUBHEADING_MAX + 1 and text[end - 2] != "。":
            continue  # one closing 。, so the body is longer than a sub-heading
        body = text[start:end].rstrip("。")
        if not 2 <= len(body) <= _SUBHEADING_MAX:
            continue
        if _NOT_IN_SUBHEADING.search(body) or start in heading_spans:
            continue
        next_start, next_end = spans[index + 1]
        if next_end - next_start <= end - start + 4 or "\n" in text[end:next_start]:
            continue
        found.append(Subheading(body, start, start + len(body), len(text)))
    found = _lead_style(text, found, headings)
    bounds = sorted({s.start for s in headings} | {s.body_end for s in headings})
    for index, sub in enumerate(found):
        at = bisect.bisect_right(bounds, sub.start)
        later = bounds[at : at + 1]
        if index + 1 < len(found):
            later.append(found[index + 1].start)
        sub.body_end = min(later, default=len(text))
        sub.body_end = _paragraph_end(text, sub.start, sub.body_end)
    return found


def _lead_style(text: str, found: list[Subheading], headings: list[Section]) -> list[Subheading]:
    """Keep leads that open a paragraph; inside a paragraph, only where leads are its style.

    Reports either open paragraphs with the lead (提升积极的财政政策效能。…) or run several
    leads through one paragraph that opens with a section heading or holds two or more of them
    (全力抓好项目谋划。… 全力抓好项目招商。…). A short sentence inside a paragraph that opens
    with a lead is a task (对小规模纳税人阶段性免征增值税。).
    """
    heading_starts = {s.start for s in headings}
    by_paragraph: dict[int, list[Subheading]] = {}
    for sub in found:
        by_paragraph.setdefault(_line_start(text, sub.start), []).append(sub)
    kept = []
    for line_start, subs in by_paragraph.items():
        opens = subs[0].start == line_start
        for sub in subs:
            at_start = sub.start == line_start
            if at_start or (not opens and (line_start in heading_starts or len(subs) >= 2)):
                kept.append(sub)
    return sorted(kept, key=lambda s: s.start)


def _line_start(text: str, position: int) -> int:
    start = max(text.rfind("\n", 0, position), 0)
    while start < position and text[start] in "\n ":
        start += 1
    return start


def _paragraph_end(text: str, start: int, limit: int) -> int:
    """A sub-heading groups the rest of its paragraph and, if it starts one, what follows."""
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip():
        newline = text.find("\n", start)
        return limit if newline < 0 else min(limit, newline)
    return limit


def find_sections(text: str, glossary_headings: tuple[str, ...]) -> list[Section]:
    """Numbered headings, up to a glossary (名词解释) whose numbered entries are not sections.

    An annex (附件1, then its title line: 2025年省十件民生实事) is one top-level section; the
    entries it numbers afresh (一、…十、) are its sub-sections, not sections of the report.
    """
    sections: list[Section] = []
    spans = paragraphs(text)
    in_annex = False
    for index, (start, end) in enumerate(spans):
        line = text[start:end]
        if is_glossary_heading(line, glossary_headings):
            break
        if line.startswith(_ANNEX_WORDS) and _ANNEX.match(line.split(" ")[0]):
            annex = _annex_section(text, spans, index)
            if is_glossary_heading(annex.title, glossary_headings):
                break  # 附件2, then 名词解释 on the next line
            sections.append(annex)
            in_annex = True
            continue
        for level, pattern in _HEADINGS:
            match = pattern.match(text, start, end)
            if match:
                depth = min(level + 1, 3) if in_annex else level
                title = match.group(2).strip()
                sections.append(Section(depth, match.group(1), title, start, match.end(), end))
                break
    # Each section's body ends where the next section of its level or above starts.
    open_sections: list[Section] = []
    for section in sections:
        while open_sections and open_sections[-1].level >= section.level:
            open_sections.pop().body_end = section.start
        open_sections.append(section)
    for section in open_sections:
        section.body_end = len(text)
    return sections


class SectionIndex:
    """The innermost section around a position, in O(log n): one level's sections never overlap."""

    def __init__(self, sections: list[Section]) -> None:
        self.levels: list[tuple[list[int], list[Section]]] = []
        for level in sorted({s.level for s in sections}):
            same = sorted((s for s in sections if s.level == level), key=lambda s: s.start)
            self.levels.append(([s.start for s in same], same))

    def innermost(self, position: int) -> Section | None:
        best: Section | None = None
        for starts, same in self.levels:  # by level, outermost first: the last found wins
            index = bisect.bisect_right(starts, position) - 1
            if index >= 0 and position < same[index].body_end:
                best = same[index]
        return best


def glossary_start(text: str, glossary_headings: tuple[str, ...]) -> int | None:
    """Where a glossary (名词解释) starts, if the report ends with one: its heading, or, where
    the heading is missing, the first of a run of numbered notes in the second half of the text
    (〔1〕两不愁三保障：…, [2]六大产业：…)."""
    spans = paragraphs(text)
    for start, end in spans:
        if end - start <= _GLOSSARY_HEADING and is_glossary_heading(
            text[start:end], glossary_headings
        ):
            return start
    late = [start for start, _ in spans if start > len(text) // 2]
    notes = [bool(_NOTE_ENTRY.match(text, start)) for start in late]
    for index, start in enumerate(late):
        if notes[index] and sum(notes[index : index + 5]) >= 3:
            return start
    return None


_NOTE_ENTRY = re.compile(NOTE_MARK + r"\s*[^。:：\n]{1,40}[:：]")


def is_glossary_heading(line: str, words: tuple[str, ...]) -> bool:
    """A short line naming an appendix of definitions (附件2 名词解释, 名 词 解 释)."""
    if len(line) > _GLOSSARY_HEADING:
        return False
    compact = "".join(line.split())  # a heading spaced out letter by letter
    return any(word in compact for word in words)


_GLOSSARY_HEADING = 20  # characters at most
_ANNEX_WORDS = ("附件", "附录")  # what _ANNEX opens with: a cheap check before splitting a line
_ANNEX = re.compile(r"(?:附件|附录)\s*[\d一二三四五六七八九十]*\s*(?:[:：].*)?$")


def _annex_section(text: str, spans: tuple[tuple[int, int], ...], index: int) -> Section:
    """附件1 with the short title line after it (2025年省十件民生实事), if there is one."""
    start, end = spans[index]
    label = text[start:end].split(" ")[0]
    rest = text[start + len(label) : end].strip(" :：")
    if not rest and index + 1 < len(spans):
        n_start, n_end = spans[index + 1]
        line = text[n_start:n_end]
        if len(line) <= 30 and not any(mark in line for mark in "。,;，；"):
            rest, end = line, n_end
    return Section(1, label, rest or label, start, end, end)


def annex_starts(text: str) -> list[int]:
    """Where annexes (附件1, 附录) start: each numbers its sections afresh."""
    return [
        s
        for s, e in paragraphs(text)
        if text.startswith(_ANNEX_WORDS, s) and _ANNEX.match(text[s:e].split(" ")[0])
    ]


_TITLE_REACH = 2000
# A collector's header line (标题：2023年保定市政府工作报告) names the title after its label.
_COLLECTOR_LABEL = re.compile(r"^(?:标题|题目|文章标题)\s*[:：]\s*")


def find_title(text: str) -> str | None:
    head = text[:_TITLE_REACH]  # the title is among the first lines: no need to split it all
    for start, end in paragraphs(head)[:5]:
        line = _COLLECTOR_LABEL.sub("", head[start:end].strip())
        if "报告" in line and len(line) <= 40 and not any(mark in line for mark in "，。,"):
            return line
    return None

"""Sections on every report: numbered as the report numbers them, glossaries and annexes apart."""

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from luoshi.extraction import extract, structure
from luoshi.extraction.structure import annex_starts

REPORTS = Path(__file__).parent.parent / "data" / "reports"
DIGITS = {c: i for i, c in enumerate("一二三四五六七八九", 1)}

# Excerpts whose numbering does not start at the beginning, with the numbers they really hold.
EXCERPTS = {
    # The newspaper's second page: 一是 and 三是 are printed on the first.
    "liaoyuan-2022-part2": ["二", "四", "五", "六", "七", "八", "九", "十"],
}


def ordinal(number: str) -> int:
    """一 → 1, 十 → 10, 十二 → 12, 二十一 → 21, 7 → 7."""
    if number.isdigit():
        return int(number)
    if "十" not in number:
        return DIGITS[number]
    tens, _, units = number.partition("十")
    return DIGITS.get(tens, 1) * 10 + DIGITS.get(units, 0)


def numbering_runs(extraction, annexes):
    """Each run of sibling numbers: per level, within its parent and its annex."""
    runs: dict[tuple, list[str]] = {}
    parents: dict[int, int] = {}  # level → start of the latest section at that level
    for section in extraction.sections:
        if section.number.startswith(("附件", "附录")):
            continue  # an annex is named, not numbered in the report's run
        scope = sum(1 for a in annexes if a <= section.start)
        parents = {lvl: s for lvl, s in parents.items() if lvl < section.level}
        parent = max(parents.items(), default=(0, -1))[1]
        runs.setdefault((scope, section.level, parent), []).append(section.number)
        parents[section.level] = section.start
    return runs


@pytest.mark.parametrize("path", sorted(REPORTS.glob("*.txt")), ids=lambda p: p.stem)
def test_sections_are_numbered_consecutively_as_in_the_report(path):
    text = path.read_text("utf-8")
    extraction = extract(text)
    counts: dict[int, int] = {}
    for section in extraction.sections:
        counts[section.level] = counts.get(section.level, 0) + 1
    print(path.stem, "sections by level:", counts)
    assert counts.get(1, 0) + counts.get(2, 0) > 0
    if path.stem in EXCERPTS:
        assert [s.number for s in extraction.sections] == EXCERPTS[path.stem]
        return
    for key, numbers in numbering_runs(extraction, annex_starts(text)).items():
        expected = list(range(1, len(numbers) + 1))
        assert [ordinal(n) for n in numbers] == expected, (path.stem, key, numbers, counts)


@pytest.mark.parametrize("stem", ["guangdong-2025", "guangdong-2026"])
def test_glossary_entries_are_not_sections(stem):
    text = (REPORTS / f"{stem}.txt").read_text("utf-8")
    extraction = extract(text)
    glossary = text.index("名词解释")
    assert all(s.start < glossary for s in extraction.sections)


def test_the_glossary_gives_no_tasks():
    text = (REPORTS / "guangdong-2025.txt").read_text("utf-8")
    glossary = text.index("名词解释")
    assert not any(t.start > glossary for t in extract(text).tasks)


@pytest.mark.parametrize("stem", ["guangdong-2025", "guangdong-2026"])
def test_an_annex_is_one_section_whose_list_entries_are_its_sub_sections(stem):
    text = (REPORTS / f"{stem}.txt").read_text("utf-8")
    annexes = annex_starts(text)
    assert [text[a : a + 3] for a in annexes] == ["附件1", "附件2"]
    sections = extract(text).sections
    tops = [(s.number, s.title) for s in sections if s.level == 1 and s.start >= annexes[0]]
    assert tops == [("附件1", f"{stem[-4:]}年省十件民生实事")]
    entries = [s.number for s in sections if s.level == 2 and s.start > annexes[0]]
    assert entries == list("一二三四五六七八九十")
    assert len([s for s in sections if s.level == 1]) == 1 + len(
        [s for s in sections if s.level == 1 and s.start < annexes[0]]
    )


_PARAGRAPH_ENDS = "一二、。!?:(（)）a\n"


@given(st.text(_PARAGRAPH_ENDS + "   ", max_size=40))
def test_paragraph_spans_run_to_the_first_paragraph_end(text):
    # The definition: the shortest run of one or more characters followed by a paragraph end.
    lazy = re.compile(rf"[^\n]+?(?={structure._PARAGRAPH_END})")
    expected = []
    for match in lazy.finditer(text):
        chunk = match.group()
        start, end = (
            match.start() + len(chunk) - len(chunk.lstrip()),
            match.start() + len(chunk.rstrip()),
        )
        if start < end:
            expected.append((start, end))
    assert list(structure.paragraphs(text)) == expected

"""One report as research reads it: who, which year, which level, and its figures.

The figures come from the extractor's public API (`luoshi.extraction.extract_document`):
targets of the plan part and achievements of the review part, re-read as `Figure`s. Pure
Python, no Django.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

from luoshi.corpus import jurisdiction_of, name_parts
from luoshi.reading import ReadError, read
from luoshi.research.indicators import Figure, Table, figure, one_year_marker, table
from luoshi.research.jurisdictions import level_of, place_name


class ResearchError(Exception):
    """A problem the user can fix: a file that cannot be read, a level that cannot be told."""


@dataclass
class Report:
    file: str
    place: str  # the jurisdiction as the text names it (广东省, 全国), else the file name's
    key: str  # what pairs a place's reports across years: the file name's place, else `place`
    year: int | None  # the plan year
    level: str | None  # "national", "province", "city", "county"; None when it cannot be told
    figures: list[Figure] = field(default_factory=list)
    text: str = ""  # the decoded text, which every figure's offsets point into
    review: list[tuple[int, int]] = field(default_factory=list)  # spans of the review part
    # Figures read as past results because they come before the targets' opening (主要预期目标)
    # in a report whose review part the extractor did not find.
    inferred: int = 0

    def warnings(self) -> list[str]:
        """What makes this report's figures doubtful: a part the extractor did not find."""
        found = []
        if not self.targets:
            found.append(f"{self.file}: no targets found (the plan part was not recognized)")
        if self.inferred:
            found.append(
                f"{self.file}: the extractor found no review part; the {self.inferred} figures "
                "before its 主要预期目标 are read as past results"
            )
        elif not self.review:
            found.append(
                f"{self.file}: no review part found; its past results may be read as targets"
            )
        return found

    @property
    def targets(self) -> list[Figure]:
        return [f for f in self.figures if f.kind == "target"]

    @property
    def achievements(self) -> list[Figure]:
        return [f for f in self.figures if f.kind == "achievement"]


def load_report(
    file: str, *, year: int | None = None, level: str | None = None, year_from_name: bool = False
) -> Report:
    """Read and extract `file`; `year` and `level` override what the text and name say.

    Raises ResearchError when the file cannot be read.
    """
    from luoshi.extraction import extract_document

    name_place, name_year = name_parts(file)
    try:
        doc = read(file)
    except ReadError as error:
        raise ResearchError(str(error)) from None
    extraction = extract_document(doc, year=year or (name_year if year_from_name else None))
    place = place_name(jurisdiction_of(extraction.title, doc.original), name_place)
    rules = table()
    figures = [figure(t, doc.original, rules) for t in extraction.targets]
    plan_year = year or extraction.year or name_year
    review = [(p.start, p.end) for p in extraction.parts if p.kind == "review"]
    # A target under a heading of several years (“十五五”时期主要目标) is not this year's,
    # unless the heading also names the year (“十五五”时期目标任务和2026年工作安排).
    spans = [
        (s.start, s.body_end)
        for s in extraction.sections
        if rules.period_headings.search(s.title) and f"{plan_year}年" not in s.title
    ]
    inferred = 0
    opener = None if review else rules.plan_openers.search(doc.original)
    if opener and any(f.start < opener.start() for f in figures):
        review = [(0, opener.start())]
        inferred = sum(1 for f in figures if f.start < opener.start())
        figures = [
            replace(f, kind="achievement") if f.start < opener.start() else f for f in figures
        ]
    several = several_years_spans(doc.original, review, rules, plan_year)
    for index, item in enumerate(figures):
        if item.kind == "target" and any(start <= item.start < end for start, end in spans):
            figures[index] = replace(item, periodic=True)
        if item.kind == "achievement" and any(s <= item.start < e for s, e in several):
            figures[index] = replace(item, periodic=True)
    return Report(
        file=file,
        place=place,
        key=name_place if name_year is not None else place,
        year=plan_year,
        level=level or level_of(place) or level_of(name_place),
        figures=figures,
        text=doc.original,
        review=review,
        inferred=inferred,
    )


def several_years_spans(
    text: str, review: list[tuple[int, int]], rules: Table, plan_year: int | None
) -> list[tuple[int, int]]:
    """The stretches of the review part that review several years (这五年…), each running from
    its marker to the next marker of the year reviewed (刚刚过去的2025年) or the part's end."""
    if plan_year is None:
        return []
    one_year = one_year_marker(rules, plan_year - 1)
    spans = []
    for _, end in review:
        # From the top: the opening lines before the review part may set its span (过去五年…).
        marks = sorted(
            [(m.start(), True) for m in rules.several_years.finditer(text, 0, end)]
            + [(m.start(), False) for m in one_year.finditer(text, 0, end)]
        )
        opened: int | None = None
        for at, several in marks:
            if several and opened is None:
                opened = at
            elif not several and opened is not None:
                spans.append((opened, at))
                opened = None
        if opened is not None:
            spans.append((opened, end))
    return [(max(s, 0), e) for s, e in spans if e > min(r[0] for r in review)]


def _load_or_reason(args: tuple[str, bool]) -> Report | str:
    file, year_from_name = args
    try:
        return load_report(file, year_from_name=year_from_name)
    except ResearchError as error:
        return str(error)
    except Exception as error:  # one bad file must not stop a run over hundreds
        return f"{file}: the extractor failed ({type(error).__name__}: {error})"


def load_reports(
    files: list[str], jobs: int | None = None, year_from_name: bool = False
) -> tuple[list[Report], list[str]]:
    """Every readable report of `files` in their order, and why the others were skipped."""
    jobs = jobs or os.cpu_count() or 1
    work = [(f, year_from_name) for f in files]
    if jobs == 1 or len(files) <= 1:
        results = [_load_or_reason(w) for w in work]
    else:
        with ProcessPoolExecutor(max_workers=min(jobs, len(files))) as pool:
            results = list(pool.map(_load_or_reason, work))
    reports = [r for r in results if isinstance(r, Report)]
    skipped = [r for r in results if isinstance(r, str)]
    return reports, skipped


def display_name(report: Report) -> str:
    """How tables name a report: its place and year (广东省 2025), else its file name."""
    if report.year:
        return f"{report.place} {report.year}"
    return Path(report.file).stem

"""Corpus mode: the targets of many reports in one table, for research (pure Python, no Django).

    from luoshi.corpus import build, write
    rows, skipped = build(["reports/"], jobs=4)
    write(rows, "targets.csv")

One row per extracted target (past results included, `kind` tells them apart). `start`/`end`
are half-open offsets into the decoded text of the file, as everywhere in luoshi.
"""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from luoshi.documents.cells import csv_safe
from luoshi.reading import ReadError, read

SUFFIXES = (".txt", ".docx", ".pdf", ".html", ".htm")

# Column name → type; the order is the order of the CSV and Parquet columns.
COLUMNS: dict[str, type] = {
    "file": str,
    "jurisdiction": str,
    "year": int,
    "title": str,
    "section": str,
    "task": str,
    "indicator": str,
    "value": float,
    "upper": float,
    "unit": str,
    "comparator": str,
    "change": str,
    "kind": str,
    "text": str,
    "start": int,
    "end": int,
    "rule": str,
    "qualifier": str,
    "each": str,
    "baseline": float,
}

EACH_SEPARATOR = "、"
NATIONAL = "全国"

_PLACE = r"([\u4e00-\u9fff]{1,12}?(?:省|市|自治区|特别行政区|自治州|地区|州|盟|县|区|旗))"
_TITLE_PLACE = re.compile(rf"^(?:\d{{4}}年)?{_PLACE}(?:人民)?政府工作报告")
# When the title names no place, the opening does: 我代表上海市人民政府, or 广东省省长 孟凡利.
_SPEAKER = re.compile(rf"我代表{_PLACE}人民政府")
_HEAD_OF_GOVERNMENT = re.compile(rf"(?m)^[ \t\u3000]*{_PLACE}(?:省长|市长|主席|州长|县长|区长)")
_NATIONAL_OPENING = re.compile(r"我代表国务院|国务院总理")
_NAME_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_OPENING_CHARS = 600


class CorpusError(Exception):
    """A problem the user can fix (no readable file, an unknown output format)."""


@dataclass(frozen=True)
class Skipped:
    file: str
    reason: str


@dataclass
class FileResult:
    """What one file gave: its rows, or the reason it was skipped."""

    file: str
    rows: list[dict[str, Any]] = field(default_factory=list)
    chars: int = 0
    skipped: str | None = None


def find_files(paths: Iterable[str | os.PathLike[str]]) -> list[str]:
    """Files named directly, and report files (.txt/.docx/.pdf/.html) under directories.

    Directories are walked recursively in sorted order, so the result is deterministic.
    A path that does not exist is kept: reading it reports why it was skipped.
    """
    found: list[str] = []
    for path in map(Path, paths):
        if path.is_dir():
            found.extend(
                str(p)
                for p in sorted(path.rglob("*"))
                if p.is_file() and p.suffix.lower() in SUFFIXES and not p.name.startswith(".")
            )
        else:
            found.append(str(path))
    return list(dict.fromkeys(found))


def name_parts(file: str) -> tuple[str, int | None]:
    """Jurisdiction and year from a file name: "zhejiang-2025.txt" → ("zhejiang", 2025)."""
    stem = Path(file).stem
    match = _NAME_YEAR.search(stem)
    if not match:
        return stem, None
    place = stem[: match.start()].strip(" -_.")
    return place or stem, int(match.group(1))


def jurisdiction_of(title: str | None, text: str) -> str | None:
    """The place whose government speaks, from the title or the opening lines; 全国 for 国务院."""
    if title:
        if "国务院" in title:
            return NATIONAL
        match = _TITLE_PLACE.search(title.replace(" ", "").replace("\u3000", ""))
        if match:
            return match.group(1)
    opening = text[:_OPENING_CHARS]
    if _NATIONAL_OPENING.search(re.sub(r"\s+", "", opening)):
        return NATIONAL
    match = _SPEAKER.search(re.sub(r"\s+", "", opening)) or _HEAD_OF_GOVERNMENT.search(opening)
    if match:
        return match.group(1)
    return None


def extract_file(file: str, year_from_name: bool = False) -> FileResult:
    """Read and extract one file; never raises, a file that fails is returned as skipped."""
    from luoshi.extraction import extract_document

    name_place, name_year = name_parts(file)
    try:
        doc = read(file)
        extraction = extract_document(doc, year=name_year if year_from_name else None)
    except ReadError as error:
        return FileResult(file, skipped=_reason(str(error), file))
    except Exception as error:  # one bad file must not stop a run over hundreds
        return FileResult(file, skipped=f"the extractor failed ({type(error).__name__}: {error})")
    place = jurisdiction_of(extraction.title, doc.original) or name_place
    year = extraction.year or name_year
    task_of = {index: task.id for task in extraction.tasks for index in task.targets}
    rows = [
        {
            "file": file,
            "jurisdiction": place,
            "year": year,
            "title": extraction.title,
            "section": t.section,
            "task": task_of.get(index, ""),
            "indicator": t.indicator,
            "value": t.value,
            "upper": t.upper,
            "unit": t.unit,
            "comparator": t.comparator,
            "change": t.change,
            "kind": t.kind,
            "text": t.text,
            "start": t.start,
            "end": t.end,
            "rule": t.rule,
            "qualifier": t.qualifier,
            "each": EACH_SEPARATOR.join(t.each) if t.each else None,
            "baseline": t.baseline,
        }
        for index, t in enumerate(extraction.targets)
    ]
    return FileResult(file, rows, chars=len(doc.original))


def _reason(message: str, file: str) -> str:
    prefix = f"{file}: "
    return message[len(prefix) :] if message.startswith(prefix) else message


def extract_files(
    files: list[str], jobs: int | None = None, year_from_name: bool = False
) -> Iterator[FileResult]:
    """Extract each file, across `jobs` processes (default: one per CPU), as they complete."""
    jobs = jobs or os.cpu_count() or 1
    if jobs == 1 or len(files) <= 1:
        for file in files:
            yield extract_file(file, year_from_name)
        return
    with ProcessPoolExecutor(max_workers=min(jobs, len(files))) as pool:
        futures = [pool.submit(extract_file, file, year_from_name) for file in files]
        for future in as_completed(futures):
            yield future.result()


def collect(
    results: Iterable[FileResult], files: list[str]
) -> tuple[list[dict[str, Any]], list[Skipped]]:
    """Rows in file order (the order of `files`), then source order; and the skipped files."""
    by_file = {result.file: result for result in results}
    rows: list[dict[str, Any]] = []
    skipped: list[Skipped] = []
    for file in files:
        result = by_file[file]
        if result.skipped is not None:
            skipped.append(Skipped(file, result.skipped))
        rows.extend(result.rows)
    return rows, skipped


def build(
    paths: Iterable[str | os.PathLike[str]],
    *,
    jobs: int | None = None,
    year_from_name: bool = False,
) -> tuple[list[dict[str, Any]], list[Skipped]]:
    """One row per target over every report under `paths`, and the files that were skipped.

    `year_from_name` makes the year in a file name (zhejiang-2025.txt) override the year
    found in the text. The rows do not depend on `jobs`.
    """
    files = find_files(paths)
    return collect(extract_files(files, jobs, year_from_name), files)


def check_output(path: str | os.PathLike[str]) -> str:
    """The output format ("csv" or "parquet") of `path`, checked before any work is done."""
    suffix = Path(path).suffix.lower()
    if suffix == ".csv":
        return "csv"
    if suffix == ".parquet":
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise CorpusError(
                "Parquet output needs pyarrow: run `pip install 'luoshi[corpus]'`, "
                "or write .csv instead."
            ) from None
        return "parquet"
    raise CorpusError(f"{path}: unknown output format; name the file .csv or .parquet.")


def write(rows: list[dict[str, Any]], path: str | os.PathLike[str]) -> None:
    """Write rows as CSV (UTF-8 with BOM, so that Excel opens it directly) or Parquet."""
    if check_output(path) == "csv":
        write_csv(rows, path)
    else:
        write_parquet(rows, path)


def write_csv(rows: list[dict[str, Any]], path: str | os.PathLike[str]) -> None:
    with open(path, "w", encoding="utf-8-sig", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(COLUMNS))
        writer.writeheader()
        writer.writerows({key: csv_safe(value) for key, value in row.items()} for row in rows)


def write_parquet(rows: list[dict[str, Any]], path: str | os.PathLike[str]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    types: dict[type, Callable[[], Any]] = {str: pa.string, int: pa.int64, float: pa.float64}
    schema = pa.schema([(name, types[kind]()) for name, kind in COLUMNS.items()])
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), path)


# --- health check: does the extractor find each report's parts and targets? ---------------

_OPENING_PARAGRAPHS = 20


@dataclass(frozen=True)
class Health:
    """What the extractor found in one report, and what a reader would expect it to find."""

    file: str
    targets: int
    achievements: int
    sections: int
    review: bool  # a review part was found
    goals: bool  # the text has a paragraph setting the year's goals (预期目标是：…5%左右)
    opens_with_review: bool  # the text opens with a review (过去一年，… / 2024年工作回顾)
    rules: tuple[str, ...]  # the rule of each part, in order

    @property
    def problems(self) -> list[str]:
        found = []
        if self.goals and not self.targets:
            found.append("a goals paragraph (预期目标/主要目标) but no targets")
        if self.opens_with_review and not self.review:
            found.append("opens with a review but no review part was found")
        return found


def opens_with_review(paragraphs: list[str]) -> bool:
    """Whether one of the first paragraphs opens a review (过去一年，…) or heads one (…回顾)."""
    from luoshi.extraction import rules

    openings = rules().review_openings
    return any(
        p.startswith(openings) or (len(p) <= 40 and "回顾" in p)
        for p in paragraphs[:_OPENING_PARAGRAPHS]
    )


def check_file(file: str) -> Health | Skipped:
    """The health of one report, or why it could not be read."""
    from luoshi.extraction import extract_targets
    from luoshi.extraction.parts import has_goals
    from luoshi.extraction.text import fold

    try:
        doc = read(file)
    except ReadError as error:
        return Skipped(file, _reason(str(error), file))
    result = extract_targets(doc.text)
    folded = fold(doc.text)
    return Health(
        file=file,
        targets=sum(1 for t in result.targets if t.kind == "target"),
        achievements=sum(1 for t in result.targets if t.kind == "achievement"),
        sections=len(result.sections),
        review=any(p.kind == "review" for p in result.parts),
        goals=has_goals(folded),
        opens_with_review=opens_with_review([fold(p.text) for p in doc.paragraphs]),
        rules=tuple(p.rule for p in result.parts),
    )


def check(paths: Iterable[str | os.PathLike[str]]) -> list[Health | Skipped]:
    """The health of every report under `paths`, in file order."""
    return [check_file(file) for file in find_files(paths)]

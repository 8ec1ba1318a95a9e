"""The library's commands: what a researcher runs on report files, without the web app.

read, targets, parse, plan, eval and corpus read reports and write text, JSON or files; none of
them touches the database.
"""

from __future__ import annotations

import json
import sys

import click

from luoshi.extraction.departments import Departments
from luoshi.extraction.model import Extraction
from luoshi.reading import Document, ReadError, read

# Every command that reads a report takes the size limit that the reader's message names.
max_mb_option = click.option(
    "--max-mb", type=click.FloatRange(min=0, min_open=True), default=None,
    help="Size limit of the report in MB (default 20).",
)  # fmt: skip


def _read_or_exit(path: str, max_mb: float | None = None) -> Document:
    try:
        return read(path, max_bytes=int(max_mb * 1024 * 1024) if max_mb else None)
    except ReadError as error:
        raise click.ClickException(str(error)) from None


@click.command("read")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Paragraphs with offsets, as JSON.")
@max_mb_option
def read_command(file: str, as_json: bool, max_mb: float | None) -> None:
    """Print the cleaned text of FILE (.txt, .docx, .pdf, .html)."""
    doc = _read_or_exit(file, max_mb)
    if as_json:
        payload = {
            "file": file,
            "format": doc.format,
            "encoding": doc.encoding,
            "paragraphs": [
                {"text": p.text, "start": p.start, "end": p.end} for p in doc.paragraphs
            ],
        }
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        click.echo(doc.text)


def _extract_file(
    file: str, year: int | None, max_mb: float | None = None
) -> tuple[Document, Extraction]:
    from luoshi.extraction import extract_document

    doc = _read_or_exit(file, max_mb)
    return doc, extract_document(doc, year=year)


@click.command("targets")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="A JSON array of targets.")
@click.option("--year", type=int, default=None, help="The plan year, when the text lacks it.")
@click.option("--all", "include_all", is_flag=True, help="Also list past results (achievements).")
@max_mb_option
def targets_command(
    file: str, as_json: bool, year: int | None, include_all: bool, max_mb: float | None
) -> None:
    """List the quantitative targets of the report FILE."""
    _, extraction = _extract_file(file, year, max_mb)
    targets = [t for t in extraction.targets if include_all or t.kind == "target"]
    if as_json:
        click.echo(json.dumps([t.to_dict() for t in targets], ensure_ascii=False, indent=2))
        return
    for t in targets:
        upper = f"—{t.upper:g}" if t.upper is not None else ""
        change = {"increase": "↑", "decrease": "↓"}.get(t.change or "", "")
        click.echo(f"{t.start:>6}  {t.comparator:<2} {change}{t.value:g}{upper} {t.unit}  {t.text}")
    click.echo(f"{len(targets)} targets", err=True)


@click.command("eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--year", type=int, default=None, help="The plan year, when the text lacks it.")
@max_mb_option
def eval_command(gold: str, file: str, year: int | None, max_mb: float | None) -> None:
    """Score the extractor on FILE against the gold targets in GOLD (.jsonl)."""
    from luoshi.extraction.evaluate import load_gold, score

    try:
        header, items = load_gold(gold)
    except (ValueError, KeyError) as error:
        raise click.ClickException(str(error)) from None
    _, extraction = _extract_file(file, year, max_mb)
    result = score(extraction.targets, items, header)
    for item in result.misses:
        click.echo(f"miss  {item['start']:>6}  {item['value']} {item['unit']}  {item['span']}")
    for t in result.false_positives:
        click.echo(f"extra {t.start:>6}  {t.value:g} {t.unit}  {t.text}  [{t.rule}]")
    click.echo(
        f"gold {result.gold}  predicted {result.predicted}  matched {result.matched}  "
        f"review errors {result.review_errors}"
    )
    click.echo(
        f"precision {result.precision:.3f}  recall {result.recall:.3f}  F1 {result.f1:.3f}  "
        f"comparator accuracy {result.comparator_accuracy:.3f}"
    )


@click.command("corpus")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option(
    "--out",
    type=click.Path(dir_okay=False),
    help="The table to write: FILE.csv (UTF-8 with BOM) or FILE.parquet.",
)
@click.option(
    "--check",
    is_flag=True,
    help="A health table instead (targets, achievements, sections, review found per report); "
    "exits 1 if a report with a goals paragraph has no targets or one opening with a review "
    "has no review part.",
)
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes (default: one per CPU).",
)
@click.option(
    "--year-from-name",
    is_flag=True,
    help="Take the plan year from the file name (zhejiang-2025.txt) over the text.",
)
def corpus_command(
    paths: tuple[str, ...], out: str | None, check: bool, jobs: int | None, year_from_name: bool
) -> None:
    """One row per target of every report in PATHS (files, or folders walked for reports)."""
    import time

    from luoshi import corpus

    if check:
        _corpus_check(paths)
        return
    if out is None:
        raise click.UsageError("give --out FILE.csv (or FILE.parquet), or --check")
    try:
        corpus.check_output(out)
    except corpus.CorpusError as error:
        raise click.ClickException(str(error)) from None
    files = corpus.find_files(paths)
    if not files:
        raise click.ClickException("no .txt, .docx, .pdf or .html report found in the given paths")
    began = time.perf_counter()
    results: list[corpus.FileResult] = []
    stream = corpus.extract_files(files, jobs, year_from_name)
    with click.progressbar(stream, length=len(files), label="reports", file=sys.stderr) as bar:
        results.extend(bar)
    rows, skipped = corpus.collect(results, files)
    seconds = time.perf_counter() - began
    for item in skipped:
        click.echo(f"skipped {item.file}: {item.reason}", err=True)
    read_count = len(files) - len(skipped)
    if not read_count:
        raise click.ClickException(f"none of the {len(files)} files could be read; nothing written")
    corpus.write(rows, out)
    chars = sum(r.chars for r in results)
    achievements = sum(1 for r in rows if r["kind"] == "achievement")
    click.echo(
        f"{read_count} files read, {len(skipped)} skipped; {len(rows)} rows "
        f"({len(rows) - achievements} targets, {achievements} achievements) → {out}; "
        f"{seconds:.2f} s, {chars / max(seconds, 1e-9):,.0f} chars/s",
        err=True,
    )


def _corpus_check(paths: tuple[str, ...]) -> None:
    from luoshi import corpus

    results = corpus.check(paths)
    if not results:
        raise click.ClickException("no .txt, .docx, .pdf or .html report found in the given paths")
    click.echo("report\ttargets\tachievements\tsections\treview\tgoals\tparts\tproblems")
    failing = 0
    for item in results:
        if isinstance(item, corpus.Skipped):
            click.echo(f"{item.file}\tskipped: {item.reason}")
            continue
        failing += bool(item.problems)
        click.echo(
            f"{item.file}\t{item.targets}\t{item.achievements}\t{item.sections}\t"
            f"{'yes' if item.review else 'no'}\t{'yes' if item.goals else 'no'}\t"
            f"{','.join(item.rules)}\t{'; '.join(item.problems)}"
        )
    click.echo(f"{len(results)} reports, {failing} with problems", err=True)
    if failing:
        sys.exit(1)


def _departments_or_exit(path: str | None) -> Departments | None:
    from luoshi.extraction import RuleError, load_departments

    if path is None:
        return None
    try:
        return load_departments(path)
    except RuleError as error:
        raise click.ClickException(f"部门配置文件有误：{error}") from None


_DEPARTMENTS_HELP = "A city's departments file (YAML) over the generic one."


@click.command("parse")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Structure, tasks and suggestions as JSON.")
@click.option("--year", type=int, default=None, help="The plan year, when the text lacks it.")
@click.option("--departments", type=click.Path(dir_okay=False), help=_DEPARTMENTS_HELP)
@click.option("--sentences", is_flag=True, help="Also list every sentence span (with --json).")
@max_mb_option
def parse_command(
    file: str,
    as_json: bool,
    year: int | None,
    departments: str | None,
    sentences: bool,
    max_mb: float | None,
) -> None:
    """The structure, tasks and suggested departments of the report FILE."""
    from luoshi.extraction import extract_document
    from luoshi.extraction.parts import warnings
    from luoshi.extraction.payload import parse_payload
    from luoshi.extraction.text import fold

    units = _departments_or_exit(departments)
    extraction = extract_document(_read_or_exit(file, max_mb), year=year, departments=units)
    if as_json:
        payload = parse_payload(extraction, with_sentences=sentences)
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    click.echo(f"{extraction.title or '(no title)'}  {extraction.year or '(year unknown)'}")
    for part in extraction.parts:
        click.echo(f"[{part.kind} {part.start}–{part.end}, found by {part.rule}]")
    for section in extraction.sections:
        click.echo(f"{'  ' * section.level}{section.number} {section.title}")
    for task in extraction.tasks:
        lead = next((a.department for a in task.assignments if a.role == "lead"), "—")
        click.echo(f"{task.id} [{task.kind}] {lead}: {task.text[:60]}")
    click.echo(f"{len(extraction.tasks)} tasks, {len(extraction.targets)} targets", err=True)
    planned = sum(1 for t in extraction.targets if t.kind == "target")
    for warning in warnings(fold(extraction.text), planned):
        click.echo(f"warning: {warning}", err=True)


@click.command("plan")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--xlsx", "out", required=True, type=click.Path(dir_okay=False), help="Output .xlsx.")
@click.option("--year", type=int, default=None, help="The plan year, when the text lacks it.")
@click.option("--departments", type=click.Path(dir_okay=False), help=_DEPARTMENTS_HELP)
@click.option("--title", default=None, help="The workbook's title row.")
@max_mb_option
def plan_command(
    file: str,
    out: str,
    year: int | None,
    departments: str | None,
    title: str | None,
    max_mb: float | None,
) -> None:
    """Draft the 分工方案 workbook of the report FILE (tasks, leads, deadlines)."""
    from luoshi.documents.division import write_plan
    from luoshi.extraction import extract_document

    units = _departments_or_exit(departments)
    extraction = extract_document(_read_or_exit(file, max_mb), year=year, departments=units)
    try:
        write_plan(extraction, out, title=title)
    except OSError as error:
        raise click.ClickException(f"无法写入 {out}：{error.strerror}") from None
    click.echo(f"{len(extraction.tasks)} tasks → {out}", err=True)


COMMANDS = [
    read_command,
    targets_command,
    parse_command,
    plan_command,
    eval_command,
    corpus_command,
]

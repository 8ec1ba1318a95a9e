"""The `luoshi` command: a thin layer over the library and the web app."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from luoshi.extraction.departments import Departments
from luoshi.extraction.model import Extraction
from luoshi.reading import Document, ReadError, read


def _read_or_exit(path: str, max_bytes: int | None = None) -> Document:
    try:
        return read(path, max_bytes=max_bytes)
    except ReadError as error:
        raise click.ClickException(str(error)) from None


@click.group()
@click.version_option(package_name="luoshi")
def main() -> None:
    """luoshi (落实): turn a government work report into a tracked delivery plan."""


@main.command("read")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Paragraphs with offsets, as JSON.")
@click.option("--max-mb", type=float, default=None, help="Size limit in MB (default 20).")
def read_command(file: str, as_json: bool, max_mb: float | None) -> None:
    """Print the cleaned text of FILE (.txt, .docx, .pdf, .html)."""
    doc = _read_or_exit(file, int(max_mb * 1024 * 1024) if max_mb else None)
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


def _extract_file(file: str, year: int | None) -> tuple[Document, Extraction]:
    from luoshi.extraction import extract_document

    doc = _read_or_exit(file)
    return doc, extract_document(doc, year=year)


@main.command("targets")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="A JSON array of targets.")
@click.option("--year", type=int, default=None, help="The plan year, when the text lacks it.")
@click.option("--all", "include_all", is_flag=True, help="Also list past results (achievements).")
def targets_command(file: str, as_json: bool, year: int | None, include_all: bool) -> None:
    """List the quantitative targets of the report FILE."""
    _, extraction = _extract_file(file, year)
    targets = [t for t in extraction.targets if include_all or t.kind == "target"]
    if as_json:
        click.echo(json.dumps([t.to_dict() for t in targets], ensure_ascii=False, indent=2))
        return
    for t in targets:
        upper = f"—{t.upper:g}" if t.upper is not None else ""
        change = {"increase": "↑", "decrease": "↓"}.get(t.change or "", "")
        click.echo(f"{t.start:>6}  {t.comparator:<2} {change}{t.value:g}{upper} {t.unit}  {t.text}")
    click.echo(f"{len(targets)} targets", err=True)


@main.command("eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--year", type=int, default=None, help="The plan year, when the text lacks it.")
def eval_command(gold: str, file: str, year: int | None) -> None:
    """Score the extractor on FILE against the gold targets in GOLD (.jsonl)."""
    from luoshi.extraction.evaluate import load_gold, score

    try:
        header, items = load_gold(gold)
    except (ValueError, KeyError) as error:
        raise click.ClickException(str(error)) from None
    _, extraction = _extract_file(file, year)
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


def _default_dir(name: str) -> str:
    for candidate in (Path("..") / "shared" / name, Path("tests") / "data" / name):
        if candidate.is_dir():
            return str(candidate)
    return str(Path("tests") / "data" / name)


@main.command("bench")
@click.option(
    "--reports",
    type=click.Path(file_okay=False),
    default=None,
    help="Folder of .txt reports (default ../shared/reports, else tests/data/reports).",
)
@click.option(
    "--gold",
    type=click.Path(file_okay=False),
    default=None,
    help="Folder of gold .jsonl files (default ../shared/gold, else tests/data/gold).",
)
@click.option(
    "--seconds",
    type=float,
    default=20.0,
    show_default=True,
    help="Time budget per tool for the speed run.",
)
def bench_command(reports: str | None, gold: str | None, seconds: float) -> None:
    """Extractor speed (chars/s, one core) and F1 beside peer tools, in one run."""
    from luoshi.devtools import extractor_bench as bench

    reports_dir = Path(reports or _default_dir("reports"))
    gold_dir = Path(gold or _default_dir("gold"))
    if not any(reports_dir.glob("*.txt")):
        raise click.ClickException(f"{reports_dir}: no .txt reports found; pass --reports DIR")
    chars = sum(len(p.read_text("utf-8")) for p in reports_dir.glob("*.txt"))
    click.echo(f"reports: {reports_dir}  gold: {gold_dir}", err=True)
    click.echo(bench.table(bench.run(reports_dir, gold_dir, seconds), chars))
    elapsed, files, tasks = bench.parse_seconds(reports_dir)
    click.echo(
        f"\nparse + suggestion (structure, targets, tasks, departments) of all {files} reports: "
        f"{elapsed:.2f} s, {tasks} tasks, {chars / elapsed:,.0f} chars/s"
    )


@main.command("corpus")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option(
    "--out",
    required=True,
    type=click.Path(dir_okay=False),
    help="The table to write: FILE.csv (UTF-8 with BOM) or FILE.parquet.",
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
    paths: tuple[str, ...], out: str, jobs: int | None, year_from_name: bool
) -> None:
    """One row per target of every report in PATHS (files, or folders walked for reports)."""
    import time

    from luoshi import corpus

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


def _departments_or_exit(path: str | None) -> Departments | None:
    from luoshi.extraction import RuleError, load_departments

    if path is None:
        return None
    try:
        return load_departments(path)
    except RuleError as error:
        raise click.ClickException(f"部门配置文件有误：{error}") from None


_DEPARTMENTS_HELP = "A city's departments file (YAML) over the generic one."


@main.command("parse")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Structure, tasks and suggestions as JSON.")
@click.option("--year", type=int, default=None, help="The plan year, when the text lacks it.")
@click.option("--departments", type=click.Path(dir_okay=False), help=_DEPARTMENTS_HELP)
@click.option("--sentences", is_flag=True, help="Also list every sentence span (with --json).")
def parse_command(
    file: str, as_json: bool, year: int | None, departments: str | None, sentences: bool
) -> None:
    """The structure, tasks and suggested departments of the report FILE."""
    from luoshi.extraction import extract_document
    from luoshi.extraction.payload import parse_payload

    units = _departments_or_exit(departments)
    extraction = extract_document(_read_or_exit(file), year=year, departments=units)
    if as_json:
        payload = parse_payload(extraction, with_sentences=sentences)
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    click.echo(f"{extraction.title or '(no title)'}  {extraction.year or '(year unknown)'}")
    for section in extraction.sections:
        click.echo(f"{'  ' * section.level}{section.number} {section.title}")
    for task in extraction.tasks:
        lead = next((a.department for a in task.assignments if a.role == "lead"), "—")
        click.echo(f"{task.id} [{task.kind}] {lead}: {task.text[:60]}")
    click.echo(f"{len(extraction.tasks)} tasks, {len(extraction.targets)} targets", err=True)


@main.command("plan")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--xlsx", "out", required=True, type=click.Path(dir_okay=False), help="Output .xlsx.")
@click.option("--year", type=int, default=None, help="The plan year, when the text lacks it.")
@click.option("--departments", type=click.Path(dir_okay=False), help=_DEPARTMENTS_HELP)
@click.option("--title", default=None, help="The workbook's title row.")
def plan_command(
    file: str, out: str, year: int | None, departments: str | None, title: str | None
) -> None:
    """Draft the 分工方案 workbook of the report FILE (tasks, leads, deadlines)."""
    from luoshi.exports.plan import write_plan
    from luoshi.extraction import extract_document

    units = _departments_or_exit(departments)
    extraction = extract_document(_read_or_exit(file), year=year, departments=units)
    try:
        write_plan(extraction, out, title=title)
    except OSError as error:
        raise click.ClickException(f"无法写入 {out}：{error.strerror}") from None
    click.echo(f"{len(extraction.tasks)} tasks → {out}", err=True)


def _django(**environment: str) -> None:
    """Configure the web app; `environment` gives defaults the caller's environment overrides."""
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "luoshi.site.settings")
    for name, value in environment.items():
        os.environ.setdefault(name, value)
    django.setup()


def _install_front_end() -> None:
    """ECharts into the data folder's vendor/ (before Django reads its settings)."""
    import os

    from luoshi.tracking import vendor

    data_dir = Path(os.environ.get("LUOSHI_DATA_DIR", Path.cwd() / "var"))
    data_dir.mkdir(parents=True, exist_ok=True)
    click.echo(vendor.install_echarts(data_dir / "vendor"))


@main.command("demo")
@click.option("--port", type=int, default=8000, show_default=True, help="Port on 127.0.0.1.")
@click.option("--no-serve", is_flag=True, help="Set up the demo data only.")
def demo_command(port: int, no_serve: bool) -> None:
    """Set up the demo on the bundled 辽源市 2022 report and serve it on 127.0.0.1.

    Data goes to ./var (or LUOSHI_DATA_DIR); running it again adds nothing.
    """
    _install_front_end()
    _django(LUOSHI_AS_OF="2022-07-10")
    from django.core.management import call_command

    call_command("demo", port=port, no_serve=no_serve)


@main.command("serve")
@click.option("--port", type=int, default=8000, show_default=True, help="Port on 127.0.0.1.")
def serve_command(port: int) -> None:
    """Serve the web app on 127.0.0.1 with Django's development server (after migrating)."""
    _install_front_end()
    _django()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    call_command("runserver", f"127.0.0.1:{port}", use_reloader=False, insecure_serving=True)


@main.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--jurisdiction", required=True, help="The city or county, e.g. 辽源市.")
@click.option("--year", type=int, required=True, help="The plan year.")
def import_command(file: str, jurisdiction: str, year: int) -> None:
    """Import the report FILE as a draft plan (importing it again adds nothing)."""
    _django()
    from django.core.management import call_command
    from django.core.management.base import CommandError

    try:
        call_command("import_report", file, jurisdiction=jurisdiction, year=year)
    except CommandError as error:
        raise click.ClickException(str(error)) from None


@main.command("manage", context_settings={"ignore_unknown_options": True, "help_option_names": []})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def manage_command(args: tuple[str, ...]) -> None:
    """Run a Django management command: luoshi manage migrate, createsuperuser, help, …"""
    _django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["luoshi manage", *args])


@main.command("bulletin")
@click.option("--plan", "plan_id", type=int, required=True, help="The plan's id.")
@click.option("--period", required=True, help="The month reported on, e.g. 2022-06.")
@click.option("--out", required=True, type=click.Path(dir_okay=False), help="Output .docx.")
@click.option("--number", default="", help="The 文号, e.g. 〔2022〕7号 (default 〔year〕X号).")
@click.option(
    "--requirements",
    type=click.Path(exists=True, dir_okay=False),
    help="A text file of 下一步要求, one paragraph per line (default: the bundled text).",
)
def bulletin_command(
    plan_id: int, period: str, out: str, number: str, requirements: str | None
) -> None:
    """Write the 督查通报 of a plan for one month as .docx."""
    import re

    _django()
    from luoshi.exchange.bulletin import PeriodNotOver, write_bulletin
    from luoshi.exports.bulletin import default_options
    from luoshi.tracking.measure import as_of
    from luoshi.tracking.models import Plan

    if not re.fullmatch(r"20\d\d-(0[1-9]|1[0-2])", period):
        raise click.ClickException("报送期应写作年-月，例如 2022-06。")
    plan = Plan.objects.select_related("jurisdiction").filter(pk=plan_id).first()
    if plan is None:
        raise click.ClickException(f"没有编号为 {plan_id} 的计划。")
    paragraphs: tuple[str, ...] = ()
    if requirements:
        lines = Path(requirements).read_text("utf-8").splitlines()
        paragraphs = tuple(line.strip() for line in lines if line.strip())
    options = default_options(number=number, requirements=paragraphs)
    try:
        document = write_bulletin(plan, period, as_of(), out, options)
    except PeriodNotOver:
        raise click.ClickException(f"{period} 还没有结束，无法生成该月的通报。") from None
    except OSError as error:
        raise click.ClickException(f"无法写入 {out}：{error.strerror}") from None
    click.echo(f"{len(document.figures)} figures, {len(document.tasks)} tasks → {out}", err=True)


@main.command("prod")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=int, default=8000, show_default=True, help="Port to listen on.")
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes (default: 2 × CPUs + 1).",
)
@click.option(
    "--no-setup",
    is_flag=True,
    help="Skip migrate, createcachetable and collectstatic (when a deploy step runs them once).",
)
def prod_command(host: str, port: int, workers: int | None, no_setup: bool) -> None:
    """Serve the web app in production: gunicorn, DEBUG off, WhiteNoise static files.

    Needs SECRET_KEY (50+ random characters) and ALLOWED_HOSTS; see README, "Production".
    """
    import os
    import shutil

    from django.core.exceptions import ImproperlyConfigured

    os.environ["LUOSHI_ENV"] = "production"
    gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent))
    if gunicorn is None:
        raise click.ClickException("未安装 gunicorn：请先运行 pip install gunicorn whitenoise。")
    if not no_setup:
        _install_front_end()  # before the settings are read: they list the vendor folder
    try:
        _django()
    except ImproperlyConfigured as error:
        raise click.ClickException(str(error)) from None
    from django.core.management import call_command

    call_command("check", deploy=True)
    if not no_setup:
        call_command("migrate", interactive=False, verbosity=0)
        call_command("createcachetable", verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
    count = workers or 2 * (os.cpu_count() or 1) + 1
    click.echo(f"luoshi: gunicorn on http://{host}:{port}/ with {count} workers", err=True)
    sys.stdout.flush()
    argv = [gunicorn, "luoshi.site.wsgi:application", f"--bind={host}:{port}"]
    os.execv(gunicorn, [*argv, f"--workers={count}", "--access-logfile=-", "--no-control-socket"])


@main.command("backup")
@click.argument("out", type=click.Path(dir_okay=False))
def backup_command(out: str) -> None:
    """Back up the database and the uploaded files into OUT (.tar.gz)."""
    _django()
    from luoshi.backup import BackupError, backup

    try:
        summary = backup(Path(out))
    except BackupError as error:
        raise click.ClickException(str(error)) from None
    click.echo(
        f"{summary.total_rows} rows in {len(summary.rows)} models, {summary.files} files "
        f"({summary.bytes:,} bytes) → {out}",
        err=True,
    )


@main.command("restore")
@click.argument("archive", type=click.Path(exists=True, dir_okay=False))
@click.option("--force", is_flag=True, help="Delete the data already in the database first.")
def restore_command(archive: str, force: bool) -> None:
    """Restore a backup made by `luoshi backup` into an empty database, all or nothing."""
    _django()
    from luoshi.backup import BackupError, restore

    try:
        summary = restore(Path(archive), force=force)
    except BackupError as error:
        raise click.ClickException(str(error)) from None
    click.echo(
        f"restored {summary.total_rows} rows in {len(summary.rows)} models and "
        f"{summary.files} files from {archive}",
        err=True,
    )


@main.command("fuzz")
@click.option(
    "--examples", type=click.IntRange(min=1), default=100_000, show_default=True,
    help="Cases in total, shared between the targets.",
)  # fmt: skip
@click.option("--jobs", type=click.IntRange(min=1), default=None, help="Processes (default: CPUs).")
@click.option("--target", "targets", multiple=True, help="Only this target (repeatable).")
def fuzz_command(examples: int, jobs: int | None, targets: tuple[str, ...]) -> None:
    """Fuzz reading and extraction with hypothesis; exits 1 if anything crashed."""
    import os
    import time
    from concurrent.futures import ProcessPoolExecutor

    try:
        from luoshi.devtools import fuzzing as fuzz
    except ImportError:
        raise click.ClickException("luoshi fuzz needs hypothesis: pip install hypothesis") from None
    unknown = sorted(set(targets) - set(fuzz.TARGETS))
    if unknown:
        raise click.ClickException(f"unknown target {unknown[0]}; one of {', '.join(fuzz.TARGETS)}")
    chunks = fuzz.plan(examples, targets or None)
    total = fuzz.Outcome()
    began = time.perf_counter()
    workers = jobs or os.cpu_count() or 1
    with click.progressbar(length=len(chunks), label="fuzz", file=sys.stderr) as bar:
        if workers == 1:
            for chunk in chunks:
                total.merge(fuzz.run_chunk(*chunk))
                bar.update(1)
        else:
            with ProcessPoolExecutor(workers) as pool:
                for outcome in pool.map(fuzz.run_chunk, *zip(*chunks, strict=True)):
                    total.merge(outcome)
                    bar.update(1)
    seconds = time.perf_counter() - began
    for name, count in total.cases.items():
        click.echo(f"{name:<18} {count:>8,} cases")
    for crash in total.crashes.values():
        click.echo(f"CRASH {crash.target}: {crash.kind} ({crash.count}×): {crash.message}")
        click.echo(f"      smallest input seen: {crash.example}")
    click.echo(
        f"{total.total:,} cases in {seconds:.1f} s on {workers} processes, "
        f"{len(total.crashes)} crashes"
    )
    if total.crashes:
        sys.exit(1)


@main.command("bench-ledger")
@click.option("--rows", type=int, default=10_000, show_default=True, help="Projects to import.")
def bench_ledger_command(rows: int) -> None:
    """Time a project-ledger import and the ledger page (throw-away SQLite database)."""
    import os
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        _django(LUOSHI_SQLITE=os.path.join(tmp, "bench.sqlite3"), LUOSHI_DATA_DIR=tmp)
        from django.core.management import call_command

        from luoshi.devtools import ledger_bench as bench

        call_command("migrate", interactive=False, verbosity=0)
        figures = bench.run(rows)
    click.echo(
        f"import {figures['rows']:.0f} rows: {figures['import_s']:.2f} s (goal < 10 s); "
        f"ledger page: p50 {figures['p50_ms']:.1f} ms, p95 {figures['p95_ms']:.1f} ms "
        "(goal p95 < 150 ms)"
    )


@main.command("scale-demo")
@click.option("--plans", type=int, default=100, show_default=True, help="Plans (10 per city).")
@click.option("--tasks", type=int, default=50_000, show_default=True, help="Tasks in all.")
@click.option("--reports", type=int, default=600_000, show_default=True, help="Progress reports.")
@click.option("--projects", type=int, default=10_000, show_default=True, help="Ledger projects.")
def scale_demo_command(plans: int, tasks: int, reports: int, projects: int) -> None:
    """Generate a province-scale synthetic dataset (合成市01…) in bulk, for load tests.

    Refuses to run twice on the same database. Accounts: s01-office, s01-leader, s01-viewer,
    s01-d01 … (liaisons), password luoshi-scale-2022.
    """
    _django()
    from django.core.management import call_command

    from luoshi.devtools import scale_data as scale

    call_command("migrate", interactive=False, verbosity=0)
    try:
        summary = scale.generate(scale.Sizes(plans, tasks, reports, projects))
    except scale.ScaleError as error:
        raise click.ClickException(str(error)) from None
    for name, count in summary.counts.items():
        click.echo(f"{name:<10} {count:>9,}")
    steps = ", ".join(f"{step} {seconds:.1f} s" for step, seconds in summary.seconds.items())
    click.echo(f"{summary.total_seconds:.1f} s ({steps})")


@main.command("bench-web")
@click.option(
    "--seconds",
    type=click.IntRange(min=1),
    default=30,
    show_default=True,
    help="Load time per page.",
)
@click.option(
    "--connections",
    type=click.IntRange(min=1),
    default=4,
    show_default=True,
    help="Open connections (wrk -c).",
)
@click.option(
    "--workers", type=click.IntRange(min=1), default=2, show_default=True, help="gunicorn workers."
)
@click.option(
    "--no-page-cache",
    is_flag=True,
    help="Render every part of every page afresh, as if each request followed a write.",
)
@click.option(
    "--writes",
    type=click.FloatRange(min=0),
    default=0,
    show_default=True,
    help="Progress reports submitted per second during the load (they stay in the database).",
)
@click.option(
    "--write-city",
    type=click.IntRange(min=1),
    default=2,
    show_default=True,
    help="The synthetic city they are submitted in (the pages are city 1's).",
)
def bench_web_command(
    seconds: int,
    connections: int,
    workers: int,
    no_page_cache: bool,
    writes: float,
    write_city: int,
) -> None:
    """Load-test the production server (luoshi prod) with wrk on the scale-demo data.

    Needs PostgreSQL (DATABASE_URL), wrk, and `luoshi scale-demo` run on that database.
    Exits 1 if a page misses the goals (p95 < 150 ms, 300 requests/s, no errors).
    """  # fmt: skip
    import os
    import secrets

    # One key for this process and the server: the session cookie made here must verify there.
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    _django()
    from luoshi.devtools import web_bench as webbench

    try:
        rows = webbench.run(
            seconds,
            connections,
            workers=workers,
            page_cache=not no_page_cache,
            writes=writes,
            write_city=write_city,
        )
    except webbench.BenchError as error:
        raise click.ClickException(str(error)) from None
    click.echo(webbench.table(rows))
    missed = [row.page for row in rows if not row.meets_goals()]
    if missed:
        click.echo(f"goals missed (p95 < 150 ms, ≥ 300 requests/s, 0 errors): {', '.join(missed)}")
        sys.exit(1)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

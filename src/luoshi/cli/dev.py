"""The developers' commands: benchmarks, scale data and fuzzing (luoshi.devtools)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from luoshi.cli import django_app


def _default_dir(name: str) -> str:
    for candidate in (Path("..") / "shared" / name, Path("tests") / "data" / name):
        if candidate.is_dir():
            return str(candidate)
    return str(Path("tests") / "data" / name)


@click.command("bench")
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
@click.option(
    "--sizes",
    default="1,5,20",
    show_default=True,
    help="Text sizes in MB for the size-scaling lines (comma-separated; empty for none).",
)
def bench_command(reports: str | None, gold: str | None, seconds: float, sizes: str) -> None:
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
        f"{elapsed:.2f} s CPU, {tasks} tasks, {chars / elapsed:,.0f} chars/s"
    )
    try:
        megabytes = [float(part) for part in sizes.split(",") if part.strip()]
    except ValueError:
        raise click.BadParameter("give sizes in MB, e.g. 1,5,20", param_hint="--sizes") from None
    if megabytes:
        click.echo("\nsize scaling (one text of each size, CPU seconds):")
        click.echo(bench.scaling_table(bench.scaling(reports_dir, megabytes)))


@click.command("fuzz")
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


@click.command("bench-ledger")
@click.option("--rows", type=int, default=10_000, show_default=True, help="Projects to import.")
def bench_ledger_command(rows: int) -> None:
    """Time a project-ledger import and the ledger page (throw-away SQLite database)."""
    import os
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        django_app.setup(LUOSHI_SQLITE=os.path.join(tmp, "bench.sqlite3"), LUOSHI_DATA_DIR=tmp)
        from django.core.management import call_command

        from luoshi.devtools import ledger_bench as bench

        call_command("migrate", interactive=False, verbosity=0)
        figures = bench.run(rows)
    click.echo(
        f"import {figures['rows']:.0f} rows: {figures['import_s']:.2f} s (goal < 10 s); "
        f"ledger page: p50 {figures['p50_ms']:.1f} ms, p95 {figures['p95_ms']:.1f} ms "
        "(goal p95 < 150 ms)"
    )


@click.command("scale-demo")
@click.option("--plans", type=int, default=100, show_default=True, help="Plans (10 per city).")
@click.option("--tasks", type=int, default=50_000, show_default=True, help="Tasks in all.")
@click.option("--reports", type=int, default=600_000, show_default=True, help="Progress reports.")
@click.option("--projects", type=int, default=10_000, show_default=True, help="Ledger projects.")
def scale_demo_command(plans: int, tasks: int, reports: int, projects: int) -> None:
    """Generate a province-scale synthetic dataset (合成市01…) in bulk, for load tests.

    Refuses to run twice on the same database. Accounts: s01-office, s01-leader, s01-viewer,
    s01-d01 … (liaisons), password luoshi-scale-2022. Statuses are stored as of 2022-07-10
    (LUOSHI_AS_OF), the day `luoshi bench-web` measures.
    """
    django_app.setup(LUOSHI_AS_OF="2022-07-10")
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


@click.command("bench-web")
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
    django_app.setup(LUOSHI_AS_OF="2022-07-10")  # the day the server measures too
    from luoshi.devtools import web_bench as webbench

    try:
        rows = webbench.run(
            seconds,
            connections,
            workers=workers,
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


@click.command("leads")
@click.option(
    "--reports",
    type=click.Path(file_okay=False),
    default=None,
    help="Folder of .txt reports (default ../shared/reports, else tests/data/reports).",
)
@click.option(
    "--sample",
    "samples",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="An annotated sample (YAML rows report/at/target/leads); repeatable.",
)
@click.option("--worst", type=int, default=10, show_default=True, help="Reports listed.")
def leads_command(reports: str | None, samples: tuple[str, ...], worst: int) -> None:
    """Suggested leads: tasks without a lead per report, plausible share on samples."""
    from luoshi.devtools import leads_check

    reports_dir = Path(reports or _default_dir("reports"))
    paths = sorted(reports_dir.glob("*.txt"))
    if not paths:
        raise click.ClickException(f"{reports_dir}: no .txt reports found; pass --reports DIR")
    for sample in samples:
        try:
            scores = leads_check.score_sample(leads_check.load_sample(Path(sample)), reports_dir)
        except (OSError, ValueError, KeyError) as error:
            raise click.ClickException(f"{sample}: {error}") from None
        for key, score in scores.items():
            label = f"{Path(sample).name} {key or 'all'}"
            click.echo(f"{label}: {score.share:.1%} ({score.plausible}/{score.rows})")
            for line in score.wrong:
                click.echo(f"  {line}")
    rows = leads_check.empty_leads(paths)
    tasks, empty = sum(r.tasks for r in rows), sum(r.empty for r in rows)
    over = [r for r in rows if r.share >= 0.03]
    click.echo(
        f"tasks without a lead: {empty}/{tasks} ({empty / max(tasks, 1):.1%}) over {len(rows)} "
        f"reports; {len(over)} reports at 3% or more"
    )
    for row in rows[:worst]:
        click.echo(f"  {row.report}: {row.share:.1%} ({row.empty}/{row.tasks})")


COMMANDS = [
    bench_command,
    bench_web_command,
    bench_ledger_command,
    scale_demo_command,
    fuzz_command,
    leads_command,
]

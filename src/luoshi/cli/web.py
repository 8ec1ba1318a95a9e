"""The web app's commands and its operations: demo, serve, import, refresh-status, remind,
worker, manage, bulletin, prod, backup and restore. Each sets up Django first (django_app.setup)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from luoshi.cli import django_app


def _make_data_dir() -> None:
    """The data folder (the SQLite database, collected static files, uploads) on first use."""
    from django.conf import settings

    Path(settings.DATA_DIR).mkdir(parents=True, exist_ok=True)


@click.command("demo")
@click.option("--port", type=int, default=8000, show_default=True, help="Port on 127.0.0.1.")
@click.option("--no-serve", is_flag=True, help="Set up the demo data only.")
def demo_command(port: int, no_serve: bool) -> None:
    """Set up the demo on the bundled 辽源市 2022 report and serve it on 127.0.0.1.

    Data goes to ./var (or LUOSHI_DATA_DIR); running it again adds nothing.
    """
    django_app.setup(LUOSHI_AS_OF="2022-07-10", LUOSHI_LEADER_APPROVAL="1")
    _make_data_dir()
    from django.core.management import call_command

    call_command("demo", port=port, no_serve=no_serve)


@click.command("serve")
@click.option("--port", type=int, default=8000, show_default=True, help="Port on 127.0.0.1.")
def serve_command(port: int) -> None:
    """Serve the web app on 127.0.0.1 with Django's development server (after migrating)."""
    django_app.setup()
    _make_data_dir()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    call_command("runserver", f"127.0.0.1:{port}", use_reloader=False, insecure_serving=True)


@click.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--jurisdiction", required=True, help="The city or county, e.g. 辽源市.")
@click.option("--year", type=int, required=True, help="The plan year.")
@click.option(
    "--max-mb", type=click.FloatRange(min=0, min_open=True), default=None,
    help="Size limit of the report in MB (default 20).",
)  # fmt: skip
def import_command(file: str, jurisdiction: str, year: int, max_mb: float | None) -> None:
    """Import the report FILE as a draft plan (importing it again adds nothing)."""
    django_app.setup()
    from django.core.management import call_command
    from django.core.management.base import CommandError

    try:
        # A data folder that was never set up gets its tables first (as `serve` does).
        call_command("migrate", interactive=False, verbosity=0)
        call_command("import_report", file, jurisdiction=jurisdiction, year=year, max_mb=max_mb)
    except CommandError as error:
        raise click.ClickException(str(error)) from None


@click.command("departments")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--jurisdiction", required=True, help="The jurisdiction it is for, e.g. 东丰县.")
def departments_command(file: str, jurisdiction: str) -> None:
    """Load a city's departments FILE (YAML) for a jurisdiction; nothing is deleted."""
    django_app.setup()
    from django.core.management import call_command
    from django.core.management.base import CommandError

    try:
        call_command("migrate", interactive=False, verbosity=0)
        call_command("load_departments", file, jurisdiction=jurisdiction)
    except CommandError as error:
        raise click.ClickException(str(error)) from None


@click.command("refresh-status")
@click.option("--all", "every", is_flag=True, help="Also plans already computed for today.")
def refresh_status_command(every: bool) -> None:
    """Store every plan's task statuses as of today (序时 moves with the calendar; run daily)."""
    django_app.setup()
    from django.core.management import call_command

    call_command("refresh_status", all=every)


@click.command("remind")
@click.option("--on", default=None, help="Another day (YYYY-MM-DD) instead of today.")
def remind_command(on: str | None) -> None:
    """Send the reminders due today (临近提醒, 到期未报, 逾期, 未签收, 退回待重报); run daily."""
    django_app.setup()
    from django.core.management import call_command

    call_command("remind", *(["--on", on] if on else []))


@click.command("worker")
def worker_command() -> None:
    """Run background tasks queued in the database (with LUOSHI_TASKS=database). First, imports
    left unfinished by a worker that died are marked failed and old finished ones deleted."""
    django_app.setup()
    from django.core.management import call_command

    call_command("tidy_jobs")
    call_command("db_worker")


@click.command("manage", context_settings={"ignore_unknown_options": True, "help_option_names": []})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def manage_command(args: tuple[str, ...]) -> None:
    """Run a Django management command: luoshi manage migrate, createsuperuser, help, …"""
    django_app.setup()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["luoshi manage", *args])


@click.command("bulletin")
@click.option("--plan", "plan_id", type=int, required=True, help="The plan's id.")
@click.option("--period", required=True, help="The month reported on, e.g. 2022-06.")
@click.option("--out", required=True, type=click.Path(dir_okay=False), help="Output .docx.")
@click.option("--number", default="", help="The 文号, e.g. 〔2022〕7号 (default 〔year〕X号).")
@click.option(
    "--requirements",
    type=click.Path(exists=True, dir_okay=False),
    help="A text file of 下一步要求, one paragraph per line (default: the bundled text).",
)
@click.option(
    "--annexes",
    default=None,
    help="Annexes in order, comma-separated: league, attention, tasks (default: league; "
    "'' for none).",
)
@click.option(
    "--check-copy",
    is_flag=True,
    help="The check copy (核对稿): each figure's id beside it and the 数据核对表 at the end.",
)
def bulletin_command(
    plan_id: int,
    period: str,
    out: str,
    number: str,
    requirements: str | None,
    annexes: str | None,
    check_copy: bool,
) -> None:
    """Write the 督查通报 of a plan for one month as .docx."""
    import re

    django_app.setup()
    from luoshi.documents.bulletin import default_options
    from luoshi.documents.bulletin_annexes import ANNEXES
    from luoshi.exchange.bulletin_facts import PeriodNotOver, write_bulletin
    from luoshi.tracking.measure import today
    from luoshi.tracking.models import Plan

    if not re.fullmatch(r"20\d\d-(0[1-9]|1[0-2])", period):
        raise click.ClickException("报送期应写作年-月，例如 2022-06。")
    from luoshi.reading import ReadError
    from luoshi.reading.decode import decode_text

    plan = Plan.objects.select_related("jurisdiction").filter(pk=plan_id).first()
    if plan is None:
        raise click.ClickException(f"没有编号为 {plan_id} 的计划。")
    if int(period[:4]) != plan.year:
        raise click.ClickException(f"报送期 {period} 不在计划年度 {plan.year} 年内。")
    paragraphs: tuple[str, ...] = ()
    if requirements:
        try:  # any encoding the report reader accepts (GB18030 from Notepad, UTF-16, …)
            text, _ = decode_text(Path(requirements).read_bytes(), requirements)
        except ReadError as error:
            raise click.ClickException(str(error)) from None
        except OSError as error:
            raise click.ClickException(f"无法读取 {requirements}：{error.strerror}") from None
        paragraphs = tuple(line.strip() for line in text.splitlines() if line.strip())
    overrides: dict[str, object] = {"number": number, "requirements": paragraphs}
    if annexes is not None:
        chosen = tuple(a.strip() for a in annexes.split(",") if a.strip())
        unknown = [a for a in chosen if a not in ANNEXES]
        if unknown:
            names = "、".join(ANNEXES)
            raise click.ClickException(f"没有附件 {'、'.join(unknown)}；可选：{names}。")
        overrides["annexes"] = chosen
    options = default_options(**overrides)
    try:
        document = write_bulletin(plan, period, today(), out, options, check_copy=check_copy)
    except PeriodNotOver:
        raise click.ClickException(f"{period} 还没有结束，无法生成该月的通报。") from None
    except OSError as error:
        raise click.ClickException(f"无法写入 {out}：{error.strerror}") from None
    click.echo(f"{len(document.figures)} figures, {len(document.tasks)} tasks → {out}", err=True)


@click.command("prod")
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
    try:
        django_app.setup()
    except ImproperlyConfigured as error:
        raise click.ClickException(str(error)) from None
    from django.core.management import call_command

    call_command("check", deploy=True)
    if not no_setup:
        _make_data_dir()
        call_command("migrate", interactive=False, verbosity=0)
        call_command("createcachetable", verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
    count = workers or 2 * (os.cpu_count() or 1) + 1
    click.echo(f"luoshi: gunicorn on http://{host}:{port}/ with {count} workers", err=True)
    sys.stdout.flush()
    argv = [gunicorn, "luoshi.site.wsgi:application", f"--bind={host}:{port}"]
    argv += [f"--workers={count}", "--access-logfile=-", "--no-control-socket"]
    # Its own errors (a worker timeout above all) as the site's pages, not gunicorn's bare one.
    os.execv(gunicorn, [*argv, "--worker-class=luoshi.site.gunicorn_worker.BrandedSyncWorker"])


@click.command("backup")
@click.argument("out", type=click.Path(dir_okay=False))
def backup_command(out: str) -> None:
    """Back up the database and the uploaded files into OUT (.tar.gz)."""
    django_app.setup()
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


@click.command("restore")
@click.argument("archive", type=click.Path(exists=True, dir_okay=False))
@click.option("--force", is_flag=True, help="Delete the data already in the database first.")
def restore_command(archive: str, force: bool) -> None:
    """Restore a backup made by `luoshi backup` into an empty database, all or nothing."""
    django_app.setup()
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


COMMANDS = [
    demo_command,
    serve_command,
    import_command,
    departments_command,
    refresh_status_command,
    remind_command,
    worker_command,
    manage_command,
    bulletin_command,
    prod_command,
    backup_command,
    restore_command,
]

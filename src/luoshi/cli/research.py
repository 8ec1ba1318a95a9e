"""The researcher's commands over several reports: promises kept across years (continuity) and
targets across levels (levels). No database."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from luoshi.research import Report

_JOBS_HELP = "Worker processes (default: one per CPU)."


def _tell_problems(reports: list[Report], skipped: list[str]) -> None:
    for reason in skipped:
        click.echo(f"skipped {reason}", err=True)
    for report in reports:
        for warning in report.warnings():
            click.echo(f"warning: {warning}", err=True)


_YEAR_FROM_NAME_HELP = "Take the plan year from the file name (zhejiang-2025.txt) over the text."


@click.command("continuity")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--json", "as_json", is_flag=True, help="The outcomes as JSON.")
@click.option("--out", type=click.Path(dir_okay=False), help="Write the table as FILE.csv.")
@click.option("--jobs", type=click.IntRange(min=1), default=None, help=_JOBS_HELP)
@click.option("--year-from-name", is_flag=True, help=_YEAR_FROM_NAME_HELP)
def continuity_command(
    paths: tuple[str, ...], as_json: bool, out: str | None, jobs: int | None, year_from_name: bool
) -> None:
    """Promises kept (承诺兑现): EARLIER's targets against NEXT's results of the year.

    With two report files, EARLIER NEXT. With folders (or more files), every two reports of one
    place in consecutive years (place-YEAR.txt, or the place and year the texts name).
    """
    from luoshi import corpus
    from luoshi.research import compare, load_reports, pair_reports
    from luoshi.research import continuity as kept

    if out is not None and not out.lower().endswith(".csv"):
        raise click.ClickException(f"{out}: name the table FILE.csv")
    files = corpus.find_files(paths)
    two_files = len(paths) == 2 and len(files) == 2
    reports, skipped = load_reports(files, jobs, year_from_name)
    _tell_problems(reports, skipped)
    if two_files:
        if skipped:
            raise click.ClickException(skipped[0])
        couples = [(reports[0], reports[1])]
    else:
        couples = pair_reports(reports)
        if not couples:
            raise click.ClickException(
                f"no two reports of one place in consecutive years among {len(files)} files"
            )
    pairs = [compare(earlier, later) for earlier, later in couples]
    if out is not None:
        kept.write_csv(kept.rows(pairs), out)
        click.echo(f"{len(pairs)} pairs, {len(kept.rows(pairs))} rows → {out}", err=True)
    if as_json:
        payload = [kept.to_json(pair) for pair in pairs]
        click.echo(json.dumps(payload[0] if two_files else payload, ensure_ascii=False, indent=2))
    elif out is None:
        click.echo(kept.markdown(pairs[0]) if two_files else kept.corpus_markdown(pairs))


def _level_overrides(values: tuple[str, ...]) -> dict[str, str]:
    from luoshi.research.jurisdictions import levels

    table = levels()
    by_word = {**{level: level for level in table.order}, **{v: k for k, v in table.labels.items()}}
    overrides = {}
    for value in values:
        name, _, word = value.rpartition("=")
        if not name or word not in by_word:
            choices = "|".join(table.order)
            raise click.BadParameter(f"{value!r}: write FILE={choices}", param_hint="--level")
        overrides[name] = by_word[word]
    return overrides


@click.command("levels")
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("--json", "as_json", is_flag=True, help="The table as JSON.")
@click.option(
    "--level",
    "level_options",
    multiple=True,
    metavar="FILE=LEVEL",
    help="The level of a report that the text does not tell: national, province, city, county.",
)
@click.option("--jobs", type=click.IntRange(min=1), default=None, help=_JOBS_HELP)
@click.option("--year-from-name", is_flag=True, help=_YEAR_FROM_NAME_HELP)
def levels_command(
    files: tuple[str, ...],
    as_json: bool,
    level_options: tuple[str, ...],
    jobs: int | None,
    year_from_name: bool,
) -> None:
    """Targets across levels (层层加码): one year's reports of several levels side by side."""

    from luoshi import corpus
    from luoshi.research import ResearchError, load_reports
    from luoshi.research.levels import compare_levels, markdown, to_json

    overrides = _level_overrides(level_options)
    found = corpus.find_files(files)
    reports, skipped = load_reports(found, jobs, year_from_name)
    _tell_problems(reports, skipped)
    if not reports:
        raise click.ClickException("none of the files could be read")
    for report in reports:
        for name in (report.file, Path(report.file).name, Path(report.file).stem):
            if name in overrides:
                report.level = overrides[name]
    years = sorted({r.year for r in reports if r.year is not None})
    if len(years) > 1:
        click.echo(f"warning: the reports are of several years ({years})", err=True)
    try:
        comparison = compare_levels(reports)
    except ResearchError as error:
        raise click.ClickException(str(error)) from None
    if as_json:
        click.echo(json.dumps(to_json(comparison), ensure_ascii=False, indent=2))
    else:
        click.echo(markdown(comparison))


COMMANDS = [continuity_command, levels_command]

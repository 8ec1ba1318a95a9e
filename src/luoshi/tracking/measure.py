"""Bridge from the ORM to the status engine: plain facts out of prefetched rows, and the date.

Callers prefetch `targets` (see `tasks_for_status`) and `measure` reads the reports in one
query, so measuring a whole plan costs a fixed number of queries.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from luoshi import status
from luoshi.tracking.models import Appeal, ProgressReport, Target, Task


def today() -> date:
    """The date statuses are computed for: LUOSHI_AS_OF (the demo's day), else today."""
    if settings.LUOSHI_AS_OF:
        try:
            return date.fromisoformat(settings.LUOSHI_AS_OF)
        except ValueError:
            pass
    return timezone.localdate()


def tasks_for_status(queryset: QuerySet[Task]) -> QuerySet[Task]:
    # The report text (kilobytes) would otherwise come along with every task row.
    return (
        queryset.select_related("lead", "section", "plan")
        .defer("plan__source_text")
        .prefetch_related(
            "supporting", Prefetch("targets", queryset=Target.objects.order_by("order"))
        )
    )


_REPORT_FIELDS = (
    "task_id",
    "id",
    "target_id",
    "period",
    "state",
    "value",
    "percent",
    "each_item",
    "milestones",
)
ReportRow = tuple[int, int, int | None, str, str, float | None, float | None, str, list[str]]


def report_rows(
    tasks: list[Task], approved_only: bool = False, known_by: datetime | None = None
) -> dict[int, list[ReportRow]]:
    """The live (not returned) reports of `tasks` in one query, as plain rows: reports grow by
    the month, and building model instances for them would dominate a page's time. With
    `approved_only`, reports awaiting review are left out too; with `known_by`, reports
    submitted after that moment (a past month measured afterwards)."""
    rows: dict[int, list[ReportRow]] = {task.pk: [] for task in tasks}
    live = ProgressReport.objects.filter(task__in=rows)
    if known_by is not None:
        live = live.filter(submitted_at__lte=known_by)
    if approved_only:
        live = live.filter(state=ProgressReport.APPROVED)
    else:
        live = live.exclude(state__in=(ProgressReport.RETURNED, ProgressReport.WITHDRAWN))
    for row in live.values_list(*_REPORT_FIELDS):
        rows[row[0]].append(row)
    return rows


def nodes(stored: list[Any]) -> tuple[status.Node, ...]:
    """A task's checkpoints as stored: ISO dates, or mappings with "on" and optionally "share"
    (0..1), "label" and "milestone"; entries that cannot be read are left out."""
    found = []
    for node in stored or []:
        entry = node if isinstance(node, dict) else {"on": node}
        try:
            on = date.fromisoformat(str(entry["on"]))
            share = entry.get("share")
            found.append(
                status.Node(
                    on,
                    None if share is None else float(share),
                    str(entry.get("label") or ""),
                    bool(entry.get("milestone")),
                    None if entry.get("value") is None else float(entry["value"]),
                )
            )
        except (KeyError, TypeError, ValueError):
            continue
    return tuple(found)


def overrides(tasks: list[Task]) -> dict[int, tuple[status.Override, ...]]:
    """The accepted appeals of `tasks`, in one query."""
    found: dict[int, list[status.Override]] = {}
    accepted = Appeal.objects.filter(task__in=tasks, state=Appeal.ACCEPTED).order_by("decided_at")
    for task_id, period, code, reason in accepted.values_list(
        "task_id", "period", "status", "decision"
    ):
        found.setdefault(task_id, []).append(status.Override(period, code, reason))
    return {task_id: tuple(rows) for task_id, rows in found.items()}


def patterns(tasks: list[Task]) -> dict[int, tuple[float, ...]]:
    """Last year's monthly pattern of each target that the same jurisdiction's plan of the year
    before also had (same indicator and unit) and reported on through December: the cumulative
    share of the year's total reached by each month. Three queries however many tasks."""
    plans = {(task.plan.jurisdiction_id, task.plan.year - 1) for task in tasks}
    if not plans:
        return {}
    earlier = Q()
    for jurisdiction, year in plans:
        earlier |= Q(task__plan__jurisdiction_id=jurisdiction, task__plan__year=year)
    keys: dict[tuple[int, str, str], int | None] = {}
    for pk, jurisdiction, indicator, unit in Target.objects.filter(earlier).values_list(
        "pk", "task__plan__jurisdiction_id", "indicator", "unit"
    ):
        key = (jurisdiction, indicator, unit)
        keys[key] = None if key in keys else pk  # an indicator named twice is ambiguous
    sources = {pk for pk in keys.values() if pk is not None}
    values: dict[int, dict[int, tuple[int, float]]] = {}
    approved = ProgressReport.objects.filter(
        target__in=sources, state=ProgressReport.APPROVED, each_item="", value__isnull=False
    )
    for target_id, period, pk, value in approved.values_list("target_id", "period", "id", "value"):
        month = int(period[5:])
        if month not in values.setdefault(target_id, {}) or pk > values[target_id][month][0]:
            values[target_id][month] = (pk, value or 0.0)
    shapes: dict[int, tuple[float, ...]] = {}
    for target_id, months in values.items():
        total = months.get(12, (0, 0.0))[1]
        if total <= 0:
            continue
        shape, last = [], 0.0
        for month in range(1, 13):
            last = months[month][1] if month in months else last
            shape.append(last / total)
        shapes[target_id] = tuple(shape)
    found = {}
    for task in tasks:
        for target in task.targets.all():
            source = keys.get((task.plan.jurisdiction_id, target.indicator, target.unit))
            if target.indicator and source in shapes:
                found[target.pk] = shapes[source]
    return found


def facts(
    task: Task,
    reports: list[ReportRow],
    live: Mapping[int, status.Text] | None = None,
    appeals: tuple[status.Override, ...] = (),
    shapes: Mapping[int, tuple[float, ...]] | None = None,
) -> status.TaskFacts:
    """`live` maps the ids of targets measured by a live source to the source's name."""
    live = live or {}
    shapes = shapes or {}
    targets = list(task.targets.all())
    index = {target.pk: i for i, target in enumerate(targets)}
    return status.TaskFacts(
        year=task.plan.year,
        deadline=task.deadline,
        nodes=nodes(task.nodes),
        interpolate=task.plan.interpolate_nodes,
        overrides=appeals,
        closed=task.closed,
        closed_reason=task.closed_reason,
        targets=tuple(
            status.TargetFacts(
                value=t.value,
                unit=t.unit,
                comparator=t.comparator,
                change=t.change or None,
                each=tuple(t.each or ()),
                baseline=t.baseline,
                label=t.indicator,
                upper=t.upper,
                pattern=shapes.get(t.pk, ()),
            )
            for t in targets
        ),
        reports=tuple(
            status.ReportFacts(
                period=period,
                state=state,
                target=index.get(target_id) if target_id else None,
                value=value,
                percent=percent,
                each_item=each_item,
                sequence=pk,
                source=live.get(target_id, "") if target_id else "",
                milestones=tuple(done or ()),
            )
            for _, pk, target_id, period, state, value, percent, each_item, done in reports
        ),
    )


@dataclass
class Measured:
    task: Task
    result: status.TaskStatus

    @property
    def status(self) -> str:
        return self.result.status


# --- Live values (added for the project ledger, luoshi.ledger) ---------------------------------
# Some targets are measured elsewhere rather than reported: a source registered here (the ledger
# does so in its AppConfig.ready) maps target ids to {unit of an `each` target, or "": value}.
# A live value stands in for the target's reports: an approved row for the period being measured,
# one per unit; an `each` target takes the source's units (the report says 每个县(区); the
# source knows which counties and districts that means).
@dataclass(frozen=True)
class LiveSource:
    name: str  # how status reasons name its figures (项目台账实时数)
    values: Callable[[list[Task], date], dict[int, dict[str, float]]]
    measures: Callable[[set[int]], set[int]]  # which of these target ids it measures (cheap)
    name_en: str = ""  # the name in English reasons

    @property
    def text(self) -> status.Text:
        return status.Text(self.name, self.name_en or self.name)


LIVE_SOURCES: list[LiveSource] = []
_LIVE_SEQUENCE = 2**62  # later than any report, so the live value is the latest


def _add_live_values(
    tasks: list[Task], on: date, reports: dict[int, list[ReportRow]]
) -> dict[int, status.Text]:
    """Puts live values in `reports`; returns the ids of the targets they measure → source name."""
    owners = {target.pk: (task, target) for task in tasks for target in task.targets.all()}
    measured: dict[int, status.Text] = {}
    for source in LIVE_SOURCES:
        for target_id, values in source.values(tasks, on).items():
            measured[target_id] = source.text
            task, target = owners[target_id]
            deadline = task.deadline or date(task.plan.year, 12, 31)
            period = status.reference_period(task.plan.year, deadline, on)
            target.each = [unit for unit in values if unit]  # in memory only
            rows = [row for row in reports[task.pk] if row[2] != target_id]
            if period is not None:
                rows += [
                    (task.pk, _LIVE_SEQUENCE, target_id, period, "approved", value, None, unit, [])
                    for unit, value in values.items()
                ]
            reports[task.pk] = rows
    return measured


def live_targets(target_ids: Iterable[int]) -> set[int]:
    """The targets among `target_ids` that a live source measures: nobody reports on them (their
    reports would be ignored), so report forms and imports leave them out."""
    wanted = set(target_ids)
    found: set[int] = set()
    for source in LIVE_SOURCES:
        if wanted:
            found |= source.measures(wanted)
    return found


# --- end of live values -------------------------------------------------------------------------


def measure(
    tasks: QuerySet[Task] | list[Task],
    on: date,
    approved_only: bool = False,
    known_by: datetime | None = None,
) -> list[Measured]:
    """Each task's status on `on`. With `approved_only` (the public page, anonymous API callers)
    a period counts as reported only once its report is approved, so claims awaiting review show
    nowhere; live values (the ledger's) are kept, being data the office maintains. With
    `known_by`, only the reports submitted by then count (in their state of today)."""
    tasks = list(tasks)
    reports = report_rows(tasks, approved_only, known_by)
    live = _add_live_values(tasks, on, reports)
    appeals = overrides(tasks)
    shapes = patterns(tasks)
    return [
        Measured(
            task,
            status.evaluate(
                facts(task, reports[task.pk], live, appeals.get(task.pk, ()), shapes), on
            ),
        )
        for task in tasks
    ]


def highlight(text: str, start: int, end: int, marks: list[tuple[int, int]]) -> SafeString:
    """The paragraph around [start, end) as HTML, the task in <mark>, its targets in <strong>."""
    para_start = text.rfind("\n", 0, start) + 1
    found = text.find("\n", end)
    para_end = len(text) if found == -1 else found
    pieces: list[str] = []
    cursor = para_start
    inner = sorted((max(s, start), min(e, end)) for s, e in marks if s < end and e > start)
    pieces.append(escape(text[para_start:start]))
    pieces.append('<mark class="task">')
    cursor = start
    for s, e in inner:
        if s < cursor:
            continue
        pieces.append(escape(text[cursor:s]))
        pieces.append(f'<strong class="target">{escape(text[s:e])}</strong>')
        cursor = e
    pieces.append(escape(text[cursor:end]))
    pieces.append("</mark>")
    pieces.append(escape(text[end:para_end]))
    return mark_safe("".join(pieces))

"""Bridge from the ORM to the status engine: plain facts out of prefetched rows, and the date.

Callers prefetch `targets` and `reports` (see `tasks_for_status`), so measuring a whole plan
costs a fixed number of queries.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from luoshi.tracking import status
from luoshi.tracking.models import ProgressReport, Target, Task


def as_of(request: HttpRequest | None = None) -> date:
    """The date statuses are computed for: ?on=YYYY-MM-DD, else LUOSHI_AS_OF, else today."""
    for value in (request.GET.get("on") if request else None, settings.LUOSHI_AS_OF):
        if value:
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
    return timezone.localdate()


def tasks_for_status(queryset: QuerySet[Task]) -> QuerySet[Task]:
    return queryset.select_related("lead", "section", "plan").prefetch_related(
        "supporting",
        Prefetch("targets", queryset=Target.objects.order_by("order")),
        Prefetch(
            "reports",
            queryset=ProgressReport.objects.exclude(state=ProgressReport.RETURNED).only(
                "id", "task_id", "target_id", "period", "state", "value", "percent", "each_item"
            ),
        ),
    )


def facts(task: Task) -> status.TaskFacts:
    targets = list(task.targets.all())
    index = {target.pk: i for i, target in enumerate(targets)}
    return status.TaskFacts(
        year=task.plan.year,
        deadline=task.deadline,
        nodes=tuple(date.fromisoformat(node) for node in task.nodes),
        targets=tuple(
            status.TargetFacts(
                value=t.value,
                unit=t.unit,
                comparator=t.comparator,
                change=t.change or None,
                each=tuple(t.each or ()),
                baseline=t.baseline,
                label=t.indicator,
            )
            for t in targets
        ),
        reports=tuple(
            status.ReportFacts(
                period=r.period,
                state=r.state,
                target=index.get(r.target_id) if r.target_id else None,
                value=r.value,
                percent=r.percent,
                each_item=r.each_item,
                sequence=r.pk,
            )
            for r in task.reports.all()
        ),
    )


@dataclass
class Measured:
    task: Task
    result: status.TaskStatus

    @property
    def status(self) -> str:
        return self.result.status


def measure(tasks: QuerySet[Task] | list[Task], on: date) -> list[Measured]:
    return [Measured(task, status.evaluate(facts(task), on)) for task in tasks]


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

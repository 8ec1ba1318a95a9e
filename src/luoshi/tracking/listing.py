"""What the tracker's and the public's task lists share: rows with their stored status, the
filters (section, department, type, status, text), their choices, and the status counts."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django import forms
from django.db.models import Count, Q, QuerySet
from django.http import QueryDict
from django.utils import translation

from luoshi import status
from luoshi.tracking.models import Department, Plan, Task

FILTERS = ("section", "department", "kind", "status", "q")
ID_MAX = 2**63 - 1  # the largest id a database stores; beyond it SQLite's driver overflows


class TaskFilters(forms.Form):
    """The list filters as a form, so that any value is checked before it reaches a query."""

    section = forms.IntegerField(required=False, min_value=1, max_value=ID_MAX)
    department = forms.IntegerField(required=False, min_value=1, max_value=ID_MAX)
    kind = forms.CharField(required=False, max_length=20)
    status = forms.CharField(required=False, max_length=20)
    q = forms.CharField(required=False, max_length=200)


def label(code: str) -> str:
    """A status's name in the current language."""
    return status.label(code, translation.get_language())


def status_field(public: bool) -> str:
    """The stored status a reader sees: the public's counts approved reports only."""
    return "public_status" if public else "status"


def english() -> bool:
    return not (translation.get_language() or "zh").lower().startswith("zh")


def reason(task: Task, public: bool = False) -> str:
    """The stored reason in the current language."""
    if public:
        return (task.public_reason_en if english() else "") or task.public_reason
    return (task.status_reason_en if english() else "") or task.status_reason


def row(task: Task, public: bool = False) -> dict[str, Any]:
    """A task with its stored status, as the task tables and cards show it."""
    code = task.public_status if public else task.status
    return {
        "task": task,
        "status": code,
        "label": label(code),
        "css": status.CSS.get(code, ""),
        "reason": reason(task, public),
        "overridden": task.status_overridden,
        "warning": task.status_warning and not public,
        "expected": task.status_expected,
        "verified": task.public_verified if public else task.status_verified,
        "claimed": None if public else task.status_claimed,
    }


def lines(task: Task, public: bool = False) -> list[dict[str, Any]]:
    """The per-line detail of a task's stored status (a target, a unit, or the task)."""
    stored = task.public_lines if public else task.status_lines
    en = english()
    return [
        {
            **line,
            "reason": (line.get("reason_en") if en else "") or line["reason"],
            "forecast": (line.get("forecast_en") if en else "") or line.get("forecast", ""),
            "label_text": label(line["status"]),
            "css": status.CSS.get(line["status"], ""),
        }
        for line in stored or []
    ]


def forecasts(task: Task) -> list[str]:
    """The forecasts that miss their targets (预警), in the current language."""
    return [line["forecast"] for line in lines(task) if line.get("warning")]


def filtered(
    tasks: QuerySet[Task], query: QueryDict, public: bool = False, by_status: bool = True
) -> tuple[QuerySet[Task], dict[str, str]]:
    """`tasks` that match the filters in `query` (section, department as lead or supporting,
    type, text or number, and with `by_status` the status), and the filters as given. A value
    no task can match (an id that is not a number, a NUL byte in the text) matches nothing."""
    filters = {name: query.get(name, "").strip() for name in FILTERS}
    form = TaskFilters(filters)
    if not form.is_valid():
        return tasks.none(), filters
    wanted = form.cleaned_data
    if wanted["section"] is not None:
        tasks = tasks.filter(section_id=wanted["section"])
    if wanted["department"] is not None:
        unit = wanted["department"]
        ids = Task.objects.filter(Q(lead_id=unit) | Q(supporting__id=unit)).values("id")
        tasks = tasks.filter(id__in=ids)
    if wanted["kind"]:
        tasks = tasks.filter(kind=wanted["kind"])
    if by_status and wanted["status"] in status.STATUSES:
        tasks = tasks.filter(**{status_field(public): wanted["status"]})
    if wanted["q"]:
        tasks = tasks.filter(Q(text__icontains=wanted["q"]) | Q(code__iexact=wanted["q"]))
    return tasks, filters


def count_rows(found: Counter[str]) -> list[tuple[str, str, int, str]]:
    """(name, css class, number, status) for each status, in the dashboard's order."""
    return [(label(s), status.CSS[s], found[s], s) for s in status.STATUSES]


def counts(tasks: QuerySet[Task], public: bool = False) -> list[tuple[str, str, int, str]]:
    """`count_rows` of `tasks`, counted in SQL."""
    field = status_field(public)
    grouped = tasks.order_by().values(field).annotate(n=Count("id")).values_list(field, "n")
    return count_rows(Counter(dict(grouped)))


def filter_choices(plan: Plan) -> dict[str, Any]:
    """What the filter form (tracking/_task_filters.html) offers."""
    return {
        "sections": plan.sections.all(),
        "departments": Department.objects.filter(jurisdiction=plan.jurisdiction_id),
        "kinds": Task.KINDS,
        "statuses": [(s, label(s)) for s in status.STATUSES],
    }

"""The review queue: reports awaiting review, filtered (department, section, task status,
period), sorted (oldest first, by period, by department, by claim minus expected) and grouped by
submission, so that a reviewer sees every target of one submission together and decides once."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.contrib.auth.models import AnonymousUser, User
from django.db.models import F, QuerySet
from django.utils.translation import gettext_lazy as _

from luoshi import status
from luoshi.tracking import values
from luoshi.tracking.listing import ID_MAX, label
from luoshi.tracking.models import PERIOD_RE, Department, ProgressReport, Section

SORTS = {
    "submitted": ("submitted_at", "pk"),
    "period": ("period", "submitted_at", "pk"),
    "department": ("task__lead__name", "submitted_at", "pk"),
    # The claim furthest ahead of 序时 first (the one most worth checking); no share: last.
    "gap": (F("gap").desc(nulls_last=True), "submitted_at", "pk"),
}


class ReviewFilters(forms.Form):
    """The queue's query parameters, checked before they reach a query."""

    department = forms.IntegerField(required=False, min_value=1, max_value=ID_MAX)
    section = forms.IntegerField(required=False, min_value=1, max_value=ID_MAX)
    status = forms.ChoiceField(required=False)
    period = forms.CharField(required=False, max_length=7)
    sort = forms.ChoiceField(
        required=False,
        choices=[
            ("submitted", _("Oldest first")),
            ("period", _("Period")),
            ("department", _("Department")),
            ("gap", _("Claim minus expected")),
        ],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        status_field: Any = self.fields["status"]
        status_field.choices = [("", "")] + [(s, label(s)) for s in status.STATUSES]

    def clean_period(self) -> str:
        period = (self.cleaned_data.get("period") or "").strip()
        if period and not PERIOD_RE.match(period):
            raise forms.ValidationError(_("Write the period as year-month, for example 2022-06."))
        return period


@dataclass
class Submission:
    """The reports of one submission (one report when it was made alone), first one first."""

    reports: list[ProgressReport] = field(default_factory=list)

    @property
    def first(self) -> ProgressReport:
        return self.reports[0]

    @property
    def evidence(self) -> list[Any]:
        return [e for r in self.reports for e in r.evidence.all()]

    @property
    def flagged(self) -> bool:
        return any(values.implausible(r) for r in self.reports)


def waiting(user: User | AnonymousUser, filters: ReviewFilters) -> QuerySet[ProgressReport]:
    """Reports awaiting review that the user may see, filtered and sorted; none when a filter
    is not valid (an odd query string shows an empty queue, with the reason)."""
    reports = ProgressReport.objects.visible_to(user).filter(state=ProgressReport.SUBMITTED)
    if not filters.is_valid():
        return reports.none()
    chosen = filters.cleaned_data
    if chosen["department"] is not None:
        reports = reports.filter(task__lead_id=chosen["department"])
    if chosen["section"] is not None:
        reports = reports.filter(task__section_id=chosen["section"])
    if chosen["status"]:
        reports = reports.filter(task__status=chosen["status"])
    if chosen["period"]:
        reports = reports.filter(period=chosen["period"])
    order = SORTS[chosen["sort"] or "submitted"]
    return (
        reports.annotate(gap=F("task__status_claimed") - F("task__status_expected"))
        .select_related("task", "task__lead", "target", "submitted_by")
        .prefetch_related("evidence__publication")  # the office marks files public
        .order_by(*order)
    )


def grouped(reports: QuerySet[ProgressReport]) -> list[Submission]:
    """Reports in their submissions, in the order of each submission's first report."""
    groups: dict[object, Submission] = {}
    for report in reports:
        key = report.submission or ("alone", report.pk)
        groups.setdefault(key, Submission()).reports.append(report)
    for group in groups.values():
        group.reports.sort(key=lambda r: (r.target.order if r.target else 0, r.pk))
    return list(groups.values())


def choices(user: User | AnonymousUser) -> dict[str, Any]:
    """The departments and sections that have reports awaiting review, for the filter menus."""
    pending = ProgressReport.objects.visible_to(user).filter(state=ProgressReport.SUBMITTED)
    departments = Department.objects.visible_to(user).filter(
        led_tasks__reports__in=pending.values("pk")
    )
    sections = Section.objects.filter(tasks__reports__in=pending.values("pk")).select_related(
        "plan"
    )
    return {
        "departments": departments.distinct(),
        "sections": sections.distinct().order_by("plan_id", "order"),
        "statuses": [(s, label(s)) for s in status.STATUSES],
    }

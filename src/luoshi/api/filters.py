"""Query parameters of the list endpoints (django-filter); they appear in the OpenAPI schema."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Case, Q, QuerySet, Value, When
from django_filters import rest_framework as filters
from rest_framework.filters import OrderingFilter

from luoshi import status
from luoshi.tracking import listing
from luoshi.tracking.models import Department, Plan, ProgressReport, Section, Target, Task
from luoshi.tracking.visibility import sees_public_view


class IdFilter(filters.NumberFilter):
    """An id: a whole number a database can hold (400 otherwise, never an overflow)."""

    field_class = forms.IntegerField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", listing.ID_MAX)
        super().__init__(*args, **kwargs)


class PlanFilter(filters.FilterSet):
    class Meta:
        model = Plan
        fields = ["year", "state"]


class SectionFilter(filters.FilterSet):
    class Meta:
        model = Section
        fields = ["plan", "level"]


class TaskFilter(filters.FilterSet):
    department = IdFilter(method="filter_department", label="Lead or supporting department id")
    status = filters.ChoiceFilter(
        choices=[(s, s) for s in status.STATUSES],
        method="filter_status",
        label="Stored status (已完成, 超进度, 序时推进, 滞后, 逾期, 未报送)",
    )
    q = filters.CharFilter(method="filter_q", label="Text contains, or the task number")

    class Meta:
        model = Task
        fields = ["plan", "section", "lead", "kind"]

    def filter_department(self, queryset: QuerySet[Task], name: str, value: int) -> QuerySet[Task]:
        # A subquery rather than a join, so a task supported twice is not listed twice.
        ids = Task.objects.filter(Q(lead_id=value) | Q(supporting__id=value)).values("id")
        return queryset.filter(id__in=ids)

    def filter_status(self, queryset: QuerySet[Task], name: str, value: str) -> QuerySet[Task]:
        public = self.request is None or sees_public_view(self.request.user)
        return queryset.filter(**{listing.status_field(public): value})

    def filter_q(self, queryset: QuerySet[Task], name: str, value: str) -> QuerySet[Task]:
        value = value.strip()
        return queryset.filter(Q(text__icontains=value) | Q(code__iexact=value))


class TargetFilter(filters.FilterSet):
    plan = IdFilter(field_name="task__plan", label="Plan id")

    class Meta:
        model = Target
        fields = ["task", "unit"]


class DepartmentFilter(filters.FilterSet):
    class Meta:
        model = Department
        fields = ["jurisdiction", "code"]


class ProgressReportFilter(filters.FilterSet):
    plan = IdFilter(field_name="task__plan", label="Plan id")
    department = IdFilter(field_name="task__lead", label="Lead department id")

    class Meta:
        model = ProgressReport
        fields = ["task", "target", "state", "period"]


class TaskOrdering(OrderingFilter):
    """`?ordering=status` sorts by the status the caller sees, worst first (逾期, 未报送, 滞后,
    序时推进, 超进度, 已完成); `-status` best first. Other terms as the view lists them."""

    def get_ordering(self, request: Any, queryset: QuerySet[Task], view: Any) -> Any:
        ordering = super().get_ordering(request, queryset, view)
        if not ordering:
            return ordering
        return [term.replace("status", "status_rank") for term in ordering]


def with_status_rank(tasks: QuerySet[Task], public: bool) -> QuerySet[Task]:
    """The tasks with `status_rank`: the severity of the stored status the reader sees."""
    field = listing.status_field(public)
    ranks = [When(**{field: code}, then=Value(rank)) for code, rank in status.SEVERITY.items()]
    return tasks.annotate(status_rank=Case(*ranks, default=Value(len(ranks))))

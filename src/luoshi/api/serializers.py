"""JSON shapes of the API. Read serializers expect rows fetched by the views' querysets
(select_related / prefetch_related), so serializing a page costs no extra queries."""

from __future__ import annotations

from pathlib import PureWindowsPath
from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from luoshi import status
from luoshi.tracking import listing, values
from luoshi.tracking.models import Department, Plan, ProgressReport, Section, Target, Task
from luoshi.tracking.visibility import sees_public_view


class PlanSerializer(serializers.ModelSerializer[Plan]):
    jurisdiction = serializers.CharField(source="jurisdiction.name", read_only=True)
    source_name = serializers.SerializerMethodField(help_text="The report's file name.")

    class Meta:
        model = Plan
        fields = [
            "id",
            "jurisdiction",
            "year",
            "title",
            "state",
            "source_name",
            "created_at",
            "published_at",
        ]

    def get_source_name(self, plan: Plan) -> str:
        # Plans imported before names were trimmed may hold a server path: never show it.
        return PureWindowsPath(plan.source_name).name


class PlanDetailSerializer(PlanSerializer):
    """One plan with the report text that every `start`/`end` offset points into."""

    class Meta(PlanSerializer.Meta):
        fields = [*PlanSerializer.Meta.fields, "source_text"]


class SectionSerializer(serializers.ModelSerializer[Section]):
    class Meta:
        model = Section
        fields = ["id", "plan", "order", "level", "number", "title", "start", "end", "body_end"]


class TargetSerializer(serializers.ModelSerializer[Target]):
    class Meta:
        model = Target
        fields = [
            "id",
            "task",
            "order",
            "text",
            "start",
            "end",
            "indicator",
            "value",
            "upper",
            "unit",
            "comparator",
            "change",
            "each",
            "qualifier",
            "baseline",
            "original_value",
        ]


class DepartmentSerializer(serializers.ModelSerializer[Department]):
    jurisdiction = serializers.CharField(source="jurisdiction.name", read_only=True)

    class Meta:
        model = Department
        fields = ["id", "code", "name", "jurisdiction"]


class StatusSerializer(serializers.Serializer[Any]):
    code = serializers.ChoiceField(choices=status.STATUSES, help_text="已完成, 超进度, …")
    label = serializers.CharField(  # type: ignore[assignment]  # DRF's metaclass moves it to .fields
        help_text="The status in the request's language."
    )
    reason = serializers.CharField(help_text="Why, in the request's language.")
    overridden = serializers.BooleanField(help_text="Set by the office on appeal (申诉改判).")
    warning = serializers.BooleanField(
        help_text="A forecast misses its target (预警); false for anonymous callers."
    )
    expected = serializers.FloatField(allow_null=True, help_text="Expected share (序时), 0..1.")
    verified = serializers.FloatField(allow_null=True, help_text="From approved reports, 0..1.")
    claimed = serializers.FloatField(
        allow_null=True,
        help_text="Including reports awaiting review, 0..1; equals verified for anonymous callers.",
    )


class TaskSerializer(serializers.ModelSerializer[Task]):
    lead_name = serializers.CharField(
        source="lead.name", read_only=True, default=None, allow_null=True
    )
    supporting = serializers.SerializerMethodField()
    targets = TargetSerializer(many=True, read_only=True)
    status = serializers.SerializerMethodField()

    class Meta:
        model = Task
        fields = [
            "id",
            "plan",
            "section",
            "code",
            "order",
            "text",
            "start",
            "end",
            "subheading",
            "kind",
            "lead",
            "lead_name",
            "supporting",
            "deadline",
            "original_deadline",
            "nodes",
            "targets",
            "status",
        ]

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_supporting(self, task: Task) -> list[int]:
        return [d.pk for d in task.supporting.all()]  # prefetched; .values_list would query

    @extend_schema_field(StatusSerializer)
    def get_status(self, task: Task) -> dict[str, Any]:
        # The stored status; anonymous callers get the public one (approved reports only).
        request = self.context.get("request")
        public = request is None or sees_public_view(request.user)
        row = listing.row(task, public)
        return {
            "code": row["status"],
            "label": row["label"],
            "reason": row["reason"],
            "overridden": row["overridden"],
            "warning": row["warning"],
            "expected": row["expected"],
            "verified": row["verified"],
            "claimed": row["verified"] if public else row["claimed"],
        }


class EvidenceSerializer(serializers.Serializer[Any]):
    name = serializers.CharField()
    size = serializers.IntegerField()
    url = serializers.CharField(source="file.url")


class ProgressReportSerializer(serializers.ModelSerializer[ProgressReport]):
    submitted_by = serializers.CharField(source="submitted_by.username", read_only=True)
    reviewer = serializers.CharField(
        source="reviewer.username", read_only=True, default=None, allow_null=True
    )
    evidence = EvidenceSerializer(many=True, read_only=True)
    implausible = serializers.SerializerMethodField(
        help_text="The value is more than 10 times the target's: worth a second look."
    )

    class Meta:
        model = ProgressReport
        fields = [
            "id",
            "task",
            "target",
            "each_item",
            "period",
            "value",
            "percent",
            "narrative",
            "state",
            "return_reason",
            "submitted_by",
            "submitted_at",
            "reviewer",
            "reviewed_at",
            "evidence",
            "implausible",
        ]

    def get_implausible(self, report: ProgressReport) -> bool:
        return values.implausible(report)


class ReportInputSerializer(serializers.Serializer[Any]):
    """A new progress report; validated by the web's ProgressReportForm, so the rules match."""

    task = serializers.IntegerField()
    target = serializers.IntegerField(
        required=False, allow_null=True, help_text="Required when the task has targets."
    )
    each_item = serializers.CharField(
        required=False, allow_blank=True, help_text="For targets that apply to each unit."
    )
    period = serializers.CharField(help_text="YYYY-MM, within the plan year, not in the future.")
    value = serializers.FloatField(required=False, allow_null=True)
    percent = serializers.FloatField(
        required=False, allow_null=True, help_text="0–100, for tasks without targets."
    )
    narrative = serializers.CharField()
    evidence = serializers.ListField(
        child=serializers.FileField(), required=False, help_text="multipart/form-data only."
    )


class SubmissionLineSerializer(serializers.Serializer[Any]):
    target = serializers.IntegerField()
    value = serializers.FloatField(allow_null=True)
    each_item = serializers.CharField(
        required=False, allow_blank=True, help_text="For targets that apply to each unit."
    )


class SubmissionInputSerializer(serializers.Serializer[Any]):
    """One submission for a task: a value for each of its targets reported by hand, with one
    period, narrative and set of evidence files; validated by the web's report form."""

    task = serializers.IntegerField()
    period = serializers.CharField(help_text="YYYY-MM, within the plan year, not in the future.")
    values = SubmissionLineSerializer(
        many=True, required=False, help_text="One line per target (tasks with targets)."
    )
    percent = serializers.FloatField(
        required=False, allow_null=True, help_text="0–100, for tasks without targets."
    )
    narrative = serializers.CharField()


class ReviewInputSerializer(serializers.Serializer[Any]):
    decision = serializers.ChoiceField(choices=["approve", "return"])
    reason = serializers.CharField(
        required=False, allow_blank=True, help_text="Required when returning."
    )

"""API views. Each names its permission classes (luoshi.api.permissions) and its rows come from
each model's `visible_to` (luoshi.tracking.visibility), so the API shows and allows what the web
pages show and allow. Task statuses are the ones stored on each task."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import QueryDict
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer

from luoshi.api import filters, serializers
from luoshi.api.permissions import LiaisonWrite, MemberRead, OfficeWrite, PublicRead
from luoshi.tracking import services
from luoshi.tracking.forms import LIVE_TARGET_REFUSED, ProgressReportForm, ReviewForm
from luoshi.tracking.measure import today
from luoshi.tracking.models import Department, Plan, ProgressReport, Section, Target, Task
from luoshi.tracking.permissions import user_of
from luoshi.tracking.visibility import sees_public_view


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


def form_errors(form: Any) -> exceptions.ValidationError:
    return exceptions.ValidationError({k: [str(e) for e in v] for k, v in form.errors.items()})


class PlanViewSet(viewsets.ReadOnlyModelViewSet):
    """Plans drawn from government work reports. Anonymous callers see published plans."""

    permission_classes = [PublicRead]
    filterset_class = filters.PlanFilter
    ordering_fields = ["year", "published_at", "created_at", "id"]
    ordering = ["-year", "id"]

    def get_queryset(self) -> QuerySet[Any]:
        plans = Plan.objects.visible_to(self.request.user).select_related("jurisdiction")
        return plans if self.action == "retrieve" else plans.defer("source_text")

    def get_serializer_class(self) -> type[BaseSerializer[Any]]:
        if self.action == "retrieve":
            return serializers.PlanDetailSerializer
        return serializers.PlanSerializer

    @extend_schema(request=None, responses={200: serializers.PlanSerializer})
    @action(detail=True, methods=["post"], permission_classes=[OfficeWrite])
    def publish(self, request: Request, pk: str) -> Response:
        """Publish a draft plan (supervision office): departments can then report on it."""
        plan = self.get_object()
        try:
            plan = services.publish_plan(user_of(request._request), plan.pk)
        except services.Conflict:
            raise Conflict(_("This plan is already published.")) from None
        return Response(serializers.PlanSerializer(plan).data)


class SectionViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [PublicRead]
    serializer_class = serializers.SectionSerializer
    filterset_class = filters.SectionFilter
    ordering_fields = ["order", "id"]
    ordering = ["plan", "order"]

    def get_queryset(self) -> QuerySet[Any]:
        return Section.objects.visible_to(self.request.user)


class TaskViewSet(viewsets.ReadOnlyModelViewSet):
    """Tasks (commitments) with their computed status. For anonymous callers the status uses
    approved reports only, as on the public page."""

    permission_classes = [PublicRead]
    serializer_class = serializers.TaskSerializer
    filterset_class = filters.TaskFilter
    ordering_fields = ["order", "code", "deadline", "status", "id"]
    ordering = ["plan", "order"]
    filter_backends = [DjangoFilterBackend, filters.TaskOrdering]

    def get_queryset(self) -> QuerySet[Any]:
        targets = Prefetch("targets", queryset=Target.objects.order_by("order"))
        visible = Task.objects.visible_to(self.request.user).select_related("lead")
        tasks = filters.with_status_rank(visible, sees_public_view(self.request.user))
        return tasks.prefetch_related("supporting", targets).defer("status_lines", "public_lines")


class TargetViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [PublicRead]
    serializer_class = serializers.TargetSerializer
    filterset_class = filters.TargetFilter
    ordering_fields = ["order", "value", "id"]
    ordering = ["task", "order"]

    def get_queryset(self) -> QuerySet[Any]:
        return Target.objects.visible_to(self.request.user)


class DepartmentViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [PublicRead]
    serializer_class = serializers.DepartmentSerializer
    filterset_class = filters.DepartmentFilter
    ordering_fields = ["name", "code", "id"]
    ordering = ["name"]

    def get_queryset(self) -> QuerySet[Any]:
        return Department.objects.visible_to(self.request.user).select_related("jurisdiction")


class ProgressReportViewSet(viewsets.ReadOnlyModelViewSet):
    """Progress reports: read by members; a liaison submits on their department's tasks;
    the supervision office approves or returns. Not shown to anonymous callers."""

    permission_classes = [MemberRead]
    serializer_class = serializers.ProgressReportSerializer
    filterset_class = filters.ProgressReportFilter
    ordering_fields = ["period", "submitted_at", "reviewed_at", "id"]
    ordering = ["-period", "-submitted_at"]

    def get_permissions(self) -> list[Any]:
        if self.action in ("create", "submission"):
            return [LiaisonWrite()]
        return list(super().get_permissions())

    def get_queryset(self) -> QuerySet[Any]:
        return (
            ProgressReport.objects.visible_to(self.request.user)
            .select_related("submitted_by", "reviewer", "target")
            .prefetch_related("evidence")
        )

    @extend_schema(
        request={
            "application/json": serializers.ReportInputSerializer,
            "multipart/form-data": serializers.ReportInputSerializer,
        },
        responses={201: serializers.ProgressReportSerializer},
    )
    def create(self, request: Request) -> Response:
        """Report progress on one target of a task (the liaison of its lead department)."""
        head = serializers.ReportInputSerializer(data=_plain(request.data))
        head.is_valid(raise_exception=True)
        task = self._task(request, head.validated_data["task"])
        data = _plain(request.data)
        target = data.get("target")
        data = {**data, "target": "" if target is None else str(target)}
        report = self._submit(request, task, data)[0]
        return Response(self.get_serializer(report).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request={"application/json": serializers.SubmissionInputSerializer},
        responses={201: serializers.ProgressReportSerializer(many=True)},
    )
    @action(detail=False, methods=["post"], permission_classes=[LiaisonWrite])
    def submission(self, request: Request) -> Response:
        """Report progress on several targets of a task at once, as the web's report form
        does: one period, one narrative, one review for them all."""
        head = serializers.SubmissionInputSerializer(data=_plain(request.data))
        head.is_valid(raise_exception=True)
        task = self._task(request, head.validated_data["task"])
        data = {k: v for k, v in head.validated_data.items() if k not in ("task", "values")}
        lines = head.validated_data.get("values", [])
        for line in lines:
            data[f"value-{line['target']}"] = "" if line["value"] is None else line["value"]
            data[f"each-{line['target']}"] = line.get("each_item", "")
        if data.get("percent") is None:
            data.pop("percent", None)
        reports = self._submit(request, task, data, [str(line["target"]) for line in lines])
        return Response(
            self.get_serializer(reports, many=True).data, status=status.HTTP_201_CREATED
        )

    def _task(self, request: Request, pk: int) -> Task:
        targets = Prefetch("targets", queryset=Target.objects.order_by("order"))
        tasks = Task.objects.visible_to(request.user).select_related("plan")
        tasks = tasks.prefetch_related(targets)
        task = get_object_or_404(tasks.defer("plan__source_text"), pk=pk)
        self.check_object_permissions(request, task)
        return task

    def _submit(
        self, request: Request, task: Task, data: dict[str, Any], targets: Sequence[str] = ()
    ) -> list[Any]:
        """The reports made; `targets`: the ones a submission names, each one to report."""
        form = ProgressReportForm(task, data, request.FILES, today=today())
        live = [key for key in targets if key in form.live]
        if live:
            refused = str(LIVE_TARGET_REFUSED)
            raise exceptions.ValidationError({"values": [f"{key}: {refused}" for key in live]})
        unknown = [key for key in targets if key not in form.targets]
        if unknown:
            refused = _("Not a target of this task.")
            raise exceptions.ValidationError({"values": [f"{key}: {refused}" for key in unknown]})
        if not form.is_valid():
            raise exceptions.ValidationError(form.posted_errors())
        made = services.submit_reports(user_of(request._request), task, form.cleaned_data)
        return list(self.get_queryset().filter(pk__in=[r.pk for r in made]).order_by("pk"))

    @extend_schema(request=serializers.ReviewInputSerializer)
    @action(detail=True, methods=["post"], permission_classes=[OfficeWrite])
    def review(self, request: Request, pk: str) -> Response:
        """Approve or return a report awaiting review (supervision office)."""
        report = self.get_object()
        form = ReviewForm(_plain(request.data))
        if not form.is_valid():
            raise form_errors(form)
        approve = form.cleaned_data["decision"] == "approve"
        try:
            services.review_report(
                user_of(request._request), report.pk, approve, form.cleaned_data["reason"] or ""
            )
        except services.Conflict:
            raise Conflict(_("This report has already been reviewed.")) from None
        return Response(self.get_serializer(self.get_queryset().get(pk=report.pk)).data)


def _plain(data: Any) -> dict[str, Any]:
    """JSON bodies are dicts; form bodies are QueryDicts (one value per field, files apart)."""
    if isinstance(data, QueryDict):
        return {key: data.get(key) for key in data if key != "evidence"}
    return dict(data) if isinstance(data, dict) else {}

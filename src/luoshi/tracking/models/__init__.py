"""The tracker's data: plans drawn from a report, who answers for each task, what they report.

Nothing is overwritten silently: revisions (deadline extensions, target changes, reassignments)
are recorded as `Event`s and the values first published stay in the `original_*` fields.
"""

from __future__ import annotations

import re
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from luoshi.tracking import visibility
from luoshi.tracking.names import normal_name

PERIOD_RE = re.compile(r"^20\d\d-(0[1-9]|1[0-2])$")


def validate_period(value: str) -> None:
    if not PERIOD_RE.match(value):
        raise ValidationError(_("Write the period as year-month, for example 2022-06."))


class Jurisdiction(models.Model):
    """A city, or one of its counties and districts (县、区)."""

    LEVELS = [("city", _("city")), ("county", _("county")), ("district", _("district"))]
    name = models.CharField(_("name"), max_length=100, unique=True)
    level = models.CharField(_("level"), max_length=10, choices=LEVELS, default="city")
    parent = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="children"
    )

    class Meta:
        verbose_name = _("jurisdiction")
        verbose_name_plural = _("jurisdiction")

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.name = normal_name(self.name)  # look-alike names are one jurisdiction (unique)
        super().save(*args, **kwargs)


class Department(models.Model):
    jurisdiction = models.ForeignKey(Jurisdiction, models.PROTECT, related_name="departments")
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=100)
    aliases = models.JSONField(_("aliases"), default=list, blank=True)

    objects = visibility.DepartmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("department")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["jurisdiction", "code"], name="department_code"),
            models.UniqueConstraint(fields=["jurisdiction", "name"], name="department_name"),
        ]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A user's role in one jurisdiction; a liaison also belongs to a department."""

    OFFICE, LIAISON, LEADER, VIEWER = "office", "liaison", "leader", "viewer"
    ROLES = [
        (OFFICE, _("supervision office")),
        (LIAISON, _("department liaison")),
        (LEADER, _("leader")),
        (VIEWER, _("viewer")),
    ]
    user = models.OneToOneField(settings.AUTH_USER_MODEL, models.CASCADE, related_name="membership")
    jurisdiction = models.ForeignKey(Jurisdiction, models.PROTECT, related_name="members")
    role = models.CharField(_("role"), max_length=10, choices=ROLES, default=VIEWER)
    department = models.ForeignKey(
        Department, models.PROTECT, null=True, blank=True, related_name="members"
    )
    # 分管: the departments a leader oversees (their home's portfolio, the requests they decide).
    portfolio = models.ManyToManyField(
        Department, blank=True, related_name="overseers", verbose_name=_("departments overseen")
    )

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("member")

    def clean(self) -> None:
        if self.role == self.LIAISON and self.department_id is None:
            raise ValidationError(_("A department liaison must belong to a department."))

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"


class Plan(models.Model):
    """One plan of a jurisdiction and year; several may be active (published) at once, and an
    archived plan stays readable but takes no more reports."""

    DRAFT, PUBLISHED, ARCHIVED = "draft", "published", "archived"
    STATES = [(DRAFT, _("draft")), (PUBLISHED, _("active")), (ARCHIVED, _("archived"))]
    KINDS = [
        ("report", _("government work report")),
        ("livelihood", _("livelihood projects")),
        ("special", _("special plan")),
    ]
    jurisdiction = models.ForeignKey(Jurisdiction, models.PROTECT, related_name="plans")
    year = models.PositiveIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=200, blank=True)
    kind = models.CharField(_("kind of plan"), max_length=12, choices=KINDS, default="report")
    source_name = models.CharField(_("source file"), max_length=255)
    source_text = models.TextField(_("report text"))  # decoded input, verbatim: spans point into it
    source_sha256 = models.CharField(max_length=64)
    state = models.CharField(_("state"), max_length=10, choices=STATES, default=DRAFT)
    created_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(null=True, blank=True)
    status_on = models.DateField(null=True, blank=True, editable=False)  # tasks' statuses as of
    # 序时 between checkpoints: rising linearly to the next one, rather than stepwise.
    interpolate_nodes = models.BooleanField(_("interpolate between checkpoints"), default=False)

    objects = visibility.PlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plan")
        constraints = [
            models.UniqueConstraint(
                fields=["jurisdiction", "year", "source_sha256"], name="plan_source_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.jurisdiction} {self.year} {self.title}".strip()


class Section(models.Model):
    plan = models.ForeignKey(Plan, models.CASCADE, related_name="sections")
    order = models.PositiveIntegerField()
    level = models.PositiveSmallIntegerField()
    number = models.CharField(max_length=20)
    title = models.CharField(max_length=200)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    body_end = models.PositiveIntegerField()

    objects = visibility.PlanPartQuerySet.as_manager()

    class Meta:
        ordering = ["order"]
        verbose_name = _("section")
        verbose_name_plural = _("section")

    def __str__(self) -> str:
        return self.title


class Task(models.Model):
    KINDS = [
        ("target", _("quantitative target")),
        ("project", _("project")),
        ("reform", _("reform")),
        ("qualitative", _("qualitative task")),
    ]
    plan = models.ForeignKey(Plan, models.CASCADE, related_name="tasks")
    section = models.ForeignKey(
        Section, models.SET_NULL, null=True, blank=True, related_name="tasks"
    )
    code = models.CharField(_("number"), max_length=20)
    order = models.PositiveIntegerField()
    text = models.TextField(_("task"))
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    subheading = models.CharField(max_length=200, blank=True)
    kind = models.CharField(_("type"), max_length=12, choices=KINDS, default="qualitative")
    lead = models.ForeignKey(
        Department, models.PROTECT, null=True, blank=True, related_name="led_tasks"
    )
    supporting = models.ManyToManyField(Department, blank=True, related_name="supported_tasks")
    assignment_reasons = models.JSONField(default=list, blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    # Checkpoints: ISO dates, or {"on", "share" (0..1), "label", "milestone"} (measure.nodes)
    nodes = models.JSONField(_("checkpoints"), default=list, blank=True)
    # Checkpoints replaced by a revision (a new set, or a deadline extended), kept and shown
    # struck through: each as stored in `nodes`, plus "superseded_at" and "by" (the revision).
    superseded_nodes = models.JSONField(default=list, blank=True, editable=False)
    # As first published; revisions change the fields above and leave these alone.
    original_deadline = models.DateField(null=True, blank=True)
    original_lead = models.ForeignKey(
        Department, models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The computed status (luoshi.status) as of `status_on`, stored by tracking.statuses in the
    # transaction of every write that changes it and refreshed daily (`luoshi refresh-status`):
    # as the tracker sees it (reports awaiting review count as reported) and as the public does.
    status = models.CharField(_("status"), max_length=8, blank=True, db_index=True, editable=False)
    status_reason = models.TextField(blank=True, editable=False)
    status_reason_en = models.TextField(blank=True, editable=False)
    status_warning = models.BooleanField(default=False, editable=False)  # a forecast misses (预警)
    status_overridden = models.BooleanField(default=False, editable=False)  # set on appeal
    status_expected = models.FloatField(null=True, blank=True, editable=False)
    status_verified = models.FloatField(null=True, blank=True, editable=False)
    status_claimed = models.FloatField(null=True, blank=True, editable=False)
    status_lines = models.JSONField(default=list, blank=True, editable=False)
    status_on = models.DateField(null=True, blank=True, editable=False)
    public_status = models.CharField(max_length=8, blank=True, db_index=True, editable=False)
    public_reason = models.TextField(blank=True, editable=False)
    public_reason_en = models.TextField(blank=True, editable=False)
    public_verified = models.FloatField(null=True, blank=True, editable=False)
    public_lines = models.JSONField(default=list, blank=True, editable=False)
    # 办结销号: closed as completed (完成销号) or terminated (终止); reopening is an event.
    COMPLETED, TERMINATED = "completed", "terminated"
    CLOSINGS = [(COMPLETED, _("completed")), (TERMINATED, _("terminated"))]
    closed = models.CharField(_("closed"), max_length=10, choices=CLOSINGS, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_reason = models.TextField(blank=True)

    objects = visibility.TaskQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "order"]
        verbose_name = _("task")
        verbose_name_plural = _("task")
        constraints = [models.UniqueConstraint(fields=["plan", "code"], name="task_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.text[:40]}"


class Target(models.Model):
    task = models.ForeignKey(Task, models.CASCADE, related_name="targets")
    order = models.PositiveIntegerField(default=0)
    text = models.CharField(max_length=500)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    indicator = models.CharField(_("target"), max_length=200, blank=True)
    value = models.FloatField(_("target value"))
    upper = models.FloatField(null=True, blank=True)
    unit = models.CharField(_("unit"), max_length=20, blank=True)
    comparator = models.CharField(max_length=2, default=">=")
    change = models.CharField(max_length=10, blank=True)  # "", "increase", "decrease"
    each = models.JSONField(null=True, blank=True)  # the units it applies to, one by one
    qualifier = models.CharField(max_length=50, blank=True)
    rule = models.CharField(max_length=80, blank=True)
    baseline = models.FloatField(_("baseline"), null=True, blank=True)  # the level at the start
    original_value = models.FloatField(null=True, blank=True)  # as first published

    objects = visibility.TargetQuerySet.as_manager()

    class Meta:
        ordering = ["task", "order"]
        verbose_name = _("target")
        verbose_name_plural = _("target")

    def __str__(self) -> str:
        return self.text


class ProgressReport(models.Model):
    SUBMITTED, APPROVED, RETURNED, WITHDRAWN = "submitted", "approved", "returned", "withdrawn"
    STATES = [
        (SUBMITTED, _("awaiting review")),
        (APPROVED, _("approved")),
        (RETURNED, _("returned")),
        (WITHDRAWN, _("withdrawn")),
    ]
    task = models.ForeignKey(Task, models.CASCADE, related_name="reports")
    target = models.ForeignKey(
        Target, models.CASCADE, null=True, blank=True, related_name="reports"
    )
    each_item = models.CharField(max_length=50, blank=True)  # for `each` targets: which unit
    period = models.CharField(_("period"), max_length=7, validators=[validate_period])
    value = models.FloatField(_("value to date"), null=True, blank=True)
    percent = models.FloatField(_("progress (%)"), null=True, blank=True)  # qualitative tasks
    milestones = models.JSONField(_("milestones done"), default=list, blank=True)  # node labels
    narrative = models.TextField(_("progress narrative"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="progress_reports"
    )
    submitted_at = models.DateTimeField(default=timezone.now)
    state = models.CharField(max_length=10, choices=STATES, default=SUBMITTED)
    return_reason = models.TextField(_("reason for return"), blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    is_demo = models.BooleanField(default=False)  # example data made by `luoshi demo`
    # The reports made by one submission of the report form (one per target) share this key;
    # the review queue shows them together and one decision covers them all.
    submission = models.UUIDField(null=True, blank=True, db_index=True, editable=False)

    objects = visibility.ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-period", "-submitted_at"]
        verbose_name = _("progress report")
        verbose_name_plural = _("progress report")

    def __str__(self) -> str:
        return f"{self.task.code} {self.period}"


def evidence_path(instance: Evidence, filename: str) -> str:
    return f"evidence/{instance.report.task.plan_id}/{instance.report_id}/{filename}"


class Evidence(models.Model):
    report = models.ForeignKey(ProgressReport, models.CASCADE, related_name="evidence")
    file = models.FileField(upload_to=evidence_path)
    name = models.CharField(max_length=255)
    size = models.PositiveIntegerField()

    objects = visibility.EvidenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return self.name


# The event log and the supervision cycle's records (签收, 申诉, 批示), in their own modules.
from luoshi.tracking.models.cycle import (  # noqa: E402
    Acknowledgement,
    Appeal,
    Contribution,
    Instruction,
    appeal_path,
)
from luoshi.tracking.models.events import AppendOnlyError, Event  # noqa: E402
from luoshi.tracking.models.jobs import ImportJob  # noqa: E402
from luoshi.tracking.models.leaders import ChangeRequest, LeaderVisit, StatusMonth  # noqa: E402

__all__ = [
    "PERIOD_RE",
    "Acknowledgement",
    "Appeal",
    "AppendOnlyError",
    "ChangeRequest",
    "Contribution",
    "Department",
    "Event",
    "Evidence",
    "ImportJob",
    "Instruction",
    "Jurisdiction",
    "LeaderVisit",
    "Membership",
    "Plan",
    "ProgressReport",
    "Section",
    "StatusMonth",
    "Target",
    "Task",
    "appeal_path",
    "evidence_path",
    "validate_period",
]

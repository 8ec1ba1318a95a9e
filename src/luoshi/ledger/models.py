"""The project ledger (项目储备库), targets measured from it, and enterprises for 亩均 evaluation.

A project's stage changes are `StageChange` rows, append-only like the tracker's events; the
project keeps its current stage and the first date it reached each stage, so that the questions
targets ask ("signed in 2022", "under construction this year") are plain column filters.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from luoshi.ledger.transitions import STAGES
from luoshi.tracking.models import AppendOnlyError, Department, Jurisdiction, Target, Task
from luoshi.tracking.visibility import membership

STAGE_CHOICES = [
    ("planning", _("planning")),
    ("signed", _("signed")),
    ("approval", _("approval")),
    ("started", _("started")),
    ("completed", _("completed")),
    ("operating", _("in operation")),
]
TIER_CHOICES = [
    ("reserve", _("reserve")),
    ("preliminary", _("preliminary work")),
    ("construction", _("under construction")),
    ("operating", _("completed or in operation")),
]
MONEY_CHOICES = [
    ("plan", _("planned")),
    ("signed", _("contracted")),
    ("completed", _("invested")),
    ("arrived", _("arrived")),
]
# The date field on Project that records when it first reached each stage.
REACHED = {stage: f"{stage}_on" for stage in STAGES}


class ProjectQuerySet(models.QuerySet["Project"]):
    def visible_to(self, user: Any) -> ProjectQuerySet:
        """A city's projects, to the members of the city and of its counties and districts;
        every project to an administrator without a membership; none to anyone else."""
        member = membership(user)
        if member is None:
            return self if getattr(user, "is_superuser", False) else self.none()
        city = (
            Jurisdiction.objects.filter(pk=member.jurisdiction_id)
            .values_list("parent_id", flat=True)
            .first()
        )
        return self.filter(jurisdiction_id=city or member.jurisdiction_id)

    def in_reserve(self) -> ProjectQuerySet:
        """The projects the office has taken into the reserve (储备库): what lists and targets
        count. A department's new project waits for the office first."""
        return self.filter(entry=Project.APPROVED)


class Project(models.Model):
    PENDING, APPROVED, RETURNED = "pending", "approved", "returned"
    ENTRIES = [
        (PENDING, _("awaiting the office")),
        (APPROVED, _("in the reserve")),
        (RETURNED, _("returned to the department")),
    ]
    jurisdiction = models.ForeignKey(Jurisdiction, models.PROTECT, related_name="projects")
    # The county or district (县、区); empty for projects of the city itself (市本级).
    district = models.ForeignKey(
        Jurisdiction, models.PROTECT, null=True, blank=True, related_name="district_projects"
    )
    code = models.CharField(_("project number"), max_length=40)
    name = models.CharField(_("project name"), max_length=200)
    department = models.ForeignKey(
        Department, models.PROTECT, null=True, blank=True, related_name="projects"
    )
    industry = models.CharField(_("industry"), max_length=50, blank=True)
    attracted = models.BooleanField(_("investment promotion (招商引资)"), default=False)
    total_investment = models.DecimalField(
        _("total investment (元)"), max_digits=16, decimal_places=2
    )
    stage = models.CharField(_("stage"), max_length=10, choices=STAGE_CHOICES, default="planning")
    stage_since = models.DateField(_("in this stage since"))
    tier = models.CharField(_("reserve tier"), max_length=12, choices=TIER_CHOICES)
    planning_on = models.DateField(null=True, blank=True)
    signed_on = models.DateField(null=True, blank=True)
    approval_on = models.DateField(null=True, blank=True)
    started_on = models.DateField(null=True, blank=True)
    completed_on = models.DateField(null=True, blank=True)
    operating_on = models.DateField(null=True, blank=True)
    leader = models.CharField(_("leader in charge (包保领导)"), max_length=50, blank=True)
    secretary = models.CharField(_("project secretary (项目秘书)"), max_length=50, blank=True)
    tasks = models.ManyToManyField(Task, blank=True, related_name="projects")
    synthetic = models.BooleanField(_("synthetic demo data"), default=False)
    created_at = models.DateTimeField(default=timezone.now)
    # Imports and the office's own entries go straight in; a department's entry waits.
    entry = models.CharField(
        _("entry into the reserve"), max_length=10, choices=ENTRIES, default=APPROVED
    )
    entry_note = models.TextField(_("office's note"), blank=True)
    entry_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    entry_at = models.DateTimeField(null=True, blank=True)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        constraints = [
            models.UniqueConstraint(fields=["jurisdiction", "code"], name="project_code"),
        ]
        indexes = [
            models.Index(fields=["jurisdiction", "stage"]),
            models.Index(fields=["jurisdiction", "district"]),
            models.Index(fields=["jurisdiction", "total_investment"]),
            models.Index(fields=["jurisdiction", "entry"]),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def reached(self, stage: str) -> date | None:
        value: date | None = getattr(self, REACHED[stage])
        return value


class Investment(models.Model):
    """Money by stage and year: planned, contracted, invested (完成) and arrived (到位), in 元."""

    project = models.ForeignKey(Project, models.CASCADE, related_name="investments")
    year = models.PositiveIntegerField(_("year"))
    kind = models.CharField(_("money stage"), max_length=10, choices=MONEY_CHOICES)
    amount = models.DecimalField(_("amount (元)"), max_digits=16, decimal_places=2)

    class Meta:
        ordering = ["project", "year", "kind"]
        verbose_name = _("investment")
        verbose_name_plural = _("investments")
        constraints = [
            models.UniqueConstraint(fields=["project", "year", "kind"], name="investment_once"),
        ]

    def __str__(self) -> str:
        return f"{self.project.code} {self.year} {self.get_kind_display()} {self.amount}"


def stage_evidence_path(instance: StageChange, filename: str) -> str:
    return f"ledger/{instance.project_id}/{filename}"


class StageChangeQuerySet(models.QuerySet["StageChange"]):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("stage changes cannot be updated")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("stage changes cannot be deleted")


class StageChange(models.Model):
    """One move of a project between stages: when it happened, the evidence, who recorded it."""

    KINDS = [
        ("created", _("entered the ledger")),
        ("next", _("next stage")),
        ("skip", _("skipped a stage")),
        ("back", _("moved back")),
    ]
    project = models.ForeignKey(Project, models.PROTECT, related_name="changes")
    from_stage = models.CharField(max_length=10, choices=STAGE_CHOICES, blank=True)
    to_stage = models.CharField(_("new stage"), max_length=10, choices=STAGE_CHOICES)
    kind = models.CharField(max_length=10, choices=KINDS)
    on = models.DateField(_("date of the change"))
    evidence = models.TextField(_("evidence"), blank=True)
    evidence_file = models.FileField(_("evidence file"), upload_to=stage_evidence_path, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = StageChangeQuerySet.as_manager()

    class Meta:
        ordering = ["project", "on", "id"]
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("stage changes cannot be updated")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("stage changes cannot be deleted")

    def __str__(self) -> str:
        return f"{self.project.code} → {self.get_to_stage_display()} {self.on}"


class Binding(models.Model):
    """A tracker target measured from the ledger instead of reported by hand."""

    COUNT, INVESTMENT, MONEY = "count", "investment", "money"
    MEASURES = [
        (COUNT, _("number of projects")),
        (INVESTMENT, _("sum of total investment")),
        (MONEY, _("sum of a money stage in the plan year")),
    ]
    REACHED, IN_YEAR, ACTIVE, RANGE = "reached", "in_year", "active", "range"
    WINDOWS = [
        (REACHED, _("stage reached by the date")),
        (IN_YEAR, _("stage reached within the plan year")),
        (ACTIVE, _("under construction in the plan year (开复工)")),
        (RANGE, _("stage reached between two dates")),
    ]
    target = models.OneToOneField(Target, models.CASCADE, related_name="ledger_binding")
    measure = models.CharField(_("measure"), max_length=12, choices=MEASURES, default=COUNT)
    stage = models.CharField(
        _("stage reached"), max_length=10, choices=STAGE_CHOICES, default="planning"
    )
    window = models.CharField(_("when"), max_length=10, choices=WINDOWS, default=REACHED)
    min_investment = models.DecimalField(
        _("total investment at least (元)"), max_digits=16, decimal_places=2, default=0
    )
    # Below this total investment (exclusive), if set: a size class's upper bound.
    max_investment = models.DecimalField(
        _("total investment below (元)"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    date_from = models.DateField(_("reached on or after"), null=True, blank=True)
    date_to = models.DateField(_("reached on or before"), null=True, blank=True)
    attracted_only = models.BooleanField(_("investment promotion projects only"), default=False)
    per_district = models.BooleanField(_("one line per county or district"), default=False)
    money_kind = models.CharField(
        _("money stage"), max_length=10, choices=MONEY_CHOICES, blank=True
    )

    class Meta:
        verbose_name = _("target measured from the ledger")
        verbose_name_plural = _("targets measured from the ledger")

    def __str__(self) -> str:
        return str(self.target)


class Enterprise(models.Model):
    jurisdiction = models.ForeignKey(Jurisdiction, models.PROTECT, related_name="enterprises")
    district = models.ForeignKey(
        Jurisdiction, models.PROTECT, null=True, blank=True, related_name="district_enterprises"
    )
    credit_code = models.CharField(_("unified social credit code"), max_length=18)
    name = models.CharField(_("enterprise"), max_length=200)
    industry = models.CharField(_("industry"), max_length=50, blank=True)
    synthetic = models.BooleanField(_("synthetic demo data"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("enterprise")
        verbose_name_plural = _("enterprises")
        constraints = [
            models.UniqueConstraint(fields=["jurisdiction", "credit_code"], name="enterprise_code"),
        ]

    def __str__(self) -> str:
        return self.name


class EnterpriseYear(models.Model):
    """One enterprise's figures for one year; money in 万元, as 亩均 sheets keep them."""

    enterprise = models.ForeignKey(Enterprise, models.CASCADE, related_name="years")
    year = models.PositiveIntegerField(_("year"))
    land_mu = models.DecimalField(_("land (亩)"), max_digits=12, decimal_places=2)
    tax = models.DecimalField(_("tax paid (万元)"), max_digits=14, decimal_places=2)
    output = models.DecimalField(_("output (万元)"), max_digits=14, decimal_places=2)
    energy = models.DecimalField(_("energy use (吨标煤)"), max_digits=14, decimal_places=2)
    rd = models.DecimalField(_("R&D spending (万元)"), max_digits=14, decimal_places=2)
    employees = models.PositiveIntegerField(_("employees"))

    class Meta:
        ordering = ["enterprise", "year"]
        verbose_name = _("enterprise year")
        verbose_name_plural = _("enterprise years")
        constraints = [
            models.UniqueConstraint(fields=["enterprise", "year"], name="enterprise_year_once"),
        ]

    def __str__(self) -> str:
        return f"{self.enterprise} {self.year}"

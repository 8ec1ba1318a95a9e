"""Background imports: a report (→ a draft plan) or a 项目台账 workbook, read by a task of Django's
Tasks framework while the office watches the job's page (issue 18, item 8)."""

from __future__ import annotations

from pathlib import PureWindowsPath
from typing import Any
from uuid import uuid4

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from luoshi.tracking import visibility


def job_path(instance: ImportJob, filename: str) -> str:
    # A folder of its own per upload: two offices' 报告.docx never meet.
    return f"imports/{uuid4().hex}/{PureWindowsPath(filename).name[-100:]}"


class ImportJobQuerySet(models.QuerySet["ImportJob"]):
    def visible_to(self, user: Any) -> ImportJobQuerySet:
        """The job's owner, and the supervision office of its jurisdiction (superusers: all)."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        if user.is_superuser:
            return self
        rule = Q(owner_id=user.pk)
        member = visibility.membership(user)
        if member is not None and member.role == visibility.OFFICE:
            rule |= Q(jurisdiction_id=member.jurisdiction_id)
        return self.filter(rule)


class ImportJob(models.Model):
    REPORT, PROJECTS, PROGRESS, MUJU = "report", "projects", "progress", "muju"
    KINDS = [
        (REPORT, _("work report")),
        (PROJECTS, _("project ledger")),
        (PROGRESS, _("ledger sheet of progress")),
        (MUJU, _("亩均 data sheet")),
    ]
    QUEUED, READING, EXTRACTING, SAVING = "queued", "reading", "extracting", "saving"
    DONE, FAILED = "done", "failed"
    STATES = [
        (QUEUED, _("waiting to start")),
        (READING, _("reading the file")),
        (EXTRACTING, _("finding tasks and targets")),
        (SAVING, _("saving")),
        (DONE, _("done")),
        (FAILED, _("failed")),
    ]
    FINISHED = (DONE, FAILED)

    kind = models.CharField(_("kind"), max_length=10, choices=KINDS)
    state = models.CharField(_("state"), max_length=10, choices=STATES, default=QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)  # percent
    message = models.TextField(_("message"), blank=True)  # the outcome, in the owner's language
    problems = models.JSONField(default=list, blank=True)  # a workbook's [row, column, message]
    counts = models.JSONField(default=dict, blank=True)  # a workbook's created/updated/moved
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    jurisdiction = models.ForeignKey("tracking.Jurisdiction", models.CASCADE, related_name="+")
    language = models.CharField(max_length=10, default=settings.LANGUAGE_CODE)
    # The upload, kept until the job has read it, and what the job was asked.
    file = models.FileField(upload_to=job_path, max_length=200, blank=True)
    name = models.CharField(_("file name"), max_length=255)
    year = models.PositiveIntegerField(null=True, blank=True)
    partial = models.BooleanField(default=False)
    # A 台账 (progress workbook): its period, and its department (none: the office's sheet of all).
    period = models.CharField(max_length=7, blank=True)
    department = models.ForeignKey(
        "tracking.Department", models.CASCADE, null=True, blank=True, related_name="+"
    )
    plan = models.ForeignKey(
        "tracking.Plan", models.SET_NULL, null=True, blank=True, related_name="+"
    )
    result_url = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = ImportJobQuerySet.as_manager()

    class Meta:
        verbose_name = _("import job")
        verbose_name_plural = _("import job")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.name} ({self.get_state_display()})"

    @property
    def finished(self) -> bool:
        return self.state in self.FINISHED

    def upload_url(self) -> str:
        """The page where the same kind of file is uploaded again."""
        if self.kind == self.PROGRESS:
            if self.department_id:
                return reverse("exchange:progress_workbook", args=[self.department_id])
            return reverse("exchange:progress_workbook_all_page")
        name = {self.REPORT: "tracking:import", self.MUJU: "ledger:import_muju"}
        return reverse(name.get(self.kind, "ledger:import"))

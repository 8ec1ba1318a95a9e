"""What leaders (分管领导) work with: change requests they decide, their last visit, and the
monthly status counts their home draws as a trend."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from luoshi.tracking.models import validate_period


class ChangeRequest(models.Model):
    """A 延期 (deadline extension) or a target change asked for by a department or entered by
    the office, pending until it is decided; only an approval applies it to the task."""

    DEADLINE, TARGET = "deadline_extended", "target_revised"
    KINDS = [(DEADLINE, _("deadline extension")), (TARGET, _("target change"))]
    PENDING, APPROVED, REJECTED = "pending", "approved", "rejected"
    STATES = [(PENDING, _("pending")), (APPROVED, _("approved")), (REJECTED, _("rejected"))]
    task = models.ForeignKey("tracking.Task", models.CASCADE, related_name="change_requests")
    kind = models.CharField(_("change"), max_length=20, choices=KINDS)
    deadline = models.DateField(_("new deadline"), null=True, blank=True)
    target = models.ForeignKey(
        "tracking.Target", models.CASCADE, null=True, blank=True, related_name="+"
    )
    value = models.FloatField(_("new target value"), null=True, blank=True)
    reason = models.TextField(_("reason"))
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    state = models.CharField(max_length=10, choices=STATES, default=PENDING, db_index=True)
    note = models.TextField(_("note"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("change request")
        verbose_name_plural = _("change requests")

    def __str__(self) -> str:
        return f"{self.task_id} {self.get_kind_display()}"


class LeaderVisit(models.Model):
    """A user's visits to the leader's home: the latest one, and the one before it (what
    "changed since your last visit" is measured from), each with the statuses seen then."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    at = models.DateTimeField()
    statuses = models.JSONField(default=dict)  # task id (as text) → stored status seen
    previous_at = models.DateTimeField(null=True, blank=True)
    previous_statuses = models.JSONField(default=dict)


class StatusMonth(models.Model):
    """A task's stored status as last computed in a month: the trend of statuses by month."""

    task = models.ForeignKey("tracking.Task", models.CASCADE, related_name="+")
    period = models.CharField(max_length=7, validators=[validate_period])
    status = models.CharField(max_length=8)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["task", "period"], name="status_month")]

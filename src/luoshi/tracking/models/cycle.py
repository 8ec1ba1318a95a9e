"""The supervision cycle's records: 签收 (acknowledgements) and 申诉 (appeals)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from luoshi.tracking import visibility
from luoshi.tracking.models import validate_period


class Acknowledgement(models.Model):
    """签收: a lead or supporting department has acknowledged a task and named who answers."""

    task = models.ForeignKey("tracking.Task", models.CASCADE, related_name="acknowledgements")
    department = models.ForeignKey("tracking.Department", models.PROTECT, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    person = models.CharField(_("person responsible"), max_length=50)
    phone = models.CharField(_("telephone"), max_length=30)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["task", "department"], name="acknowledged_once")
        ]


def appeal_path(instance: Appeal, filename: str) -> str:
    return f"appeals/{instance.task.plan_id}/{instance.task_id}/{filename}"


class Appeal(models.Model):
    """申诉: a department contests a task's computed status for one period; the office accepts
    (the status is set to `status` for that period) or rejects it, with a reason either way."""

    PENDING, ACCEPTED, REJECTED = "pending", "accepted", "rejected"
    STATES = [(PENDING, _("pending")), (ACCEPTED, _("accepted")), (REJECTED, _("rejected"))]
    task = models.ForeignKey("tracking.Task", models.CASCADE, related_name="appeals")
    period = models.CharField(_("period"), max_length=7, validators=[validate_period])
    computed = models.CharField(_("computed status"), max_length=8)
    computed_reason = models.TextField(blank=True)
    status = models.CharField(_("status asked for"), max_length=8)
    reason = models.TextField(_("reason"))
    evidence = models.FileField(upload_to=appeal_path, blank=True)
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    raised_at = models.DateTimeField(default=timezone.now)
    state = models.CharField(max_length=10, choices=STATES, default=PENDING)
    decision = models.TextField(_("decision"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    objects = visibility.AppealQuerySet.as_manager()

    class Meta:
        ordering = ["-raised_at"]
        verbose_name = _("appeal")
        verbose_name_plural = _("appeal")

"""留言: what citizens write about a commitment, shown only once the office approves it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from luoshi.tracking import visibility
from luoshi.tracking.models import Evidence, Task


class Feedback(models.Model):
    PENDING, APPROVED, REJECTED = "pending", "approved", "rejected"
    STATES = [
        (PENDING, _("awaiting moderation")),
        (APPROVED, _("shown")),
        (REJECTED, _("not shown")),
    ]
    task = models.ForeignKey(Task, models.CASCADE, related_name="feedback")
    name = models.CharField(_("name (optional, shown)"), max_length=40, blank=True)
    contact = models.CharField(_("contact (optional, never shown)"), max_length=100, blank=True)
    text = models.TextField(_("message"))
    created_at = models.DateTimeField(default=timezone.now)
    state = models.CharField(max_length=10, choices=STATES, default=PENDING, db_index=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)

    objects = visibility.FeedbackQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("message")
        verbose_name_plural = _("message")

    def __str__(self) -> str:
        return f"{self.task.code} {self.text[:20]}"


class PublicEvidence(models.Model):
    """An evidence file the office has chosen to show on the public page, with the reviewed
    update it belongs to. No row, not public: nothing else of evidence is reachable anonymously."""

    evidence = models.OneToOneField(Evidence, models.CASCADE, related_name="publication")
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    marked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("public evidence")
        verbose_name_plural = _("public evidence")

    def __str__(self) -> str:
        return str(self.evidence)

"""The append-only event log: who did what, when and why."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(Exception):
    """The event log is append-only: events are never changed or removed."""


class EventQuerySet(models.QuerySet["Event"]):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("events cannot be updated")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("events cannot be deleted")


class Event(models.Model):
    """Who did what, when and why. Append-only: enforced in save() and delete()."""

    VERBS = [
        ("imported", _("imported")),
        ("published", _("published")),
        ("reassigned", _("reassigned")),
        ("deadline_extended", _("deadline extended")),
        ("target_revised", _("target revised")),
        ("report_submitted", _("progress submitted")),
        ("report_approved", _("report approved")),
        ("report_returned", _("report returned")),
        ("demo_data", _("demo data")),
        ("nodes_revised", _("checkpoints revised")),
        ("appeal_raised", _("status appealed")),
        ("appeal_accepted", _("appeal accepted")),
        ("appeal_rejected", _("appeal rejected")),
        ("acknowledged", _("acknowledged")),
        ("closed", _("closed")),
        ("reopened", _("reopened")),
        ("reminded", _("reminded")),
        ("report_withdrawn", _("report withdrawn")),
        ("urged", _("urged (催办)")),
        ("instructed", _("instruction (批示)")),
        ("answered", _("instruction answered")),
        ("change_requested", _("change requested")),
        ("change_approved", _("change approved")),
        ("change_rejected", _("change rejected")),
        ("merged", _("tasks merged")),
        ("split", _("task split")),
        ("dropped", _("removed as not a task")),
        ("archived", _("plan archived")),
        ("reactivated", _("plan made active again")),
        ("pace_changed", _("pace between checkpoints changed")),
    ]
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    verb = models.CharField(max_length=20, choices=VERBS)
    plan = models.ForeignKey(
        "tracking.Plan", models.PROTECT, null=True, blank=True, related_name="events"
    )
    # A draft's task removed in the 分工 editor (merged into another, or not a task) keeps its
    # events, unlinked; the removal's own event names it. Published tasks are never removed.
    task = models.ForeignKey(
        "tracking.Task", models.SET_NULL, null=True, blank=True, related_name="events"
    )
    reason = models.TextField(blank=True)
    payload = models.JSONField(default=dict, blank=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("event")
        verbose_name_plural = _("event")

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("events cannot be updated")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("events cannot be deleted")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.get_verb_display()}"

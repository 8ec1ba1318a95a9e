"""One issue (期) of the 督查通报: a plan's month, with what the office chose and rewrote.

The figures are not stored: they are measured again from the tracker whenever the issue is
shown or downloaded (for a past month, on the same date, so they read the same). What is kept
is the office's part: the 文号, the 抄送 line, the annexes, the 下一步要求 and the paragraphs it
rewrote (by paragraph key, see `BulletinDocument.apply_edits`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from luoshi.tracking import visibility
from luoshi.tracking.models import Plan, validate_period


class BulletinIssue(models.Model):
    plan = models.ForeignKey(Plan, models.CASCADE, related_name="bulletin_issues")
    period = models.CharField(_("period"), max_length=7, validators=[validate_period])
    number = models.CharField(_("document number"), max_length=40, blank=True)
    copy_to = models.CharField(_("copies to"), max_length=300, blank=True)
    annexes = models.JSONField(default=list)  # keys of bulletin_annexes.ANNEXES, in order
    requirements = models.TextField(blank=True)  # one paragraph a line; empty: the defaults
    edits = models.JSONField(default=dict)  # paragraph key → the office's text
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = visibility.BulletinIssueQuerySet.as_manager()

    class Meta:
        ordering = ["-period", "-pk"]
        verbose_name = _("bulletin issue")
        verbose_name_plural = _("bulletin issue")
        constraints = [
            models.UniqueConstraint(fields=["plan", "period"], name="bulletin_issue_period"),
        ]

    def __str__(self) -> str:
        return f"{self.plan} {self.period}"

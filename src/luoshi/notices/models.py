"""Reminders, the messages they leave for people, the group robots they are posted to, and the
log of every delivery."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _


class Reminder(models.Model):
    """One reminder of one kind to one department about one task for one period. Automatic kinds
    are recorded once (a unique constraint): `luoshi remind` run twice sends nothing new."""

    UPCOMING, MISSING, OVERDUE, UNSIGNED, RETURNED, URGED = (
        "upcoming",
        "missing",
        "overdue",
        "unsigned",
        "returned",
        "urged",
    )
    KINDS = [
        (UPCOMING, _("deadline coming (临近提醒)")),
        (MISSING, _("not reported (到期未报)")),
        (OVERDUE, _("overdue (逾期)")),
        (UNSIGNED, _("not acknowledged (未签收)")),
        (RETURNED, _("returned, to report again (退回待重报)")),
        (URGED, _("urged by the office (催办)")),
    ]
    task = models.ForeignKey("tracking.Task", models.CASCADE, related_name="reminders")
    department = models.ForeignKey("tracking.Department", models.CASCADE, related_name="+")
    period = models.CharField(max_length=10)  # "YYYY-MM", or a node's date for 临近提醒
    kind = models.CharField(max_length=10, choices=KINDS)
    message = models.TextField()
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["task", "department", "period", "kind"],
                condition=~Q(kind="urged"),
                name="reminded_once",
            )
        ]

    def shown(self) -> str:
        """The message in the reader's language (the stored one is Chinese)."""
        from luoshi.notices.words import shown  # words reads tracking, which reads models

        return shown(self, translation.get_language())


class Notice(models.Model):
    """A message in a person's message centre."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="notices")
    reminder = models.ForeignKey(Reminder, models.CASCADE, related_name="notices")
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "read_at"])]


class Hook(models.Model):
    """A group robot (企业微信 or 钉钉) of a department, or of the office when none is set."""

    WECOM, DINGTALK = "wecom", "dingtalk"
    FLAVOURS = [
        (WECOM, _("WeCom group robot (企业微信)")),
        (DINGTALK, _("DingTalk group robot (钉钉)")),
    ]
    jurisdiction = models.ForeignKey("tracking.Jurisdiction", models.CASCADE, related_name="+")
    department = models.ForeignKey(
        "tracking.Department", models.CASCADE, null=True, blank=True, related_name="+"
    )
    name = models.CharField(_("name"), max_length=100)
    url = models.URLField(_("webhook address"), max_length=500)
    flavour = models.CharField(_("format"), max_length=10, choices=FLAVOURS, default=WECOM)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("group robot")
        verbose_name_plural = _("group robots")

    def __str__(self) -> str:
        return self.name


class Delivery(models.Model):
    """The log of one reminder sent through one channel (e-mail or a group robot)."""

    MAIL, WEBHOOK = "mail", "webhook"
    SENT, FAILED = "sent", "failed"
    reminder = models.ForeignKey(Reminder, models.CASCADE, related_name="deliveries")
    channel = models.CharField(max_length=10)
    target = models.CharField(max_length=500)
    state = models.CharField(max_length=10)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")

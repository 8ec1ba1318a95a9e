"""Forms of an appeal (申诉) against a task's computed status, and of the office's decision."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from luoshi import status
from luoshi.tracking.forms import check_evidence
from luoshi.tracking.models import Task


class AppealForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status it should have"), choices=[(s, s) for s in status.STATUSES]
    )
    reason = forms.CharField(
        label=_("Why"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    evidence = forms.FileField(label=_("Evidence file"), required=False)

    def __init__(self, task: Task, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.task = task
        field: Any = self.fields["status"]
        field.choices = [
            (s, status.label(s, translation.get_language()))
            for s in status.STATUSES
            if s != task.status
        ]

    def clean_evidence(self) -> Any:
        upload = self.cleaned_data.get("evidence")
        if upload:
            check_evidence(upload)
        return upload


class AppealDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[("accept", _("Accept")), ("reject", _("Reject"))]
    )
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

"""Forms of the supervision cycle: 签收, 申诉 (appeal) and its decision, 办结销号."""

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


class AcknowledgeForm(forms.Form):
    """签收 of the tasks ticked on 我的任务, naming who answers for them."""

    tasks = forms.MultipleChoiceField(label=_("Tasks"), widget=forms.CheckboxSelectMultiple)
    person = forms.CharField(label=_("Person responsible"), max_length=50)
    phone = forms.RegexField(
        label=_("Telephone"),
        max_length=30,
        regex=r"^[0-9+()（） -]{5,30}$",
        error_messages={"invalid": _("Write a telephone number, for example 0437-3221234.")},
    )

    def __init__(self, tasks: list[Task], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.by_id = {str(task.pk): task for task in tasks}
        field: Any = self.fields["tasks"]
        field.choices = [(key, f"{t.code} {t.text[:40]}") for key, t in self.by_id.items()]


class CloseForm(forms.Form):
    how = forms.ChoiceField(label=_("Close as"), choices=Task.CLOSINGS)
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("how") == Task.TERMINATED and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Say why the task is terminated."))
        return data

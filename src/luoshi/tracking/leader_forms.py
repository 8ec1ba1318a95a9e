"""Forms of the leaders' cycle: a department's change request and a decision on one."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from luoshi.tracking.forms import finite_value, later_deadline
from luoshi.tracking.models import ChangeRequest, Task


class ChangeRequestForm(forms.Form):
    """延期 or a target change, asked for by the task's lead department."""

    kind = forms.ChoiceField(
        label=_("Request"),
        choices=[
            (ChangeRequest.DEADLINE, _("Extend the deadline")),
            (ChangeRequest.TARGET, _("Revise a target value")),
        ],
    )
    deadline = forms.DateField(label=_("New deadline"), required=False)
    target = forms.ChoiceField(label=_("Target"), required=False)
    value = forms.FloatField(label=_("New target value"), required=False)
    reason = forms.CharField(
        label=_("Why"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, task: Task, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.task = task
        self.targets = {str(t.pk): t for t in task.targets.all()}
        target_field: Any = self.fields["target"]
        target_field.choices = [("", "—")] + [(k, t.text) for k, t in self.targets.items()]
        if not self.targets:
            kind_field: Any = self.fields["kind"]
            kind_field.choices = kind_field.choices[:1]
            del self.fields["target"], self.fields["value"]

    def clean_value(self) -> float | None:
        return finite_value(self.cleaned_data.get("value"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("kind")
        if kind == ChangeRequest.DEADLINE:
            later_deadline(self, data.get("deadline"))
        if kind == ChangeRequest.TARGET:
            if data.get("target") not in self.targets:
                self.add_error("target", _("Choose the target to revise."))
            if data.get("value") is None:
                self.add_error("value", _("Enter the new target value."))
        data["target_obj"] = self.targets.get(data.get("target") or "")
        return data


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", _("Approve")), ("reject", _("Reject"))], widget=forms.HiddenInput
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=2000)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == "reject" and not (data.get("note") or "").strip():
            self.add_error("note", _("Say why the request is rejected."))
        return data

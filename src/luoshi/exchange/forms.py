"""Forms of the bulletin page and the 台账 upload."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from luoshi.documents import bulletin
from luoshi.tracking.models import PERIOD_RE, Plan


def clean_period(period: str, plan: Plan | None) -> str:
    period = period.strip()
    if not PERIOD_RE.match(period):
        raise forms.ValidationError(_("Write the period as year-month, for example 2022-06."))
    if plan is not None and int(period[:4]) != plan.year:
        raise forms.ValidationError(
            _("The period must fall in the plan year %(year)s."), params={"year": plan.year}
        )
    return period


class BulletinForm(forms.Form):
    plan = forms.ModelChoiceField(queryset=Plan.objects.none(), label=_("Plan"))
    period = forms.CharField(label=_("Period (year-month)"), max_length=7)
    number = forms.CharField(label=_("Document number"), max_length=40, required=False)
    requirements = forms.CharField(
        label=_("Next steps (one paragraph per line)"),
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
    )

    def __init__(self, plans: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        plan_field: Any = self.fields["plan"]
        plan_field.queryset = plans
        if not self.is_bound:
            paragraphs = bulletin.defaults()["requirements"]
            text = "\n".join(paragraphs)  # type: ignore[arg-type]  # strings, checked on load
            self.fields["requirements"].initial = text

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "period" in data:
            try:
                data["period"] = clean_period(data["period"], data.get("plan"))
            except forms.ValidationError as error:
                self.add_error("period", error)
        lines = (data.get("requirements") or "").splitlines()
        data["requirement_list"] = tuple(line.strip() for line in lines if line.strip())
        return data


class WorkbookUploadForm(forms.Form):
    period = forms.CharField(label=_("Period (year-month)"), max_length=7)
    file = forms.FileField(label=_("Filled-in ledger sheet (.xlsx)"))

    def __init__(self, plan: Plan, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.plan = plan

    def clean_period(self) -> str:
        return clean_period(self.cleaned_data["period"], self.plan)

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if not (upload.name or "").lower().endswith(".xlsx"):
            raise forms.ValidationError(_("Upload the ledger sheet as an .xlsx file."))
        if (upload.size or 0) > 10 * 1024 * 1024:
            raise forms.ValidationError(_("The sheet is larger than 10 MB."))
        return upload

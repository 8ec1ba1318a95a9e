"""Forms of the bulletin page and the 台账 upload."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from luoshi.documents.bulletin_annexes import ANNEXES
from luoshi.documents.bulletin_document import BulletinDocument, Paragraph, plain_text
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
    """Prepare the issue of a plan's month (the office edits it next)."""

    plan = forms.ModelChoiceField(queryset=Plan.objects.none(), label=_("Plan"))
    period = forms.CharField(label=_("Period (year-month)"), max_length=7)

    def __init__(self, plans: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        plan_field: Any = self.fields["plan"]
        plan_field.queryset = plans

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "period" in data:
            try:
                data["period"] = clean_period(data["period"], data.get("plan"))
            except forms.ValidationError as error:
                self.add_error("period", error)
        return data


class BulletinIssueForm(forms.Form):
    """The office's part of an issue: 文号, 抄送, annexes, 下一步要求, and each paragraph of the
    main text, offered with the generated words (or the office's earlier rewrite)."""

    number = forms.CharField(label=_("Document number"), max_length=40, required=False)
    copy_to = forms.CharField(label=_("Copies to (抄送)"), max_length=300, required=False)
    annexes = forms.MultipleChoiceField(
        label=_("Annexes"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[(key, title) for key, (title, _build) in ANNEXES.items()],
    )
    requirements = forms.CharField(
        label=_("Next steps (one paragraph per line)"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
    )

    def __init__(
        self, generated: BulletinDocument, edits: dict[str, str], *args: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.generated = {p.key: plain_text(p.spans) for p in generated.editable()}
        self.sections: list[tuple[str, list[str]]] = []  # heading, field names
        heading = str(_("Opening"))
        for block in generated.body:
            if not isinstance(block, Paragraph):
                continue
            if block.kind == "h1":
                heading = plain_text(block.spans)
                continue
            if not block.key:
                continue
            name = f"p-{block.key}"
            text = edits.get(block.key) or self.generated[block.key]
            self.fields[name] = forms.CharField(
                label=heading,
                required=False,
                max_length=5000,
                initial=text,
                widget=forms.Textarea(attrs={"rows": max(2, min(10, len(text) // 40 + 1))}),
            )
            if not self.sections or self.sections[-1][0] != heading:
                self.sections.append((heading, []))
            self.sections[-1][1].append(name)

    def paragraph_fields(self) -> list[tuple[str, list[Any]]]:
        return [(heading, [self[name] for name in names]) for heading, names in self.sections]

    def edits(self) -> dict[str, str]:
        """The paragraphs whose text differs from the generated one (an emptied box goes back
        to the generated text)."""
        found = {}
        for key, text in self.generated.items():
            value = (self.cleaned_data.get(f"p-{key}") or "").strip()
            if value and value != text:
                found[key] = value
        return found


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

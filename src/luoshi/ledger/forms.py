"""Forms of the ledger pages: filters, a stage change, project details, sheet uploads."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from luoshi.ledger.models import MONEY_CHOICES, STAGE_CHOICES, TIER_CHOICES, Project, StageChange
from luoshi.ledger.transitions import rules
from luoshi.tracking.forms import check_evidence
from luoshi.tracking.models import Department, Jurisdiction


class FilterForm(forms.Form):
    stage = forms.ChoiceField(label=_("stage"), required=False)
    tier = forms.ChoiceField(label=_("reserve tier"), required=False)
    district = forms.ChoiceField(label=_("county or district"), required=False)
    size = forms.ChoiceField(label=_("size"), required=False)
    department = forms.ModelChoiceField(
        label=_("department"), queryset=Department.objects.none(), required=False
    )
    q = forms.CharField(label=_("search"), required=False)

    def __init__(self, city: Jurisdiction, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        every = [("", _("all"))]
        districts = Jurisdiction.objects.filter(parent=city).order_by("level", "name")
        choices: dict[str, list[tuple[str, Any]]] = {
            "stage": every + STAGE_CHOICES,
            "tier": every + TIER_CHOICES,
            "district": every + [("city", "市本级")] + [(str(d.pk), d.name) for d in districts],
            "size": every + [(s.code, s.name) for s in rules().size_classes],
        }
        for name, options in choices.items():
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)  # declared above
            field.choices = options
        department = self.fields["department"]
        assert isinstance(department, forms.ModelChoiceField)
        department.queryset = Department.objects.filter(jurisdiction=city, projects__isnull=False)
        department.queryset = department.queryset.distinct()
        department.empty_label = str(_("all"))

    def apply(self, projects: Any) -> Any:
        if not self.is_valid():
            return projects
        data = self.cleaned_data
        if data["stage"]:
            projects = projects.filter(stage=data["stage"])
        if data["tier"]:
            projects = projects.filter(tier=data["tier"])
        if data["district"] == "city":
            projects = projects.filter(district__isnull=True)
        elif data["district"]:
            projects = projects.filter(district_id=int(data["district"]))
        if data["size"]:
            low, high = rules().size_range(data["size"])
            projects = projects.filter(total_investment__gte=low)
            if high is not None:
                projects = projects.filter(total_investment__lt=high)
        if data["department"]:
            projects = projects.filter(department=data["department"])
        if data["q"]:
            projects = projects.filter(Q(name__icontains=data["q"]) | Q(code=data["q"]))
        return projects


class MoveForm(forms.ModelForm):
    class Meta:
        model = StageChange
        fields = ["to_stage", "on", "evidence", "evidence_file", "reason"]
        widgets = {
            "on": forms.DateInput(attrs={"type": "date"}),
            "evidence": forms.Textarea(attrs={"rows": 2}),
            "reason": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "reason": _("Required when a stage is skipped or the project moves back."),
            "evidence": _("What shows the change: a contract, a permit, a photo of the site."),
        }

    def clean_evidence_file(self) -> Any:
        upload = self.cleaned_data.get("evidence_file")
        if isinstance(upload, UploadedFile):
            check_evidence(upload)  # the tracker's rules: allowed types, signature, size
        return upload


WAN = Decimal(10_000)


def yuan_from_wan(value: Decimal | None) -> Decimal | None:
    """An amount typed in 万元, as the pages show it, in the 元 the ledger stores."""
    return None if value is None else value * WAN


def wan_field(label: Any, required: bool = True) -> forms.DecimalField:
    return forms.DecimalField(
        label=label, required=required, min_value=Decimal(0), max_digits=12, decimal_places=2
    )


class ProjectForm(forms.ModelForm):
    total_investment = wan_field(_("total investment (10k yuan)"))

    class Meta:
        model = Project
        fields = [
            "name",
            "district",
            "department",
            "industry",
            "attracted",
            "total_investment",
            "leader",
            "secretary",
        ]
        labels = {"district": _("county or district"), "department": _("lead department")}

    def __init__(self, *args: Any, city: Jurisdiction, office: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None and "total_investment" not in self.data:
            self.initial["total_investment"] = (self.instance.total_investment / WAN).normalize()
        district = self.fields["district"]
        assert isinstance(district, forms.ModelChoiceField)
        district.queryset = Jurisdiction.objects.filter(parent=city)
        district.empty_label = "市本级"
        department = self.fields["department"]
        assert isinstance(department, forms.ModelChoiceField)
        department.queryset = Department.objects.filter(jurisdiction=city)
        if not office:
            del self.fields["department"]  # a liaison cannot hand a project to another department

    def clean_total_investment(self) -> Decimal | None:
        return yuan_from_wan(self.cleaned_data.get("total_investment"))


class NewProjectForm(ProjectForm):
    """A project entered on the web: its number, and the stage it is in and since when."""

    code = forms.CharField(
        label=_("project number"),
        max_length=40,
        required=False,
        help_text=_("Leave empty to have one given."),
    )
    stage = forms.ChoiceField(label=_("stage"), choices=STAGE_CHOICES, initial="planning")
    stage_since = forms.DateField(
        label=_("in this stage since"), widget=forms.DateInput(attrs={"type": "date"})
    )

    class Meta(ProjectForm.Meta):
        fields = ["code", "name", *ProjectForm.Meta.fields[1:], "stage", "stage_since"]

    def __init__(self, *args: Any, city: Jurisdiction, office: bool, today: Any, **kwargs: Any):
        super().__init__(*args, city=city, office=office, **kwargs)
        self.city, self.today = city, today

    def clean_code(self) -> str:
        code: str = self.cleaned_data["code"].strip()
        if code and Project.objects.filter(jurisdiction=self.city, code=code).exists():
            raise forms.ValidationError(
                _(
                    "Project number %(code)s is already in the ledger; "
                    "choose another or leave it empty."
                ),
                params={"code": code},
            )
        return code

    def clean_stage_since(self) -> Any:
        since = self.cleaned_data["stage_since"]
        if since > self.today:
            raise forms.ValidationError(_("The date cannot be in the future."))
        return since


class SheetForm(forms.Form):
    file = forms.FileField(label=_("workbook (.xlsx)"))
    partial = forms.BooleanField(
        label=_("store the good rows even if some rows have problems"), required=False
    )


class InvestmentForm(forms.Form):
    """One year's money of one stage, in 万元 as the page shows it; empty or 0 removes it."""

    year = forms.IntegerField(label=_("year"), min_value=2000, max_value=2100)
    kind = forms.ChoiceField(label=_("money stage"), choices=MONEY_CHOICES)
    amount = wan_field(_("amount (10k yuan)"), required=False)

    def clean_amount(self) -> Decimal | None:
        return yuan_from_wan(self.cleaned_data.get("amount"))

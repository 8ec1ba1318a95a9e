"""Forms of the ledger pages: filters, a stage change, project details, sheet uploads."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from luoshi.ledger.models import STAGE_CHOICES, TIER_CHOICES, Project, StageChange
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


class ProjectForm(forms.ModelForm):
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

    def __init__(self, *args: Any, city: Jurisdiction, office: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        district = self.fields["district"]
        assert isinstance(district, forms.ModelChoiceField)
        district.queryset = Jurisdiction.objects.filter(parent=city)
        district.empty_label = "市本级"
        department = self.fields["department"]
        assert isinstance(department, forms.ModelChoiceField)
        department.queryset = Department.objects.filter(jurisdiction=city)
        if not office:
            del self.fields["department"]  # a liaison cannot hand a project to another department


class SheetForm(forms.Form):
    file = forms.FileField(label=_("workbook (.xlsx)"))
    partial = forms.BooleanField(
        label=_("store the good rows even if some rows have problems"), required=False
    )

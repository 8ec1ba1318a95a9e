"""Forms of the 基础数据 pages: departments, people, jurisdictions, within the office's reach."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _

from luoshi.tracking import department_files
from luoshi.tracking.models import Department, Jurisdiction, Membership
from luoshi.tracking.names import normal_name

# The roles the office hands out here; office accounts are made by an administrator.
ROLES = [(code, name) for code, name in Membership.ROLES if code != Membership.OFFICE]
SEPARATORS = re.compile(r"[,，、;；\s]+")


def words(text: str) -> list[str]:
    """Short names typed in one box, separated by commas, 、 or spaces; each once."""
    return list(dict.fromkeys(w for w in SEPARATORS.split(text) if w))


class DepartmentForm(forms.ModelForm):
    short_names = forms.CharField(
        label=_("short names"),
        required=False,
        help_text=_("Separated by commas or 、, as reports and sheets write them (发改委、发改)."),
    )

    class Meta:
        model = Department
        fields = ["jurisdiction", "name", "code"]
        labels = {"jurisdiction": _("jurisdiction")}
        help_texts = {"code": _("Letters, digits and hyphens; unique in the jurisdiction.")}

    def __init__(self, *args: Any, reach: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        place = self.fields["jurisdiction"]
        assert isinstance(place, forms.ModelChoiceField)
        place.queryset = Jurisdiction.objects.filter(pk__in=reach).order_by("pk")
        if self.instance.pk is not None and "short_names" not in self.data:
            self.initial["short_names"] = "、".join(self.instance.aliases or [])

    def clean_short_names(self) -> list[str]:
        return words(self.cleaned_data["short_names"])

    def save(self, commit: bool = True) -> Department:
        department: Department = super().save(commit=False)
        department.aliases = self.cleaned_data["short_names"]
        if commit:
            department.save()
        return department


def below(pk: int | None) -> set[int]:
    """`pk` and every jurisdiction under it: none of them can become its parent."""
    if pk is None:
        return set()
    found, level = {pk}, [pk]
    while level:
        level = list(Jurisdiction.objects.filter(parent_id__in=level).values_list("pk", flat=True))
        found.update(level)
    return found


class JurisdictionForm(forms.ModelForm):
    class Meta:
        model = Jurisdiction
        fields = ["name", "level", "parent"]
        labels = {"parent": _("above it")}

    def __init__(self, *args: Any, reach: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parent = self.fields["parent"]
        assert isinstance(parent, forms.ModelChoiceField)
        allowed = [pk for pk in reach if pk not in below(self.instance.pk)]
        parent.queryset = Jurisdiction.objects.filter(pk__in=allowed).order_by("pk")
        parent.required = True  # a new place hangs under one the office already runs
        if self.instance.pk is not None and self.instance.pk == reach[0]:
            del self.fields["parent"]  # the office's own jurisdiction keeps its place

    def clean_name(self) -> str:
        name = normal_name(self.cleaned_data["name"])
        others = Jurisdiction.objects.exclude(pk=self.instance.pk)
        if others.filter(name=name).exists():
            raise forms.ValidationError(_("A jurisdiction with this name already exists."))
        return name


class PersonForm(forms.Form):
    """A person's account and membership: role, jurisdiction and, for a liaison, department."""

    first_name = forms.CharField(label=_("full name"), max_length=150)
    email = forms.EmailField(label=_("e-mail"), required=False)
    role = forms.ChoiceField(label=_("role"), choices=ROLES)
    jurisdiction = forms.ModelChoiceField(label=_("jurisdiction"), queryset=Jurisdiction.objects)
    department = forms.ModelChoiceField(
        label=_("department"), queryset=Department.objects, required=False
    )
    portfolio = forms.ModelMultipleChoiceField(
        label=_("departments overseen"),
        queryset=Department.objects,
        required=False,
        help_text=_("For a leader: the departments they oversee (分管)."),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, reach: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        overseen = self.fields["portfolio"]
        assert isinstance(overseen, forms.ModelMultipleChoiceField)
        overseen.queryset = Department.objects.filter(jurisdiction_id__in=reach).order_by("pk")
        place = self.fields["jurisdiction"]
        assert isinstance(place, forms.ModelChoiceField)
        place.queryset = Jurisdiction.objects.filter(pk__in=reach).order_by("pk")
        department = self.fields["department"]
        assert isinstance(department, forms.ModelChoiceField)
        department.queryset = Department.objects.filter(jurisdiction_id__in=reach).select_related(
            "jurisdiction"
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        department, place = data.get("department"), data.get("jurisdiction")
        if data.get("role") == Membership.LIAISON and department is None:
            self.add_error("department", _("A department liaison must belong to a department."))
        if department is not None and place is not None and department.jurisdiction_id != place.pk:
            self.add_error("department", _("The department belongs to another jurisdiction."))
        if data.get("role") != Membership.LEADER:
            data["portfolio"] = []  # only leaders oversee departments
        return data


class NewPersonForm(PersonForm):
    username = forms.RegexField(
        label=_("user name"),
        regex=r"^[\w.@+-]+\Z",
        max_length=150,
        error_messages={"invalid": _("Use letters, digits and @ . + - _ only.")},
    )
    field_order = ["username", "first_name", "email", "role", "jurisdiction", "department"]

    def clean_username(self) -> str:
        name: str = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=name).exists():
            raise forms.ValidationError(_("This user name is taken."))
        return name


class DepartmentFileForm(forms.Form):
    """A city's departments file (YAML, as luoshi/extraction/data/cities/liaoyuan.yaml) for one
    jurisdiction of the office's reach; the file is checked whole before anything is stored."""

    jurisdiction = forms.ModelChoiceField(label=_("jurisdiction"), queryset=Jurisdiction.objects)
    file = forms.FileField(
        label=_("departments file"),
        help_text=_("YAML in the format of the bundled city files: departments with code, short "
                    "names and remit words; counties and districts as units."),
    )  # fmt: skip

    def __init__(self, *args: Any, reach: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        place = self.fields["jurisdiction"]
        assert isinstance(place, forms.ModelChoiceField)
        place.queryset = Jurisdiction.objects.filter(pk__in=reach).order_by("pk")

    def clean_file(self) -> tuple[Any, str]:
        upload = self.cleaned_data["file"]
        try:
            return department_files.read_upload(upload.read(), upload.name)
        except department_files.FileRejected as error:
            raise forms.ValidationError(str(error)) from None

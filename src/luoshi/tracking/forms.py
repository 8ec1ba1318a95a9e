"""Forms for every write: progress reports, reviews, imports, assignments and revisions."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from luoshi.tracking import filetypes
from luoshi.tracking.checkpoints import parse_nodes
from luoshi.tracking.measure import live_targets, nodes
from luoshi.tracking.models import PERIOD_RE, Department, Jurisdiction, Task
from luoshi.tracking.names import normal_name
from luoshi.tracking.values import NARRATIVE_MAX, value_problem

# Evidence: documents, spreadsheets and pictures, recognised by extension and by their structure
# (luoshi.tracking.filetypes); the magic numbers are what each type starts with.
EVIDENCE_TYPES = {
    ".pdf": (b"%PDF",),
    ".png": (b"\x89PNG",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".docx": (b"PK\x03\x04",),
    ".xlsx": (b"PK\x03\x04",),
    ".doc": (b"\xd0\xcf\x11\xe0",),
    ".xls": (b"\xd0\xcf\x11\xe0",),
    ".txt": (),
}
REPORT_TYPES = (".txt", ".docx", ".pdf", ".html", ".htm")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


def check_evidence(upload: UploadedFile) -> None:
    limit = settings.LUOSHI_EVIDENCE_MAX_MB
    suffix = Path(upload.name or "").suffix.lower()
    if suffix not in EVIDENCE_TYPES:
        allowed = "、".join(sorted(s.lstrip(".") for s in EVIDENCE_TYPES))
        raise forms.ValidationError(
            _("%(name)s: this file type is not accepted. Upload one of: %(allowed)s."),
            params={"name": upload.name, "allowed": allowed},
        )
    if (upload.size or 0) > limit * 1024 * 1024:
        raise forms.ValidationError(
            _("%(name)s is larger than %(limit)s MB. Compress it or split it."),
            params={"name": upload.name, "limit": limit},
        )
    data = upload.read()
    upload.seek(0)
    if not filetypes.is_what_it_says(suffix, data):
        raise forms.ValidationError(
            _("%(name)s does not look like a %(type)s file. Check the file and upload it again."),
            params={"name": upload.name, "type": suffix.lstrip(".")},
        )


LIVE_TARGET_REFUSED = _(
    "This target is measured from the project ledger, so its progress is not reported by hand. "
    "Keep the projects in the ledger up to date instead."
)


def finite_value(value: float | None) -> float | None:
    """A value as reports and revisions accept it: finite and of a plausible size."""
    problem = None if value is None else value_problem(value)
    if problem:
        raise forms.ValidationError(problem)
    return value


class ProgressReportForm(forms.Form):
    """One submission for a task: a value for each target reported by hand (`value-<id>`, and
    `each-<id>` for a target that applies to each unit), one narrative, one period, evidence
    files and milestones; a task without targets reports a percentage instead.

    A post that names one `target` with `value` and `each_item` (the API's shape) is the same as
    filling in that target's fields alone. Targets measured from the project ledger are not
    offered, and naming one is refused with the reason."""

    period = forms.CharField(label=_("Period (year-month)"), max_length=7)
    percent = forms.FloatField(label=_("Progress (%)"), required=False, min_value=0, max_value=100)
    narrative = forms.CharField(
        label=_("Progress narrative"),
        max_length=NARRATIVE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    evidence = MultipleFileField(label=_("Evidence files"), required=False)
    milestones = forms.MultipleChoiceField(
        label=_("Milestones done"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(
        self, task: Task, data: Any = None, *args: Any, today: date | None = None, **kwargs: Any
    ) -> None:
        targets = list(task.targets.all())
        live = live_targets(t.pk for t in targets) if targets else set()
        # Targets measured live (bound to the project ledger) are not reported by hand.
        self.live = {str(t.pk): t for t in targets if t.pk in live}
        self.targets = {str(t.pk): t for t in targets if t.pk not in live}
        self.named = ""  # the one target a post named, in the API's shape
        if data is not None and (data.get("target") or "") != "":
            data, self.named = self._one_target(data)
        super().__init__(data, *args, **kwargs)
        self.task = task
        self.today = today
        steps = [node.label for node in nodes(task.nodes) if node.milestone]
        if steps:
            milestone_field: Any = self.fields["milestones"]
            milestone_field.choices = [(label, label) for label in steps]
        else:
            del self.fields["milestones"]
        if not targets:
            return  # a qualitative task: progress is a percentage of the whole
        del self.fields["percent"]
        fields: dict[str, forms.Field] = {}
        for key, target in self.targets.items():
            # Named for screen readers (and tests) by what is asked and of which target.
            named = format_lazy("{}：{}", _("Value to date"), target.text)
            fields[f"value-{key}"] = forms.FloatField(
                label=target.text,
                required=False,
                widget=forms.NumberInput(attrs={"aria-label": named}),
            )
            if target.each:
                fields[f"each-{key}"] = forms.ChoiceField(
                    label=_("Unit"),
                    required=False,
                    choices=[("", "—")] + [(u, u) for u in target.each],
                    widget=forms.Select(
                        attrs={"aria-label": format_lazy("{}：{}", _("Unit"), target.text)}
                    ),
                )
        # The values first, after the period: the order a department fills the form in.
        rest = {k: f for k, f in self.fields.items() if k != "period"}
        self.fields = {"period": self.fields["period"], **fields, **rest}

    def _one_target(self, data: Any) -> tuple[Any, str]:
        named = str(data.get("target"))
        copy = data.copy()
        if named in self.targets:
            copy[f"value-{named}"] = data.get("value", "")
            copy[f"each-{named}"] = data.get("each_item", "")
        return copy, named

    @property
    def reportable(self) -> bool:
        """False when every target of the task is measured live: nothing to report by hand."""
        return bool(self.targets) or not self.live

    def target_rows(self) -> list[tuple[Any, Any, Any]]:
        """(target, its value field, its unit field or None), for the template."""
        return [
            (
                target,
                self[f"value-{key}"],
                self[f"each-{key}"] if f"each-{key}" in self.fields else None,
            )
            for key, target in self.targets.items()
        ]

    def posted_errors(self) -> dict[str, list[str]]:
        """The errors under the names the post used (`target`, `value`, `each_item` when it
        named one target), as the API answers them."""
        key = self.named
        names = {f"value-{key}": "value", f"each-{key}": "each_item", "__all__": "target"}
        renamed = names if key else {}
        return {renamed.get(k, k): [str(e) for e in v] for k, v in self.errors.items()}

    def other_fields(self) -> list[Any]:
        """The fields a submission has once, after the targets' values."""
        once = ("percent", "narrative", "evidence", "milestones")
        return [self[name] for name in once if name in self.fields]

    def clean_period(self) -> str:
        period = self.cleaned_data["period"].strip()
        if not PERIOD_RE.match(period):
            raise forms.ValidationError(_("Write the period as year-month, for example 2022-06."))
        if int(period[:4]) != self.task.plan.year:
            raise forms.ValidationError(
                _("The period must fall in the plan year %(year)s."),
                params={"year": self.task.plan.year},
            )
        if self.today is not None and period > f"{self.today:%Y-%m}":
            raise forms.ValidationError(_("Progress cannot be reported for a month to come."))
        return period

    def clean_evidence(self) -> list[UploadedFile]:
        files = self.cleaned_data.get("evidence") or []
        if len(files) > settings.LUOSHI_EVIDENCE_MAX_FILES:
            raise forms.ValidationError(
                _("Attach at most %(count)s files."),
                params={"count": settings.LUOSHI_EVIDENCE_MAX_FILES},
            )
        for upload in files:
            check_evidence(upload)
        return files

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["lines"] = lines = []
        if self.named in self.live or (self.live and not self.targets):
            self.add_error(None, LIVE_TARGET_REFUSED)
            return data
        if self.named and self.named not in self.targets:
            self.add_error(None, _("Choose the target this value is for."))
            return data
        for key, target in self.targets.items():
            name = f"value-{key}"
            try:
                value = finite_value(data.get(name))
            except forms.ValidationError as error:
                self.add_error(name, error)
                continue
            if value is None:
                if key == self.named:
                    self.add_error(name, _("Enter the value reached so far for this target."))
                continue
            unit = data.get(f"each-{key}") or ""
            if target.each and unit not in target.each:
                self.add_error(f"each-{key}", _("Choose which unit this value is for."))
                continue
            lines.append((target, unit, value))
        if self.targets and not lines and not self.errors:
            self.add_error(None, _("Enter the value reached so far for at least one target."))
        elif not self.targets and data.get("percent") is None and not data.get("milestones"):
            self.add_error("percent", _("Enter how far the task has progressed, 0 to 100."))
        return data


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[("approve", _("Approve")), ("return", _("Return"))]
    )
    reason = forms.CharField(
        label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == "return" and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Say why the report is returned, so it can be corrected."))
        return data


class NameChoiceField(forms.ModelChoiceField):
    """A choice by name, looked up in its normal spelling (a pasted zero-width space or
    full-width letters still choose the jurisdiction they look like)."""

    def to_python(self, value: Any) -> Any:
        return super().to_python(normal_name(value) if isinstance(value, str) else value)


class ImportForm(forms.Form):
    """`jurisdictions`: those the office manages (the plan is imported into one of them)."""

    file = forms.FileField(label=_("Report file"))
    jurisdiction = NameChoiceField(
        label=_("Jurisdiction"),
        queryset=Jurisdiction.objects.none(),
        to_field_name="name",
        empty_label=None,
    )
    year = forms.IntegerField(label=_("Plan year"), min_value=2000, max_value=2100)

    def __init__(self, jurisdictions: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["jurisdiction"]
        field.queryset = jurisdictions.order_by("name")

    def clean_jurisdiction(self) -> str:
        return str(self.cleaned_data["jurisdiction"].name)

    def clean_file(self) -> UploadedFile:
        upload = self.cleaned_data["file"]
        if Path(upload.name or "").suffix.lower() not in REPORT_TYPES:
            raise forms.ValidationError(_("Upload the report as .txt, .docx, .pdf or .html."))
        if (upload.size or 0) > settings.LUOSHI_REPORT_MAX_MB * 1024 * 1024:
            raise forms.ValidationError(
                _("The report is larger than %(limit)s MB."),
                params={"limit": settings.LUOSHI_REPORT_MAX_MB},
            )
        return upload


def later_deadline(form: forms.Form, deadline: date | None) -> None:
    """A 延期 is later than the task's current deadline."""
    current = form.task.deadline  # type: ignore[attr-defined]  # the forms that call it have one
    if not deadline:
        form.add_error("deadline", _("Enter the new deadline."))
    elif current is not None and deadline <= current:
        message = _("An extension must be later than the current deadline, %(date)s.")
        form.add_error(
            "deadline", forms.ValidationError(message, params={"date": current.isoformat()})
        )


class RevisionForm(forms.Form):
    KINDS = [
        ("deadline_extended", _("Extend the deadline")),
        ("reassigned", _("Change the lead department")),
        ("target_revised", _("Revise a target value")),
        ("nodes_revised", _("Set the checkpoints")),
    ]
    kind = forms.ChoiceField(label=_("Revision"), choices=KINDS)
    deadline = forms.DateField(label=_("New deadline"), required=False)
    lead = forms.ModelChoiceField(
        queryset=Department.objects.none(), label=_("New lead"), required=False
    )
    target = forms.ChoiceField(label=_("Target"), required=False)
    value = forms.FloatField(label=_("New target value"), required=False)
    nodes = forms.CharField(
        label=_("Checkpoints"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "One a line: date, planned share (30%) or value (=5000), 里程碑 for a milestone, "
            "label. For example “2022-03-31 30% 一季度完成30%” or “2022-06-30 里程碑 开工”. "
            "Empty: pro rata."
        ),
    )
    reason = forms.CharField(label=_("Why"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, task: Task, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.task = task
        lead_field: Any = self.fields["lead"]
        lead_field.queryset = Department.objects.filter(jurisdiction=task.plan.jurisdiction_id)
        self.targets = {str(t.pk): t for t in task.targets.all()}
        target_field: Any = self.fields["target"]
        target_field.choices = [("", "—")] + [(k, t.text) for k, t in self.targets.items()]

    def clean_value(self) -> float | None:
        return finite_value(self.cleaned_data.get("value"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("kind")
        if kind == "deadline_extended":
            later_deadline(self, data.get("deadline"))
        if kind == "reassigned" and not data.get("lead"):
            self.add_error("lead", _("Choose the new lead department."))
        if kind == "target_revised":
            if data.get("target") not in self.targets:
                self.add_error("target", _("Choose the target to revise."))
            if data.get("value") is None:
                self.add_error("value", _("Enter the new target value."))
        data["target_obj"] = self.targets.get(data.get("target") or "")
        if kind == "nodes_revised":
            try:
                data["nodes"] = parse_nodes(data.get("nodes") or "", self.task)
            except forms.ValidationError as error:
                self.add_error("nodes", error)
        return data

"""The 分工 editor's forms: one page of draft tasks, the bulk assignment, the publishing check."""

from __future__ import annotations

import copy
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from luoshi.tracking.checkpoints import nodes_text, parse_nodes
from luoshi.tracking.drafts import PROBLEMS
from luoshi.tracking.models import Department, Plan, Task

NODES_HELP = _(
    "One a line: date, planned share, label; for example “2022-03-31 30% 一季度完成30%”."
)


class DraftForm(forms.Form):
    """Lead, supporting departments, deadline and checkpoints of each task on the page. On a
    POST only the tasks whose fields were sent are changed (a task merged away meanwhile is
    not cleared)."""

    def __init__(self, plan: Plan, tasks: list[Task], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        departments = list(Department.objects.filter(jurisdiction=plan.jurisdiction))
        self.departments = {str(d.pk): d for d in departments}
        choices = [(str(d.pk), d.name) for d in departments]
        if self.is_bound:
            tasks = [t for t in tasks if f"lead-{t.pk}" in self.data]
        self.tasks = tasks
        for task in tasks:
            self.fields[f"lead-{task.pk}"] = forms.ChoiceField(
                label=_("Lead"),
                choices=[("", "—"), *choices],
                required=False,
                initial=str(task.lead_id or ""),
            )
            self.fields[f"supporting-{task.pk}"] = forms.MultipleChoiceField(
                label=_("Supporting"),
                choices=choices,
                required=False,
                initial=[str(d.pk) for d in task.supporting.all()],
                widget=forms.SelectMultiple(attrs={"size": 3}),
            )
            self.fields[f"deadline-{task.pk}"] = forms.DateField(
                label=_("Deadline"),
                required=False,
                initial=task.deadline,
                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            )
            self.fields[f"nodes-{task.pk}"] = forms.CharField(
                label=_("Checkpoints"),
                required=False,
                initial=nodes_text(task),
                help_text=NODES_HELP,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for task in self.tasks:
            deadline = data.get(f"deadline-{task.pk}")
            if deadline is not None and deadline.year < task.plan.year:
                self.add_error(
                    f"deadline-{task.pk}", _("The deadline must fall in the plan year or later.")
                )
                continue
            probe = copy.copy(task)
            probe.deadline = deadline
            try:
                data[f"nodes-{task.pk}"] = parse_nodes(data.get(f"nodes-{task.pk}") or "", probe)
            except forms.ValidationError as error:
                self.add_error(f"nodes-{task.pk}", error)
        return data

    def values(self, task: Task) -> dict[str, Any]:
        """The cleaned values of one task, with departments looked up; a deadline or
        checkpoints not sent at all (an older form, a script) stay as they are."""
        data = self.cleaned_data
        sent = self.data
        return {
            "lead": self.departments.get(data[f"lead-{task.pk}"] or ""),
            "supporting": [self.departments[k] for k in data[f"supporting-{task.pk}"]],
            "deadline": data[f"deadline-{task.pk}"]
            if f"deadline-{task.pk}" in sent
            else task.deadline,
            "nodes": data[f"nodes-{task.pk}"] if f"nodes-{task.pk}" in sent else task.nodes,
        }


class BulkForm(forms.Form):
    lead = forms.ModelChoiceField(queryset=Department.objects.none(), label=_("Lead for all"))

    def __init__(self, plan: Plan, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["lead"]
        field.queryset = Department.objects.filter(jurisdiction=plan.jurisdiction)


class SplitForm(forms.Form):
    at = forms.IntegerField(min_value=0, max_value=10**9)


class PublishForm(forms.Form):
    """One checkbox per class of problem: publishing with it is a choice made explicitly."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for code, label in PROBLEMS.items():
            self.fields[f"accept-{code}"] = forms.BooleanField(
                label=_("Publish anyway: %(problem)s") % {"problem": label}, required=False
            )

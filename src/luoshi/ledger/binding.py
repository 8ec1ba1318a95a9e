"""Binding a tracker target to the ledger from the target's page, with the live value shown
before saving: a GET with the binding's fields previews, a POST stores it (the office only)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from luoshi.ledger import live
from luoshi.ledger.forms import WAN, wan_field, yuan_from_wan
from luoshi.ledger.models import Binding, Project
from luoshi.ledger.permissions import city_of
from luoshi.ledger.transitions import rules
from luoshi.tracking import measure, services
from luoshi.tracking.models import Target
from luoshi.tracking.permissions import office_required

FIELDS = ["measure", "money_kind", "stage", "window", "date_from", "date_to", "attracted_only",
          "per_district"]  # fmt: skip


class BindingForm(forms.ModelForm):
    size = forms.ChoiceField(label=gettext_lazy("size class"), required=False)
    min_wan = wan_field(gettext_lazy("total investment at least (10k yuan)"), required=False)
    max_wan = wan_field(gettext_lazy("total investment below (10k yuan)"), required=False)
    field_order = [*FIELDS[:6], "size", "min_wan", "max_wan", *FIELDS[6:]]

    class Meta:
        model = Binding
        fields = FIELDS
        widgets = {
            "date_from": forms.DateInput(attrs={"type": "date"}),
            "date_to": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        size = self.fields["size"]
        assert isinstance(size, forms.ChoiceField)
        size.choices = [("", gettext_lazy("any size, or the amounts below"))] + [
            (s.code, s.name) for s in rules().size_classes
        ]
        binding = self.instance
        if binding.pk is not None and not self.is_bound:
            self.initial["min_wan"] = (binding.min_investment / WAN).normalize() or None
            if binding.max_investment is not None:
                self.initial["max_wan"] = (binding.max_investment / WAN).normalize()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("size"):
            low, high = rules().size_range(data["size"])
        else:
            low = yuan_from_wan(data.get("min_wan")) or Decimal(0)
            high = yuan_from_wan(data.get("max_wan"))
        if high is not None and high <= low:
            self.add_error("max_wan", _("The upper bound must be above the lower bound."))
        self.instance.min_investment, self.instance.max_investment = low, high
        if data.get("measure") == Binding.MONEY and not data.get("money_kind"):
            self.add_error("money_kind", _("Choose which money stage to add up."))
        if data.get("measure") != Binding.MONEY:
            data["money_kind"] = ""
        if data.get("window") == Binding.RANGE:
            start, end = data.get("date_from"), data.get("date_to")
            if start is None and end is None:
                self.add_error("date_from", _("Give at least one of the two dates."))
            elif start and end and start > end:
                self.add_error("date_to", _("The end date is before the start date."))
        else:
            data["date_from"] = data["date_to"] = None
        return data


def _target(request: HttpRequest, target_id: int) -> Target:
    city = city_of(request)
    return get_object_or_404(
        Target.objects.visible_to(request.user)
        .select_related("task__plan")
        .defer("task__plan__source_text"),
        pk=target_id,
        task__plan__jurisdiction=city,
    )


def preview(binding: Binding, target: Target) -> list[tuple[str, float, int]]:
    """The value each line of `binding` would give today, and how many projects are behind it."""
    plan = target.task.plan
    [result] = live.figures([binding], plan.year, plan.jurisdiction_id, measure.today())
    return [(line, value, len(result.members[line])) for line, value in result.values.items()]


@office_required
def bind_target(request: HttpRequest, target_id: int) -> HttpResponse:
    target = _target(request, target_id)
    existing = Binding.objects.filter(target=target).first()
    instance = existing or Binding(target=target)
    submitted = request.POST if request.method == "POST" else None
    if submitted is None and "measure" in request.GET:
        submitted = request.GET  # a preview of the parameters, nothing stored
    form = BindingForm(submitted, instance=instance)
    valid = form.is_valid() if submitted is not None else True
    if request.method == "POST" and valid:
        with transaction.atomic():
            form.save()
            services.task_changed(target.task)
        messages.success(request, _("The target is now measured from the project ledger."))
        return redirect("ledger:target", target.pk)
    lines = preview(form.instance, target) if valid and (submitted or existing) else []
    context = {
        "target": target,
        "form": form,
        "lines": lines,
        "bound": existing is not None,
        "previewing": submitted is not None,
        "reserve_size": Project.objects.in_reserve()
        .filter(jurisdiction_id=target.task.plan.jurisdiction_id)
        .count(),
    }
    return render(request, "ledger/bind.html", context, status=200 if valid else 400)


@require_POST
@office_required
def unbind_target(request: HttpRequest, target_id: int) -> HttpResponse:
    target = _target(request, target_id)
    with transaction.atomic():
        deleted, _rows = Binding.objects.filter(target=target).delete()
        if deleted:
            services.task_changed(target.task)
    if deleted:
        messages.success(request, _("The target is reported by hand again."))
    return redirect("tracking:task", target.task_id)

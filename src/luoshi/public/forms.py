from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class FeedbackForm(forms.Form):
    name = forms.CharField(label=_("Your name (optional, shown)"), max_length=40, required=False)
    contact = forms.CharField(
        label=_("Telephone or e-mail (optional, for the office only, never shown)"),
        max_length=100,
        required=False,
    )
    text = forms.CharField(
        label=_("Your message"),
        min_length=5,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", "approve"), ("reject", "reject")])

"""The message centre and the office's 催办."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from luoshi.notices.models import Delivery, Notice
from luoshi.notices.send import urge
from luoshi.tracking import pagecache
from luoshi.tracking.measure import today
from luoshi.tracking.permissions import membership, office_required, user_of
from luoshi.tracking.views import task_in_scope


class UrgeForm(forms.Form):
    message = forms.CharField(
        label=gettext_lazy("Message"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    notices = (
        Notice.objects.filter(user=user_of(request))
        .select_related("reminder", "reminder__task__plan", "reminder__sent_by")
        .defer("reminder__task__plan__source_text")
        .order_by("-created_at")[:200]
    )
    context: dict[str, object] = {"notices": notices}
    member = membership(request.user)
    if member is not None and member.role == "office":
        context["deliveries"] = Delivery.objects.filter(
            reminder__department__jurisdiction=member.jurisdiction_id
        ).select_related("reminder", "reminder__task")[:100]
    return render(request, "notices/inbox.html", context)


@require_POST
@login_required
def mark_read(request: HttpRequest) -> HttpResponse:
    changed = Notice.objects.filter(user=user_of(request), read_at=None).update(
        read_at=timezone.now()
    )
    if changed:
        member = membership(request.user)
        pagecache.touch({member.jurisdiction_id} if member else None)
    return redirect("notices:inbox")


@require_POST
@office_required
def urge_task(request: HttpRequest, task_id: int) -> HttpResponse:
    task = task_in_scope(request, task_id)
    form = UrgeForm(request.POST)
    if not form.is_valid() or task.lead_id is None:
        messages.error(request, _("Write the message to send with the reminder."))
        return redirect("tracking:task", task.pk)
    urge(user_of(request), task, form.cleaned_data["message"], today())
    messages.success(request, _("Reminder sent to the lead department."))
    return redirect("tracking:task", task.pk)

"""申诉 pages: the lead department's liaison contests a status; the office decides."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from luoshi import status
from luoshi.tracking import appeals, services
from luoshi.tracking.measure import today
from luoshi.tracking.models import Appeal, Task
from luoshi.tracking.permissions import can_report, office_required, user_of
from luoshi.tracking.status_forms import AppealDecisionForm, AppealForm
from luoshi.tracking.views import render_task, task_in_scope


def appeal_period(task: Task) -> str | None:
    """The period an appeal now concerns: the one the stored status is measured for."""
    on = today()
    return status.reference_period(task.plan.year, task.deadline or on, on)


@require_POST
@login_required
def raise_appeal(request: HttpRequest, task_id: int) -> HttpResponse:
    task = task_in_scope(request, task_id)
    if not can_report(request.user, task):
        raise PermissionDenied
    form = AppealForm(task, request.POST, request.FILES)
    period = appeal_period(task)
    if period is None:
        messages.error(request, _("There is no status to appeal before the first period ends."))
        return redirect("tracking:task", task.pk)
    if not form.is_valid():
        return render_task(request, task, appeal=form, status_code=400)
    try:
        appeals.raise_appeal(user_of(request), task, {**form.cleaned_data, "period": period})
    except services.Conflict:
        messages.error(request, _("An appeal for this period is already waiting for a decision."))
        return redirect("tracking:task", task.pk)
    messages.success(request, _("Appeal sent; the supervision office will decide on it."))
    return redirect("tracking:task", task.pk)


@require_POST
@office_required
def decide_appeal(request: HttpRequest, appeal_id: int) -> HttpResponse:
    appeal = get_object_or_404(Appeal.objects.visible_to(request.user), pk=appeal_id)
    form = AppealDecisionForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect("tracking:task", appeal.task_id)
    accept = form.cleaned_data["decision"] == "accept"
    try:
        appeals.decide_appeal(user_of(request), appeal.pk, accept, form.cleaned_data["reason"])
    except services.Conflict:
        messages.error(request, _("This appeal has already been decided."))
        return redirect("tracking:task", appeal.task_id)
    messages.success(request, _("Appeal accepted.") if accept else _("Appeal rejected."))
    return redirect("tracking:task", appeal.task_id)

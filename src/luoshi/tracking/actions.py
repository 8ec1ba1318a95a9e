"""Pages that write: every change is a POST with CSRF, validated by a form, logged as an event."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from functools import cache

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from luoshi import datafiles
from luoshi.tracking import jobs, leaders, review, services
from luoshi.tracking.forms import (
    ImportForm,
    ProgressReportForm,
    ReviewForm,
    RevisionForm,
)
from luoshi.tracking.measure import today
from luoshi.tracking.models import (
    ImportJob,
    ProgressReport,
)
from luoshi.tracking.permissions import (
    can_report,
    membership,
    office_required,
    user_of,
)
from luoshi.tracking.views import render_task, task_in_scope
from luoshi.tracking.visibility import managed_jurisdictions


@require_POST
@login_required
def submit_report(request: HttpRequest, task_id: int) -> HttpResponse:
    task = task_in_scope(request, task_id)
    if not can_report(request.user, task):
        raise PermissionDenied
    form = ProgressReportForm(task, request.POST, request.FILES, today=today())
    if not form.is_valid():
        return render_task(request, task, form=form, status_code=400)
    services.submit_report(user_of(request), task, form.cleaned_data)
    messages.success(request, _("Progress submitted; the supervision office will review it."))
    return redirect("tracking:task", task.pk)


@cache
def return_reasons() -> list[str]:
    data = datafiles.load("luoshi.tracking", "data", "review.yaml")
    reasons = data.get("return_reasons")
    if not isinstance(reasons, list) or not all(isinstance(r, str) for r in reasons):
        raise datafiles.RuleError("review.yaml: return_reasons must be a list of sentences")
    return reasons


@office_required
def review_queue(request: HttpRequest) -> HttpResponse:
    """Reports awaiting review, grouped by submission, with what a reviewer decides on: the
    claim beside the task's expected and last verified share; filters by department, section,
    task status and period, and a choice of order (tracking.review)."""
    visible = ProgressReport.objects.visible_to(request.user)
    filters = review.ReviewFilters(request.GET)
    submissions = review.grouped(review.waiting(request.user, filters))
    # The 31 days up to the day statuses are computed for (the demo's day in the demo).
    until = timezone.make_aware(datetime.combine(today() + timedelta(days=1), time.min))
    counts = dict(
        visible.filter(submitted_at__gte=until - timedelta(days=31), submitted_at__lt=until)
        .values_list("state")
        .annotate(n=Count("id"))
    )
    chosen = {name: request.GET.get(name, "") for name in filters.fields}
    context = {
        "submissions": submissions,
        "filters": filters,
        "form": ReviewForm(),
        "reasons": return_reasons(),
        "counts": {state: counts.get(code, 0) for code, state in ProgressReport.STATES},
        "waiting": visible.filter(state=ProgressReport.SUBMITTED).count(),
        "chosen": chosen,
        "sorts": filters.fields["sort"].choices,  # type: ignore[attr-defined]  # a ChoiceField; Field has no choices
        **review.choices(request.user),
    }
    return render(request, "tracking/review.html", context)


@require_POST
@office_required
def review_report(request: HttpRequest, report_id: int) -> HttpResponse:
    reports = ProgressReport.objects.visible_to(request.user).select_related("task", "task__plan")
    report = get_object_or_404(reports, pk=report_id)
    data = request.POST.copy()
    preset = request.POST.get("preset", "")
    if not request.POST.get("reason", "").strip() and preset in return_reasons():
        data["reason"] = preset  # one of the common reasons, chosen from the list
    form = ReviewForm(data)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect("tracking:review")
    approve = form.cleaned_data["decision"] == "approve"
    reason = form.cleaned_data["reason"] or ""
    try:
        # Locked and checked again: two reviewers at once must not both decide (issue 8).
        services.review_report(user_of(request), report.pk, approve, reason)
    except services.Conflict:
        messages.error(request, _("This report has already been reviewed."))
        return redirect("tracking:review")
    messages.success(request, _("Report approved.") if approve else _("Report returned."))
    return redirect("tracking:review")


@office_required
def import_view(request: HttpRequest) -> HttpResponse:
    member = membership(request.user)
    # The office's jurisdiction and those below it (a superuser without a membership: any).
    managed = managed_jurisdictions(request.user)
    initial = {
        "jurisdiction": member.jurisdiction.name if member else "",
        "year": timezone.localdate().year,
    }
    form = ImportForm(managed, request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        job = jobs.start(
            request,
            ImportJob.REPORT,
            form.cleaned_data["file"],
            managed.get(name=form.cleaned_data["jurisdiction"]),
            jobs.import_report.enqueue,
            year=form.cleaned_data["year"],
        )
        if job.state == ImportJob.DONE:  # tasks run at once (LUOSHI_TASKS=immediate)
            if job.message:
                messages.info(request, job.message)
            return redirect(job.result_url)
        if job.state == ImportJob.FAILED:
            form.add_error("file", forms.ValidationError(job.message))
        else:
            return redirect("tracking:job", job.pk)
    return render(
        request, "tracking/import.html", {"form": form}, status=400 if form.errors else 200
    )


@never_cache
@login_required
def job_page(request: HttpRequest, job_id: int) -> HttpResponse:
    """How far a background import got; the page reloads itself until the job is finished."""
    jobs.fail_stale()
    job = get_object_or_404(ImportJob.objects.visible_to(request.user), pk=job_id)
    return render(request, "tracking/job.html", {"job": job})


@require_POST
@office_required
def revise_task(request: HttpRequest, task_id: int) -> HttpResponse:
    task = task_in_scope(request, task_id)
    form = RevisionForm(task, request.POST)
    if not form.is_valid():
        return render_task(request, task, revision=form, status_code=400)
    kind = form.cleaned_data["kind"]
    if kind in leaders.KINDS and leaders.approval_required():
        # 延期 and target changes wait for the leader overseeing the department (分管).
        leaders.request_change(user_of(request), task, form.cleaned_data)
        messages.success(request, _("Request recorded; it applies once a leader approves it."))
        return redirect("tracking:task", task.pk)
    services.revise(user_of(request), task, kind, form.cleaned_data)
    messages.success(request, _("Revision recorded."))
    return redirect("tracking:task", task.pk)

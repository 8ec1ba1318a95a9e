"""Pages that write: every change is a POST with CSRF, validated by a form, logged as an event."""

from __future__ import annotations

from contextlib import suppress

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from luoshi.reading import ReadError
from luoshi.reading import read as read_report
from luoshi.tracking import services
from luoshi.tracking.forms import (
    AssignmentForm,
    ImportForm,
    ProgressReportForm,
    ReviewForm,
    RevisionForm,
)
from luoshi.tracking.importing import import_document
from luoshi.tracking.measure import as_of, highlight
from luoshi.tracking.models import Event, Plan, ProgressReport
from luoshi.tracking.permissions import (
    can_report,
    membership,
    office_required,
    user_of,
)
from luoshi.tracking.views import render_task, task_in_scope


@require_POST
@login_required
def submit_report(request: HttpRequest, task_id: int) -> HttpResponse:
    task = task_in_scope(request, task_id)
    if not can_report(request.user, task):
        raise PermissionDenied
    form = ProgressReportForm(task, request.POST, request.FILES, today=as_of(request))
    if not form.is_valid():
        return render_task(request, task, form=form, status_code=400)
    services.submit_report(user_of(request), task, form.cleaned_data)
    messages.success(request, _("Progress submitted; the supervision office will review it."))
    return redirect("tracking:task", task.pk)


@office_required
def review_queue(request: HttpRequest) -> HttpResponse:
    member = membership(request.user)
    reports = (
        ProgressReport.objects.filter(state=ProgressReport.SUBMITTED)
        .select_related("task", "task__lead", "target", "submitted_by")
        .prefetch_related("evidence")
        .order_by("submitted_at")
    )
    if member is not None:
        reports = reports.filter(task__plan__jurisdiction=member.jurisdiction_id)
    return render(request, "tracking/review.html", {"reports": reports, "form": ReviewForm()})


@require_POST
@office_required
def review_report(request: HttpRequest, report_id: int) -> HttpResponse:
    member = membership(request.user)
    reports = ProgressReport.objects.select_related("task", "task__plan")
    if member is not None:
        reports = reports.filter(task__plan__jurisdiction=member.jurisdiction_id)
    report = get_object_or_404(reports, pk=report_id)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect("tracking:review")
    approve = form.cleaned_data["decision"] == "approve"
    try:
        # Locked and checked again: two reviewers at once must not both decide (issue 8).
        services.review_report(
            user_of(request), report.pk, approve, form.cleaned_data["reason"] or ""
        )
    except services.Conflict:
        messages.error(request, _("This report has already been reviewed."))
        return redirect("tracking:review")
    messages.success(request, _("Report approved.") if approve else _("Report returned."))
    return redirect("tracking:review")


@office_required
def import_view(request: HttpRequest) -> HttpResponse:
    member = membership(request.user)
    initial = {
        "jurisdiction": member.jurisdiction.name if member else "",
        "year": timezone.localdate().year,
    }
    form = ImportForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            document = read_report(upload.read(), name=upload.name)
        except ReadError as error:
            form.add_error("file", forms.ValidationError(str(error)))
        else:
            plan, created = import_document(
                document,
                form.cleaned_data["jurisdiction"],
                form.cleaned_data["year"],
                user_of(request),
            )
            if not created:
                messages.info(request, _("This report was imported before; nothing was added."))
            return redirect("tracking:preview", plan.pk)
    return render(
        request, "tracking/import.html", {"form": form}, status=400 if form.errors else 200
    )


@office_required
def preview(request: HttpRequest, plan_id: int) -> HttpResponse:
    member = membership(request.user)
    plans = Plan.objects.select_related("jurisdiction")
    if member is not None:
        plans = plans.filter(jurisdiction=member.jurisdiction_id)
    plan = get_object_or_404(plans, pk=plan_id)
    tasks = list(
        plan.tasks.select_related("lead", "section").prefetch_related("targets", "supporting")
    )
    form = AssignmentForm(plan, tasks, request.POST or None)
    if request.method == "POST" and form.is_valid():
        _save_assignments(request, plan, form)
        if "publish" in request.POST and plan.state == Plan.DRAFT:
            # Published by someone else meanwhile: the outcome the user asked for.
            with suppress(services.Conflict):
                services.publish_plan(user_of(request), plan.pk)
            messages.success(request, _("The plan is published; departments can report on it."))
            return redirect("tracking:plan", plan.pk)
        messages.success(request, _("Assignments saved."))
        return redirect("tracking:preview", plan.pk)
    rows = [
        {
            "task": task,
            "source": highlight(
                plan.source_text,
                task.start,
                task.end,
                [(t.start, t.end) for t in task.targets.all()],
            ),
            "lead": form[f"lead-{task.pk}"],
            "supporting": form[f"supporting-{task.pk}"],
        }
        for task in tasks
    ]
    return render(request, "tracking/preview.html", {"plan": plan, "rows": rows, "form": form})


def _save_assignments(request: HttpRequest, plan: Plan, form: AssignmentForm) -> None:
    published = plan.state == Plan.PUBLISHED
    with transaction.atomic():
        for task in form.tasks:
            lead = form.departments.get(form.cleaned_data[f"lead-{task.pk}"] or "")
            support = [form.departments[k] for k in form.cleaned_data[f"supporting-{task.pk}"]]
            before = {d.pk for d in task.supporting.all()}
            if lead != task.lead or before != {d.pk for d in support}:
                old = task.lead.name if task.lead else None
                task.lead = lead
                fields = ["lead"]
                if not published:
                    task.original_lead = lead
                    fields.append("original_lead")
                task.save(update_fields=fields)
                task.supporting.set(support)
                Event.objects.create(
                    actor=user_of(request),
                    verb="reassigned",
                    plan=plan,
                    task=task,
                    payload={
                        "from": old,
                        "to": lead.name if lead else None,
                        "supporting": [d.name for d in support],
                    },
                )


@require_POST
@office_required
def revise_task(request: HttpRequest, task_id: int) -> HttpResponse:
    task = task_in_scope(request, task_id)
    form = RevisionForm(task, request.POST)
    if not form.is_valid():
        return render_task(request, task, revision=form, status_code=400)
    data = form.cleaned_data
    kind = data["kind"]
    with transaction.atomic():
        payload: dict[str, object]
        if kind == "deadline_extended":
            payload = {"from": str(task.deadline), "to": str(data["deadline"])}
            task.deadline = data["deadline"]
            task.save(update_fields=["deadline"])
        elif kind == "reassigned":
            payload = {"from": task.lead.name if task.lead else None, "to": data["lead"].name}
            task.lead = data["lead"]
            task.save(update_fields=["lead"])
        else:
            target = data["target_obj"]
            payload = {"target": target.pk, "from": target.value, "to": data["value"]}
            target.value = data["value"]
            target.save(update_fields=["value"])
        Event.objects.create(
            actor=user_of(request),
            verb=kind,
            plan=task.plan,
            task=task,
            reason=data["reason"],
            payload=payload,
        )
    messages.success(request, _("Revision recorded."))
    return redirect("tracking:task", task.pk)

"""The bulletin page (office) and a department's 台账 (progress workbook) download and upload."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from luoshi import status
from luoshi.documents.bulletin_annexes import ANNEXES
from luoshi.documents.bulletin_document import Paragraph, plain_text
from luoshi.exchange import issues, progress_export, progress_rows
from luoshi.exchange import jobs as exchange_jobs
from luoshi.exchange.bulletin_facts import PeriodNotOver
from luoshi.exchange.forms import (
    BulletinForm,
    BulletinIssueForm,
    WorkbookUploadForm,
    clean_period,
)
from luoshi.exchange.models import BulletinIssue
from luoshi.tracking import jobs
from luoshi.tracking.measure import today
from luoshi.tracking.models import Department, ImportJob, Membership, Plan
from luoshi.tracking.permissions import is_office, membership, office_required, user_of
from luoshi.tracking.views import plan_for

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def attachment(data: bytes, name: str, content_type: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, name) or "attachment"
    return response


def current_period(plan: Plan, on: date) -> str:
    return status.reference_period(plan.year, date(plan.year, 12, 31), on) or f"{plan.year}-01"


def bulletin_reader_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The office, which makes the bulletin, and the leaders, to whom it goes."""

    @wraps(view)
    @login_required
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        member = membership(request.user)
        if not is_office(request.user) and (member is None or member.role != Membership.LEADER):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


@bulletin_reader_required
def bulletin_page(request: HttpRequest) -> HttpResponse:
    """The issues made so far; the office prepares the issue of a month here."""
    plans = Plan.objects.visible_to(request.user).filter(state=Plan.PUBLISHED)
    plans = plans.select_related("jurisdiction").order_by("-year", "-created_at")
    office, on = is_office(request.user), today()
    if request.method == "POST" and not office:
        raise PermissionDenied
    latest = plans.first()
    initial = {"plan": latest, "period": current_period(latest, on) if latest else ""}
    form = BulletinForm(plans, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        plan, period = form.cleaned_data["plan"], form.cleaned_data["period"]
        try:
            issue = issues.prepare(user_of(request), plan, period, on)
        except PeriodNotOver:
            form.add_error(
                "period", _("The month %(period)s is not over yet.") % {"period": period}
            )
        else:
            return redirect("exchange:bulletin_issue", issue.pk)
    made = BulletinIssue.objects.visible_to(request.user).select_related("plan__jurisdiction")
    context = {"form": form if office else None, "issues": made, "is_office": office}
    return render(request, "exchange/bulletin.html", context, status=400 if form.errors else 200)


def _issue_for(request: HttpRequest, issue_id: int) -> BulletinIssue:
    issues_seen = BulletinIssue.objects.visible_to(request.user).select_related(
        "plan__jurisdiction"
    )
    return get_object_or_404(issues_seen, pk=issue_id)


@bulletin_reader_required
def bulletin_issue(request: HttpRequest, issue_id: int) -> HttpResponse:
    """The office rewrites the text and chooses the annexes; leaders read it."""
    issue, on = _issue_for(request, issue_id), today()
    office = is_office(request.user)
    if request.method == "POST" and not office:
        raise PermissionDenied
    generated = issues.generated(issue, on)
    initial = {
        "number": issue.number,
        "copy_to": issue.copy_to or generated.copy_to,
        "annexes": issue.annexes,
        "requirements": issue.requirements or "\n".join(issues.options(issue).requirements),
    }
    form = BulletinIssueForm(generated, issue.edits, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        default_copy = generated.copy_to
        issues.save(
            user_of(request),
            issue,
            number=data["number"].strip(),
            copy_to="" if data["copy_to"].strip() == default_copy else data["copy_to"].strip(),
            annexes=[key for key in ANNEXES if key in data["annexes"]],
            requirements=data["requirements"].strip(),
            edits=form.edits(),
        )
        messages.success(request, _("The bulletin is saved. Download it below."))
        return redirect("exchange:bulletin_issue", issue.pk)
    document = generated if office else issues.document(issue, on)
    text = [
        (b.kind, plain_text(b.spans)) if isinstance(b, Paragraph) else ("table", "")
        for b in document.body
    ]
    context = {"issue": issue, "form": form, "is_office": office, "document": document}
    context["text"] = text
    return render(
        request, "exchange/bulletin_issue.html", context, status=400 if form.errors else 200
    )


@bulletin_reader_required
def bulletin_download(request: HttpRequest, issue_id: int) -> HttpResponse:
    """The .docx as sent, or with ?copy=check the check copy (核对稿)."""
    issue = _issue_for(request, issue_id)
    check = request.GET.get("copy") == "check"
    buffer = io.BytesIO()
    issues.write(issue, today(), buffer, check_copy=check)
    suffix = "-核对稿" if check else ""
    name = f"督查通报-{issue.plan.jurisdiction.name}-{issue.period}{suffix}.docx"
    return attachment(buffer.getvalue(), name, DOCX)


def _department_for(request: HttpRequest, department_id: int) -> Department:
    """Office: any department of its jurisdiction; a liaison: only their own."""
    departments = Department.objects.visible_to(request.user).select_related("jurisdiction")
    department = get_object_or_404(departments, pk=department_id)
    member = membership(request.user)
    if is_office(request.user):
        return department
    if member is None or member.department_id != department.pk:
        raise PermissionDenied(_("You can only exchange the ledger sheet of your own department."))
    return department


def _workbook_response(
    plan: Plan, period: str, department: Department | None, on: date
) -> HttpResponse:
    buffer = io.BytesIO()
    progress_export.export(plan, period, department, on, buffer)
    who = department.name if department else "全部单位"
    return attachment(buffer.getvalue(), f"台账-{who}-{period}.xlsx", XLSX)


def _period_or_current(request: HttpRequest, plan: Plan, on: date) -> str:
    try:
        return clean_period(request.GET.get("period", ""), plan)
    except Exception:
        return current_period(plan, on)


@login_required
def progress_workbook_download(request: HttpRequest, department_id: int) -> HttpResponse:
    department = _department_for(request, department_id)
    plan, on = plan_for(request), today()
    return _workbook_response(plan, _period_or_current(request, plan, on), department, on)


@office_required
def progress_workbook_all(request: HttpRequest) -> HttpResponse:
    plan, on = plan_for(request), today()
    return _workbook_response(plan, _period_or_current(request, plan, on), None, on)


@login_required
def progress_workbook_page(request: HttpRequest, department_id: int) -> HttpResponse:
    return _exchange_page(request, _department_for(request, department_id))


@office_required
def progress_workbook_all_page(request: HttpRequest) -> HttpResponse:
    """The office's sheet of every department: each row is checked against its own task."""
    return _exchange_page(request, None)


def _exchange_page(request: HttpRequest, department: Department | None) -> HttpResponse:
    plan, on = plan_for(request), today()
    period = current_period(plan, on)
    form = WorkbookUploadForm(
        plan, request.POST or None, request.FILES or None, initial={"period": period}
    )
    errors: list[progress_rows.RowError] = []
    if request.method == "POST" and form.is_valid():
        # Checked and stored by a background job; with tasks run at once the page shows the
        # outcome as before, otherwise the job's page follows it.
        job = jobs.start(
            request,
            ImportJob.PROGRESS,
            form.cleaned_data["file"],
            plan.jurisdiction,
            exchange_jobs.import_progress_workbook.enqueue,
            plan=plan,
            period=form.cleaned_data["period"],
            department=department,
        )
        if not job.finished:
            return redirect("tracking:job", job.pk)
        if job.state == ImportJob.DONE:
            messages.success(request, job.message)
            return redirect(job.upload_url())
        errors = exchange_jobs.errors_of(job)
        if not errors:  # failed for another reason than its rows
            form.add_error("file", ValidationError(job.message))
    code = 400 if form.errors or errors else 200
    context = {
        "department": department,
        "plan": plan,
        "period": period,
        "form": form,
        "errors": errors,
    }
    return render(request, "exchange/progress_workbook.html", context, status=code)

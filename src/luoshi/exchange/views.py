"""The bulletin page (office) and a department's 台账 (progress workbook) download and upload."""

from __future__ import annotations

import io
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from luoshi import status
from luoshi.documents import bulletin
from luoshi.exchange import progress_rows
from luoshi.exchange.bulletin_facts import PeriodNotOver, write_bulletin
from luoshi.exchange.forms import BulletinForm, WorkbookUploadForm, clean_period
from luoshi.tracking.measure import today
from luoshi.tracking.models import Department, Plan
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


@office_required
def bulletin_page(request: HttpRequest) -> HttpResponse:
    plans = Plan.objects.visible_to(request.user).filter(state=Plan.PUBLISHED)
    plans = plans.select_related("jurisdiction").order_by("-year", "-created_at")
    on = today()
    latest = plans.first()
    initial = {"plan": latest, "period": current_period(latest, on) if latest else ""}
    form = BulletinForm(plans, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        plan, period = data["plan"], data["period"]
        options = bulletin.default_options(
            number=data["number"], requirements=data["requirement_list"]
        )
        buffer = io.BytesIO()
        try:
            write_bulletin(plan, period, on, buffer, options)
        except PeriodNotOver:
            form.add_error(
                "period", _("The month %(period)s is not over yet.") % {"period": period}
            )
        else:
            name = f"督查通报-{plan.jurisdiction.name}-{period}.docx"
            return attachment(buffer.getvalue(), name, DOCX)
    status_code = 400 if form.errors else 200
    return render(request, "exchange/bulletin.html", {"form": form}, status=status_code)


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
    progress_rows.export(plan, period, department, on, buffer)
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
    department = _department_for(request, department_id)
    plan, on = plan_for(request), today()
    period = current_period(plan, on)
    form = WorkbookUploadForm(
        plan, request.POST or None, request.FILES or None, initial={"period": period}
    )
    result = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data["file"].read()
        result = progress_rows.import_workbook(
            data, plan, form.cleaned_data["period"], department, user_of(request)
        )
        if not result.errors:
            messages.success(
                request,
                _("%(created)d progress reports submitted for review; %(unchanged)d unchanged.")
                % {"created": len(result.created), "unchanged": result.unchanged},
            )
            return redirect("exchange:progress_workbook", department.pk)
    code = 400 if form.errors or (result and result.errors) else 200
    context = {
        "department": department,
        "plan": plan,
        "period": period,
        "form": form,
        "errors": result.errors if result else [],
    }
    return render(request, "exchange/progress_workbook.html", context, status=code)

"""Pages that move sheets in and out: the 项目台账 and the 亩均 data; and the ranking."""

from __future__ import annotations

import io
from urllib.parse import quote

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from luoshi.ledger import enterprises, muju
from luoshi.ledger import jobs as ledger_jobs
from luoshi.ledger.forms import FilterForm, SheetForm
from luoshi.ledger.models import EnterpriseYear, Project
from luoshi.ledger.permissions import city_of
from luoshi.ledger.project_workbook import export_projects
from luoshi.tracking import jobs
from luoshi.tracking.measure import today
from luoshi.tracking.models import ImportJob
from luoshi.tracking.permissions import office_required

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@office_required
def import_ledger(request: HttpRequest) -> HttpResponse:
    """The workbook is checked and stored by a background job; with tasks run at once the page
    shows the outcome as before, otherwise the job's page follows it."""
    form = SheetForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        job = jobs.start(
            request,
            ImportJob.PROJECTS,
            form.cleaned_data["file"],
            city_of(request),
            ledger_jobs.import_project_ledger.enqueue,
            partial=form.cleaned_data["partial"],
        )
        if not job.finished:
            return redirect("tracking:job", job.pk)
        result = ledger_jobs.result_of(job)
        if job.state == ImportJob.DONE and not result.problems:
            messages.success(request, job.message)
            return redirect("ledger:list")
        if not job.problems:  # failed for another reason than its rows
            form.add_error("file", forms.ValidationError(job.message))
    return render(
        request,
        "ledger/import.html",
        {"form": form, "result": result, "kind": "projects"},
        status=400 if (result and result.problems) or form.errors else 200,
    )


@login_required
def export_ledger(request: HttpRequest) -> HttpResponse:
    city = city_of(request)
    form = FilterForm(city, request.GET or None)
    projects = form.apply(Project.objects.in_reserve().filter(jurisdiction=city)).order_by("code")
    year = today().year
    out = io.BytesIO()
    export_projects(projects, out, [year])
    response = HttpResponse(out.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote('项目台账.xlsx')}"
    return response


@login_required
def ranking(request: HttpRequest) -> HttpResponse:
    city = city_of(request)
    years = sorted(
        set(
            EnterpriseYear.objects.filter(enterprise__jurisdiction=city).values_list(
                "year", flat=True
            )
        ),
        reverse=True,
    )
    wanted = forms.IntegerField(required=False, min_value=1, max_value=9999)
    try:
        asked = wanted.clean(request.GET.get("year"))
    except forms.ValidationError:
        asked = None  # not a year: the latest year is shown, as without one
    year = asked if asked in years else (years or [0])[0]
    scored = enterprises.ranking(city, year) if years else []
    settings = muju.settings()
    counts = {g.code: sum(1 for s in scored if s.grade == g.code) for g in settings.classes}
    return render(
        request,
        "ledger/ranking.html",
        {
            "scored": scored,
            "settings": settings,
            "year": year,
            "years": years,
            "counts": [(g, counts[g.code]) for g in settings.classes],
        },
    )


@office_required
def import_muju(request: HttpRequest) -> HttpResponse:
    """The 亩均 sheet is checked and stored by a background job, like the project ledger."""
    form = SheetForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        job = jobs.start(
            request,
            ImportJob.MUJU,
            form.cleaned_data["file"],
            city_of(request),
            ledger_jobs.import_muju_sheet.enqueue,
            partial=form.cleaned_data["partial"],
        )
        if not job.finished:
            return redirect("tracking:job", job.pk)
        result = ledger_jobs.enterprises_of(job)
        if result.stored and not result.problems:
            messages.success(request, job.message)
            return redirect("ledger:ranking")
        if job.state == ImportJob.FAILED and not job.problems:  # not its rows: the server
            form.add_error("file", forms.ValidationError(job.message))
    return render(
        request,
        "ledger/import.html",
        {"form": form, "result": result, "kind": "enterprises"},
        status=400 if (result and result.problems) or form.errors else 200,
    )

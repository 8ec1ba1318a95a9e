"""Projects entered on the web: a department enters its own, the office takes it into the
reserve (储备库) or returns it with a note; until then no list or target counts it."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from luoshi.ledger.forms import InvestmentForm, NewProjectForm
from luoshi.ledger.models import REACHED, Investment, Project
from luoshi.ledger.permissions import can_edit, city_of
from luoshi.ledger.stages import entered
from luoshi.ledger.transitions import rules
from luoshi.tracking import measure, pagecache, services
from luoshi.tracking.models import Membership
from luoshi.tracking.permissions import is_office, membership, office_required, user_of


class EntryForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[(Project.APPROVED, gettext_lazy("take into the reserve")),
                 (Project.RETURNED, gettext_lazy("return to the department"))],
    )  # fmt: skip
    note = forms.CharField(label=gettext_lazy("note"), required=False, widget=forms.Textarea)

    def clean(self) -> dict[str, str]:
        data = super().clean() or {}
        if data.get("decision") == Project.RETURNED and not data.get("note", "").strip():
            self.add_error("note", _("Say what the department should change."))
        return data


def liaison_department(request: HttpRequest) -> int | None:
    member = membership(request.user)
    if member is not None and member.role == Membership.LIAISON:
        return member.department_id
    return None


def next_code(city_id: int, year: int) -> str:
    """A free project number: XM, the year, and a running number."""
    prefix = f"XM{year}"
    taken = set(
        Project.objects.filter(jurisdiction_id=city_id, code__startswith=prefix).values_list(
            "code", flat=True
        )
    )
    n = len(taken) + 1
    while f"{prefix}{n:04d}" in taken:
        n += 1
    return f"{prefix}{n:04d}"


@login_required
def new_project(request: HttpRequest) -> HttpResponse:
    office = is_office(request.user)
    department = liaison_department(request)
    if not office and department is None:
        raise PermissionDenied
    city = city_of(request)
    today = measure.today()
    form = NewProjectForm(
        request.POST or None, city=city, office=office, today=today, initial={"stage_since": today}
    )
    if request.method == "POST" and form.is_valid():
        project = form.save(commit=False)
        project.jurisdiction = city
        if not office:
            project.department_id = department
        project.code = project.code or next_code(city.pk, today.year)
        project.tier = rules().stage(project.stage).tier
        setattr(project, REACHED[project.stage], project.stage_since)
        project.entry = Project.APPROVED if office else Project.PENDING
        if office:
            project.entry_by, project.entry_at = user_of(request), timezone.now()
        try:
            with transaction.atomic():
                project.save()
                entered(project, actor=user_of(request)).save()
                if office:
                    services.live_values_changed({city.pk})
                else:
                    pagecache.touch({city.pk})  # the office's queue of pending projects
        except IntegrityError:  # the same number taken by a concurrent entry
            form.add_error("code", _("This project number was just taken; save again."))
        else:
            if office:
                messages.success(request, _("Project added to the reserve."))
            else:
                messages.success(
                    request, _("Project entered; it counts once the office takes it in.")
                )
            return redirect("ledger:project", project.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "ledger/new.html", {"form": form}, status=status)


@login_required
def pending(request: HttpRequest) -> HttpResponse:
    """Projects not yet in the reserve: the office's queue, a department's own entries."""
    projects = Project.objects.visible_to(request.user).exclude(entry=Project.APPROVED)
    if not is_office(request.user):
        department = liaison_department(request)
        projects = projects.filter(department_id=department) if department else projects.none()
    projects = projects.select_related("district", "department").order_by("-created_at")
    return render(
        request,
        "ledger/pending.html",
        {"projects": projects, "stage_names": {s.code: s.name for s in rules().stages}},
    )


@require_POST
@office_required
def review_entry(request: HttpRequest, project_id: int) -> HttpResponse:
    project = get_object_or_404(Project.objects.visible_to(request.user), pk=project_id)
    form = EntryForm(request.POST)
    if project.entry == Project.APPROVED:
        messages.info(request, _("The project is already in the reserve."))
        return redirect("ledger:project", project.pk)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("ledger:project", project.pk)
    project.entry = form.cleaned_data["decision"]
    project.entry_note = form.cleaned_data["note"].strip()
    project.entry_by, project.entry_at = user_of(request), timezone.now()
    with transaction.atomic():
        project.save(update_fields=["entry", "entry_note", "entry_by", "entry_at"])
        services.live_values_changed({project.jurisdiction_id})
    if project.entry == Project.APPROVED:
        messages.success(request, _("Project taken into the reserve."))
    else:
        messages.success(request, _("Project returned to the department."))
    return redirect("ledger:pending")


@require_POST
@login_required
def set_money(request: HttpRequest, project_id: int) -> HttpResponse:
    """Planned, contracted, invested or arrived money of one year, by whoever edits the project."""
    project = get_object_or_404(Project.objects.visible_to(request.user), pk=project_id)
    if not can_edit(request.user, project):
        raise PermissionDenied
    form = InvestmentForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("ledger:project", project.pk)
    data = form.cleaned_data
    with transaction.atomic():
        if data["amount"]:
            Investment.objects.update_or_create(
                project=project, year=data["year"], kind=data["kind"],
                defaults={"amount": data["amount"]},
            )  # fmt: skip
        else:
            Investment.objects.filter(
                project=project, year=data["year"], kind=data["kind"]
            ).delete()
        services.live_values_changed({project.jurisdiction_id})
    messages.success(request, _("Investment saved."))
    return redirect("ledger:project", project.pk)

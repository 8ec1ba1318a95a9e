"""基础数据: the office manages its departments, people and jurisdictions without the Django
admin. Its reach is its own jurisdiction and every county or district below it; office accounts
and administrators are left to an administrator."""

from __future__ import annotations

import secrets
from typing import Any

from django.contrib import messages
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from luoshi.tracking import department_files, pagecache
from luoshi.tracking.basedata_forms import (
    DepartmentFileForm,
    DepartmentForm,
    JurisdictionForm,
    NewPersonForm,
    PersonForm,
)
from luoshi.tracking.models import Department, Jurisdiction, Membership
from luoshi.tracking.permissions import membership, office_required, user_of


def reach(user: Any) -> list[int]:
    """The jurisdictions the office manages, its own first, then the ones below, level by level
    (an administrator without a membership: every jurisdiction, roots first)."""
    member = membership(user)
    if member is None:
        if not user.is_superuser:
            raise PermissionDenied
        level = list(Jurisdiction.objects.filter(parent__isnull=True).values_list("pk", flat=True))
    else:
        level = [member.jurisdiction_id]
    found: list[int] = []
    while level:
        found += level
        level = list(Jurisdiction.objects.filter(parent_id__in=level).values_list("pk", flat=True))
    return found


def _people(reach_ids: list[int]) -> Any:
    """The accounts the office may change: members of its reach who are no office, staff or
    administrator."""
    return (
        Membership.objects.filter(jurisdiction_id__in=reach_ids)
        .exclude(role=Membership.OFFICE)
        .exclude(user__is_superuser=True)
        .exclude(user__is_staff=True)
    )


@office_required
def index(request: HttpRequest) -> HttpResponse:
    ids = reach(request.user)
    places = {j.pk: j for j in Jurisdiction.objects.filter(pk__in=ids)}
    departments = Department.objects.filter(jurisdiction_id__in=ids).select_related("jurisdiction")
    people = (
        Membership.objects.filter(jurisdiction_id__in=ids)
        .select_related("user", "jurisdiction", "department")
        .order_by("jurisdiction_id", "role", "user__username")
    )
    editable = set(_people(ids).values_list("pk", flat=True))
    context = {
        "places": [places[pk] for pk in ids],
        "departments": departments.order_by("jurisdiction_id", "name"),
        "people": [(m, m.pk in editable) for m in people],
    }
    return render(request, "tracking/basedata_index.html", context)


def _form_page(request: HttpRequest, title: str, form: Any, status: int = 200) -> HttpResponse:
    return render(
        request, "tracking/basedata_form.html", {"title": title, "form": form}, status=status
    )


@office_required
def department(request: HttpRequest, department_id: int | None = None) -> HttpResponse:
    ids = reach(request.user)
    instance = None
    if department_id is not None:
        instance = get_object_or_404(Department, pk=department_id, jurisdiction_id__in=ids)
    form = DepartmentForm(
        request.POST or None, instance=instance, reach=ids, initial={"jurisdiction": ids[0]}
    )
    if request.method == "POST":
        if form.is_valid():
            form.save()
            pagecache.touch(None)  # names show on every kind of page, as after an admin edit
            messages.success(request, _("Department saved."))
            return redirect("basedata:index")
        return _form_page(request, _("Department"), form, 400)
    return _form_page(request, _("Department"), form)


@office_required
def load_departments(request: HttpRequest) -> HttpResponse:
    """Load a city's departments file for one jurisdiction of the office's reach."""
    ids = reach(request.user)
    form = DepartmentFileForm(
        request.POST or None, request.FILES or None, reach=ids, initial={"jurisdiction": ids[0]}
    )
    context: dict[str, Any] = {"form": form}
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "tracking/basedata_departments_file.html", context, status=400)
        departments, text = form.cleaned_data["file"]
        place = form.cleaned_data["jurisdiction"]
        context["summary"] = department_files.load(place, departments, text)
        context["place"] = place
        form = DepartmentFileForm(reach=ids, initial={"jurisdiction": place.pk})
        context["form"] = form
    return render(request, "tracking/basedata_departments_file.html", context)


@office_required
def jurisdiction(request: HttpRequest, jurisdiction_id: int | None = None) -> HttpResponse:
    ids = reach(request.user)
    instance = None
    if jurisdiction_id is not None:
        instance = get_object_or_404(Jurisdiction, pk=jurisdiction_id, pk__in=ids)
    form = JurisdictionForm(request.POST or None, instance=instance, reach=ids)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            pagecache.touch(None)
            messages.success(request, _("Jurisdiction saved."))
            return redirect("basedata:index")
        return _form_page(request, _("Jurisdiction"), form, 400)
    return _form_page(request, _("Jurisdiction"), form)


def temporary_password() -> str:
    return secrets.token_urlsafe(9)  # 12 characters: passes the password validators


def _told(request: HttpRequest, user: User, password: str) -> None:
    messages.warning(
        request,
        _("Temporary password of %(user)s: %(password)s. Hand it over in person; it is shown once.")
        % {"user": user.username, "password": password},
    )


@office_required
def new_person(request: HttpRequest) -> HttpResponse:
    ids = reach(request.user)
    form = NewPersonForm(request.POST or None, reach=ids, initial={"jurisdiction": ids[0]})
    if request.method == "POST":
        if not form.is_valid():
            return _form_page(request, _("New person"), form, 400)
        data = form.cleaned_data
        password = temporary_password()
        with transaction.atomic():
            user = User.objects.create_user(
                data["username"], data["email"], password, first_name=data["first_name"]
            )
            member = Membership.objects.create(
                user=user,
                role=data["role"],
                jurisdiction=data["jurisdiction"],
                department=data["department"],
            )
            member.portfolio.set(data["portfolio"])
            pagecache.touch(None)
        _told(request, user, password)
        return redirect("basedata:index")
    return _form_page(request, _("New person"), form)


def _member(request: HttpRequest, user_id: int) -> Membership:
    return get_object_or_404(_people(reach(request.user)).select_related("user"), user_id=user_id)


@office_required
def person(request: HttpRequest, user_id: int) -> HttpResponse:
    member = _member(request, user_id)
    ids = reach(request.user)
    initial = {"first_name": member.user.first_name, "email": member.user.email,
               "role": member.role, "jurisdiction": member.jurisdiction_id,
               "department": member.department_id,
               "portfolio": list(member.portfolio.values_list("pk", flat=True))}  # fmt: skip
    form = PersonForm(request.POST or None, reach=ids, initial=initial)
    if request.method == "POST":
        if not form.is_valid():
            return _form_page(request, member.user.username, form, 400)
        data = form.cleaned_data
        with transaction.atomic():
            member.user.first_name, member.user.email = data["first_name"], data["email"]
            member.user.save(update_fields=["first_name", "email"])
            member.role, member.jurisdiction = data["role"], data["jurisdiction"]
            member.department = data["department"]
            member.save(update_fields=["role", "jurisdiction", "department"])
            member.portfolio.set(data["portfolio"])
            pagecache.touch(None)  # what the person sees changes with the role
        messages.success(request, _("Saved."))
        return redirect("basedata:index")
    return _form_page(request, member.user.username, form)


@require_POST
@office_required
def reset_password(request: HttpRequest, user_id: int) -> HttpResponse:
    user = _member(request, user_id).user
    password = temporary_password()
    user.set_password(password)
    user.save(update_fields=["password"])  # also ends the person's sessions
    _told(request, user, password)
    return redirect("basedata:index")


@require_POST
@office_required
def set_active(request: HttpRequest, user_id: int) -> HttpResponse:
    user = _member(request, user_id).user
    if user == user_of(request):
        raise PermissionDenied
    user.is_active = request.POST.get("active") == "1"
    user.save(update_fields=["is_active"])
    pagecache.touch(None)
    if user.is_active:
        messages.success(request, _("%(user)s can sign in again.") % {"user": user.username})
    else:
        messages.success(request, _("%(user)s can no longer sign in.") % {"user": user.username})
    return redirect("basedata:index")

"""Who may change the ledger, by the tracker's roles: the office changes any project, a
department liaison the projects their department leads; leaders and viewers read."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from luoshi.ledger.models import Project
from luoshi.tracking import fragments
from luoshi.tracking.models import Jurisdiction, Membership
from luoshi.tracking.permissions import is_office, membership, scope


def city_of(request: HttpRequest) -> Jurisdiction:
    """The city whose ledger the user sees: their membership's, or for an administrator without
    one, the first city. Looked up once per data version."""
    if membership(request.user) is None and not request.user.is_superuser:
        raise PermissionDenied
    jurisdiction, _ = scope(request.user)
    city = fragments.cached(
        "city", jurisdiction, lambda: _find_city(jurisdiction), jurisdiction=jurisdiction
    )
    if city is None:
        raise PermissionDenied
    return city


def _find_city(jurisdiction_id: int | None) -> Jurisdiction | None:
    if jurisdiction_id is not None:
        city = Jurisdiction.objects.select_related("parent").get(pk=jurisdiction_id)
        return city.parent if city.parent is not None else city
    return Jurisdiction.objects.filter(parent__isnull=True).order_by("pk").first()


def can_edit(user: Any, project: Project) -> bool:
    if is_office(user):
        return True
    member = membership(user)
    return (
        member is not None
        and member.role == Membership.LIAISON
        and member.department_id is not None
        and member.department_id == project.department_id
    )

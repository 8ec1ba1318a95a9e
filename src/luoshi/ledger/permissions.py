"""Who may change the ledger, by the tracker's roles: the office changes any project, a
department liaison the projects their department leads; leaders and viewers read."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from luoshi.ledger.models import Project
from luoshi.tracking.models import Jurisdiction, Membership
from luoshi.tracking.permissions import is_office, membership


def city_of(request: HttpRequest) -> Jurisdiction:
    """The city whose ledger the user sees: their membership's (a county's or district's
    member sees its city's), or for an administrator without one, the first city."""
    member = membership(request.user)
    if member is None and not request.user.is_superuser:
        raise PermissionDenied
    if member is not None:
        city = Jurisdiction.objects.select_related("parent").get(pk=member.jurisdiction_id)
        return city.parent if city.parent is not None else city
    first = Jurisdiction.objects.filter(parent__isnull=True).order_by("pk").first()
    if first is None:
        raise PermissionDenied
    return first


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

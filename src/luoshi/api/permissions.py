"""Who may call what, as a handful of permission classes that every API view names.

The rules are the web's (luoshi.tracking.permissions); these classes only say them to DRF. Each
class lists the roles it lets through in `allows`, so a test can build the role × endpoint
matrix from the URL conf and check every cell. Which rows a caller sees is a separate matter,
decided by each model's `visible_to` (luoshi.tracking.visibility): anonymous callers see
published data, members their jurisdiction, and only the office sees drafts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from django.utils.translation import gettext_lazy as _
from rest_framework import permissions

from luoshi.tracking.models import Membership
from luoshi.tracking.permissions import can_report, is_office, membership

if TYPE_CHECKING:  # DRF imports this module while rest_framework.views is loading
    from rest_framework.request import Request
    from rest_framework.views import APIView

ANONYMOUS = "anonymous"
ROLES = (ANONYMOUS, Membership.OFFICE, Membership.LIAISON, Membership.LEADER, Membership.VIEWER)


def role_of(user: Any) -> str:
    if not user or not user.is_authenticated:
        return ANONYMOUS
    if is_office(user):
        return Membership.OFFICE
    member = membership(user)
    return member.role if member is not None else Membership.VIEWER


class Rule(permissions.BasePermission):
    allows: ClassVar[frozenset[str]] = frozenset()
    read_only = True
    message = _("You do not have permission to do this.")

    def has_permission(self, request: Request, view: APIView) -> bool:
        if request.method not in view.allowed_methods:
            return True  # the view answers 405 Method Not Allowed, whoever asks
        if self.read_only and request.method not in permissions.SAFE_METHODS:
            return False
        return role_of(request.user) in self.allows


class PublicRead(Rule):
    """Anyone may read, without logging in; nobody writes through these views."""

    allows = frozenset(ROLES)


class MemberRead(Rule):
    """Logged-in users (session or token) may read. The default for every API view."""

    allows = frozenset(ROLES) - {ANONYMOUS}
    message = _("Log in, or send an API token, to see this.")


class OfficeWrite(Rule):
    """The supervision office: publishes plans and reviews reports."""

    allows = frozenset({Membership.OFFICE})
    read_only = False
    message = _("Only the supervision office can do this.")


class LiaisonWrite(Rule):
    """Department liaisons report progress, each on their own department's tasks only."""

    allows = frozenset({Membership.LIAISON})
    read_only = False
    message = _("Only a department liaison can report progress.")

    def has_object_permission(self, request: Request, view: APIView, obj: Any) -> bool:
        if can_report(request.user, obj):
            return True
        self.message = _(
            "You can report only on tasks that your department leads, once the plan is published."
        )
        return False

"""Who sees what: one `visible_to(user)` per model that a page, the API or a download lists.

- anonymous callers (the public page, the open API): published plans of every jurisdiction and
  what hangs off them; no progress reports, evidence or events;
- members: their own jurisdiction; drafts only for the supervision office;
- logged-in users without a membership: what the public sees (published plans of every
  jurisdiction with their public statuses; no progress reports, evidence or events);
- superusers: everything (their membership's jurisdiction if they have one).
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.db.models import Q

M = TypeVar("M", bound=models.Model)

PUBLISHED = "published"
OFFICE = "office"


def membership(user: Any) -> Any:
    """The user's membership, or None (anonymous users and users without one)."""
    if not getattr(user, "is_authenticated", False):
        return None
    try:
        return user.membership
    except models.ObjectDoesNotExist:
        return None


def is_office(user: Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    member = membership(user)
    return member is not None and member.role == OFFICE


def sees_public_view(user: Any) -> bool:
    """Anonymous callers, and logged-in users who are no member of any jurisdiction, see the
    public view: published plans, statuses from approved reports only, no reports."""
    if not getattr(user, "is_authenticated", False):
        return True
    return not user.is_superuser and membership(user) is None


def plan_rule(user: Any, path: str = "") -> Q:
    """The condition on the plans `user` may see, for rows reached from a plan through `path`
    (e.g. "task__plan__")."""
    rule = Q()
    member = membership(user)
    if member is not None:
        rule &= Q(**{f"{path}jurisdiction_id": member.jurisdiction_id})
    if not is_office(user):
        rule &= Q(**{f"{path}state": PUBLISHED})
    return rule


class VisibleQuerySet(models.QuerySet[M]):
    """Rows reached from a plan through `plan_path`; `public_rows` says whether anonymous
    callers see them at all."""

    plan_path = ""
    public_rows = True

    def visible_to(self, user: Any) -> VisibleQuerySet[M]:
        if sees_public_view(user) and not self.public_rows:
            return self.none()
        return self.filter(plan_rule(user, self.plan_path))

    def public(self) -> VisibleQuerySet[M]:
        """What anyone may see, logged in or not: the public page's rows."""
        return self.visible_to(AnonymousUser())


class PlanQuerySet(VisibleQuerySet[M]):
    plan_path = ""


class PlanPartQuerySet(VisibleQuerySet[M]):
    """Sections and tasks."""

    plan_path = "plan__"


class TaskQuerySet(PlanPartQuerySet[M]):
    def active(self) -> TaskQuerySet[M]:
        """Tasks still being run: not terminated (终止) by the office."""
        return self.exclude(closed="terminated")

    def open(self) -> TaskQuerySet[M]:
        """Tasks not closed (销号) at all: the ones departments still work on."""
        return self.filter(closed="")


class TargetQuerySet(VisibleQuerySet[M]):
    plan_path = "task__plan__"


class ReportQuerySet(VisibleQuerySet[M]):
    plan_path = "task__plan__"
    public_rows = False


class AppealQuerySet(VisibleQuerySet[M]):
    plan_path = "task__plan__"
    public_rows = False


class EvidenceQuerySet(VisibleQuerySet[M]):
    plan_path = "report__task__plan__"
    public_rows = False


class BulletinIssueQuerySet(VisibleQuerySet[M]):
    """Issues of the 督查通报 (exchange): members of the plan's jurisdiction; never public."""

    plan_path = "plan__"
    public_rows = False


class FeedbackQuerySet(VisibleQuerySet[M]):
    """Citizens' 留言 on commitments (public app): the office of the plan's jurisdiction sees
    all of it, to moderate; everyone else only what the office approved."""

    plan_path = "task__plan__"

    def visible_to(self, user: Any) -> VisibleQuerySet[M]:
        rows = super().visible_to(user)
        return rows if is_office(user) else rows.filter(state="approved")


class DepartmentQuerySet(models.QuerySet[M]):
    def visible_to(self, user: Any) -> DepartmentQuerySet[M]:
        """Anonymous callers: departments of jurisdictions with a published plan; members:
        their jurisdiction's; others: all."""
        if sees_public_view(user):
            return self.public()
        member = membership(user)
        if member is not None:
            return self.filter(jurisdiction_id=member.jurisdiction_id)
        return self

    def public(self) -> DepartmentQuerySet[M]:
        return self.filter(jurisdiction__plans__state=PUBLISHED).distinct()

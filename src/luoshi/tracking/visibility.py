"""Who sees what: one `visible_to(user)` per model that a page, the API or a download lists.

- anonymous callers (the public page, the open API): published plans of every jurisdiction and
  what hangs off them; no progress reports, evidence or events;
- members: their own jurisdiction; the office and the leaders also the jurisdictions below it
  (a city's counties and districts, a province's cities and theirs); drafts only for the
  supervision office; archived plans stay readable like published ones;
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
READABLE = ("published", "archived")  # what members other than the office see of plans
OFFICE = "office"
LEADER = "leader"


def membership(user: Any) -> Any:
    """The user's membership, or None (anonymous users and users without one)."""
    if not getattr(user, "is_authenticated", False):
        return None
    try:
        return user.membership
    except models.ObjectDoesNotExist:
        return None


def descendants(jurisdiction_id: int) -> list[int]:
    """The jurisdiction and every one below it (one query per level of the tree)."""
    from luoshi.tracking.models import Jurisdiction

    found, level = [jurisdiction_id], [jurisdiction_id]
    while level:
        level = list(
            Jurisdiction.objects.filter(parent_id__in=level)
            .exclude(pk__in=found)
            .values_list("pk", flat=True)
        )
        found.extend(level)
    return found


def jurisdiction_ids(member: Any) -> list[int]:
    """The jurisdictions a member reads: the office and the leaders see the tree below their
    own (rolled up, drilled down); liaisons and viewers their own. Kept on the membership
    object, which lives as long as the request's user."""
    cached = getattr(member, "_luoshi_jurisdictions", None)
    if cached is None:
        own = member.jurisdiction_id
        cached = descendants(own) if member.role in (OFFICE, LEADER) else [own]
        member._luoshi_jurisdictions = cached
    return list(cached)


def managed_jurisdictions(user: Any) -> Any:
    """The jurisdictions whose plans the user's office imports and runs: its own and those
    below it; a superuser without a membership: all."""
    from luoshi.tracking.models import Jurisdiction

    member = membership(user)
    if member is None:
        superuser = getattr(user, "is_superuser", False)
        return Jurisdiction.objects.all() if superuser else Jurisdiction.objects.none()
    if not is_office(user):
        return Jurisdiction.objects.none()
    return Jurisdiction.objects.filter(pk__in=descendants(member.jurisdiction_id))


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
        rule &= Q(**{f"{path}jurisdiction_id__in": jurisdiction_ids(member)})
    if not is_office(user):
        rule &= Q(**{f"{path}state__in": READABLE})
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
            return self.filter(jurisdiction_id__in=jurisdiction_ids(member))
        return self

    def public(self) -> DepartmentQuerySet[M]:
        return self.filter(jurisdiction__plans__state__in=READABLE).distinct()

"""Writes and reads of a bulletin issue (期): prepared for a month, edited by the office,
downloaded by the office and the leaders. Writes bump the page cache of the plan's
jurisdiction, as the tracker's services do, so the next page shows them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import IO

from django.contrib.auth.models import User
from django.db import transaction

from luoshi.documents import bulletin, official_docx
from luoshi.documents.bulletin_document import BulletinDocument
from luoshi.exchange.bulletin_facts import bulletin_date, compose_bulletin
from luoshi.exchange.models import BulletinIssue
from luoshi.tracking import pagecache
from luoshi.tracking.models import Plan


def prepare(user: User, plan: Plan, period: str, on: date) -> BulletinIssue:
    """The plan's issue for `period`, made with the default annexes the first time. Raises
    `PeriodNotOver` for a month that has not ended."""
    bulletin_date(period, on)
    annexes = list(bulletin.default_options().annexes)
    with transaction.atomic():
        issue, created = BulletinIssue.objects.get_or_create(
            plan=plan, period=period, defaults={"annexes": annexes, "updated_by": user}
        )
        if created:
            transaction.on_commit(lambda: pagecache.touch({plan.jurisdiction_id}))
    return issue


def save(
    user: User,
    issue: BulletinIssue,
    *,
    number: str,
    copy_to: str,
    annexes: Sequence[str],
    requirements: str,
    edits: dict[str, str],
) -> None:
    issue.number, issue.copy_to, issue.requirements = number, copy_to, requirements
    issue.annexes, issue.edits, issue.updated_by = list(annexes), edits, user
    fields = ["number", "copy_to", "annexes", "requirements", "edits", "updated_by", "updated_at"]
    with transaction.atomic():
        issue.save(update_fields=fields)
        transaction.on_commit(lambda: pagecache.touch({issue.plan.jurisdiction_id}))


def options(issue: BulletinIssue) -> bulletin.BulletinOptions:
    lines = (line.strip() for line in issue.requirements.splitlines())
    return bulletin.default_options(
        number=issue.number,
        copy_to=issue.copy_to,
        annexes=tuple(issue.annexes),
        requirements=tuple(line for line in lines if line),
    )


def generated(issue: BulletinIssue, on: date) -> BulletinDocument:
    """The issue as composed from the tracker, before the office's rewritten paragraphs."""
    return compose_bulletin(issue.plan, issue.period, on, options(issue))


def document(issue: BulletinIssue, on: date) -> BulletinDocument:
    composed = generated(issue, on)
    composed.apply_edits(issue.edits)
    return composed


def write(
    issue: BulletinIssue, on: date, out: str | Path | IO[bytes], check_copy: bool = False
) -> BulletinDocument:
    composed = document(issue, on)
    official_docx.write(composed, out, check_copy=check_copy)
    return composed

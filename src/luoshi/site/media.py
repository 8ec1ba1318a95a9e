"""Uploaded files (evidence), served to the people who may see them and to no one else.

Every app server serves them from the shared LUOSHI_MEDIA_ROOT through this view: a web server in
front could not check who is asking. The path is only ever looked up in the database, never joined
to a folder, so `..` and absolute paths lead nowhere.
"""

from __future__ import annotations

from collections.abc import Callable

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest

from luoshi.tracking.models import Evidence, Plan
from luoshi.tracking.permissions import is_office, membership

Found = tuple[FieldFile, str] | None


def _in_scope(request: HttpRequest, jurisdiction_id: int) -> bool:
    member = membership(request.user)
    return member is None or member.jurisdiction_id == jurisdiction_id


def _tracking_evidence(request: HttpRequest, path: str) -> Found:
    """A progress report's evidence: seen by whoever may see the task (as on the task page)."""
    evidence = Evidence.objects.select_related("report__task__plan").filter(file=path).first()
    if evidence is None:
        return None
    plan = evidence.report.task.plan
    if not _in_scope(request, plan.jurisdiction_id):
        raise Http404
    if plan.state != Plan.PUBLISHED and not is_office(request.user):
        raise Http404
    return evidence.file, evidence.name


def _ledger_evidence(request: HttpRequest, path: str) -> Found:
    """A project stage change's evidence file: seen within the project's jurisdiction."""
    if not apps.is_installed("luoshi.ledger"):
        return None
    change = (
        apps.get_model("ledger", "StageChange")
        .objects.select_related("project")
        .filter(evidence_file=path)
        .first()
    )
    if change is None:
        return None
    if not _in_scope(request, change.project.jurisdiction_id):
        raise Http404
    return change.evidence_file, path.rsplit("/", 1)[-1]


# Each model that stores uploads, with who may read them. A file no owner claims is not served.
OWNERS: list[Callable[[HttpRequest, str], Found]] = [_tracking_evidence, _ledger_evidence]


def _plausible(path: str) -> bool:
    parts = path.split("/")
    return not (
        path.startswith("/")
        or "\\" in path
        or "\0" in path
        or any(p in {"", ".", ".."} for p in parts)
    )


@login_required
def download(request: HttpRequest, path: str) -> FileResponse:
    if not _plausible(path):
        raise Http404
    for owner in OWNERS:
        found = owner(request, path)
        if found is not None:
            field_file, name = found
            try:
                handle = field_file.open("rb")
            except FileNotFoundError:
                raise Http404 from None
            # An attachment, never shown inline: an uploaded HTML file must not run as a page.
            return FileResponse(handle, as_attachment=True, filename=name)
    raise Http404

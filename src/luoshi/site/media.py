"""Uploaded files (evidence), served to the people who may see them and to no one else.

Every app server serves them from the shared LUOSHI_MEDIA_ROOT through this view: a web server in
front could not check who is asking. The path is only ever looked up in the database, never joined
to a folder, so `..` and absolute paths lead nowhere.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest

from luoshi.tracking.models import Appeal, Evidence

Found = tuple[FieldFile, str] | None


def _tracking_evidence(request: HttpRequest, path: str) -> Found:
    """A progress report's evidence: seen by whoever may see the task (as on the task page)."""
    files = Evidence.objects.filter(file=path)
    if not files.exists():
        return None
    evidence = files.visible_to(request.user).first()
    if evidence is None:
        raise Http404
    return evidence.file, evidence.name


def _appeal_evidence(request: HttpRequest, path: str) -> Found:
    """An appeal's evidence file: seen by the members who may see the appeal."""
    appeals = Appeal.objects.filter(evidence=path)
    if not appeals.exists():
        return None
    appeal = appeals.visible_to(request.user).first()
    if appeal is None:
        raise Http404
    return appeal.evidence, path.rsplit("/", 1)[-1]


def _ledger_evidence(request: HttpRequest, path: str) -> Found:
    """A project stage change's evidence file: seen by whoever may see the project."""
    if not apps.is_installed("luoshi.ledger"):
        return None
    changes = apps.get_model("ledger", "StageChange").objects.filter(evidence_file=path)
    if not changes.exists():
        return None
    projects = apps.get_model("ledger", "Project").objects.visible_to(request.user)
    change = changes.filter(project__in=projects).first()
    if change is None:
        raise Http404
    return change.evidence_file, path.rsplit("/", 1)[-1]


# Each model that stores uploads, with who may read them. A file no owner claims is not served.
OWNERS: list[Callable[[HttpRequest, str], Found]] = [
    _tracking_evidence,
    _appeal_evidence,
    _ledger_evidence,
]


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
            if request.GET.get("inline") == "1" and name.lower().endswith(".pdf"):
                return _inline_pdf(handle, name)
            # An attachment, never shown inline: an uploaded HTML file must not run as a page.
            return FileResponse(handle, as_attachment=True, filename=name)
    raise Http404


def _inline_pdf(handle: Any, name: str) -> FileResponse:
    """A PDF shown in the review queue's frame: served as a PDF (its first bytes were checked at
    upload, and nosniff holds the browser to the type), framed by luoshi's own pages only."""
    response = FileResponse(
        handle, as_attachment=False, filename=name, content_type="application/pdf"
    )
    response["X-Frame-Options"] = "SAMEORIGIN"
    response["Content-Security-Policy"] = (
        "default-src 'none'; object-src 'self'; frame-ancestors 'self'"
    )
    return response

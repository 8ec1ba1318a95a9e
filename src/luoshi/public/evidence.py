"""Evidence on the public page: the office marks files public (when reviewing or afterwards);
the commitment's timeline lists them and anyone may download them, but only while the file is
marked, its report approved and its plan published. Every other evidence file stays behind the
login (luoshi.site.media)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from luoshi.public.models import PublicEvidence
from luoshi.tracking import pagecache
from luoshi.tracking.models import Evidence, ProgressReport, Task
from luoshi.tracking.permissions import office_required, user_of


def public_files() -> Any:
    """The evidence anyone may download: marked, of an approved report, of a published plan."""
    return Evidence.objects.filter(
        publication__isnull=False,
        report__state=ProgressReport.APPROVED,
        report__task__in=Task.objects.public(),
    )


def mark(user: Any, evidence: Iterable[Evidence], public: bool) -> int:
    """Marks (or unmarks) `evidence` public; returns how many changed. The caller has checked
    that `user` is the office of their plans."""
    files = list(evidence)
    with transaction.atomic():
        if public:
            have = set(
                PublicEvidence.objects.filter(evidence__in=files).values_list(
                    "evidence_id", flat=True
                )
            )
            new = [PublicEvidence(evidence=e, marked_by=user) for e in files if e.pk not in have]
            PublicEvidence.objects.bulk_create(new)
            changed = len(new)
        else:
            changed, _rows = PublicEvidence.objects.filter(evidence__in=files).delete()
        places = set(
            Evidence.objects.filter(pk__in=[e.pk for e in files]).values_list(
                "report__task__plan__jurisdiction_id", flat=True
            )
        )
        pagecache.touch(places)  # the public pages show the change at once
    return changed


@require_POST
@office_required
def flag(request: HttpRequest, evidence_id: int) -> HttpResponse:
    evidence = get_object_or_404(Evidence.objects.visible_to(request.user), pk=evidence_id)
    mark(user_of(request), [evidence], request.POST.get("public") == "1")
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        return redirect(back)
    return redirect("tracking:task", evidence.report.task_id)


def download(request: HttpRequest, evidence_id: int) -> FileResponse:
    evidence = get_object_or_404(public_files(), pk=evidence_id)
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    # An attachment, never shown inline, as on the members' side.
    return FileResponse(handle, as_attachment=True, filename=evidence.name)

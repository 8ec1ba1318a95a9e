"""Imports as background jobs (Django's Tasks framework): the upload is stored with an ImportJob,
a task reads it, and the job's page shows how far it got. With LUOSHI_TASKS=immediate the task
runs inside the request that enqueues it and the user lands on the result at once; with
LUOSHI_TASKS=database `luoshi worker` runs it and no web request waits on a long report."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from luoshi.extraction import extract_document
from luoshi.reading import ReadError
from luoshi.reading import read as read_report
from luoshi.tracking import uploads
from luoshi.tracking.importing import city_departments, import_document, sha256_of
from luoshi.tracking.models import ImportJob, Jurisdiction, Plan

logger = logging.getLogger(__name__)


class JobFailed(Exception):
    """The job stops with this message for the user (already in their language)."""


def start(
    request: HttpRequest,
    kind: str,
    upload: UploadedFile,
    jurisdiction: Jurisdiction,
    runner: Callable[[int], object],
    **fields: object,
) -> ImportJob:
    """Store the upload with a new job, enqueue `runner` on it, and return the job as it
    stands (finished already when tasks run immediately)."""
    job = ImportJob(
        kind=kind,
        owner=request.user,  # type: ignore[misc]  # the views require a login
        jurisdiction=jurisdiction,
        language=translation.get_language() or "zh-hans",
        name=(upload.name or "")[-255:],
        **fields,
    )
    job.file.save(upload.name or "upload", upload, save=False)
    job.save()
    runner(job.pk)
    job.refresh_from_db()
    return job


def step(job: ImportJob, state: str, progress: int) -> None:
    job.state, job.progress, job.updated_at = state, progress, timezone.now()
    job.save(update_fields=["state", "progress", "updated_at"])


def finish(job: ImportJob, state: str, message: str = "", url: str = "") -> None:
    """The outcome; the stored upload is deleted, its content now lives in the data (or was
    refused)."""
    job.state, job.message, job.result_url = state, message, url
    job.progress, job.updated_at = 100 if state == ImportJob.DONE else job.progress, timezone.now()
    if job.file:
        job.file.delete(save=False)
    job.save()


def fail_stale(now: datetime | None = None) -> int:
    """Jobs that started and then reported nothing for LUOSHI_JOB_STALE_MINUTES: their worker
    died (or was restarted) mid-way. They are marked failed, so no page says "in progress"
    forever; the number marked."""
    minutes = settings.LUOSHI_JOB_STALE_MINUTES
    since = (now or timezone.now()) - timedelta(minutes=minutes)
    stale = ImportJob.objects.exclude(state__in=[*ImportJob.FINISHED, ImportJob.QUEUED])
    count = 0
    for job in stale.filter(updated_at__lt=since):
        with translation.override(job.language):
            message = _(
                "The import stopped: the background worker gave no sign of progress for "
                "%(minutes)d minutes (it was probably restarted). Nothing more will happen to "
                "this file; upload it again."
            )
            finish(job, ImportJob.FAILED, message % {"minutes": minutes})
        count += 1
    return count


def prune(now: datetime | None = None) -> int:
    """Finished jobs older than LUOSHI_JOB_KEEP_DAYS are deleted (with any upload left); the
    number deleted."""
    since = (now or timezone.now()) - timedelta(days=settings.LUOSHI_JOB_KEEP_DAYS)
    old = ImportJob.objects.filter(state__in=ImportJob.FINISHED, updated_at__lt=since)
    count = 0
    for job in old:
        if job.file:
            job.file.delete(save=False)
        job.delete()
        count += 1
    return count


@contextmanager
def running(job_id: int) -> Iterator[ImportJob]:
    """The job, in its owner's language; a JobFailed or an unexpected error marks it failed
    (the error is logged; the user reads a sentence, never a traceback)."""
    job = ImportJob.objects.select_related("jurisdiction").get(pk=job_id)
    with translation.override(job.language):
        try:
            yield job
        except JobFailed as failure:
            finish(job, ImportJob.FAILED, str(failure))
        except Exception:
            logger.exception("import job %s failed", job_id)
            finish(
                job,
                ImportJob.FAILED,
                _(
                    "The import stopped because of an error on the server; nothing was saved. "
                    "Try again later, or tell the administrator the time of the upload."
                ),
            )


@task()
def import_report(job_id: int) -> None:
    with running(job_id) as job:
        step(job, ImportJob.READING, 10)
        try:
            with job.file.open("rb") as stream:
                document = read_report(stream.read(), name=job.name)
        except ReadError as error:
            raise JobFailed(uploads.read_problem(error)) from None
        limit = settings.LUOSHI_REPORT_MAX_CHARS
        if len(document.original) > limit:
            raise JobFailed(
                _(
                    "The report's text is longer than %(limit)s characters, far longer than a "
                    "work report. Upload the report alone, without annexes or other documents."
                )
                % {"limit": f"{limit:,}"}
            )
        name, year = job.jurisdiction.name, int(job.year or 0)
        known = Plan.objects.filter(jurisdiction__name=name, year=year)
        if plan := known.filter(source_sha256=sha256_of(document)).first():
            job.plan = plan
            message = _("This report was imported before; nothing was added.")
            finish(job, ImportJob.DONE, message, reverse("tracking:preview", args=[plan.pk]))
            return
        step(job, ImportJob.EXTRACTING, 30)
        extraction = extract_document(document, year=year, departments=city_departments(name))
        step(job, ImportJob.SAVING, 70)
        plan, created = import_document(document, name, year, job.owner, extraction=extraction)
        job.plan = plan
        message = "" if created else _("This report was imported before; nothing was added.")
        finish(job, ImportJob.DONE, message, reverse("tracking:preview", args=[plan.pk]))

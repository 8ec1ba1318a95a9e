"""The 项目台账 and 亩均 uploads as background jobs (see luoshi.tracking.jobs): a workbook of
100,000 rows is checked and stored by the worker, not inside a web request."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django_tasks import task

from luoshi.ledger import enterprises
from luoshi.ledger.cells import Problem
from luoshi.ledger.project_workbook import ImportResult, import_projects
from luoshi.tracking.jobs import finish, running, step
from luoshi.tracking.measure import today
from luoshi.tracking.models import ImportJob


def summary(result: ImportResult) -> str:
    return _("%(created)d projects added, %(updated)d updated, %(moved)d moved.") % {
        "created": result.created,
        "updated": result.updated,
        "moved": result.moved,
    }


def result_of(job: ImportJob) -> ImportResult:
    """The workbook's outcome as the import page shows it."""
    counts = {k: int(job.counts.get(k, 0)) for k in ("rows", "created", "updated", "moved")}
    return ImportResult(**counts, problems=[Problem(*p) for p in job.problems])


@task()
def import_project_ledger(job_id: int) -> None:
    with running(job_id) as job:
        step(job, ImportJob.READING, 10)
        with job.file.open("rb") as stream:
            result = import_projects(
                stream, job.jurisdiction, today=today(), actor=job.owner, partial=job.partial
            )
        job.problems = [[p.row, p.column, p.message] for p in result.problems]
        job.counts = {
            "rows": result.rows,
            "created": result.created,
            "updated": result.updated,
            "moved": result.moved,
        }
        if result.stored or not result.problems:
            url = reverse("ledger:list")
            finish(job, ImportJob.DONE, summary(result), url)
        else:
            finish(job, ImportJob.FAILED, _("Nothing was stored; correct the rows below."))


def enterprises_of(job: ImportJob) -> enterprises.ImportResult:
    """The 亩均 sheet's outcome as the import page shows it."""
    problems = [Problem(*p) for p in job.problems]
    counts = {k: int(job.counts.get(k, 0)) for k in ("rows", "stored")}
    return enterprises.ImportResult(**counts, problems=problems)


@task()
def import_muju_sheet(job_id: int) -> None:
    with running(job_id) as job:
        step(job, ImportJob.READING, 10)
        with job.file.open("rb") as stream:
            result = enterprises.import_enterprises(
                stream, job.jurisdiction, today=today(), partial=job.partial
            )
        job.problems = [[p.row, p.column, p.message] for p in result.problems]
        job.counts = {"rows": result.rows, "stored": result.stored}
        if result.problems and not result.stored:
            finish(job, ImportJob.FAILED, _("Nothing was stored; correct the rows below."))
            return
        message = _("%(n)d enterprise years stored.") % {"n": result.stored}
        finish(job, ImportJob.DONE, message, reverse("ledger:ranking"))

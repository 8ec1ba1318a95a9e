"""A department's 台账 (progress workbook) upload as a background job (see luoshi.tracking.jobs):
the office's sheet of every department is checked row by row against its tasks by the worker,
not inside a web request."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django_tasks import task

from luoshi.exchange import progress_rows
from luoshi.exchange.progress_rows import RowError
from luoshi.tracking.jobs import finish, running, step
from luoshi.tracking.models import ImportJob


def errors_of(job: ImportJob) -> list[RowError]:
    """The rows the sheet was refused for, as the upload page lists them."""
    return [RowError(*problem) for problem in job.problems]


@task()
def import_progress_workbook(job_id: int) -> None:
    with running(job_id) as job:
        step(job, ImportJob.READING, 10)
        with job.file.open("rb") as stream:
            data = stream.read()
        assert job.plan is not None  # set by the upload view
        result = progress_rows.import_workbook(
            data, job.plan, job.period, job.department, job.owner
        )
        if result.errors:
            job.problems = [[e.row, e.column, e.message] for e in result.errors]
            message = _("Nothing was stored; correct the rows below and upload again.")
            finish(job, ImportJob.FAILED, message)
            return
        job.counts = {"created": len(result.created), "unchanged": result.unchanged}
        message = _("%(created)d progress reports submitted for review; %(unchanged)d unchanged.")
        finish(job, ImportJob.DONE, message % job.counts, job.upload_url())

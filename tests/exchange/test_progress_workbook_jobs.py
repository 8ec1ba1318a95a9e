"""The 台账 upload as a background job (issue 18, item 8): queued for the worker, the office's
sheet of every department too; the job page lists refused rows; with tasks run at once the page
behaves as before, and an error on the server is a sentence on the form, not a 500."""

import io

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse

from luoshi.exchange import progress_rows
from luoshi.tracking.models import ImportJob, ProgressReport
from tests.exchange.test_progress_workbook_round_trip import (
    PERIOD,
    download,
    fill,
    logged_in,
    row_of,
    upload,
    upload_all,
)

DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.LUOSHI_AS_OF = "2022-07-10"
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def queued(settings):
    settings.TASKS = DATABASE


def run_worker():
    call_command("db_worker", batch=True, verbosity=0)


def test_a_department_sheet_is_stored_by_the_worker_and_the_page_says_so(
    bob, ndrc, bobs_task, queued
):
    client = logged_in(bob)
    book = fill(download(client, ndrc), "T001", 120)
    response = upload(client, ndrc, book)
    job = ImportJob.objects.get()
    assert response["Location"] == reverse("tracking:job", args=[job.pk])
    assert (job.kind, job.department, job.period, job.owner) == (
        ImportJob.PROGRESS,
        ndrc,
        PERIOD,
        bob,
    )
    assert not ProgressReport.objects.exists()
    page = client.get(response["Location"]).content.decode()
    assert "上传填好的台账" in page and 'http-equiv="refresh"' in page

    run_worker()

    [report] = ProgressReport.objects.all()
    assert (report.value, report.period, report.submitted_by) == (120, PERIOD, bob)
    text = client.get(response["Location"]).content.decode()
    assert "已报送 1 条进展" in text and 'http-equiv="refresh"' not in text
    assert reverse("exchange:progress_workbook", args=[ndrc.pk]) in text


def test_a_sheet_with_a_bad_row_fails_and_the_job_page_names_row_and_column(
    bob, ndrc, bobs_task, queued
):
    client = logged_in(bob)
    book = fill(download(client, ndrc), "T001", "约一半")
    url = upload(client, ndrc, book)["Location"]
    run_worker()
    job = ImportJob.objects.get()
    assert job.state == ImportJob.FAILED and not ProgressReport.objects.exists()
    row = row_of(book["台账"], "T001")
    text = client.get(url).content.decode()
    assert f"第{row}行 “累计完成”" in text and "不是数字" in text
    assert "请改正下列各行后重新上传" in text


def test_the_offices_sheet_of_every_department_runs_as_a_job(
    alice, ndrc, commerce, bobs_task, charlies_task, queued
):
    client = logged_in(alice)
    everything = client.get("/exchange/progress-workbook/all.xlsx", {"period": PERIOD})
    book = openpyxl.load_workbook(io.BytesIO(everything.content))
    fill(book, "T001", 120)
    fill(book, "T002", 40, progress="开展招商活动")
    url = upload_all(client, book)["Location"]
    job = ImportJob.objects.get()
    assert url == reverse("tracking:job", args=[job.pk]) and job.department is None
    run_worker()
    assert {r.task.code for r in ProgressReport.objects.select_related("task")} == {
        "T001",
        "T002",
    }
    assert reverse("exchange:progress_workbook_all_page") in client.get(url).content.decode()


def test_a_liaison_cannot_follow_another_departments_upload(bob, charlie, ndrc, bobs_task, queued):
    client = logged_in(bob)
    url = upload(client, ndrc, fill(download(client, ndrc), "T001", 120))["Location"]
    assert logged_in(charlie).get(url).status_code == 404


def test_with_immediate_tasks_an_error_on_the_server_is_a_sentence_on_the_form(
    bob, ndrc, bobs_task, monkeypatch
):
    def broken(*args, **kwargs):
        raise RuntimeError("the sheet reader broke")

    client = logged_in(bob)
    book = fill(download(client, ndrc), "T001", 120)
    monkeypatch.setattr(progress_rows, "import_workbook", broken)
    response = upload(client, ndrc, book)
    assert response.status_code == 400
    text = response.content.decode()
    assert "服务器出错" in text and "the sheet reader broke" not in text
    assert not ProgressReport.objects.exists()
    assert ImportJob.objects.get().state == ImportJob.FAILED

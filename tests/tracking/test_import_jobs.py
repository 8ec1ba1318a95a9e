"""Imports as background jobs (issue 18, item 8): queued in the database for the worker, their
progress on a page that reloads itself, seen by the owner and the office of the jurisdiction."""

import io
from datetime import timedelta

import pytest
from click.testing import CliRunner
from django.core import management
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from luoshi.cli.web import worker_command
from luoshi.tracking import jobs
from luoshi.tracking.models import ImportJob, Jurisdiction, Membership, Plan
from tests.sample import PASSWORD, make_user

REPORT = "二是聚焦项目。谋划包装项目200个以上。新增城镇就业1万人。\n".encode()
BINARY = bytes(range(256)) * 8  # not text in any encoding
DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def queued(settings):
    """Tasks go to the database queue, as in production with `luoshi worker`."""
    settings.TASKS = DATABASE


def upload(client, content=REPORT, name="report.txt"):
    return client.post(
        reverse("tracking:import"),
        {"file": SimpleUploadedFile(name, content), "jurisdiction": "辽源市", "year": "2023"},
    )


def stored_uploads(media):
    return [p for p in media.rglob("*") if p.is_file()] if media.exists() else []


def test_with_immediate_tasks_the_office_lands_on_the_draft_and_the_upload_is_gone(
    client, alice, media
):
    client.login(username="alice", password=PASSWORD)
    response = upload(client)
    job = ImportJob.objects.get()
    plan = Plan.objects.get(year=2023)
    assert response["Location"] == reverse("tracking:preview", args=[plan.pk])
    assert (job.state, job.progress, job.plan, job.owner) == (ImportJob.DONE, 100, plan, alice)
    assert job.result_url == response["Location"] and job.name == "report.txt"
    assert stored_uploads(media) == []  # the text now lives in the plan


def test_a_queued_import_waits_for_the_worker_and_its_page_follows_it(client, alice, queued, media):
    client.login(username="alice", password=PASSWORD)
    response = upload(client)
    job = ImportJob.objects.get()
    assert response["Location"] == reverse("tracking:job", args=[job.pk])
    assert job.state == ImportJob.QUEUED and not Plan.objects.filter(year=2023).exists()
    assert len(stored_uploads(media)) == 1  # under LUOSHI_MEDIA_ROOT until the job reads it
    page = client.get(response["Location"])
    text = page.content.decode()
    assert '<meta http-equiv="refresh" content="2">' in text
    assert "等待后台" in text and 'value="0"' in text
    assert "no-store" in page["Cache-Control"]

    call_command("db_worker", batch=True, verbosity=0)

    job.refresh_from_db()
    plan = Plan.objects.get(year=2023)
    assert (job.state, job.plan) == (ImportJob.DONE, plan)
    text = client.get(response["Location"]).content.decode()
    assert 'http-equiv="refresh"' not in text
    assert reverse("tracking:preview", args=[plan.pk]) in text and "核对计划草稿" in text
    assert stored_uploads(media) == []


def test_the_page_shows_each_step_as_the_job_reaches_it(client, alice, queued):
    client.login(username="alice", password=PASSWORD)
    job = ImportJob.objects.get(pk=upload(client)["Location"].rstrip("/").rsplit("/", 1)[1])
    url = reverse("tracking:job", args=[job.pk])
    seen = []
    for state, progress in [(ImportJob.READING, 10), (ImportJob.EXTRACTING, 30)]:
        jobs.step(job, state, progress)
        seen.append(client.get(url).content.decode())  # not a page kept from before
    assert "正在读取文件" in seen[0] and 'value="10"' in seen[0]
    assert "正在识别任务和指标" in seen[1] and 'value="30"' in seen[1]


def test_an_unreadable_report_fails_with_the_apps_chinese_message(client, alice, queued):
    client.login(username="alice", password=PASSWORD)
    url = upload(client, content=BINARY)["Location"]
    call_command("db_worker", batch=True, verbosity=0)
    job = ImportJob.objects.get()
    assert job.state == ImportJob.FAILED and "该文件不是文本" in job.message
    text = client.get(url).content.decode()
    assert "该文件不是文本" in text and 'http-equiv="refresh"' not in text
    assert not Plan.objects.filter(year=2023).exists()


def test_with_immediate_tasks_a_failed_read_is_a_form_error_as_before(client, alice):
    client.login(username="alice", password=PASSWORD)
    response = upload(client, content=BINARY)
    assert response.status_code == 400 and "该文件不是文本" in response.content.decode()
    assert ImportJob.objects.get().state == ImportJob.FAILED


def test_an_unexpected_error_fails_the_job_with_a_sentence_and_stores_nothing(
    client, alice, monkeypatch
):
    def broken(*args, **kwargs):
        raise RuntimeError("the extractor broke")

    monkeypatch.setattr(jobs, "extract_document", broken)
    client.login(username="alice", password=PASSWORD)
    response = upload(client)
    assert response.status_code == 400
    text = response.content.decode()
    assert "服务器出错" in text and "the extractor broke" not in text
    assert not Plan.objects.filter(year=2023).exists()


def test_importing_the_same_report_again_as_a_job_adds_nothing(client, alice, queued):
    client.login(username="alice", password=PASSWORD)
    upload(client)
    upload(client)
    call_command("db_worker", batch=True, verbosity=0)
    assert Plan.objects.filter(year=2023).count() == 1
    first, second = ImportJob.objects.order_by("pk")
    assert first.plan == second.plan == Plan.objects.get(year=2023)
    assert "此前已导入" in second.message


def test_only_the_owner_and_the_office_of_the_jurisdiction_see_a_job(
    client, alice, bob, dana, city, queued
):
    colleague = make_user("carol", city, Membership.OFFICE)
    elsewhere = Jurisdiction.objects.create(name="通化市")
    stranger = make_user("zed", elsewhere, Membership.OFFICE)
    client.login(username="alice", password=PASSWORD)
    url = upload(client)["Location"]
    assert client.get(url).status_code == 200
    for user, status in [(colleague, 200), (stranger, 404), (bob, 404), (dana, 404)]:
        client.force_login(user)
        assert client.get(url).status_code == status, user
    client.logout()
    assert "/login/" in client.get(url)["Location"]


def test_a_text_longer_than_any_report_is_refused_before_the_slow_work(client, alice, settings):
    """What is accepted finishes: 350,000 characters save in about 1.5 minutes; the probe's
    5 MB text (35,000 tasks) took 7 minutes and more."""
    settings.LUOSHI_REPORT_MAX_CHARS = 1000
    client.login(username="alice", password=PASSWORD)
    response = upload(client, content=REPORT * 40)
    assert response.status_code == 400
    assert "报告正文超过 1,000 个字符" in response.content.decode()
    assert not Plan.objects.filter(year=2023).exists()


def started_long_ago(client, minutes, state=ImportJob.EXTRACTING):
    """A job its worker began and then stopped reporting on `minutes` ago (the worker died)."""
    job = ImportJob.objects.get(pk=upload(client)["Location"].rstrip("/").rsplit("/", 1)[1])
    jobs.step(job, state, 30)
    ImportJob.objects.filter(pk=job.pk).update(
        updated_at=timezone.now() - timedelta(minutes=minutes)
    )
    return job


def test_a_job_whose_worker_died_is_failed_when_its_page_is_viewed(
    client, alice, queued, settings, media
):
    settings.LUOSHI_JOB_STALE_MINUTES = 10
    client.login(username="alice", password=PASSWORD)
    dead = started_long_ago(client, minutes=11)
    alive = started_long_ago(client, minutes=9)
    waiting = started_long_ago(client, minutes=60, state=ImportJob.QUEUED)
    text = client.get(reverse("tracking:job", args=[dead.pk])).content.decode()
    dead.refresh_from_db()
    assert dead.state == ImportJob.FAILED and "10 分钟没有进展" in dead.message
    assert "请重新上传" in text and 'http-equiv="refresh"' not in text
    assert reverse("tracking:import") in text
    alive.refresh_from_db()
    waiting.refresh_from_db()
    # Still working, or waiting for a worker to start: neither is dead.
    assert (alive.state, waiting.state) == (ImportJob.EXTRACTING, ImportJob.QUEUED)
    assert len(stored_uploads(media)) == 2  # the dead job's upload is deleted


def test_luoshi_worker_first_fails_dead_jobs_and_prunes_old_ones(
    client, alice, queued, settings, monkeypatch
):
    settings.LUOSHI_JOB_KEEP_DAYS = 30
    client.login(username="alice", password=PASSWORD)
    dead = started_long_ago(client, minutes=settings.LUOSHI_JOB_STALE_MINUTES + 1)
    old, recent = (started_long_ago(client, minutes=1, state=ImportJob.DONE) for _ in range(2))
    ImportJob.objects.filter(pk=old.pk).update(updated_at=timezone.now() - timedelta(days=31))
    ran = []
    real = management.call_command

    def record(name, *args, **kwargs):
        ran.append(name)
        if name != "db_worker":  # the worker itself would wait for tasks forever
            real(name, *args, **kwargs)

    monkeypatch.setattr(management, "call_command", record)
    result = CliRunner().invoke(worker_command, [])
    assert result.exit_code == 0, result.output
    assert ran == ["tidy_jobs", "prune_db_task_results", "db_worker"]
    dead.refresh_from_db()
    assert dead.state == ImportJob.FAILED and "请重新上传" in dead.message
    assert set(ImportJob.objects.values_list("pk", flat=True)) == {dead.pk, recent.pk}


def test_tidy_jobs_reports_what_it_did(client, alice, queued):
    client.login(username="alice", password=PASSWORD)
    started_long_ago(client, minutes=24 * 60)
    out = io.StringIO()
    call_command("tidy_jobs", stdout=out)
    assert "1 stale" in out.getvalue() and "0 finished" in out.getvalue()
    assert ImportJob.objects.get().state == ImportJob.FAILED


def test_import_jobs_are_read_only_in_the_admin(client, admin_user, alice, queued):
    client.login(username="alice", password=PASSWORD)
    job = ImportJob.objects.get(pk=upload(client)["Location"].rstrip("/").rsplit("/", 1)[1])
    client.force_login(admin_user)
    listing = client.get(reverse("admin:tracking_importjob_changelist"))
    assert listing.status_code == 200 and "report.txt" in listing.content.decode()
    page = client.get(reverse("admin:tracking_importjob_change", args=[job.pk]))
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    assert client.get(reverse("admin:tracking_importjob_add")).status_code == 403
    deleting = client.post(
        reverse("admin:tracking_importjob_delete", args=[job.pk]), {"post": "yes"}
    )
    assert deleting.status_code == 403 and ImportJob.objects.filter(pk=job.pk).exists()


def test_tidy_jobs_prunes_the_queues_old_task_results(settings, db, queued):
    from django_tasks_db.models import DBTaskResult

    from luoshi.tracking.jobs import import_report

    settings.LUOSHI_JOB_KEEP_DAYS = 30
    old, recent = import_report.enqueue(0), import_report.enqueue(0)
    finished = {"status": "SUCCESSFUL", "finished_at": timezone.now() - timedelta(days=31)}
    DBTaskResult.objects.filter(pk=old.id).update(**finished)
    DBTaskResult.objects.filter(pk=recent.id).update(
        status="SUCCESSFUL", finished_at=timezone.now()
    )
    call_command("tidy_jobs", stdout=io.StringIO())
    assert {str(pk) for pk in DBTaskResult.objects.values_list("pk", flat=True)} == {recent.id}

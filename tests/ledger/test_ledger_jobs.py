"""The 项目台账 upload as a background job (issue 18, item 8): the worker checks and stores the
workbook, the job's page shows the outcome and every problem in Chinese."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import Workbook

from luoshi.ledger.models import Project
from luoshi.tracking.models import ImportJob
from tests.sample import PASSWORD

HEADER = ["项目编号", "项目名称", "总投资（万元）", "当前阶段", "县（区）"]


@pytest.fixture(autouse=True)
def queued(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def workbook(*rows):
    book = Workbook()
    for row in [HEADER, *rows]:
        book.active.append(row)
    data = io.BytesIO()
    book.save(data)
    data.seek(0)
    data.name = "台账.xlsx"
    return data


def test_a_large_sheet_is_stored_by_the_worker_and_the_page_links_to_the_ledger(
    client, alice, city
):
    client.login(username="alice", password=PASSWORD)
    rows = [[f"N{n}", f"项目{n}", 100 + n, "谋划", "东丰县"] for n in range(300)]
    response = client.post(reverse("ledger:import"), {"file": workbook(*rows)})
    job = ImportJob.objects.get()
    assert response["Location"] == reverse("tracking:job", args=[job.pk])
    assert (job.kind, job.jurisdiction) == (ImportJob.PROJECTS, city)
    assert not Project.objects.exists()

    call_command("db_worker", batch=True, verbosity=0)

    assert Project.objects.filter(jurisdiction=city).count() == 300
    text = client.get(response["Location"]).content.decode()
    assert "300" in text and reverse("ledger:list") in text and 'http-equiv="refresh"' not in text


def test_a_sheet_with_bad_rows_fails_and_the_page_lists_each_problem(client, alice, city):
    client.login(username="alice", password=PASSWORD)
    bad = workbook(
        ["X1", "好项目", 100, "谋划", "东丰县"], ["X2", "坏项目", "很多", "谋划", "北京市"]
    )
    url = client.post(reverse("ledger:import"), {"file": bad})["Location"]
    call_command("db_worker", batch=True, verbosity=0)
    job = ImportJob.objects.get()
    assert job.state == ImportJob.FAILED and not Project.objects.exists()
    text = client.get(url).content.decode()
    assert "第3行 “总投资（万元）”" in text and "“北京市”不是辽源市的县（区）" in text
    assert "未导入任何数据" in text

"""The 项目台账 and 亩均 uploads as background jobs (issue 18, item 8): the worker checks and
stores the workbook, the job's page shows the outcome and every problem in Chinese."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import Workbook

from luoshi.ledger.enterprises import COLUMNS
from luoshi.ledger.models import EnterpriseYear, Project
from luoshi.tracking.models import ImportJob
from tests.ledger.ledger_support import xlsx
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


MUJU = ("91220400MA0Y000001", "辽源袜业甲公司", "龙山区", "纺织", 2021, 10, 150, 1000, 400, 30, 20)


def muju_sheet(*rows):
    data = xlsx(COLUMNS, *rows)
    data.name = "亩均.xlsx"
    return data


def test_a_muju_sheet_is_stored_by_the_worker_and_the_page_links_to_the_ranking(
    client, alice, city
):
    client.login(username="alice", password=PASSWORD)
    response = client.post(reverse("ledger:import_muju"), {"file": muju_sheet(MUJU)})
    job = ImportJob.objects.get()
    assert response["Location"] == reverse("tracking:job", args=[job.pk])
    assert (job.kind, job.jurisdiction, job.state) == (ImportJob.MUJU, city, ImportJob.QUEUED)
    assert not EnterpriseYear.objects.exists()
    page = client.get(response["Location"]).content.decode()
    assert "导入亩均数据表" in page and 'http-equiv="refresh"' in page

    call_command("db_worker", batch=True, verbosity=0)

    assert EnterpriseYear.objects.filter(enterprise__jurisdiction=city).count() == 1
    text = client.get(response["Location"]).content.decode()
    assert reverse("ledger:ranking") in text and "查看亩均排名" in text
    assert 'http-equiv="refresh"' not in text


def test_a_muju_sheet_with_bad_rows_fails_and_the_page_lists_them(client, alice, city):
    client.login(username="alice", password=PASSWORD)
    bad = ("12345", "乙公司", "龙山区", "", 2021, 10, 1, 1, 1, 1, 1)
    url = client.post(reverse("ledger:import_muju"), {"file": muju_sheet(MUJU, bad)})["Location"]
    call_command("db_worker", batch=True, verbosity=0)
    job = ImportJob.objects.get()
    assert job.state == ImportJob.FAILED and not EnterpriseYear.objects.exists()
    text = client.get(url).content.decode()
    assert "第3行 “统一社会信用代码”" in text and "不是18位统一社会信用代码" in text
    assert reverse("ledger:import_muju") in text  # upload again


def test_with_immediate_tasks_the_muju_upload_behaves_as_before(client, alice, city, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    client.login(username="alice", password=PASSWORD)
    response = client.post(reverse("ledger:import_muju"), {"file": muju_sheet(MUJU)})
    assert response["Location"] == reverse("ledger:ranking")
    assert EnterpriseYear.objects.count() == 1
    bad = ("12345", "乙公司", "龙山区", "", 2021, 10, 1, 1, 1, 1, 1)
    refused = client.post(reverse("ledger:import_muju"), {"file": muju_sheet(bad)})
    assert refused.status_code == 400 and "不是18位统一社会信用代码" in refused.content.decode()
    assert [j.state for j in ImportJob.objects.order_by("pk")] == [ImportJob.DONE, ImportJob.FAILED]

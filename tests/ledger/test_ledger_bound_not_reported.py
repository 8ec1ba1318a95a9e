"""Targets measured from the ledger are not reported by hand: the report form leaves them out,
and the API and the 台账 import refuse them with a sentence that says what to do."""

import io
from datetime import date

import openpyxl
import pytest
from django.test import Client

from luoshi.documents import progress_workbook
from luoshi.ledger.models import Binding
from luoshi.tracking.models import ProgressReport, Target, Task
from tests.sample import PASSWORD

REFUSED = "该指标由项目台账实时计算"


def make_target(task, order, text, value):
    return Target.objects.create(
        task=task, order=order, text=text, start=0, end=1, indicator=text, value=value, unit="个"
    )


@pytest.fixture
def task(plan, ndrc):
    task = Task.objects.create(
        plan=plan, code="T1", order=1, text=plan.source_text, start=0, end=15, kind="project",
        lead=ndrc, original_lead=ndrc, deadline=date(2022, 12, 31),
    )  # fmt: skip
    make_target(task, 0, "开复工500万元以上项目354个", 354)
    make_target(task, 1, "谋划包装项目200个", 200)
    return task


@pytest.fixture
def bound(task):
    target = task.targets.get(order=0)
    Binding.objects.create(target=target, window=Binding.ACTIVE)
    return target


@pytest.fixture
def manual(task):
    return task.targets.get(order=1)


def logged_in(user):
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def test_the_report_form_offers_only_the_targets_reported_by_hand(bob, task, bound, manual):
    page = logged_in(bob).get(f"/tasks/{task.pk}/").content.decode()
    form = page[
        page.index('action="/tasks/') : page.index("</form>", page.index('action="/tasks/'))
    ]
    # One value field per target reported by hand (the form covers every target of the task).
    assert f'name="value-{manual.pk}"' in form
    assert f'name="value-{bound.pk}"' not in form


def test_a_task_whose_targets_are_all_bound_has_no_report_form(bob, task, bound, manual):
    manual.delete()
    page = logged_in(bob).get(f"/tasks/{task.pk}/").content.decode()
    assert f'action="/tasks/{task.pk}/report/"' not in page
    assert "无需手工报送进展" in page


def test_a_crafted_post_on_a_bound_target_is_refused(bob, task, bound, manual):
    data = {"target": str(bound.pk), "period": "2022-06", "value": "3", "narrative": "开工3个"}
    response = logged_in(bob).post(f"/tasks/{task.pk}/report/", data)
    assert response.status_code == 400
    assert REFUSED in response.content.decode()
    assert not ProgressReport.objects.exists()


def test_a_post_without_a_target_on_an_all_bound_task_is_refused_not_an_error(
    bob, task, bound, manual
):
    manual.delete()
    data = {"period": "2022-06", "value": "3", "narrative": "开工3个"}
    response = logged_in(bob).post(f"/tasks/{task.pk}/report/", data)
    assert response.status_code == 400  # a form error, not a server error
    assert "无需手工报送进展" in response.content.decode()
    assert not ProgressReport.objects.exists()


def test_the_api_refuses_a_bound_target_in_chinese(bob, task, bound, manual):
    data = {"task": task.pk, "target": bound.pk, "period": "2022-06", "value": 3, "narrative": "x"}
    response = logged_in(bob).post("/api/reports/", data, content_type="application/json")
    assert response.status_code == 400
    assert REFUSED in response.content.decode()
    assert not ProgressReport.objects.exists()
    data["target"] = manual.pk
    response = logged_in(bob).post("/api/reports/", data, content_type="application/json")
    assert response.status_code == 201


def test_the_progress_workbook_refuses_a_filled_row_of_a_bound_target(
    bob, ndrc, task, bound, manual
):
    client = logged_in(bob)
    sheet_file = client.get(
        f"/exchange/progress-workbook/{ndrc.pk}/sheet.xlsx", {"period": "2022-06"}
    )
    book = openpyxl.load_workbook(io.BytesIO(sheet_file.content))
    sheet = book[progress_workbook.SHEET]
    row = progress_workbook.FIRST_ROW  # the bound target comes first
    # Its row is locked whole and says why; a row filled in anyway (protection lifted) is refused.
    assert all(sheet.cell(row, column).protection.locked for column in progress_workbook.EDITABLE)
    assert "由项目台账自动计算" in sheet.cell(row, progress_workbook.TARGET).value
    sheet.cell(row, progress_workbook.VALUE).value = 3
    sheet.cell(row, progress_workbook.PROGRESS).value = "开工3个"
    data = io.BytesIO()
    book.save(data)
    data.seek(0)
    data.name = "台账.xlsx"
    response = client.post(
        f"/exchange/progress-workbook/{ndrc.pk}/", {"period": "2022-06", "file": data}
    )
    assert response.status_code == 400
    [error] = response.context["errors"]
    assert (error.row, error.column) == (row, "累计完成") and REFUSED in error.message
    assert not ProgressReport.objects.exists()

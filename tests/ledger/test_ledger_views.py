"""Ledger pages: who may read and change what, and a fixed number of queries per page."""

import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import Workbook

from luoshi.ledger.models import Binding, Project
from luoshi.tracking.models import Target, Task
from tests.ledger.ledger_support import make_project
from tests.sample import PASSWORD, view_queries


def login(client, user):
    client.login(username=user.username, password=PASSWORD)


@pytest.fixture
def projects(city, ndrc, commerce):
    return [
        make_project(city, "P1", department=ndrc, district="东丰县", wan=6000),
        make_project(
            city,
            "P2",
            department=commerce,
            district="龙山区",
            wan=200000,
            attracted=True,
            start="signed",
            since=date(2022, 3, 1),
        ),
    ]


@pytest.mark.parametrize("page", ["list", "funnel", "alerts", "targets", "ranking"])
def test_every_member_reads_the_ledger_pages(client, dana, projects, page):
    login(client, dana)
    response = client.get(reverse(f"ledger:{page}"))
    assert response.status_code == 200


def test_the_ledger_needs_a_login(client, projects):
    response = client.get(reverse("ledger:list"))
    assert response.status_code == 302


def test_the_list_filters_by_district_and_size(client, alice, projects):
    login(client, alice)
    response = client.get(reverse("ledger:list"), {"size": "major"})
    assert [p.code for p in response.context["page"]] == ["P2"]
    east = projects[0].district_id
    response = client.get(reverse("ledger:list"), {"district": east})
    assert [p.code for p in response.context["page"]] == ["P1"]


def test_a_liaison_moves_their_departments_project(client, bob, projects):
    login(client, bob)
    url = reverse("ledger:move", args=[projects[0].pk])
    response = client.post(url, {"to_stage": "signed", "on": "2022-05-01", "evidence": "合同"})
    assert response.status_code == 302
    assert Project.objects.get(code="P1").stage == "signed"


def test_it_rejects_another_departments_project(client, bob, projects):
    login(client, bob)
    url = reverse("ledger:move", args=[projects[1].pk])
    response = client.post(url, {"to_stage": "approval", "on": "2022-05-01"})
    assert response.status_code == 403
    page = client.get(reverse("ledger:project", args=[projects[1].pk]))
    assert page.context["move_form"] is None


def test_a_leader_changes_nothing(client, dana, projects):
    login(client, dana)
    url = reverse("ledger:move", args=[projects[0].pk])
    assert client.post(url, {"to_stage": "signed", "on": "2022-05-01"}).status_code == 403
    assert client.get(reverse("ledger:import")).status_code == 403


def test_a_skip_without_a_reason_is_shown_as_a_form_error(client, alice, projects):
    login(client, alice)
    url = reverse("ledger:move", args=[projects[0].pk])
    response = client.post(url, {"to_stage": "started", "on": "2022-05-01"})
    assert response.status_code == 400
    assert "请填写原因" in response.content.decode()
    assert Project.objects.get(code="P1").stage == "planning"


def test_the_office_imports_a_sheet_and_sees_every_problem(client, alice, city):
    login(client, alice)
    book = Workbook()
    book.active.append(["项目编号", "项目名称", "总投资（万元）", "当前阶段", "县（区）"])
    book.active.append(["X1", "好项目", 100, "谋划", "东丰县"])
    book.active.append(["X2", "坏项目", "很多", "谋划", "北京市"])
    data = io.BytesIO()
    book.save(data)
    data.seek(0)
    data.name = "台账.xlsx"
    response = client.post(reverse("ledger:import"), {"file": data})
    assert response.status_code == 400
    text = response.content.decode()
    assert "第3行 “总投资（万元）”" in text and "“北京市”不是辽源市的县（区）" in text
    assert Project.objects.count() == 0


def test_the_list_shows_what_a_sheet_import_just_stored(client, alice, city, projects):
    login(client, alice)
    assert "新导入的项目" not in client.get(reverse("ledger:list")).content.decode()
    book = Workbook()
    book.active.append(["项目编号", "项目名称", "总投资（万元）", "当前阶段", "县（区）"])
    book.active.append(["N1", "新导入的项目", 100, "谋划", "东丰县"])
    data = io.BytesIO()
    book.save(data)
    data.seek(0)
    data.name = "台账.xlsx"
    assert client.post(reverse("ledger:import"), {"file": data}).status_code == 302
    assert "新导入的项目" in client.get(reverse("ledger:list")).content.decode()


def test_the_export_is_a_workbook(client, dana, projects):
    login(client, dana)
    response = client.get(reverse("ledger:export"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_a_bound_targets_page_lists_the_projects_behind_the_figure(
    client, dana, plan, projects, ndrc
):
    task = Task.objects.create(plan=plan, code="T1", order=1, text="x", start=0, end=1, lead=ndrc)
    target = Target.objects.create(
        task=task, text="谋划包装5000万以上项目200个以上", start=0, end=1, value=200, unit="个"
    )
    Binding.objects.create(target=target, min_investment=5000 * 10000)
    login(client, dana)
    response = client.get(reverse("ledger:target", args=[target.pk]))
    [(_line, value, behind)] = response.context["lines"]
    assert value == 2.0 and {p.code for p in behind} == {"P1", "P2"}
    task_page = client.get(reverse("tracking:task", args=[task.pk])).content.decode()
    assert reverse("ledger:target", args=[target.pk]) in task_page


@pytest.mark.parametrize("page", ["list", "funnel", "alerts"])
def test_ledger_page_queries_do_not_grow_with_the_number_of_projects(
    client, alice, city, ndrc, page
):
    login(client, alice)
    url = reverse(f"ledger:{page}")
    for n in range(3):
        make_project(city, f"A{n}", department=ndrc, district="东丰县", since=date(2020, 1, 1))
    few = view_queries(client, url)
    for n in range(30):
        make_project(city, f"B{n}", department=ndrc, district="东辽县", since=date(2020, 1, 1))
    assert view_queries(client, url) == few


def test_the_cached_list_shows_a_move_at_once(client, alice, bob, projects):
    def stage_shown():
        query = {"district": projects[0].district_id}
        return client.get(reverse("ledger:list"), query).content.decode()

    login(client, alice)
    assert "<td>谋划</td>" in stage_shown()
    login(client, bob)
    url = reverse("ledger:move", args=[projects[0].pk])
    client.post(url, {"to_stage": "signed", "on": "2022-05-01", "evidence": "合同"})
    login(client, alice)
    assert "<td>签约</td>" in stage_shown()

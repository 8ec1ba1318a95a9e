"""Targets bound to the ledger: values against hand-counted fixtures, live in the status engine."""

from datetime import date
from decimal import Decimal

import pytest

from luoshi import status
from luoshi.ledger.figures import ACTIVE, IN_YEAR, MONEY, ProjectFacts, Query, figure
from luoshi.ledger.live import figures
from luoshi.ledger.models import Binding, Investment
from luoshi.tracking import services
from luoshi.tracking.measure import measure, tasks_for_status
from luoshi.tracking.models import Target, Task
from tests.ledger.ledger_support import TODAY, make_project

WAN = Decimal(10000)
DISTRICTS = ["东丰县", "东辽县", "龙山区", "西安区"]


def facts(id, district, wan, attracted=False, **reached):
    return ProjectFacts(id, district, Decimal(wan) * WAN, attracted, reached)


# Hand-counted: which of these match each query is written beside the query.
LEDGER = [
    facts(1, "东丰县", 6000, planning=date(2022, 2, 1)),
    facts(2, "东丰县", 4000, planning=date(2022, 2, 1)),  # too small for 5000万
    facts(3, "东辽县", 120000, True, planning=date(2021, 5, 1), signed=date(2022, 3, 1)),
    facts(4, "龙山区", 150000, True, signed=date(2021, 11, 1)),  # signed last year
    facts(5, "", 200000, True, signed=date(2022, 5, 1)),  # the city's own
    facts(6, "西安区", 800, started=date(2021, 4, 1), completed=date(2022, 3, 1)),  # 开复工 2022
    facts(7, "西安区", 800, started=date(2020, 4, 1), completed=date(2021, 9, 1)),  # done before
    facts(8, "东丰县", 500, signed=date(2022, 1, 1), started=date(2022, 6, 1)),
    facts(9, "东丰县", 500, signed=date(2022, 1, 1), started=date(2022, 8, 1)),  # after TODAY
    facts(10, "东辽县", 70000, planning=date(2022, 9, 1)),  # after TODAY
]


def test_planning_packaged_projects_over_50_million_in_the_year():
    query = Query(stage="planning", window=IN_YEAR, min_investment=5000 * WAN)
    result = figure(query, LEDGER, 2022, TODAY, DISTRICTS)
    # 1 (planned 2022); 3 (reached 签约 in 2022, which passes 谋划 — but it was planned in 2021,
    # and "reached planning" is the earliest date at or after planning: 2021-05-01, so no);
    # 4 (2021); 5 (2022-05-01, no planning date: its earliest is 签约); 10 after today.
    assert result.values == {"": 2.0}
    assert sorted(result.members[""]) == [1, 5]


def test_new_attracted_projects_over_1_billion_per_district():
    query = Query(
        stage="signed",
        window=IN_YEAR,
        min_investment=100000 * WAN,
        attracted_only=True,
        per_district=True,
    )
    result = figure(query, LEDGER, 2022, TODAY, DISTRICTS)
    # 3 in 东辽县 (signed 2022); 4 signed in 2021; 5 belongs to no county or district.
    assert result.values == {"东丰县": 0.0, "东辽县": 1.0, "龙山区": 0.0, "西安区": 0.0}


def test_projects_under_construction_in_the_year_over_5_million():
    query = Query(window=ACTIVE, min_investment=500 * WAN)
    result = figure(query, LEDGER, 2022, TODAY, DISTRICTS)
    # 6 (completed in 2022, so under construction this year), 8; not 7 (done 2021), 9 (August).
    assert sorted(result.members[""]) == [6, 8]


def test_money_of_a_stage_is_summed_for_the_plan_year():
    ledger = [
        ProjectFacts(
            1,
            "东丰县",
            Decimal(1),
            money={(2022, "arrived"): Decimal(30), (2021, "arrived"): Decimal(5)},
            reached={"signed": date(2022, 1, 2)},
        ),
        ProjectFacts(
            2,
            "东丰县",
            Decimal(1),
            money={(2022, "arrived"): Decimal(12)},
            reached={"signed": date(2022, 1, 2)},
        ),
        ProjectFacts(
            3,
            "东丰县",
            Decimal(1),
            money={(2022, "arrived"): Decimal(99)},
            reached={"signed": date(2021, 1, 2)},
        ),
    ]
    query = Query(measure=MONEY, stage="signed", window=IN_YEAR, money_kind="arrived")
    assert figure(query, ledger, 2022, TODAY, DISTRICTS).values == {"": 42.0}


@pytest.fixture
def bound(plan, city, ndrc):
    task = Task.objects.create(
        plan=plan,
        code="T1",
        order=1,
        text=plan.source_text,
        start=0,
        end=15,
        kind="project",
        lead=ndrc,
        deadline=date(2022, 12, 31),
    )
    target = Target.objects.create(
        task=task,
        text="开复工500万元以上项目354个",
        start=0,
        end=15,
        indicator="开复工500万元以上项目",
        value=4,
        unit="个",
        comparator="=",
    )
    Binding.objects.create(target=target, window=Binding.ACTIVE, min_investment=500 * WAN)
    return task


def test_a_bound_target_takes_its_value_from_the_ledger_in_the_status_engine(bound, city):
    make_project(city, "A", wan=800, start="started", since=date(2022, 2, 1))
    make_project(city, "B", wan=600, start="started", since=date(2022, 3, 1))
    make_project(city, "C", wan=100, start="started", since=date(2022, 3, 1))  # too small
    [measured] = measure(tasks_for_status(Task.objects.filter(pk=bound.pk)), TODAY)
    # 2 of 4 by June, when half the year is expected: on track.
    assert measured.result.verified == pytest.approx(0.5)
    assert measured.status == status.ON_TRACK
    assert measured.result.reason.endswith("已完成50%（项目台账实时数）")


def test_the_public_sees_the_ledgers_live_value_as_verified(client, bound, city):
    make_project(city, "A", wan=800, start="started", since=date(2022, 2, 1))
    make_project(city, "B", wan=600, start="started", since=date(2022, 3, 1))
    tasks = tasks_for_status(Task.objects.filter(pk=bound.pk))
    [measured] = measure(tasks, TODAY, approved_only=True)
    assert measured.result.verified == pytest.approx(0.5)
    assert measured.status == status.ON_TRACK
    body = client.get(f"/api/tasks/{bound.pk}/").json()
    assert body["status"]["code"] == status.ON_TRACK
    page = client.get(f"/public/tasks/{bound.pk}/").content.decode()
    assert '<span class="status on-track">' in page and "50%" in page


def test_an_each_target_bound_per_district_has_one_line_per_district(plan, city, ndrc):
    task = Task.objects.create(
        plan=plan,
        code="T2",
        order=2,
        text="x",
        start=0,
        end=1,
        kind="project",
        lead=ndrc,
        deadline=date(2022, 12, 31),
    )
    target = Target.objects.create(
        task=task,
        text="每个县(区)新招10亿元以上项目不少于1个",
        start=0,
        end=1,
        indicator="每个县(区)新招10亿元以上项目",
        value=1,
        unit="个",
        each=["县(区)"],
    )
    Binding.objects.create(
        target=target,
        stage="signed",
        window=Binding.IN_YEAR,
        attracted_only=True,
        min_investment=100000 * WAN,
        per_district=True,
    )
    make_project(
        city,
        "Z",
        district="东丰县",
        wan=120000,
        attracted=True,
        start="signed",
        since=date(2022, 4, 1),
    )
    [measured] = measure(tasks_for_status(Task.objects.filter(pk=task.pk)), TODAY)
    lines = {line.label.split("，")[-1]: line.status for line in measured.result.lines}
    assert lines == {
        "东丰县": status.COMPLETE,
        "东辽县": status.BEHIND,
        "龙山区": status.BEHIND,
        "西安区": status.BEHIND,
    }


def test_figures_read_the_ledger_in_a_fixed_number_of_queries(city, django_assert_num_queries):
    for n in range(5):
        project = make_project(city, f"M{n}", wan=100000, start="signed", since=date(2022, 2, 1))
        Investment.objects.create(project=project, year=2022, kind="arrived", amount=10 * WAN)
    binding = Binding(measure=MONEY, stage="signed", window=IN_YEAR, money_kind="arrived")
    with django_assert_num_queries(2):
        [result] = figures([binding], 2022, city.pk, TODAY)
    assert result.values == {"": 50.0 * 10000}


def test_a_ledger_change_reaches_the_plans_stored_statuses(bound, city):
    task = bound
    services.live_values_changed({city.pk})
    task.refresh_from_db()
    before = task.status_verified
    make_project(city, "A", wan=800, start="started", since=date(2022, 2, 1))
    make_project(city, "B", wan=600, start="started", since=date(2022, 3, 1))
    services.live_values_changed({city.pk})
    task.refresh_from_db()
    assert before != task.status_verified == pytest.approx(0.5)


def test_a_project_workbook_import_stores_the_new_status_of_bound_targets(bound, city):
    from luoshi.ledger.project_workbook import import_projects
    from tests.ledger.ledger_support import xlsx

    services.live_values_changed({city.pk})
    header = ["项目编号", "项目名称", "县（区）", "总投资（万元）", "当前阶段", "开工日期"]
    rows = [(f"P{n}", f"项目{n}", "市本级", 800, "开工", "2022-04-01") for n in (1, 2)]
    result = import_projects(xlsx(header, *rows), city, today=TODAY)
    assert not result.problems, result.problems
    bound.refresh_from_db()
    assert bound.status_verified == pytest.approx(0.5) and "项目台账实时数" in bound.status_reason


def test_deleting_a_binding_in_the_admin_measures_its_task_from_reports_again(client, bound, city):
    from django.contrib.auth.models import User
    from django.urls import reverse

    services.live_values_changed({city.pk})
    bound.refresh_from_db()
    assert "项目台账实时数" in bound.status_reason
    client.force_login(User.objects.create_superuser("root", "root@example.org", "x" * 12))
    binding = Binding.objects.get(target__task=bound)
    url = reverse("admin:ledger_binding_delete", args=[binding.pk])
    assert client.post(url, {"post": "yes"}).status_code == 302
    bound.refresh_from_db()
    assert "项目台账实时数" not in bound.status_reason

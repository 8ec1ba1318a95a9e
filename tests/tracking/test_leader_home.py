"""The leader's home: the portfolio (分管), its counts, the trend by month, the tasks needing
attention and what changed since the last visit."""

from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from luoshi import status
from luoshi.tracking import cycle, leader_home, services, statuses
from luoshi.tracking.models import LeaderVisit, Plan, StatusMonth, Task

AS_OF = date(2022, 7, 10)  # the `as_of` fixture's day

pytestmark = pytest.mark.django_db


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def make_task(plan, department, code, stored):
    task = Task.objects.create(
        plan=plan, code=code, order=int(code[1:]), text=f"任务{code}", start=0, end=4,
        lead=department, original_lead=department, deadline=date(2022, 12, 31),
    )  # fmt: skip
    Task.objects.filter(pk=task.pk).update(status=stored, status_on=AS_OF)
    return task


@pytest.fixture
def portfolio(plan, dana, ndrc, commerce, city):
    from luoshi.tracking.models import Department

    other = Department.objects.create(jurisdiction=city, code="jtj", name="市交通局")
    dana.membership.portfolio.add(ndrc, commerce)
    make_task(plan, ndrc, "T101", status.BEHIND)
    make_task(plan, ndrc, "T102", status.OVERDUE)
    make_task(plan, ndrc, "T103", status.ON_TRACK)
    make_task(plan, commerce, "T104", status.MISSING)
    make_task(plan, other, "T105", status.OVERDUE)  # not overseen by dana
    closed = make_task(plan, commerce, "T106", status.OVERDUE)
    Plan.objects.filter(pk=plan.pk).update(status_on=AS_OF)  # no refresh replaces them today
    Task.objects.filter(pk=closed.pk).update(closed=Task.COMPLETED)  # closed: left out
    return dana


def test_a_leader_lands_on_their_portfolio(as_of, dana):
    response = client_for(dana).get(reverse("tracking:home"))
    assert response["Location"] == reverse("tracking:leader")


def test_the_home_is_for_leaders_only(as_of, alice, bob, erin):
    for user in (alice, bob, erin):
        assert client_for(user).get(reverse("tracking:leader")).status_code == 403


def test_counts_per_department_come_from_the_stored_statuses(as_of, portfolio, ndrc, commerce):
    tasks = leader_home.portfolio_tasks(portfolio, [ndrc, commerce])
    counted = leader_home.by_department(tasks, [ndrc, commerce])
    rows = {row["department"].name: row for row in counted}
    assert {k: rows["市发改委"][k] for k in ("total", "behind", "overdue", "missing")} == {
        "total": 3, "behind": 1, "overdue": 1, "missing": 0,
    }  # fmt: skip
    assert (rows["市商务局"]["total"], rows["市商务局"]["missing"]) == (1, 1)
    page = client_for(portfolio).get(reverse("tracking:leader")).content.decode()
    assert "市发改委" in page and "市交通局" not in page
    attention = [row["task"].code for row in leader_home.attention(tasks)]
    assert attention == ["T102", "T104", "T101"]  # 逾期, 未报送, 滞后; 序时推进 left out


def test_the_home_takes_a_bounded_number_of_queries(
    as_of, portfolio, django_assert_max_num_queries
):
    client = client_for(portfolio)
    client.get(reverse("tracking:leader"))
    with django_assert_max_num_queries(16):  # 15 with the plan switcher, whatever the tasks
        client.get(reverse("tracking:leader"))


def test_the_trend_counts_each_months_statuses(as_of, portfolio, plan, ndrc, commerce):
    tasks = leader_home.portfolio_tasks(portfolio, [ndrc, commerce])
    statuses.record_months([(t.pk, status.ON_TRACK) for t in tasks], date(2022, 5, 31))
    statuses.record_months([(t.pk, t.status) for t in tasks], date(2022, 6, 30))
    statuses.record_months([(t.pk, status.BEHIND) for t in tasks], date(2022, 6, 15))  # earlier
    statuses.record_months([(t.pk, t.status) for t in tasks], date(2022, 6, 30))  # last wins
    trend = leader_home.trend(tasks)
    assert trend.months == ["2022-05", "2022-06"]
    by_month = {row["period"]: dict(zip(status.STATUSES, row["counts"], strict=True))
                for row in trend.table}  # fmt: skip
    assert by_month["2022-05"][status.ON_TRACK] == 4
    assert (by_month["2022-06"][status.OVERDUE], by_month["2022-06"][status.BEHIND]) == (1, 1)
    assert len(trend.lines) == 3 and trend.top == 1  # the most of 滞后, 逾期 or 未报送 in a month
    assert trend.lines[1]["points"] == "24.0,116.0 456.0,24.0"  # 逾期: none in May, one in June
    page = client_for(portfolio).get(reverse("tracking:leader")).content.decode()
    assert "<polyline" in page and "2022-05" in page


def test_a_refresh_keeps_the_months_status(as_of, bobs_task):
    statuses.refresh([bobs_task.pk], on=date(2022, 7, 10))
    row = StatusMonth.objects.get(task=bobs_task)
    bobs_task.refresh_from_db()
    assert (row.period, row.status) == ("2022-07", bobs_task.status)


def test_what_changed_since_the_last_visit(as_of, portfolio, alice, bob, ndrc, bobs_task):
    client = client_for(portfolio)
    page = client.get(reverse("tracking:leader")).content.decode()
    assert "这是您第一次查看" in page
    instruction = cycle.instruct(portfolio, ndrc, "加快推进", task=bobs_task)
    visit = LeaderVisit.objects.get(user=portfolio)
    LeaderVisit.objects.filter(pk=visit.pk).update(at=timezone.now() - timedelta(hours=5))

    # Since: a report approved, a status got worse, a 批示 answered.
    target = bobs_task.targets.get()
    data = {"target_obj": target, "period": "2022-06", "value": 150, "narrative": "进展顺利"}
    report = services.submit_report(bob, bobs_task, data)
    services.review_report(alice, report.pk, True)
    worse = Task.objects.get(code="T103")
    Task.objects.filter(pk=worse.pk).update(status=status.OVERDUE)
    cycle.answer(bob, instruction.pk, "已部署，月底前完成")

    page = client.get(reverse("tracking:leader")).content.decode()
    section = page.split("上次查看以来", 1)[1].split("</section>", 1)[0]
    assert "T103" in section and f"{status.MISSING} → <strong>{status.OVERDUE}" in section
    assert "T001" in section and "2022-06" in section  # the approved report
    assert "已部署，月底前完成" in section
    # A reload within the same visit still shows them; the next visit compares with this one.
    assert "状态变差的任务" in client.get(reverse("tracking:leader")).content.decode()
    seen = LeaderVisit.objects.get(user=portfolio)
    LeaderVisit.objects.filter(pk=seen.pk).update(at=timezone.now() - timedelta(hours=1))
    assert "状态变差的任务" not in client.get(reverse("tracking:leader")).content.decode()
    again = LeaderVisit.objects.get(user=portfolio)
    assert again.previous_statuses[str(worse.pk)] == status.OVERDUE


def test_the_demo_leader_oversees_several_departments_with_a_trend(settings):
    from django.core.management import call_command

    from luoshi.tracking.models import ChangeRequest, Membership

    settings.LUOSHI_AS_OF = "2022-07-10"
    call_command("demo", no_serve=True)
    leader = Membership.objects.get(user__username="lingdao")
    departments = list(leader.portfolio.all())
    assert len(departments) == 4
    tasks = leader_home.portfolio_tasks(leader.user, departments)
    trend = leader_home.trend(tasks)
    assert trend.months == [f"2022-{m:02d}" for m in range(1, 8)]
    assert all(sum(row["counts"]) == tasks.count() for row in trend.table)
    change = ChangeRequest.objects.get()
    assert change.state == ChangeRequest.PENDING and change.task.lead in departments
    page = client_for(leader.user).get(reverse("tracking:leader")).content.decode()
    assert "待您审批的申请" not in page  # LUOSHI_LEADER_APPROVAL is off here: the office decides
    settings.LUOSHI_LEADER_APPROVAL = True
    page = client_for(leader.user).get(reverse("tracking:leader")).content.decode()
    assert "待您审批的申请" in page and "<polyline" in page

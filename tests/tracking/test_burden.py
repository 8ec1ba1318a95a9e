"""Reporting burden (减轻基层报表) on constructed data: each figure of each row checked."""

from datetime import UTC, date, datetime

import pytest
from django.test import Client
from django.urls import reverse

from luoshi.ledger.models import Binding
from luoshi.notices.models import Reminder
from luoshi.tracking import burden
from luoshi.tracking.models import Plan, ProgressReport, Target

pytestmark = pytest.mark.django_db


def at(day, hour=9):
    return datetime(2022, day.month, day.day, hour, tzinfo=UTC)


@pytest.fixture
def constructed(plan, bob, charlie, alice, bobs_task, charlies_task):
    """bob's 发改委 leads a task of three targets: 200 projects (by hand), 50 亿元 for each of
    two counties (by hand, two items), 354 projects started (bound to the project ledger).
    charlie's 商务局 leads a task without targets. Published 15 April; today 10 July."""
    Plan.objects.filter(pk=plan.pk).update(published_at=at(date(2022, 4, 15)))
    plan.refresh_from_db()
    projects = bobs_task.targets.get()
    each = Target.objects.create(
        task=bobs_task, order=1, text="每县投资50亿元", start=0, end=1, value=50,
        each=["东丰县", "东辽县"],
    )  # fmt: skip
    bound = Target.objects.create(
        task=bobs_task, order=2, text="开复工项目354个", start=0, end=1, value=354
    )
    Binding.objects.create(target=bound, window=Binding.ACTIVE)

    def report(task, user, period, when, **values):
        return ProgressReport.objects.create(
            task=task, period=period, narrative="x", submitted_by=user, submitted_at=when,
            state="approved", **values,
        )  # fmt: skip

    # April: bob fills all three hand items; charlie reports 10%.
    report(bobs_task, bob, "2022-04", at(date(2022, 5, 3)), target=projects, value=40)
    report(
        bobs_task, bob, "2022-04", at(date(2022, 5, 3)), target=each, each_item="东丰县", value=5
    )
    report(
        bobs_task, bob, "2022-04", at(date(2022, 5, 3)), target=each, each_item="东辽县", value=4
    )
    report(charlies_task, charlie, "2022-04", at(date(2022, 5, 4)), percent=10)
    # May: projects changes, 东丰县 is copied unchanged, 东辽县 is not reported; a May report of
    # projects was withdrawn and does not count. charlie repeats 10% (copied).
    withdrawn = report(bobs_task, bob, "2022-05", at(date(2022, 6, 1)), target=projects, value=1)
    ProgressReport.objects.filter(pk=withdrawn.pk).update(state="withdrawn")
    report(bobs_task, bob, "2022-05", at(date(2022, 6, 2)), target=projects, value=70)
    report(
        bobs_task, bob, "2022-05", at(date(2022, 6, 2)), target=each, each_item="东丰县", value=5
    )
    report(charlies_task, charlie, "2022-05", at(date(2022, 6, 20)), percent=10)
    # June: 催办 twice to 商务局 (answered 12 h and 36 h later), once to 发改委 (never answered).
    urge = dict(kind=Reminder.URGED, period="2022-06", message="【催办】", sent_by=alice)
    Reminder.objects.create(
        task=charlies_task, department=charlies_task.lead, created_at=at(date(2022, 6, 19), 20),
        **urge,
    )  # fmt: skip  # answered by the May report of 20 June, 9:00: 13 h
    Reminder.objects.create(
        task=charlies_task, department=charlies_task.lead, created_at=at(date(2022, 6, 25), 9),
        **urge,
    )  # fmt: skip
    report(charlies_task, charlie, "2022-06", at(date(2022, 6, 26), 21), percent=30)  # 36 h
    Reminder.objects.create(
        task=bobs_task, department=bobs_task.lead, created_at=at(date(2022, 6, 28)), **urge
    )
    return bobs_task, charlies_task


def rows_by_key(on=date(2022, 7, 10)):
    plan = Plan.objects.get()
    return {(r.department.name, r.month): r for r in burden.table(plan, on)}


def figures(row):
    return (row.asked, row.by_hand, row.from_ledger, row.copied, row.missing, row.urged)


def test_each_figure_per_department_and_month(constructed):
    rows = rows_by_key()
    # Months from publication (April) to today's month (July), nothing before.
    assert {month for _, month in rows} == {"2022-04", "2022-05", "2022-06", "2022-07"}
    # 发改委: 4 items a month (projects, two counties, the ledger-bound target).
    assert figures(rows["市发改委", "2022-04"]) == (4, 3, 1, 0, 0, 0)
    assert figures(rows["市发改委", "2022-05"]) == (4, 1, 1, 1, 1, 0)
    assert figures(rows["市发改委", "2022-06"]) == (4, 0, 1, 0, 3, 1)
    assert rows["市发改委", "2022-06"].median_hours is None  # urged, not answered yet
    # 商务局: one item a month, the task itself.
    assert figures(rows["市商务局", "2022-04"]) == (1, 1, 0, 0, 0, 0)
    assert figures(rows["市商务局", "2022-05"]) == (1, 0, 0, 1, 0, 0)
    assert figures(rows["市商务局", "2022-06"]) == (1, 1, 0, 0, 0, 2)
    assert rows["市商务局", "2022-06"].median_hours == pytest.approx((13 + 36) / 2)
    assert figures(rows["市商务局", "2022-07"]) == (1, 0, 0, 0, 1, 0)


def test_a_closed_task_and_a_deadline_end_what_is_asked(constructed):
    bobs_task, charlies_task = constructed
    bobs_task.deadline = date(2022, 5, 31)
    bobs_task.save(update_fields=["deadline"])
    charlies_task.closed, charlies_task.closed_at = "completed", at(date(2022, 6, 10))
    charlies_task.save(update_fields=["closed", "closed_at"])
    rows = rows_by_key()
    assert ("市发改委", "2022-06") not in rows or rows["市发改委", "2022-06"].asked == 0
    assert rows["市商务局", "2022-06"].asked == 1 and ("市商务局", "2022-07") not in rows


def test_the_office_sees_the_table_and_others_do_not(constructed, alice, bob, dana, settings):
    settings.LUOSHI_AS_OF = "2022-07-10"
    client = Client()
    client.force_login(alice)
    url = reverse("tracking:burden")
    page = client.get(url).content.decode()  # the latest month
    assert "减轻基层报表" in page and "市商务局" in page and "<b>2022-07</b>" in page
    june = client.get(url, {"month": "2022-06"}).content.decode()
    assert "<b>2022-06</b>" in june and "1.0" in june  # 24.5 h ≈ 1.0 day
    assert "<td>2022-07</td>" not in june
    every = client.get(url, {"month": "all"}).content.decode()
    assert "<td>2022-07</td>" in every and "<td>2022-06</td>" in every
    odd = client.get(url, {"month": "2099-13"})  # not a month of the plan: the latest
    assert odd.status_code == 200 and "<b>2022-07</b>" in odd.content.decode()
    assert reverse("tracking:burden") in client.get(reverse("tracking:assessment")).content.decode()
    for other in (bob, dana):
        client.force_login(other)
        assert client.get(reverse("tracking:burden")).status_code == 403


def test_nothing_after_the_day_asked_is_counted(constructed):
    rows = rows_by_key(date(2022, 5, 20))
    assert {month for _, month in rows} == {"2022-04", "2022-05"}
    # On 20 May the May reports (sent in June) are not in yet: only the ledger's figure counts.
    assert figures(rows["市发改委", "2022-05"]) == (4, 0, 1, 0, 3, 0)
    assert figures(rows["市发改委", "2022-04"]) == (4, 3, 1, 0, 0, 0)

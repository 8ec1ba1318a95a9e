"""Binding a target to the ledger from its page: a preview of the live value before saving."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from luoshi.ledger.models import Binding
from luoshi.tracking.models import Target, Task
from tests.ledger.ledger_support import make_project
from tests.sample import PASSWORD


def login(client, user):
    client.login(username=user.username, password=PASSWORD)


@pytest.fixture
def target(plan, ndrc):
    task = Task.objects.create(plan=plan, code="T9", order=9, text="开复工项目", start=0, end=4,
                               lead=ndrc, original_lead=ndrc, deadline=date(2022, 12, 31),
                               original_deadline=date(2022, 12, 31))  # fmt: skip
    return Target.objects.create(task=task, text="开复工500万元以上项目3个", start=0, end=4,
                                 value=3, original_value=3, unit="个")  # fmt: skip


@pytest.fixture
def projects(city, ndrc):
    started = [("signed", date(2022, 1, 5)), ("approval", date(2022, 2, 1)),
               ("started", date(2022, 3, 1))]  # fmt: skip
    return [
        make_project(city, "P1", department=ndrc, wan=400, path=started),
        make_project(city, "P2", department=ndrc, wan=6000, path=started),
        make_project(city, "P3", department=ndrc, wan=200000, path=started[:1]),
        make_project(
            city,
            "P4",
            department=ndrc,
            wan=800,
            path=[("signed", date(2022, 4, 1))],
            since=date(2021, 6, 1),
        ),
    ]


def preview(client, target, **params):
    base = {"measure": "count", "stage": "planning", "window": "reached"}
    response = client.get(reverse("ledger:bind", args=[target.pk]), {**base, **params})
    return response


def test_the_preview_shows_the_value_and_stores_nothing(client, alice, target, projects):
    login(client, alice)
    response = preview(client, target, window="active", min_wan="500")
    assert response.status_code == 200
    assert response.context["lines"] == [("", 1.0, 1)]  # P2: started, ≥ 500万; P1 is smaller
    assert not Binding.objects.exists()


def test_size_classes_and_date_ranges_choose_the_projects(client, alice, target, projects):
    login(client, alice)
    assert preview(client, target, size="major").context["lines"] == [("", 1.0, 1)]
    signed_this_spring = preview(client, target, stage="signed", window="range",
                                 date_from="2022-01-01", date_to="2022-01-31")  # fmt: skip
    assert signed_this_spring.context["lines"][0][2] == 3
    money = preview(client, target, measure="investment", size="small")
    assert money.context["lines"] == [("", 12_000_000.0, 2)]  # 400 + 800 万元, below 5000


def test_saving_binds_the_target_and_its_task_is_measured_live(client, alice, target, projects):
    login(client, alice)
    data = {"measure": "count", "stage": "started", "window": "active", "min_wan": "500"}
    response = client.post(reverse("ledger:bind", args=[target.pk]), data)
    assert response.status_code == 302
    binding = Binding.objects.get(target=target)
    assert binding.min_investment == Decimal(5_000_000) and binding.max_investment is None
    page = client.get(reverse("ledger:bind", args=[target.pk]))
    assert page.context["form"]["min_wan"].value() == Decimal(500)
    assert page.context["lines"] == [("", 1.0, 1)]
    task = client.get(reverse("tracking:task", args=[target.task_id]))
    assert reverse("ledger:target", args=[target.pk]) in task.content.decode()


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"measure": "money"}, "money_kind"),
        ({"window": "range"}, "date_from"),
        ({"window": "range", "date_from": "2022-05-01", "date_to": "2022-01-01"}, "date_to"),
        ({"min_wan": "500", "max_wan": "100"}, "max_wan"),
        ({"min_wan": "-1"}, "min_wan"),
    ],
)
def test_bad_parameters_are_refused_with_a_reason(client, alice, target, params, field):
    login(client, alice)
    response = preview(client, target, **params)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    data = {"measure": "count", "stage": "planning", "window": "reached", **params}
    assert client.post(reverse("ledger:bind", args=[target.pk]), data).status_code == 400
    assert not Binding.objects.exists()


def test_only_the_office_binds_and_unbinds(client, alice, bob, dana, target, projects):
    Binding.objects.create(target=target)
    for user in (bob, dana):
        login(client, user)
        assert preview(client, target).status_code == 403
        assert client.post(reverse("ledger:unbind", args=[target.pk])).status_code == 403
    login(client, alice)
    response = client.post(reverse("ledger:unbind", args=[target.pk]))
    assert response.status_code == 302
    assert not Binding.objects.exists()


def test_another_citys_target_is_not_found(client, alice, target):
    from luoshi.tracking.models import Jurisdiction, Plan

    other = Jurisdiction.objects.create(name="通化市")
    plan = Plan.objects.create(
        jurisdiction=other, year=2022, title="x", source_name="x", source_text="x",
        source_sha256="2" * 64, state=Plan.PUBLISHED,
    )  # fmt: skip
    target.task.plan = plan
    target.task.save(update_fields=["plan"])
    login(client, alice)
    assert preview(client, target).status_code == 404

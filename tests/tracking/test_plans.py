"""Many plans in a tree of jurisdictions: who sees which, the roll-up of the counties, the plan
list, archiving, and imports for a jurisdiction below the office's own."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from luoshi.tracking import statuses
from luoshi.tracking.models import Jurisdiction, Membership, Plan, Task
from luoshi.tracking.rollup import rollup
from tests.sample import PASSWORD, make_user


@pytest.fixture
def county(city):
    return Jurisdiction.objects.create(name="东丰县", level="county", parent=city)


@pytest.fixture
def county_plan(county):
    plan = Plan.objects.create(
        jurisdiction=county, year=2022, title="东丰县政府工作报告", source_name="c.txt",
        source_text="新增就业2000人。完成造林1万亩。", source_sha256="c" * 64, state=Plan.PUBLISHED,
    )  # fmt: skip
    for number, (start, end) in enumerate([(0, 9), (9, 17)], 1):
        Task.objects.create(
            plan=plan, code=f"T{number:03d}", order=number, text=plan.source_text[start:end],
            start=start, end=end, deadline=date(2022, 3 if number == 1 else 12, 31),
        )  # fmt: skip
    statuses.refresh_plan(plan)
    return plan


def test_the_city_office_and_leaders_see_the_countys_plans_liaisons_do_not(
    alice, bob, dana, county_plan, plan
):
    assert Plan.objects.visible_to(alice).filter(pk=county_plan.pk).exists()
    assert Plan.objects.visible_to(dana).filter(pk=county_plan.pk).exists()
    assert not Plan.objects.visible_to(bob).filter(pk=county_plan.pk).exists()


def test_the_countys_office_does_not_see_the_citys_plans(county, county_plan, plan):
    clerk = make_user("fay", county, Membership.OFFICE)
    assert list(Plan.objects.visible_to(clerk)) == [county_plan]


def test_a_members_overview_opens_on_their_own_jurisdictions_plan(client, alice, plan, county_plan):
    client.login(username="alice", password=PASSWORD)
    response = client.get(reverse("tracking:dashboard"))
    assert response.context["plan"] == plan


def test_the_citys_overview_rolls_up_each_county_from_the_stored_statuses(
    settings, alice, plan, county_plan, django_assert_num_queries
):
    settings.LUOSHI_AS_OF = "2022-07-10"
    statuses.refresh_plan(county_plan)
    Jurisdiction.objects.create(name="东辽县", level="county", parent=plan.jurisdiction)
    alice = type(alice).objects.select_related("membership").get(pk=alice.pk)
    # The tree below the office (one query a level, 2), its children, their plans, one aggregate.
    with django_assert_num_queries(5):
        rows = rollup(alice, plan)
    assert [r["jurisdiction"].name for r in rows] == ["东丰县", "东辽县"]
    (item,) = rows[0]["plans"]
    assert item["plan"] == county_plan and item["total"] == 2
    expected = list(county_plan.tasks.values_list("status", flat=True))
    assert sum(item["cells"]) == len(expected) == 2
    assert rows[1]["plans"] == []


def test_a_liaison_sees_no_roll_up(bob, plan, county_plan):
    assert rollup(bob, plan) == []


def test_the_plan_list_has_every_plan_and_archiving_keeps_it_readable(
    client, alice, bob, plan, bobs_task, county_plan
):
    client.login(username="alice", password=PASSWORD)
    page = client.get(reverse("tracking:plans")).content.decode()
    assert "东丰县政府工作报告" in page and "辽源市政府工作报告" in page
    client.post(reverse("tracking:plan_state", args=[plan.pk]), {"state": "archived"})
    assert Plan.objects.get(pk=plan.pk).state == Plan.ARCHIVED
    client.logout()
    client.login(username="bob", password=PASSWORD)
    assert client.get(reverse("tracking:plan", args=[plan.pk])).status_code == 200
    # Archived: readable, but no more reports.
    response = client.get(reverse("tracking:task", args=[bobs_task.pk]))
    assert reverse("tracking:submit_report", args=[bobs_task.pk]) not in response.content.decode()


def test_a_draft_cannot_be_archived_from_the_list(client, alice, draft_plan):
    client.login(username="alice", password=PASSWORD)
    client.post(reverse("tracking:plan_state", args=[draft_plan.pk]), {"state": "archived"})
    assert Plan.objects.get(pk=draft_plan.pk).state == Plan.DRAFT


def test_the_import_offers_the_office_its_jurisdiction_and_those_below(client, alice, county):
    Jurisdiction.objects.create(name="长春市")
    client.login(username="alice", password=PASSWORD)
    form = client.get(reverse("tracking:import")).context["form"]
    assert [j.name for j in form.fields["jurisdiction"].queryset] == sorted(["东丰县", "辽源市"])
    response = client.post(
        reverse("tracking:import"),
        {"file": SimpleUploadedFile("r.txt", "长春市的报告。新增就业1万人。\n".encode()),
         "jurisdiction": "长春市", "year": "2023"},
    )  # fmt: skip
    assert response.status_code == 400
    assert not Plan.objects.filter(year=2023).exists()


def test_an_import_for_a_county_lands_on_its_draft(client, alice, county):
    client.login(username="alice", password=PASSWORD)
    response = client.post(
        reverse("tracking:import"),
        {"file": SimpleUploadedFile("r.txt", "二是聚焦项目。新增就业1万人。\n".encode()),
         "jurisdiction": "东丰县", "year": "2023"},
    )  # fmt: skip
    draft = Plan.objects.get(jurisdiction=county, year=2023)
    assert response["Location"] == reverse("tracking:preview", args=[draft.pk])
    assert client.get(response["Location"]).status_code == 200


def test_a_countys_plan_pages_link_up_to_the_citys_overview(client, alice, plan, county_plan):
    client.login(username="alice", password=PASSWORD)
    up = reverse("tracking:plan_overview", args=[plan.pk]) + "#rollup"
    for name in ("tracking:plan", "tracking:plan_overview"):
        page = client.get(reverse(name, args=[county_plan.pk])).content.decode()
        assert f'href="{up}"' in page
    assert "#rollup" not in client.get(reverse("tracking:plan", args=[plan.pk])).content.decode()
    overview = client.get(up.removesuffix("#rollup")).content.decode()
    assert 'id="rollup"' in overview and county_plan.jurisdiction.name in overview


def test_the_countys_own_office_gets_no_link_to_a_city_it_cannot_see(client, county_plan, plan):
    make_user("fay", county_plan.jurisdiction, Membership.OFFICE)
    client.login(username="fay", password=PASSWORD)
    page = client.get(reverse("tracking:plan", args=[county_plan.pk])).content.decode()
    assert "#rollup" not in page


def test_the_office_chooses_linear_pace_between_checkpoints_and_statuses_follow(
    client, settings, alice, bob, plan, bobs_task
):
    from luoshi.tracking.models import Event

    settings.LUOSHI_AS_OF = "2022-07-10"  # June is the last month reported on
    bobs_task.deadline = date(2022, 12, 31)
    bobs_task.nodes = [
        {"on": "2022-03-31", "share": 0.2, "label": "一季度完成20%"},
        {"on": "2022-09-30", "share": 0.8, "label": "前三季度完成80%"},
    ]
    bobs_task.save()
    statuses.refresh_plan(plan)
    bobs_task.refresh_from_db()
    assert bobs_task.status_expected == pytest.approx(0.2)  # stepwise: the share passed
    client.login(username="alice", password=PASSWORD)
    page = client.get(reverse("tracking:plans")).content.decode()
    assert "节点间序时" in page and 'name="interpolate"' in page
    response = client.post(reverse("tracking:plan_pace", args=[plan.pk]), {"interpolate": "1"})
    assert response.status_code == 302
    bobs_task.refresh_from_db()
    assert 0.45 < bobs_task.status_expected < 0.55  # a half of the way from 20% to 80%
    assert Event.objects.filter(verb="pace_changed", plan=plan).count() == 1
    client.post(reverse("tracking:plan_pace", args=[plan.pk]), {"interpolate": "1"})
    assert Event.objects.filter(verb="pace_changed", plan=plan).count() == 1  # no change
    assert (
        client.post(reverse("tracking:plan_pace", args=[plan.pk]), {"interpolate": "²"}).status_code
        == 302
    )
    plan.refresh_from_db()
    assert plan.interpolate_nodes
    client.logout()
    client.login(username="bob", password=PASSWORD)  # a liaison may not
    assert (
        client.post(reverse("tracking:plan_pace", args=[plan.pk]), {"interpolate": "0"}).status_code
        == 403
    )
    plan.refresh_from_db()
    assert plan.interpolate_nodes

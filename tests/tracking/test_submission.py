"""One submission covers every target of a task; the review queue shows it as one and decides
it once; the queue's filters, order and PDF preview."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from luoshi.tracking import services
from luoshi.tracking.models import (
    Event,
    Evidence,
    Jurisdiction,
    Membership,
    ProgressReport,
    Section,
    Target,
)
from tests.sample import make_user

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4 test\n%%EOF\n"


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def targets(bobs_task):
    """bob's task with three targets: 200 projects, 50 亿元 each for two counties, 8 km."""
    first = bobs_task.targets.get()
    each = Target.objects.create(
        task=bobs_task, order=1, text="每县投资50亿元", start=0, end=2, value=50, unit="亿元",
        each=["东丰县", "东辽县"],
    )  # fmt: skip
    road = Target.objects.create(
        task=bobs_task, order=2, text="新建道路8公里", start=0, end=2, value=8, unit="公里"
    )
    return first, each, road


def post(user, task, data, **files):
    url = reverse("tracking:submit_report", args=[task.pk])
    return client_for(user).post(
        url, {"period": "2022-06", "narrative": "上半年进展"} | data | files
    )


def test_the_task_page_offers_one_value_field_per_target(as_of, bob, bobs_task, targets):
    _first, each, road = targets
    page = client_for(bob).get(reverse("tracking:task", args=[bobs_task.pk])).content.decode()
    form = page[
        page.index('action="/tasks/') : page.index("</form>", page.index('action="/tasks/'))
    ]
    for target in targets:
        assert f'name="value-{target.pk}"' in form
    assert f'name="each-{each.pk}"' in form and f'name="each-{road.pk}"' not in form
    assert form.count('name="narrative"') == 1 and form.count('name="period"') == 1


def test_one_submission_makes_a_report_per_target_filled_in(as_of, bob, bobs_task, targets):
    first, each, _road = targets
    data = {f"value-{first.pk}": "120", f"value-{each.pk}": "30", f"each-{each.pk}": "东丰县"}
    response = post(bob, bobs_task, data, evidence=SimpleUploadedFile("台账.pdf", PDF))
    assert response.status_code == 302
    reports = list(ProgressReport.objects.order_by("target__order"))
    assert [(r.target, r.value, r.each_item) for r in reports] == [
        (first, 120, ""),
        (each, 30, "东丰县"),
    ]  # the road was left empty: no report for it
    assert len({r.submission for r in reports}) == 1 and reports[0].submission is not None
    assert {r.narrative for r in reports} == {"上半年进展"}
    assert Evidence.objects.count() == 1  # stored once, with the submission's first report
    assert Event.objects.filter(verb="report_submitted").count() == 2


@pytest.mark.parametrize(
    ("fill", "message"),
    [
        ({}, "至少填写一项"),  # nothing filled in
        ({"each": ""}, "请选择"),  # an each target without its unit
        ({"first": "1e300"}, "合理范围"),  # an absurd value
    ],
)
def test_a_bad_submission_stores_none_of_its_reports(as_of, bob, bobs_task, targets, fill, message):
    first, each, road = targets
    data = {f"value-{road.pk}": "3"} if fill else {}
    if "each" in fill:
        data |= {f"value-{each.pk}": "30", f"each-{each.pk}": fill["each"]}
    if "first" in fill:
        data |= {f"value-{first.pk}": fill["first"]}
    response = post(bob, bobs_task, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ProgressReport.objects.exists()


def test_the_queue_shows_a_submission_together_and_one_decision_covers_it(
    as_of, alice, bob, bobs_task, targets
):
    first, _each, road = targets
    post(bob, bobs_task, {f"value-{first.pk}": "120", f"value-{road.pk}": "5"})
    page = client_for(alice).get(reverse("tracking:review")).content.decode()
    assert page.count('class="card review"') == 1
    assert "谋划包装项目200个以上" in page and "新建道路8公里" in page
    assert "2 项指标" in page
    one = ProgressReport.objects.order_by("pk").first()
    client_for(alice).post(
        reverse("tracking:review_report", args=[one.pk]),
        {"decision": "return", "reason": "数据口径不一致"},
    )
    states = set(ProgressReport.objects.values_list("state", "return_reason"))
    assert states == {("returned", "数据口径不一致")}
    assert Event.objects.filter(verb="report_returned").count() == 2


def test_a_newer_submission_for_the_period_supersedes_the_older(as_of, bob, bobs_task, targets):
    first, _each, _road = targets
    post(bob, bobs_task, {f"value-{first.pk}": "120"})
    post(bob, bobs_task, {f"value-{first.pk}": "150"})
    bobs_task.refresh_from_db()
    assert bobs_task.status_claimed == pytest.approx(150 / 200)


def test_the_api_still_takes_one_target_a_call(as_of, bob, bobs_task, targets):
    _first, each, road = targets
    body = {"task": bobs_task.pk, "target": road.pk, "period": "2022-06", "value": 5}
    response = client_for(bob).post(
        "/api/reports/", body | {"narrative": "x"}, content_type="application/json"
    )
    assert response.status_code == 201
    assert ProgressReport.objects.get().target == road
    body = {"task": bobs_task.pk, "target": each.pk, "period": "2022-06", "value": 5}
    response = client_for(bob).post(
        "/api/reports/", body | {"narrative": "x"}, content_type="application/json"
    )
    assert response.status_code == 400 and "each_item" in response.json()["errors"]


@pytest.fixture
def two_waiting(as_of, plan, bob, charlie, bobs_task, charlies_task):
    section = Section.objects.create(
        plan=plan, order=1, level=1, number="二", title="聚焦项目", start=0, end=7, body_end=30
    )
    bobs_task.section = section
    bobs_task.save(update_fields=["section"])
    target = bobs_task.targets.get()
    behind = services.submit_report(
        charlie, charlies_task, {"period": "2022-06", "percent": 10, "narrative": "y"}
    )
    data = {"target_obj": target, "period": "2022-05", "value": 190.0, "narrative": "x"}
    ahead = services.submit_report(bob, bobs_task, data)
    return section, ahead, behind


def queue(user, **params):
    response = client_for(user).get(reverse("tracking:review"), params)
    return response, [s.first for s in response.context["submissions"]]


def test_the_queue_filters_by_section_and_by_status(alice, two_waiting, bobs_task, charlies_task):
    section, ahead, behind = two_waiting
    assert queue(alice, section=section.pk)[1] == [ahead]
    bobs_task.refresh_from_db()
    charlies_task.refresh_from_db()
    assert bobs_task.status != charlies_task.status
    assert queue(alice, status=charlies_task.status)[1] == [behind]
    assert queue(alice, status=bobs_task.status)[1] == [ahead]


def test_the_queue_sorts_by_period_department_and_claim_minus_expected(alice, two_waiting):
    _section, ahead, behind = two_waiting
    assert queue(alice)[1] == [behind, ahead]  # oldest first
    assert queue(alice, sort="period")[1] == [ahead, behind]  # May before June
    assert queue(alice, sort="department")[1] == [ahead, behind]  # 市发改委, then 市商务局
    assert queue(alice, sort="gap")[1] == [ahead, behind]  # 95% claimed, furthest ahead


@pytest.mark.parametrize(
    "params",
    [
        {"status": "nonsense"},
        {"sort": "'; drop table"},
        {"section": "9" * 30},
        {"department": "-1"},
        {"period": "2022-13"},
    ],
)
def test_odd_filters_give_an_empty_queue_not_an_error(alice, two_waiting, params):
    response, listed = queue(alice, **params)
    assert response.status_code == 200 and listed == []
    assert "筛选条件无效" in response.content.decode()


def test_pdf_evidence_is_previewed_inline_to_those_who_may_see_it(
    settings, tmp_path, as_of, alice, bob, bobs_task
):
    settings.MEDIA_ROOT = tmp_path
    target = bobs_task.targets.get()
    post(
        bob,
        bobs_task,
        {"target": target.pk, "value": "120"},
        evidence=SimpleUploadedFile("进展.pdf", PDF),
    )
    url = Evidence.objects.get().file.url
    page = client_for(alice).get(reverse("tracking:review")).content.decode()
    assert f'<iframe src="{url}?inline=1"' in page
    shown = client_for(alice).get(url, {"inline": "1"})
    assert shown.status_code == 200 and shown["Content-Type"] == "application/pdf"
    assert shown["Content-Disposition"].startswith("inline")
    assert shown["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in shown["Content-Security-Policy"]
    assert client_for(alice).get(url)["Content-Disposition"].startswith("attachment")
    outsider = make_user("olga", Jurisdiction.objects.create(name="通化市"), Membership.OFFICE)
    assert client_for(outsider).get(url, {"inline": "1"}).status_code == 404
    assert Client().get(url, {"inline": "1"}).status_code == 302  # to the login page


def test_odd_ids_in_the_batch_approval_change_nothing(alice, two_waiting):
    client = client_for(alice)
    for odd in ("²", "9" * 30, "-1", "1.5", ""):
        response = client.post(reverse("tracking:approve_selected"), {"reports": [odd]})
        assert response.status_code == 302, odd
    assert set(ProgressReport.objects.values_list("state", flat=True)) == {"submitted"}


def test_the_batch_approval_of_a_submission_approves_all_its_reports(
    as_of, alice, bob, bobs_task, targets
):
    first, _each, road = targets
    post(bob, bobs_task, {f"value-{first.pk}": "120", f"value-{road.pk}": "5"})
    one = ProgressReport.objects.order_by("pk").first()
    client_for(alice).post(reverse("tracking:approve_selected"), {"reports": [one.pk]})
    assert set(ProgressReport.objects.values_list("state", flat=True)) == {"approved"}


def test_the_queues_month_counts_end_on_the_day_statuses_are_computed_for(
    settings, alice, bob, bobs_task, targets
):
    from datetime import datetime

    from django.utils import timezone

    first, _each, _road = targets
    post(bob, bobs_task, {f"value-{first.pk}": "120"})
    submitted = timezone.make_aware(datetime(2022, 6, 20, 10))
    ProgressReport.objects.update(submitted_at=submitted)
    settings.LUOSHI_AS_OF = "2022-07-10"  # the demo's day: the report is 20 days old
    page = client_for(alice).get(reverse("tracking:review")).content.decode()
    assert "近31天：待审核 1" in page
    settings.LUOSHI_AS_OF = "2022-08-01"  # 42 days
    page = client_for(alice).get(reverse("tracking:review")).content.decode()
    assert "近31天：待审核 0" in page

"""申诉 and checkpoints through the web: who may do what, what is stored, what every page shows."""

import pytest
from django.test import Client
from django.urls import reverse

from luoshi.tracking import services, statuses
from luoshi.tracking.models import Appeal, Event, ProgressReport, Task

pytestmark = pytest.mark.django_db


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def behind(as_of, bob, bobs_task):
    """bob's task (谋划包装项目200个以上) reported at 60 of 200 for June and approved: behind."""
    target = bobs_task.targets.get()
    report = services.submit_report(
        bob,
        bobs_task,
        {"target_obj": target, "period": "2022-06", "value": 60, "narrative": "已谋划60个"},
    )
    services.review_report(report.submitted_by, report.pk, True)
    bobs_task.refresh_from_db()
    assert bobs_task.status == "滞后"
    return bobs_task


def test_the_lead_liaison_appeals_and_the_office_accepts(behind, bob, alice):
    url = reverse("tracking:appeal", args=[behind.pk])
    response = client_for(bob).post(
        url, {"status": "序时推进", "reason": "统计口径调整，6月数据次月补报"}
    )
    assert response.status_code == 302
    appeal = Appeal.objects.get()
    assert (appeal.period, appeal.computed, appeal.state) == ("2022-06", "滞后", "pending")
    behind.refresh_from_db()
    assert behind.status == "滞后"  # nothing changes until the office decides

    decide = reverse("tracking:decide_appeal", args=[appeal.pk])
    response = client_for(alice).post(
        decide, {"decision": "accept", "reason": "经核实，口径调整属实"}
    )
    assert response.status_code == 302
    behind.refresh_from_db()
    assert behind.status == "序时推进" and behind.status_overridden
    assert behind.status_reason.startswith("申诉改判：经核实，口径调整属实（计算结果：滞后，")
    assert behind.status_reason_en.startswith("changed on appeal:")
    event = Event.objects.get(verb="appeal_accepted")
    assert event.payload["computed"]["status"] == "滞后" and event.payload["computed"]["lines"]

    page = client_for(alice).get(reverse("tracking:task", args=[behind.pk])).content.decode()
    assert "申诉改判" in page and "统计口径调整" in page
    # A second decision is refused; the history keeps both events.
    client_for(alice).post(decide, {"decision": "reject", "reason": "x"})
    assert Appeal.objects.get().state == "accepted"
    assert list(Event.objects.filter(verb__startswith="appeal").values_list("verb", flat=True)) == [
        "appeal_raised",
        "appeal_accepted",
    ]


def test_a_rejected_appeal_leaves_the_computed_status(behind, bob, alice):
    client_for(bob).post(
        reverse("tracking:appeal", args=[behind.pk]), {"status": "序时推进", "reason": "r"}
    )
    appeal = Appeal.objects.get()
    client_for(alice).post(
        reverse("tracking:decide_appeal", args=[appeal.pk]),
        {"decision": "reject", "reason": "数据无佐证"},
    )
    behind.refresh_from_db()
    assert behind.status == "滞后" and not behind.status_overridden
    assert Appeal.objects.get().decision == "数据无佐证"


def test_one_pending_appeal_per_period(behind, bob):
    url = reverse("tracking:appeal", args=[behind.pk])
    client_for(bob).post(url, {"status": "序时推进", "reason": "r"})
    client_for(bob).post(url, {"status": "序时推进", "reason": "again"})
    assert Appeal.objects.count() == 1


def test_an_appeal_without_a_reason_is_refused_with_nothing_stored(behind, bob):
    response = client_for(bob).post(
        reverse("tracking:appeal", args=[behind.pk]), {"status": "序时推进"}
    )
    assert response.status_code == 400 and Appeal.objects.count() == 0


def test_the_office_sets_checkpoints_with_planned_shares(as_of, alice, bobs_task):
    text = "2022-03-31 20% 一季度完成20%\n2022-06-30 45% 上半年完成45%"
    response = client_for(alice).post(
        reverse("tracking:revise", args=[bobs_task.pk]),
        {"kind": "nodes_revised", "nodes": text, "reason": "按分工方案明确节点"},
    )
    assert response.status_code == 302
    bobs_task.refresh_from_db()
    assert bobs_task.nodes[1] == {"on": "2022-06-30", "share": 0.45, "label": "上半年完成45%"}
    event = Event.objects.get(verb="nodes_revised")
    assert event.payload["to"] == bobs_task.nodes
    assert bobs_task.status_expected == pytest.approx(0.45)
    page = client_for(alice).get(reverse("tracking:task", args=[bobs_task.pk])).content.decode()
    assert "上半年完成45%" in page and "计划 45%" in page


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("30% 一季度", "请以日期开头"),
        ("2022-03-31 130%", "不能超过100%"),
        ("2022-03-31 50%\n2022-06-30 40%", "不能低于前一节点"),
        ("2023-03-31 50%", "须在方案年度内"),
        ("2022-06-30 里程碑", "请写明里程碑"),
    ],
)
def test_bad_checkpoints_are_refused_in_chinese(as_of, alice, bobs_task, text, words):
    response = client_for(alice).post(
        reverse("tracking:revise", args=[bobs_task.pk]),
        {"kind": "nodes_revised", "nodes": text, "reason": "r"},
    )
    assert response.status_code == 400
    assert words in response.content.decode()
    assert Task.objects.get(pk=bobs_task.pk).nodes == bobs_task.nodes


def test_a_milestone_is_reported_done_from_the_report_form(as_of, alice, bob, plan, ndrc):
    task = Task.objects.create(
        plan=plan, code="T050", order=50, text="6月底前开工、年底前竣工。", start=0, end=12,
        kind="project", lead=ndrc, deadline="2022-12-31",
        nodes=[
            {"on": "2022-06-30", "label": "开工", "milestone": True},
            {"on": "2022-12-31", "label": "竣工", "milestone": True},
        ],
    )  # fmt: skip
    statuses.refresh([task])
    response = client_for(bob).post(
        reverse("tracking:submit_report", args=[task.pk]),
        {"period": "2022-06", "milestones": ["开工"], "narrative": "6月28日开工"},
    )
    assert response.status_code == 302
    report = ProgressReport.objects.get(task=task)
    assert report.milestones == ["开工"]
    services.review_report(alice, report.pk, True)
    task.refresh_from_db()
    assert task.status == "序时推进"
    assert "开工已完成；下一里程碑：12月31日前竣工" in task.status_reason


def test_the_english_interface_gives_the_reasons_in_english(behind, alice):
    client = client_for(alice)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("tracking:task", args=[behind.pk])).content.decode()
    assert "expected 50% (pro rata over the period), 30% done (reported for June, approved)" in page
    assert "应完成" not in page
    plan = client.get(reverse("tracking:plan", args=[behind.plan_id])).content.decode()
    assert "pro rata over the period" in plan


def test_a_forecast_follows_last_years_monthly_pattern_when_last_years_plan_had_the_target(
    as_of, alice, bob, bobs_task, city, ndrc
):
    from luoshi.tracking.models import Plan, Target

    last_year = Plan.objects.create(
        jurisdiction=city, year=2021, title="2021", source_name="2021.txt", source_text="x",
        source_sha256="1" * 64, state=Plan.PUBLISHED,
    )  # fmt: skip
    old = Task.objects.create(
        plan=last_year, code="T001", order=1, text="x", start=0, end=1, kind="target", lead=ndrc
    )
    old_target = Target.objects.create(
        task=old, text="x", start=0, end=1, indicator="谋划包装项目", value=180, unit="个"
    )
    # Last year: slow first half, 40% by June, 180 by December.
    for month, value in [(3, 20), (6, 72), (9, 130), (12, 180)]:
        ProgressReport.objects.create(
            task=old, target=old_target, period=f"2021-{month:02d}", value=value,
            narrative="x", submitted_by=bob, state=ProgressReport.APPROVED,
        )  # fmt: skip
    target = bobs_task.targets.get()
    for month, value in [(4, 50), (5, 65), (6, 84)]:
        report = services.submit_report(
            bob,
            bobs_task,
            {"target_obj": target, "period": f"2022-{month:02d}", "value": value, "narrative": "x"},
        )
        services.review_report(alice, report.pk, True)
    bobs_task.refresh_from_db()
    [line] = bobs_task.status_lines
    # 84 by June is 40% of the year in last year's pattern: 210 by December.
    assert line["forecast"] == "按当前进度预计年底完成210个（目标≥200个，按上年各月进度推算）"
    assert not line["warning"]


def test_a_checkpoint_may_plan_a_value_of_the_tasks_target(as_of, alice, bobs_task):
    client_for(alice).post(
        reverse("tracking:revise", args=[bobs_task.pk]),
        {"kind": "nodes_revised", "nodes": "2022-06-30 =80 上半年谋划80个", "reason": "分工方案"},
    )
    bobs_task.refresh_from_db()
    assert bobs_task.nodes == [
        {"on": "2022-06-30", "share": 0.4, "value": 80.0, "label": "上半年谋划80个"}
    ]
    assert bobs_task.status_expected == pytest.approx(0.4)
    page = client_for(alice).get(reverse("tracking:task", args=[bobs_task.pk])).content.decode()
    assert "2022-06-30 =80 上半年谋划80个" in page  # shown again as written

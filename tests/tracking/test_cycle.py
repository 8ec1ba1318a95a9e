"""签收, 我的任务 and 办结销号 through the web."""

import pytest
from django.test import Client
from django.urls import reverse

from luoshi.tracking import services
from luoshi.tracking.models import Acknowledgement, Event, Plan, Task

pytestmark = pytest.mark.django_db


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def test_a_liaison_lands_on_my_tasks_and_acknowledges(as_of, bob, alice, ndrc, bobs_task):
    client = client_for(bob)
    assert client.get(reverse("tracking:home"))["Location"] == reverse("tracking:my_department")
    page = client.get(reverse("tracking:my_department")).content.decode()
    assert "待签收" in page and bobs_task.code in page

    url = reverse("tracking:my_department")
    bad = client.post(url, {"tasks": [bobs_task.pk], "person": "张三", "phone": "call me"})
    assert bad.status_code == 400 and "请填写联系电话" in bad.content.decode()
    assert not Acknowledgement.objects.exists()

    ok = client.post(url, {"tasks": [bobs_task.pk], "person": "张三", "phone": "0437-3221234"})
    assert ok.status_code == 302
    ack = Acknowledgement.objects.get()
    assert (ack.task, ack.department, ack.person, ack.phone) == (
        bobs_task,
        ndrc,
        "张三",
        "0437-3221234",
    )
    assert Event.objects.filter(verb="acknowledged", task=bobs_task).count() == 1
    assert "待签收" not in client.get(url).content.decode()


def test_the_office_sees_who_has_not_acknowledged(
    as_of, alice, bob, ndrc, bobs_task, charlies_task
):
    page = client_for(alice).get(reverse("tracking:dashboard")).content.decode()
    assert "未签收" in page and ndrc.name in page
    client_for(bob).post(
        reverse("tracking:my_department"),
        {"tasks": [bobs_task.pk], "person": "张三", "phone": "0437-3221234"},
    )
    page = client_for(alice).get(reverse("tracking:dashboard")).content.decode()
    section = page.split("未签收", 1)[1].split("</section>", 1)[0]
    assert ndrc.name not in section


def test_a_liaison_cannot_acknowledge_another_departments_task(as_of, bob, charlies_task):
    response = client_for(bob).post(
        reverse("tracking:my_department"),
        {"tasks": [charlies_task.pk], "person": "张三", "phone": "0437-3221234"},
    )
    assert response.status_code == 400
    assert not Acknowledgement.objects.exists()


def test_my_tasks_cover_every_published_plan(as_of, bob, city, ndrc, bobs_task):
    other = Plan.objects.create(
        jurisdiction=city, year=2022, title="民生实事", source_name="x.txt",
        source_text="十件实事。", source_sha256="2" * 64, state=Plan.PUBLISHED,
    )  # fmt: skip
    Task.objects.create(
        plan=other, code="S01", order=1, text="十件实事。", start=0, end=5, lead=ndrc
    )
    page = client_for(bob).get(reverse("tracking:my_department")).content.decode()
    assert "S01" in page and bobs_task.code in page and "民生实事" in page


def test_the_office_closes_and_reopens_a_task(as_of, alice, bob, bobs_task):
    target = bobs_task.targets.get()
    report = services.submit_report(
        bob, bobs_task, {"target_obj": target, "period": "2022-06", "value": 210, "narrative": "x"}
    )
    services.review_report(alice, report.pk, True)
    page = client_for(alice).get(reverse("tracking:task", args=[bobs_task.pk])).content.decode()
    assert "是否完成销号" in page  # a computed 已完成 proposes it

    refused = client_for(alice).post(
        reverse("tracking:close", args=[bobs_task.pk]), {"how": "terminated"}
    )
    assert refused.status_code == 400 and "请说明终止的理由" in refused.content.decode()

    client_for(alice).post(
        reverse("tracking:close", args=[bobs_task.pk]),
        {"how": "completed", "reason": "已完成全年任务"},
    )
    bobs_task.refresh_from_db()
    assert bobs_task.closed == "completed" and bobs_task.status == "已完成"
    assert bobs_task.status_reason == "已办结销号：已完成全年任务"
    page = client_for(bob).get(reverse("tracking:my_department")).content.decode()
    assert bobs_task.code not in page  # closed tasks leave the active lists

    client_for(alice).post(
        reverse("tracking:reopen", args=[bobs_task.pk]), {"reason": "数据需复核"}
    )
    bobs_task.refresh_from_db()
    assert bobs_task.closed == "" and "已办结" not in bobs_task.status_reason
    assert list(
        Event.objects.filter(task=bobs_task, verb__in=["closed", "reopened"]).values_list(
            "verb", flat=True
        )
    ) == [
        "closed",
        "reopened",
    ]


def test_a_terminated_task_leaves_the_dashboard_counts(as_of, alice, bobs_task, charlies_task):
    assert client_for(alice).get(reverse("tracking:dashboard")).context["total"] == 2
    client_for(alice).post(
        reverse("tracking:close", args=[bobs_task.pk]), {"how": "terminated", "reason": "政策调整"}
    )
    bobs_task.refresh_from_db()
    assert bobs_task.status_reason == "已终止：政策调整"
    assert list(Task.objects.filter(plan=bobs_task.plan).active()) == [charlies_task]
    assert client_for(alice).get(reverse("tracking:dashboard")).context["total"] == 1


def submit(user, task, period, value):
    data = {"target_obj": task.targets.get(), "period": period, "value": value, "narrative": "x"}
    return services.submit_report(user, task, data)


def test_a_liaison_withdraws_a_report_awaiting_review(as_of, bob, alice, bobs_task):
    report = submit(bob, bobs_task, "2022-06", 120)
    bobs_task.refresh_from_db()
    assert bobs_task.status_claimed is not None
    page = client_for(bob).get(reverse("tracking:task", args=[bobs_task.pk])).content.decode()
    assert "撤回" in page
    assert client_for(alice).post(reverse("tracking:withdraw", args=[report.pk])).status_code == 403
    client_for(bob).post(reverse("tracking:withdraw", args=[report.pk]))
    report.refresh_from_db()
    bobs_task.refresh_from_db()
    assert report.state == "withdrawn"
    assert bobs_task.status == "未报送" and bobs_task.status_claimed is None
    assert Event.objects.filter(verb="report_withdrawn").count() == 1
    # A reviewed report cannot be withdrawn.
    other = submit(bob, bobs_task, "2022-06", 130)
    services.review_report(alice, other.pk, True)
    client_for(bob).post(reverse("tracking:withdraw", args=[other.pk]))
    other.refresh_from_db()
    assert other.state == "approved"


def test_the_office_approves_ticked_reports_in_one_go(
    as_of, alice, bob, charlie, bobs_task, charlies_task
):
    first = submit(bob, bobs_task, "2022-06", 120)
    second = services.submit_report(
        charlie, charlies_task, {"period": "2022-06", "percent": 50, "narrative": "x"}
    )
    page = client_for(alice).get(reverse("tracking:review")).content.decode()
    assert 'name="reports"' in page and "应完成 50% · 上次核定" in page
    response = client_for(alice).post(
        reverse("tracking:approve_selected"), {"reports": [first.pk, second.pk]}
    )
    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.state == second.state == "approved"


def test_a_common_reason_returns_a_report(as_of, alice, bob, bobs_task):
    from luoshi.tracking.actions import return_reasons

    report = submit(bob, bobs_task, "2022-06", 120)
    reason = return_reasons()[0]
    client_for(alice).post(
        reverse("tracking:review_report", args=[report.pk]),
        {"decision": "return", "preset": reason},
    )
    report.refresh_from_db()
    assert report.state == "returned" and report.return_reason == reason


def test_the_review_queue_filters_by_department(
    as_of, alice, bob, charlie, ndrc, bobs_task, charlies_task
):
    submit(bob, bobs_task, "2022-06", 120)
    services.submit_report(
        charlie, charlies_task, {"period": "2022-06", "percent": 50, "narrative": "x"}
    )
    page = (
        client_for(alice).get(reverse("tracking:review"), {"department": ndrc.pk}).content.decode()
    )
    assert bobs_task.code in page and charlies_task.code not in page
    odd = client_for(alice).get(reverse("tracking:review"), {"department": "9" * 30, "period": "²"})
    assert odd.status_code == 200

"""Who sees and writes what, through the pages and through crafted POSTs."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from luoshi.tracking import services
from luoshi.tracking.models import Event, Evidence, ProgressReport
from tests.sample import PASSWORD


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.LUOSHI_AS_OF = "2022-07-10"


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def report_data(**extra):
    data = {"period": "2022-06", "narrative": "已谋划项目120个", "value": "120"}
    data.update(extra)
    return data


def test_anonymous_users_are_sent_to_login(client, bobs_task):
    for url in (
        reverse("tracking:dashboard"),
        reverse("tracking:plan", args=[bobs_task.plan_id]),
        reverse("tracking:task", args=[bobs_task.pk]),
        reverse("tracking:review"),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_anonymous_posts_are_sent_to_login_and_change_nothing(client, bobs_task):
    url = reverse("tracking:submit_report", args=[bobs_task.pk])
    response = client.post(url, report_data())
    assert response.status_code == 302
    assert ProgressReport.objects.count() == 0


def test_every_page_renders_for_the_office(client, alice, bobs_task, charlies_task):
    login(client, alice)
    for url in (
        reverse("tracking:dashboard"),
        reverse("tracking:plan", args=[bobs_task.plan_id]),
        reverse("tracking:task", args=[bobs_task.pk]),
        reverse("tracking:department", args=[bobs_task.lead_id]),
        reverse("tracking:review"),
        reverse("tracking:import"),
        reverse("tracking:plans"),
        reverse("tracking:plan_overview", args=[bobs_task.plan_id]),
    ):
        assert client.get(url).status_code == 200, url
    # A published plan's 分工 is changed by revisions: the editor sends to the plan.
    response = client.get(reverse("tracking:preview", args=[bobs_task.plan_id]))
    assert response["Location"] == reverse("tracking:plan", args=[bobs_task.plan_id])


def test_the_task_page_highlights_the_target_in_its_source(client, bob, bobs_task):
    response = login(client, bob).get(reverse("tracking:task", args=[bobs_task.pk]))
    assert '<strong class="target">谋划包装项目200个以上</strong>' in response.content.decode()


def test_the_liaison_sees_the_report_form_on_his_departments_task(client, bob, bobs_task):
    response = login(client, bob).get(reverse("tracking:task", args=[bobs_task.pk]))
    assert reverse("tracking:submit_report", args=[bobs_task.pk]) in response.content.decode()


def test_the_liaison_sees_no_report_form_on_another_departments_task(client, bob, charlies_task):
    response = login(client, bob).get(reverse("tracking:task", args=[charlies_task.pk]))
    assert (
        reverse("tracking:submit_report", args=[charlies_task.pk]) not in response.content.decode()
    )


def test_a_liaison_reports_progress_with_evidence(client, bob, bobs_task):
    target = bobs_task.targets.get()
    evidence = SimpleUploadedFile(
        "台账.pdf", b"%PDF-1.4 test\n%%EOF\n", content_type="application/pdf"
    )
    response = login(client, bob).post(
        reverse("tracking:submit_report", args=[bobs_task.pk]),
        report_data(target=target.pk, evidence=evidence),
    )
    assert response.status_code == 302
    report = ProgressReport.objects.get()
    assert (report.state, report.value, report.submitted_by) == ("submitted", 120, bob)
    assert Evidence.objects.get(report=report).name == "台账.pdf"
    assert Event.objects.filter(verb="report_submitted", task=bobs_task).exists()


def test_it_rejects_other_departments_task(client, bob, charlies_task):
    response = login(client, bob).post(
        reverse("tracking:submit_report", args=[charlies_task.pk]),
        report_data(percent="50"),
    )
    assert response.status_code == 403
    assert ProgressReport.objects.count() == 0


@pytest.mark.parametrize("persona", ["alice", "dana"])
def test_office_and_leaders_do_not_report(client, request, persona, bobs_task):
    user = request.getfixturevalue(persona)
    response = login(client, user).post(
        reverse("tracking:submit_report", args=[bobs_task.pk]), report_data()
    )
    assert response.status_code == 403


def test_reports_need_a_csrf_token(bob, bobs_task):
    client = login(Client(enforce_csrf_checks=True), bob)
    target = bobs_task.targets.get()
    response = client.post(
        reverse("tracking:submit_report", args=[bobs_task.pk]), report_data(target=target.pk)
    )
    assert response.status_code == 403
    assert ProgressReport.objects.count() == 0


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"period": "2022/6"}, "2022-06"),
        ({"period": "2021-06"}, "2022"),
        ({"narrative": ""}, "必填"),
        ({"value": "", "target": "TARGET"}, "累计"),
    ],
)
def test_bad_reports_get_chinese_form_errors_and_save_nothing(
    client, bob, bobs_task, data, message
):
    target = bobs_task.targets.get()
    fields = report_data(target=target.pk)
    fields.update({k: (target.pk if v == "TARGET" else v) for k, v in data.items()})
    response = login(client, bob).post(
        reverse("tracking:submit_report", args=[bobs_task.pk]), fields
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert ProgressReport.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("evil.exe", b"MZ..."),
        ("fake.pdf", b"MZ not a pdf"),
        ("huge.pdf", b"%PDF" + b"0" * 2_000_000),
    ],
)
def test_bad_evidence_is_refused(client, settings, bob, bobs_task, name, content):
    settings.LUOSHI_EVIDENCE_MAX_MB = 1
    target = bobs_task.targets.get()
    upload = SimpleUploadedFile(name, content)
    response = login(client, bob).post(
        reverse("tracking:submit_report", args=[bobs_task.pk]),
        report_data(target=target.pk, evidence=upload),
    )
    assert response.status_code == 400
    assert name in response.content.decode()
    assert ProgressReport.objects.count() == 0


@pytest.fixture
def submitted(bob, bobs_task):
    data = {"target_obj": bobs_task.targets.get(), "period": "2022-06", "value": 120.0}
    return services.submit_report(bob, bobs_task, data | {"narrative": "已谋划项目120个"})


def test_the_office_approves_a_report_and_the_status_changes(client, alice, bobs_task, submitted):
    login(client, alice)
    task_url = reverse("tracking:task", args=[bobs_task.pk])
    assert "暂无已审核进展" in client.get(task_url).content.decode()
    response = client.post(
        reverse("tracking:review_report", args=[submitted.pk]), {"decision": "approve"}
    )
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert (submitted.state, submitted.reviewer) == ("approved", alice)
    page = client.get(task_url).content.decode()
    assert "超进度" in page
    assert "已完成60%（6月报送，已审核）" in page


def test_returning_a_report_needs_a_reason(client, alice, submitted):
    login(client, alice)
    url = reverse("tracking:review_report", args=[submitted.pk])
    client.post(url, {"decision": "return", "reason": ""})
    submitted.refresh_from_db()
    assert submitted.state == "submitted"
    client.post(url, {"decision": "return", "reason": "数据与台账不符"})
    submitted.refresh_from_db()
    assert (submitted.state, submitted.return_reason) == ("returned", "数据与台账不符")
    assert Event.objects.get(verb="report_returned").reason == "数据与台账不符"


@pytest.mark.parametrize("persona", ["bob", "charlie", "dana"])
def test_only_the_office_reviews(client, request, persona, submitted):
    login(client, request.getfixturevalue(persona))
    response = client.post(
        reverse("tracking:review_report", args=[submitted.pk]), {"decision": "approve"}
    )
    assert response.status_code == 403
    assert client.get(reverse("tracking:review")).status_code == 403
    submitted.refresh_from_db()
    assert submitted.state == "submitted"


def test_a_deadline_extension_keeps_the_original_and_is_logged(client, alice, bobs_task):
    login(client, alice).post(
        reverse("tracking:revise", args=[bobs_task.pk]),
        {"kind": "deadline_extended", "deadline": "2023-03-31", "reason": "受疫情影响"},
    )
    bobs_task.refresh_from_db()
    assert str(bobs_task.deadline) == "2023-03-31"
    assert str(bobs_task.original_deadline) == "2022-12-31"
    event = Event.objects.get(verb="deadline_extended")
    assert (event.reason, event.payload["from"]) == ("受疫情影响", "2022-12-31")


def test_a_liaison_cannot_revise_a_task(client, bob, bobs_task):
    response = login(client, bob).post(
        reverse("tracking:revise", args=[bobs_task.pk]),
        {"kind": "deadline_extended", "deadline": "2023-03-31", "reason": "x"},
    )
    assert response.status_code == 403


def test_the_page_switches_to_english(client, alice, bobs_task):
    login(client, alice)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("tracking:plan", args=[bobs_task.plan_id])).content.decode()
    assert "All departments" in page


def test_a_month_to_come_cannot_be_reported(client, bob, bobs_task):
    target = bobs_task.targets.get()
    response = login(client, bob).post(
        reverse("tracking:submit_report", args=[bobs_task.pk]),
        report_data(target=target.pk, period="2022-09"),
    )
    assert response.status_code == 400
    assert "尚未到来" in response.content.decode()


def test_liaisons_neither_see_nor_report_on_a_draft_plan(client, bob, plan, bobs_task):
    plan.state = "draft"
    plan.save(update_fields=["state"])
    login(client, bob)
    assert client.get(reverse("tracking:task", args=[bobs_task.pk])).status_code == 404
    assert client.get(reverse("tracking:plan", args=[plan.pk])).status_code == 404
    response = client.post(
        reverse("tracking:submit_report", args=[bobs_task.pk]),
        report_data(target=bobs_task.targets.get().pk),
    )
    assert response.status_code == 404
    assert ProgressReport.objects.count() == 0


def test_the_department_page_lists_returned_reports(client, alice, bob, submitted):
    login(client, alice).post(
        reverse("tracking:review_report", args=[submitted.pk]),
        {"decision": "return", "reason": "请补充佐证材料"},
    )
    page = login(client, bob).get(reverse("tracking:my_department"), follow=True)
    assert "请补充佐证材料" in page.content.decode()


def test_a_liaison_reports_a_percentage_on_a_qualitative_task(client, charlie, charlies_task):
    response = login(client, charlie).post(
        reverse("tracking:submit_report", args=[charlies_task.pk]),
        {"period": "2022-06", "narrative": "已开展招商活动", "percent": "45"},
    )
    assert response.status_code == 302
    assert ProgressReport.objects.get().percent == 45


def test_a_percentage_above_100_is_refused(client, charlie, charlies_task):
    response = login(client, charlie).post(
        reverse("tracking:submit_report", args=[charlies_task.pk]),
        {"period": "2022-06", "narrative": "x", "percent": "140"},
    )
    assert response.status_code == 400
    assert ProgressReport.objects.count() == 0


def test_a_forbidden_page_explains_itself_in_chinese(client, bob):
    response = login(client, bob).get(reverse("tracking:review"))
    assert response.status_code == 403
    assert "督查室" in response.content.decode()


def test_before_any_plan_is_published_departments_see_a_note(client, bob, plan):
    plan.state = "draft"
    plan.save(update_fields=["state"])
    response = login(client, bob).get(reverse("tracking:dashboard"))
    assert response.status_code == 200
    assert "尚未发布" in response.content.decode()


def test_after_approval_the_dashboard_counts_the_new_status(client, alice, submitted):
    login(client, alice)
    client.post(reverse("tracking:review_report", args=[submitted.pk]), {"decision": "approve"})
    page = client.get(reverse("tracking:dashboard")).content.decode()
    assert "<b>1</b>超进度" in page

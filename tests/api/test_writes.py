"""Writes through the API follow the web's rules, persona by persona."""

import pytest

from luoshi.tracking.models import Event, Plan, ProgressReport

REPORT = {"period": "2022-06", "narrative": "完成谋划项目120个。"}


def report_on(task, **extra):
    target = task.targets.first()
    data = {"task": task.pk, **REPORT, **extra}
    if target is not None:
        data.update(target=target.pk, value=120)
    else:
        data.update(percent=50)
    return data


def test_liaison_a_reports_on_his_departments_task(api, bobs_task):
    response = api("liaison_a").post_json("/api/reports/", report_on(bobs_task))
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["state"] == "submitted" and body["submitted_by"] == "bob"
    assert Event.objects.filter(verb="report_submitted", task=bobs_task).count() == 1


def test_liaison_b_cannot_submit_on_liaison_as_task(api, bobs_task):
    response = api("liaison_b").post_json("/api/reports/", report_on(bobs_task))
    assert response.status_code == 403
    assert response.json()["detail"] == "只能报送本部门牵头的任务进展，且方案须已发布。"
    assert not ProgressReport.objects.exists()


@pytest.mark.parametrize("persona", ["office", "leader", "viewer", "token", "anonymous"])
def test_only_liaisons_report(api, bobs_task, persona):
    response = api(persona).post_json("/api/reports/", report_on(bobs_task))
    assert response.status_code == (401 if persona == "anonymous" else 403)
    assert not ProgressReport.objects.exists()


def test_session_writes_need_the_csrf_token(api, bobs_task):
    response = api("liaison_a").post_json("/api/reports/", report_on(bobs_task), csrf=False)
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    assert not ProgressReport.objects.exists()


def test_token_writes_need_no_csrf_token(api, bob, bobs_task):
    from rest_framework.authtoken.models import Token

    client = api("anonymous")
    client.defaults["HTTP_AUTHORIZATION"] = f"Token {Token.objects.create(user=bob).key}"
    response = client.post_json("/api/reports/", report_on(bobs_task), csrf=False)
    assert response.status_code == 201, response.content


def test_a_bad_report_gets_chinese_errors_per_field(api, bobs_task):
    data = {**report_on(bobs_task, period="2022-13"), "value": None}
    response = api("liaison_a").post_json("/api/reports/", data)
    assert response.status_code == 400
    body = response.json()
    assert body["detail"].startswith("请求有误")
    assert body["errors"]["period"] == ["报送期应写作“年-月”，例如 2022-06。"]
    assert "value" in body["errors"]
    assert not ProgressReport.objects.exists()


def test_a_month_to_come_is_refused(api, bobs_task):
    response = api("liaison_a").post_json("/api/reports/", report_on(bobs_task, period="2022-08"))
    assert response.status_code == 400
    assert "period" in response.json()["errors"]


def test_a_liaison_reports_on_a_qualitative_task_with_evidence(api, charlie, charlies_task):
    client = api("liaison_b")
    data = {**report_on(charlies_task), "evidence": _text_file()}
    response = client.post(
        "/api/reports/", data, HTTP_X_CSRFTOKEN=client.cookies["csrftoken"].value
    )
    assert response.status_code == 201, response.content
    assert response.json()["percent"] == 50
    assert [e["name"] for e in response.json()["evidence"]] == ["进展.txt"]


def _text_file():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("进展.txt", "招商引资进展".encode(), content_type="text/plain")


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture(autouse=True)
def _media(media):
    pass


def test_the_office_approves_and_the_status_changes(api, bobs_task, reports):
    pending = reports["submitted"]
    before = api("anonymous").get(f"/api/tasks/{bobs_task.pk}/").json()["status"]
    response = api("office").post_json(
        f"/api/reports/{pending.pk}/review/", {"decision": "approve"}
    )
    assert response.status_code == 200, response.content
    assert response.json()["state"] == "approved" and response.json()["reviewer"] == "alice"
    after = api("anonymous").get(f"/api/tasks/{bobs_task.pk}/").json()["status"]
    assert (before["verified"], after["verified"]) == (0.3, 0.95)


def test_returning_needs_a_reason(api, reports):
    pending = reports["submitted"]
    response = api("office").post_json(f"/api/reports/{pending.pk}/review/", {"decision": "return"})
    assert response.status_code == 400
    assert "reason" in response.json()["errors"]
    pending.refresh_from_db()
    assert pending.state == "submitted"


def test_a_report_is_reviewed_once(api, reports):
    done = reports["approved"]
    response = api("office").post_json(f"/api/reports/{done.pk}/review/", {"decision": "approve"})
    assert response.status_code == 409
    assert response.json()["detail"] == "该报送已审核过。"


@pytest.mark.parametrize("persona", ["liaison_a", "liaison_b", "leader", "viewer", "token"])
def test_only_the_office_reviews(api, reports, persona):
    pending = reports["submitted"]
    response = api(persona).post_json(f"/api/reports/{pending.pk}/review/", {"decision": "approve"})
    assert response.status_code == 403
    pending.refresh_from_db()
    assert pending.state == "submitted"


def test_the_office_reviews_with_its_token_and_no_csrf(api, reports):
    pending = reports["submitted"]
    response = api("office-token").post_json(
        f"/api/reports/{pending.pk}/review/",
        {"decision": "return", "reason": "数字不实"},
        csrf=False,
    )
    assert response.status_code == 200
    assert response.json()["return_reason"] == "数字不实"


def test_the_office_publishes_a_draft_once(api, draft_plan):
    office = api("office")
    response = office.post_json(f"/api/plans/{draft_plan.pk}/publish/")
    assert response.status_code == 200 and response.json()["state"] == "published"
    assert Event.objects.filter(verb="published", plan=draft_plan).exists()
    again = office.post_json(f"/api/plans/{draft_plan.pk}/publish/")
    assert again.status_code == 409
    assert again.json()["detail"] == "该方案已发布。"


@pytest.mark.parametrize("persona", ["liaison_a", "leader", "viewer", "token"])
def test_nobody_else_publishes_or_even_sees_the_draft(api, draft_plan, persona):
    response = api(persona).post_json(f"/api/plans/{draft_plan.pk}/publish/")
    assert response.status_code == 403
    draft_plan.refresh_from_db()
    assert draft_plan.state == Plan.DRAFT


def test_the_office_of_another_city_cannot_touch_this_one(api, draft_plan, reports):
    from luoshi.tracking.models import Jurisdiction, Membership
    from tests.sample import make_user

    other = Jurisdiction.objects.create(name="通化市")
    client = api("anonymous")
    client.force_login(make_user("olga", other, Membership.OFFICE))
    client.get("/accounts/login/")  # the CSRF cookie
    assert client.post_json(f"/api/plans/{draft_plan.pk}/publish/").status_code == 404
    pending = reports["submitted"]
    review = client.post_json(f"/api/reports/{pending.pk}/review/", {"decision": "approve"})
    assert review.status_code == 404


@pytest.fixture
def two_targets(bobs_task):
    from luoshi.tracking.models import Target

    road = Target.objects.create(
        task=bobs_task, order=1, text="新建道路8公里", start=0, end=2, value=8, unit="公里"
    )
    return bobs_task.targets.get(order=0), road


def test_one_submission_reports_several_targets_for_one_review(api, bobs_task, two_targets):
    first, road = two_targets
    body = {
        "task": bobs_task.pk,
        **REPORT,
        "values": [{"target": first.pk, "value": 120}, {"target": road.pk, "value": 5}],
    }
    response = api("liaison_a").post_json("/api/reports/submission/", body)
    assert response.status_code == 201, response.content
    made = response.json()
    assert [r["target"] for r in made] == [first.pk, road.pk]
    assert [r["value"] for r in made] == [120, 5]
    reports = ProgressReport.objects.all()
    assert reports.count() == 2 and len({r.submission for r in reports}) == 1


def test_a_submission_naming_another_tasks_target_stores_nothing(
    api, bobs_task, charlies_task, two_targets
):
    from luoshi.tracking.models import Target

    first, _road = two_targets
    other = Target.objects.create(
        task=charlies_task, order=0, text="新增就业1万人", start=0, end=2, value=1, unit="万人"
    )
    body = {
        "task": bobs_task.pk,
        **REPORT,
        "values": [{"target": first.pk, "value": 120}, {"target": other.pk, "value": 1}],
    }
    response = api("liaison_a").post_json("/api/reports/submission/", body)
    assert response.status_code == 400
    assert response.json()["errors"]["values"] == [f"{other.pk}: 不是该任务的指标。"]
    assert not ProgressReport.objects.exists()


def test_a_submission_without_a_value_is_refused_in_chinese(api, bobs_task, two_targets):
    body = {"task": bobs_task.pk, **REPORT, "values": []}
    response = api("liaison_a").post_json("/api/reports/submission/", body)
    assert response.status_code == 400
    assert not ProgressReport.objects.exists()


@pytest.mark.parametrize("persona", ["liaison_b", "office", "anonymous"])
def test_only_the_lead_departments_liaison_submits(api, bobs_task, two_targets, persona):
    first, _road = two_targets
    body = {"task": bobs_task.pk, **REPORT, "values": [{"target": first.pk, "value": 1}]}
    response = api(persona).post_json("/api/reports/submission/", body)
    assert response.status_code == (401 if persona == "anonymous" else 403)
    assert not ProgressReport.objects.exists()

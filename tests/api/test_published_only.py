"""Anonymous callers see what the public page shows: published plans, approved progress."""

from tests.sample import CLAIM


def results(response):
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_anonymous_callers_never_see_a_draft_plan(api, plan, bobs_task, draft_plan):
    anonymous = api("anonymous")
    assert [p["id"] for p in results(anonymous.get("/api/plans/"))] == [plan.pk]
    assert anonymous.get(f"/api/plans/{draft_plan.pk}/").status_code == 404
    assert [t["code"] for t in results(anonymous.get("/api/tasks/"))] == ["T001"]
    draft_task = draft_plan.tasks.get()
    assert anonymous.get(f"/api/tasks/{draft_task.pk}/").status_code == 404
    assert results(anonymous.get(f"/api/tasks/?plan={draft_plan.pk}")) == []


def test_the_office_sees_its_draft_and_liaisons_do_not(api, plan, draft_plan):
    assert {p["id"] for p in results(api("office").get("/api/plans/"))} == {plan.pk, draft_plan.pk}
    assert [p["id"] for p in results(api("liaison_a").get("/api/plans/"))] == [plan.pk]


def test_anonymous_status_uses_approved_reports_only(api, bobs_task, reports):
    task = api("anonymous").get(f"/api/tasks/{bobs_task.pk}/").json()
    assert task["status"]["code"] == "未报送"
    assert task["status"]["verified"] == task["status"]["claimed"] == 0.3
    assert "待审核" not in str(task)
    assert str(int(CLAIM)) not in str(task)


def test_members_see_claims_awaiting_review(api, bobs_task, reports):
    status = api("viewer").get(f"/api/tasks/{bobs_task.pk}/").json()["status"]
    assert status["verified"] == 0.3
    assert status["claimed"] == 0.95
    assert "待审核" in status["reason"]


def test_anonymous_callers_get_no_progress_reports(api, reports):
    anonymous = api("anonymous")
    for url in ("/api/reports/", f"/api/reports/{reports['approved'].pk}/"):
        response = anonymous.get(url)
        assert response.status_code == 401
        assert response.json()["detail"] == "身份认证信息未提供。"


def test_public_page_and_api_agree(api, client, plan, bobs_task, charlies_task, reports):
    tasks = results(api("anonymous").get(f"/api/tasks/?plan={plan.pk}"))
    page = client.get(f"/public/plans/{plan.pk}/").content.decode()
    for task in tasks:
        if task["status"]["code"] == "未报送":  # the page says no reviewed progress yet
            assert "最近一个月暂无经督查室审核的进展信息" in page
        else:
            assert task["status"]["reason"] in page

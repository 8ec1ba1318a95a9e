"""List endpoints: filters, ordering, pages, JSON errors, and a fixed number of queries."""

import pytest

from luoshi.tracking import pagecache, services
from tests.sample import add_tasks, view_queries


def codes(response):
    assert response.status_code == 200, response.content
    return [row["code"] for row in response.json()["results"]]


def test_tasks_filter_by_plan_kind_department_status_and_text(
    api, plan, bobs_task, charlies_task, ndrc, commerce, reports
):
    client = api("viewer")
    assert codes(client.get(f"/api/tasks/?plan={plan.pk}")) == ["T001", "T002"]
    assert codes(client.get("/api/tasks/?kind=qualitative")) == ["T002"]
    assert codes(client.get(f"/api/tasks/?department={commerce.pk}")) == ["T002"]
    assert codes(client.get(f"/api/tasks/?lead={ndrc.pk}")) == ["T001"]
    assert codes(client.get("/api/tasks/?q=招商")) == ["T002"]
    assert codes(client.get("/api/tasks/?ordering=-code")) == ["T002", "T001"]
    on_track = client.get("/api/tasks/?status=序时推进").json()
    assert [t["status"]["code"] for t in on_track["results"]] == ["序时推进"] * on_track["count"]


def test_an_unknown_status_is_a_clear_400(api, plan):
    response = api("viewer").get("/api/tasks/?status=很好")
    assert response.status_code == 400
    assert "status" in response.json()["errors"]


def test_reports_filter_by_state_and_department(api, commerce, reports):
    client = api("leader")
    rows = client.get("/api/reports/?state=submitted").json()["results"]
    assert {r["id"] for r in rows} == {reports["submitted"].pk, reports["pending"].pk}
    rows = client.get(f"/api/reports/?department={commerce.pk}&ordering=id").json()["results"]
    assert [r["id"] for r in rows] == [reports["returned"].pk, reports["pending"].pk]


def test_pages_of_fifty_and_a_page_size(api, plan, ndrc):
    add_tasks(plan, ndrc, 60)
    first = api("anonymous").get("/api/tasks/").json()
    assert (first["count"], len(first["results"])) == (60, 50)
    assert first["next"].endswith("/api/tasks/?page=2")
    small = api("anonymous").get("/api/tasks/?page_size=7&status=未报送").json()
    assert len(small["results"]) == 7


def test_errors_are_json_sentences_in_chinese(api, db):
    client = api("anonymous")
    response = client.get("/api/nothing-here/")
    assert response.status_code == 404
    assert response.json()["detail"].startswith("没有这个接口地址")
    assert client.get("/api/tasks/999999/").json() == {"detail": "未找到。"}


def test_errors_switch_to_english(api, db):
    response = api("anonymous").get("/api/reports/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.json()["detail"] == "Authentication credentials were not provided."


LISTS = [
    "/api/plans/",
    "/api/sections/",
    "/api/tasks/",
    "/api/tasks/?status=序时推进",
    "/api/targets/",
    "/api/departments/",
    "/api/reports/",
]
CASES = [
    (persona, url)
    for persona in ("anonymous", "office", "token")
    for url in LISTS
    if not (persona == "anonymous" and url == "/api/reports/")  # anonymous callers get a 401
]


@pytest.mark.parametrize(("persona", "url"), CASES)
def test_list_queries_do_not_grow_with_the_data(api, plan, ndrc, bob, persona, url):
    client = api(persona)
    add_tasks(plan, ndrc, 3, liaison=bob)
    few = view_queries(client, url)
    add_tasks(plan, ndrc, 30, liaison=bob)
    assert view_queries(client, url) == few


def test_cached_task_lists_follow_writes_and_stay_apart_per_scope(api, plan, bobs_task, bob):
    def claimed(persona):
        [row] = api(persona).get(f"/api/tasks/?plan={plan.pk}").json()["results"]
        return row["status"]["claimed"]

    assert claimed("office") is None and claimed("anonymous") is None
    target = bobs_task.targets.get()
    data = {"target_obj": target, "period": "2022-06", "value": 100, "narrative": "x"}
    services.submit_report(bob, bobs_task, data)
    assert claimed("office") == 0.5  # the claim shows at once to members
    assert claimed("anonymous") is None  # and never to the public, cached or not


def test_tasks_sort_by_the_status_each_caller_sees(api, plan, bob, bobs_task, charlies_task):
    from luoshi import status
    from luoshi.tracking.models import Task

    Task.objects.filter(pk=bobs_task.pk).update(
        status=status.COMPLETE, public_status=status.OVERDUE
    )
    Task.objects.filter(pk=charlies_task.pk).update(
        status=status.BEHIND, public_status=status.AHEAD
    )
    pagecache.touch(None)

    def order(persona, ordering):
        rows = api(persona).get(f"/api/tasks/?plan={plan.pk}&ordering={ordering}").json()
        return [row["id"] for row in rows["results"]]

    assert order("office", "status") == [charlies_task.pk, bobs_task.pk]  # 滞后 before 已完成
    assert order("office", "-status") == [bobs_task.pk, charlies_task.pk]
    assert order("anonymous", "status") == [bobs_task.pk, charlies_task.pk]  # 逾期 before 超进度

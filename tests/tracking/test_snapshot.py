"""The dashboard and the plan page read cached statuses, never stale ones."""

import pytest
from django.core.cache import caches
from django.urls import reverse

from luoshi.tracking import services, versions
from luoshi.tracking.models import ProgressReport, Task
from tests.sample import PASSWORD


@pytest.fixture
def office(client, settings, alice):
    settings.LUOSHI_AS_OF = "2022-07-10"
    assert client.login(username="alice", password=PASSWORD)
    return client


def shown(client, url):
    return client.get(url).content.decode()


def test_a_submission_and_its_review_show_at_once(office, bob, alice, bobs_task):
    dashboard = reverse("tracking:dashboard")
    plan_page = reverse("tracking:plan", args=[bobs_task.plan_id])
    assert 'class="status missing"' in shown(office, plan_page)
    assert 'class="count missing" href="/plans/' in shown(office, dashboard)
    data = {"target_obj": bobs_task.targets.get(), "period": "2022-06", "value": 180}
    report = services.submit_report(bob, bobs_task, {**data, "narrative": "x"})
    assert 'class="status missing"' not in shown(office, plan_page)
    assert "/ 90%" in shown(office, plan_page)  # claimed, awaiting review
    services.review_report(alice, report.pk, approve=True)
    page = shown(office, plan_page)
    assert "90%" in page and "/ 90%" not in page  # verified now
    assert ProgressReport.objects.get().state == ProgressReport.APPROVED


def test_a_revision_shows_at_once(office, bobs_task):
    plan_page = reverse("tracking:plan", args=[bobs_task.plan_id])
    before = shown(office, plan_page)
    office.post(
        reverse("tracking:revise", args=[bobs_task.pk]),
        {"kind": "deadline_extended", "deadline": "2022-03-31", "reason": "提前"},
    )
    after = shown(office, plan_page)
    assert 'class="status overdue"' in after and 'class="status overdue"' not in before
    assert "T001" in shown(office, reverse("tracking:dashboard"))  # in the overdue table


def test_a_commit_changes_the_version_again(bobs_task, django_capture_on_commit_callbacks):
    # A reader that took the version between the write and its commit cached the old data.
    with django_capture_on_commit_callbacks(execute=True):
        bobs_task.deadline = None
        bobs_task.save(update_fields=["deadline"])
        during = versions.current()
    assert versions.current() != during


def test_the_version_survives_a_cleared_cache(bobs_task):
    before = versions.current()
    caches["local"].clear()
    caches["default"].clear()
    assert versions.current() == before


def test_the_plan_page_shows_fifty_tasks_a_page_and_keeps_the_filters(office, plan, ndrc):
    for n in range(60):
        Task.objects.create(
            plan=plan, code=f"X{n:03d}", order=n, text="新增项目10个。", start=0, end=7, lead=ndrc
        )
    url = reverse("tracking:plan", args=[plan.pk])
    first = shown(office, url + f"?department={ndrc.pk}")
    assert first.count('<td class="reason">') == 50 and "X049" in first and "X050" not in first
    assert f"?department={ndrc.pk}&amp;page=2" in first
    second = shown(office, url + f"?department={ndrc.pk}&page=2")
    assert second.count('<td class="reason">') == 10 and "X050" in second
    missing = shown(office, url + "?status=missing&page=2")
    assert missing.count('<td class="reason">') == 10

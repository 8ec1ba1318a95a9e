"""Pages cost a fixed number of queries, whatever the number of tasks."""

import pytest
from django.urls import reverse

from luoshi.tracking import statuses
from luoshi.tracking.models import Plan, ProgressReport
from tests.sample import PASSWORD, add_tasks, view_queries


@pytest.mark.parametrize("page", ["dashboard", "plan", "department"])
def test_page_queries_do_not_grow_with_the_number_of_tasks(
    client, settings, alice, bob, plan, ndrc, page
):
    settings.LUOSHI_AS_OF = "2022-07-10"
    client.login(username="alice", password=PASSWORD)
    url = {
        "dashboard": reverse("tracking:dashboard"),
        "plan": reverse("tracking:plan", args=[plan.pk]),
        "department": reverse("tracking:department", args=[ndrc.pk]),
    }[page]
    add_tasks(plan, ndrc, 3, liaison=bob)
    few = view_queries(client, url)
    add_tasks(plan, ndrc, 30, liaison=bob)
    assert view_queries(client, url) == few


def test_the_task_page_queries_do_not_grow_with_its_reports(
    client, settings, alice, bob, bobs_task
):
    client.login(username="alice", password=PASSWORD)
    url = reverse("tracking:task", args=[bobs_task.pk])
    target = bobs_task.targets.get()

    def report(n):
        for month in range(1, n + 1):
            ProgressReport.objects.create(
                task=bobs_task,
                target=target,
                period=f"2022-{month:02d}",
                value=month,
                narrative="x",
                submitted_by=bob,
            )
        statuses.refresh([bobs_task])

    report(2)
    few = view_queries(client, url)
    report(10)
    assert view_queries(client, url) == few


def test_the_preview_and_review_queue_queries_do_not_grow(client, alice, bob, plan, ndrc):
    client.login(username="alice", password=PASSWORD)
    urls = [reverse("tracking:preview", args=[plan.pk]), reverse("tracking:review")]

    def measure():
        # The 分工 editor edits drafts; the review queue reads the reports of published plans.
        Plan.objects.filter(pk=plan.pk).update(state=Plan.DRAFT)
        editor = view_queries(client, urls[0])
        Plan.objects.filter(pk=plan.pk).update(state=Plan.PUBLISHED)
        return [editor, view_queries(client, urls[1])]

    add_tasks(plan, ndrc, 2, liaison=bob)
    ProgressReport.objects.update(state="submitted")
    few = measure()
    add_tasks(plan, ndrc, 20, liaison=bob)
    ProgressReport.objects.update(state="submitted")
    assert measure() == few


def test_the_reporting_burden_queries_do_not_grow(client, alice, bob, plan, ndrc):
    client.login(username="alice", password=PASSWORD)
    url = reverse("tracking:burden")
    add_tasks(plan, ndrc, 2, liaison=bob)
    few = view_queries(client, url)
    add_tasks(plan, ndrc, 20, liaison=bob)
    assert view_queries(client, url) == few

"""50 people at once on the same tasks, through the web pages, on PostgreSQL (issue 8, item 5).

The tracker's rule: every submission is a report of its own (the latest of a period counts, so a
second submission for a period is a correction, not a duplicate), and every report is decided
once. So 25 submissions on two tasks make 25 reports and 25 events, and 25 reviewers racing on 5
reports decide each exactly once: one approval or return, one event, and the report's state,
reviewer and reason are those of that event (no lost update). Threads each have their own
database connection; a barrier starts them together.
"""

import os
import threading
from collections import Counter

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from luoshi.tracking.models import Event, Membership, ProgressReport
from tests.sample import make_user

SUBMISSIONS = 25
REVIEWS = 25
CONTESTED = 5  # reports that five reviewers each try to decide


@pytest.fixture(autouse=True)
def postgresql_only(transactional_db, settings):
    if connection.vendor != "postgresql":
        reason = "row locks and real concurrent transactions need PostgreSQL (set DATABASE_URL)"
        if os.environ.get("LUOSHI_REQUIRE_TOOLS") == "1" and os.environ.get("DATABASE_URL"):
            pytest.fail(reason)
        pytest.skip(reason)
    settings.LUOSHI_AS_OF = "2022-07-10"


@pytest.fixture
def second_task(bobs_task):
    task = bobs_task.plan.tasks.create(
        code="T003", order=3, text=bobs_task.text, start=bobs_task.start, end=bobs_task.end,
        kind="qualitative", lead=bobs_task.lead, original_lead=bobs_task.lead,
        deadline=bobs_task.deadline,
    )  # fmt: skip
    return task


@pytest.fixture
def reviewers(city):
    return [make_user(f"office{n}", city, Membership.OFFICE) for n in range(REVIEWS)]


@pytest.fixture
def waiting(bobs_task, bob):
    return [
        ProgressReport.objects.create(
            task=bobs_task,
            target=bobs_task.targets.get(),
            period=f"2022-0{n + 1}",
            value=10 * (n + 1),
            narrative="待审核",
            submitted_by=bob,
        )
        for n in range(CONTESTED)
    ]


def run_together(jobs):
    """Run the callables in threads that start at the same moment; re-raise any failure."""
    barrier = threading.Barrier(len(jobs))
    failures = []

    def worker(job):
        try:
            barrier.wait()
            job()
        except BaseException as error:  # reported in the main thread
            failures.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not failures, failures


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_concurrent_submissions_and_reviews_lose_nothing_and_decide_once(
    bob, bobs_task, second_task, reviewers, waiting
):
    target = bobs_task.targets.get()
    answers = []

    def submit(n):
        task = bobs_task if n % 2 else second_task
        data = {"period": "2022-06", "narrative": f"第{n}次报送"}
        if task == bobs_task:
            data |= {"target": str(target.pk), "value": str(100 + n)}
        else:
            data |= {"percent": str(n)}
        client = logged_in(bob)
        return lambda: answers.append(
            client.post(reverse("tracking:submit_report", args=[task.pk]), data)
        )

    def review(n):
        report = waiting[n % CONTESTED]
        approve = n % 2 == 0
        data = {"decision": "approve" if approve else "return", "reason": f"审核人{n}退回"}
        client = logged_in(reviewers[n])
        return lambda: answers.append(
            client.post(reverse("tracking:review_report", args=[report.pk]), data)
        )

    # A reader caches the task page before the race (parts are cached per data version).
    reader = logged_in(reviewers[0])
    page = reverse("tracking:task", args=[bobs_task.pk])
    assert "第1次报送" not in reader.get(page).content.decode()

    jobs = [submit(n) for n in range(SUBMISSIONS)] + [review(n) for n in range(REVIEWS)]
    run_together(jobs)

    assert len(answers) == SUBMISSIONS + REVIEWS
    assert all(answer.status_code == 302 for answer in answers), Counter(
        a.status_code for a in answers
    )
    # Every submission: one report, one event naming it.
    made = ProgressReport.objects.exclude(pk__in=[r.pk for r in waiting])
    assert made.count() == SUBMISSIONS
    submitted = Event.objects.filter(verb="report_submitted")
    assert submitted.count() == SUBMISSIONS
    assert sorted(e.payload["report"] for e in submitted) == sorted(
        made.values_list("pk", flat=True)
    )
    # Every contested report: decided once, and the report agrees with the one event.
    for report in waiting:
        report.refresh_from_db()
        decisions = Event.objects.filter(
            verb__in=["report_approved", "report_returned"], payload__report=report.pk
        )
        assert decisions.count() == 1, (report.pk, list(decisions.values("verb", "actor")))
        [decision] = decisions
        assert report.state == ("approved" if decision.verb == "report_approved" else "returned")
        assert report.reviewer_id == decision.actor_id
        assert report.return_reason == decision.reason
    assert Event.objects.count() == SUBMISSIONS + CONTESTED
    # The commits of the other threads reached the reader's cached page: every submission shows.
    shown = reader.get(page).content.decode()
    assert all(f"第{n}次报送" in shown for n in range(1, SUBMISSIONS, 2))

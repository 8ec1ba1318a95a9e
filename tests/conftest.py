"""Fixtures for every test folder: a city, two departments, a small plan, and the people who
use it (the helpers and constants the tests import are in tests/sample.py).

alice runs the supervision office, bob is the 发改委 liaison, charlie the 商务局 liaison,
dana is a leader (reads everything, writes nothing), erin a viewer. bob's task has a target
(谋划包装项目200个以上), charlie's is qualitative. `reports` gives bob's task an approved report
for May (60 of 200, 30%) and one awaiting review for June (190, 95%): the public sees the 30% and
never the 95%.
"""

from datetime import date

import pytest
from hypothesis import settings as hypothesis_settings

from luoshi.tracking import statuses
from luoshi.tracking.models import (
    Department,
    Jurisdiction,
    Membership,
    Plan,
    ProgressReport,
    Target,
    Task,
)
from tests.sample import AS_OF, CLAIM, DRAFT_TEXT, SOURCE, make_user

# The test run sees the same generated cases every time, so a red run can be repeated and a
# green one means the same on every machine; `make fuzz` (`luoshi fuzz`) explores new ones.
hypothesis_settings.register_profile("repeatable", derandomize=True, print_blob=True)
hypothesis_settings.load_profile("repeatable")


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The caches outlive a test's rolled-back data (statuses, page parts, throttles)."""
    from django.core.cache import caches

    caches["default"].clear()
    caches["pages"].clear()


@pytest.fixture(autouse=True)
def _worker_keeps_the_tests_connection(monkeypatch):
    """`db_worker` run inside a test keeps the test's connection open, as Django's test client
    does for requests: on PostgreSQL, closing it would end the test's transaction."""
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Quick password hashes: many tests make users, and the default hasher is slow on purpose."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def city(db):
    return Jurisdiction.objects.create(name="辽源市")


@pytest.fixture
def ndrc(city):
    return Department.objects.create(jurisdiction=city, code="fgw", name="市发改委")


@pytest.fixture
def commerce(city):
    return Department.objects.create(jurisdiction=city, code="swj", name="市商务局")


@pytest.fixture
def alice(city):
    return make_user("alice", city, Membership.OFFICE)


@pytest.fixture
def bob(city, ndrc):
    return make_user("bob", city, Membership.LIAISON, ndrc)


@pytest.fixture
def charlie(city, commerce):
    return make_user("charlie", city, Membership.LIAISON, commerce)


@pytest.fixture
def dana(city):
    return make_user("dana", city, Membership.LEADER)


@pytest.fixture
def plan(city):
    return Plan.objects.create(
        jurisdiction=city,
        year=2022,
        title="辽源市政府工作报告",
        source_name="test.txt",
        source_text=SOURCE,
        source_sha256="0" * 64,
        state=Plan.PUBLISHED,
    )


@pytest.fixture
def bobs_task(plan, ndrc):
    start = SOURCE.index("全力抓好")
    end = SOURCE.index("。", start) + 1
    task = Task.objects.create(
        plan=plan,
        code="T001",
        order=1,
        text=SOURCE[start:end],
        start=start,
        end=end,
        kind="target",
        lead=ndrc,
        original_lead=ndrc,
        deadline=date(2022, 12, 31),
        original_deadline=date(2022, 12, 31),
    )
    span = "谋划包装项目200个以上"
    at = SOURCE.index(span)
    Target.objects.create(
        task=task,
        text=span,
        start=at,
        end=at + len(span),
        indicator="谋划包装项目",
        value=200,
        original_value=200,
        unit="个",
        comparator=">=",
    )
    statuses.refresh_plan(plan)
    return task


@pytest.fixture
def charlies_task(plan, commerce):
    start = SOURCE.index("深入开展")
    task = Task.objects.create(
        plan=plan,
        code="T002",
        order=2,
        text=SOURCE[start:],
        start=start,
        end=len(SOURCE),
        kind="qualitative",
        lead=commerce,
        original_lead=commerce,
    )
    statuses.refresh_plan(plan)
    return task


@pytest.fixture
def erin(city):
    return make_user("erin", city, Membership.VIEWER)


@pytest.fixture
def as_of(settings):
    """The public page's and the API's day (autouse in their folders)."""
    settings.LUOSHI_AS_OF = AS_OF


@pytest.fixture
def draft_plan(city, ndrc):
    draft = Plan.objects.create(
        jurisdiction=city,
        year=2022,
        title="草稿方案",
        source_name="draft.txt",
        source_text=DRAFT_TEXT,
        source_sha256="1" * 64,
        state=Plan.DRAFT,
    )
    Task.objects.create(
        plan=draft,
        code="D001",
        order=1,
        text=DRAFT_TEXT,
        start=0,
        end=len(DRAFT_TEXT),
        lead=ndrc,
        deadline=date(2022, 12, 31),
    )
    statuses.refresh_plan(draft)
    return draft


@pytest.fixture
def reports(bob, bobs_task, charlie, charlies_task):
    target = bobs_task.targets.get()

    def report(task, user, period, state, **values):
        return ProgressReport.objects.create(
            task=task,
            period=period,
            narrative=f"{period} {state}",
            submitted_by=user,
            state=state,
            **values,
        )

    made = {
        "approved": report(bobs_task, bob, "2022-05", "approved", target=target, value=60),
        "submitted": report(bobs_task, bob, "2022-06", "submitted", target=target, value=CLAIM),
        "returned": report(charlies_task, charlie, "2022-06", "returned", percent=70),
        "pending": report(charlies_task, charlie, "2022-06", "submitted", percent=55),
    }
    statuses.refresh_plan(bobs_task.plan)
    return made

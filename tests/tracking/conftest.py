"""Shared fixtures: a city, two departments, a small plan, and the people who use it.

alice runs the supervision office, bob is the 发改委 liaison, charlie the 商务局 liaison,
dana is a leader (reads everything, writes nothing).
"""

from datetime import date

import pytest
from django.contrib.auth.models import User

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

PASSWORD = "correct horse battery staple"
SOURCE = "二是聚焦项目。全力抓好项目谋划，谋划包装项目200个以上。深入开展招商引资攻坚。"


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
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


def make_user(name, city, role, department=None):
    user = User.objects.create_user(name, f"{name}@example.org", PASSWORD)
    Membership.objects.create(user=user, jurisdiction=city, role=role, department=department)
    return user


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


def add_tasks(plan, department, count, liaison=None):
    """`count` more target tasks led (and supported) by `department`, each with an approved
    report by `liaison` when one is given: for checks that query counts do not grow."""
    first = plan.tasks.count()
    for n in range(first, first + count):
        task = Task.objects.create(
            plan=plan,
            code=f"X{n:03d}",
            order=100 + n,
            text="新增项目10个。",
            start=0,
            end=7,
            kind="target",
            lead=department,
        )
        target = Target.objects.create(task=task, text="10个", start=4, end=7, value=10, unit="个")
        task.supporting.add(department)
        if liaison is not None:
            ProgressReport.objects.create(
                task=task,
                target=target,
                period="2022-06",
                value=5,
                narrative="x",
                submitted_by=liaison,
                state="approved",
            )
    statuses.refresh_plan(plan)

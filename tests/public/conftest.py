"""Fixtures for the public page and the API: the tracker's city, people and plan (alice office,
bob 发改委 liaison, charlie 商务局 liaison, dana leader), plus erin (viewer), a draft plan,
and reports in every state.

bob's task has an approved report for May (60 of 200, 30%) and one awaiting review for June
(190, 95%): the public sees the 30% and never the 95%.
"""

from datetime import date

import pytest

from luoshi.tracking.models import Membership, Plan, ProgressReport, Task
from tracking import conftest as shared

# The shared fixtures and names, re-exported for the tests in this folder.
PASSWORD = shared.PASSWORD
SOURCE = shared.SOURCE
make_user = shared.make_user
alice = shared.alice
bob = shared.bob
bobs_task = shared.bobs_task
charlie = shared.charlie
charlies_task = shared.charlies_task
city = shared.city
commerce = shared.commerce
dana = shared.dana
fast_password_hashing = shared.fast_password_hashing
ndrc = shared.ndrc
plan = shared.plan

AS_OF = "2022-07-10"
DRAFT_TEXT = "草稿里的秘密任务：新建秘密工程一项。"
CLAIM = 190.0  # awaiting review: must never reach the public


@pytest.fixture(autouse=True)
def as_of(settings):
    settings.LUOSHI_AS_OF = AS_OF


@pytest.fixture
def erin(city):
    return make_user("erin", city, Membership.VIEWER)


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

    return {
        "approved": report(bobs_task, bob, "2022-05", "approved", target=target, value=60),
        "submitted": report(bobs_task, bob, "2022-06", "submitted", target=target, value=CLAIM),
        "returned": report(charlies_task, charlie, "2022-06", "returned", percent=70),
        "pending": report(charlies_task, charlie, "2022-06", "submitted", percent=55),
    }

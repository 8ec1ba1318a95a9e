"""What the tests import beside the fixtures of tests/conftest.py: the named people's password
and how to make one more, the small plan's source text, and the figures the public tests check.
"""

from django.contrib.auth.models import User

from luoshi.tracking import statuses
from luoshi.tracking.models import Membership, ProgressReport, Target, Task

PASSWORD = "correct horse battery staple"
SOURCE = "二是聚焦项目。全力抓好项目谋划，谋划包装项目200个以上。深入开展招商引资攻坚。"

# The public page and the API (tests/public, tests/api) see the plan on this day.
AS_OF = "2022-07-10"
DRAFT_TEXT = "草稿里的秘密任务：新建秘密工程一项。"
CLAIM = 190.0  # awaiting review: must never reach the public


def make_user(name, city, role, department=None):
    user = User.objects.create_user(name, f"{name}@example.org", PASSWORD)
    Membership.objects.create(user=user, jurisdiction=city, role=role, department=department)
    return user


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


def view_queries(client, url):
    """The queries of one view of `url` as its view makes it: after a first request (the day's
    statuses, the CSRF cookie) and with the page cache off."""
    from django.db import connection
    from django.test import override_settings
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    with override_settings(LUOSHI_PAGE_CACHE=False), CaptureQueriesContext(connection) as found:
        response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return len(found.captured_queries)

"""`luoshi scale-demo` at tiny sizes: the counts it promises, pages that render over it, and query
counts per page that do not grow with the data (issue 8, items 3 and 4)."""

import pytest
from django.contrib.auth.models import User
from django.db import transaction
from django.test import Client
from django.urls import reverse

from luoshi.devtools import scale_data as scale
from luoshi.ledger.models import Project
from luoshi.tracking.models import Jurisdiction, Plan, ProgressReport, Target, Task
from tests.sample import view_queries

SMALL = scale.Sizes(plans=3, tasks=60, reports=400, projects=30)
LARGER = scale.Sizes(plans=3, tasks=240, reports=4000, projects=300)


@pytest.fixture(autouse=True)
def as_of(settings):
    settings.LUOSHI_AS_OF = "2022-07-10"


def pages() -> dict[str, str]:
    """The pages the load benchmark drives, for the first city's 2022 plan."""
    plan = Plan.objects.get(jurisdiction__name=scale.city_name(1), year=scale.LAST_YEAR)
    task = plan.tasks.order_by("order").last()
    assert task is not None
    return {
        "dashboard": reverse("tracking:dashboard"),
        "plan": reverse("tracking:plan", args=[plan.pk]),
        "task": reverse("tracking:task", args=[task.pk]),
        "ledger": reverse("ledger:list"),
        "api tasks": f"/api/tasks/?plan={plan.pk}",
        "api reports": f"/api/reports/?task={task.pk}",
        "public plan": reverse("public:plan", args=[plan.pk]),
    }


def office_client() -> Client:
    client = Client()
    client.force_login(User.objects.get(username=scale.username(1, "office")))
    return client


def query_counts() -> dict[str, int]:
    client = office_client()
    counts = {}
    for name, url in pages().items():
        counts[name] = view_queries(client, url)
    return counts


def test_it_makes_the_counts_it_was_asked_for_and_marks_them_synthetic(db):
    summary = scale.generate(SMALL)
    assert Plan.objects.count() == 3
    assert Task.objects.count() == 60
    assert ProgressReport.objects.count() == 400
    assert Project.objects.count() == 30
    assert summary.counts["tasks"] == 60 and summary.counts["reports"] == 400
    assert Target.objects.count() == summary.counts["targets"] == 45  # three tasks in four
    assert not ProgressReport.objects.filter(is_demo=False).exists()
    assert not Project.objects.filter(synthetic=False).exists()
    assert all(plan.title.startswith(scale.MARK) for plan in Plan.objects.all())
    assert Jurisdiction.objects.filter(name=scale.city_name(1)).exists()


def test_it_refuses_to_run_twice(db):
    scale.generate(SMALL)
    with pytest.raises(scale.ScaleError, match="已有合成数据"):
        scale.generate(SMALL)
    assert Task.objects.count() == 60


def test_a_liaison_and_a_leader_can_log_in_and_see_the_pages(db):
    scale.generate(SMALL)
    for role in ("d01", "leader", "viewer"):
        client = Client()
        assert client.login(username=scale.username(1, role), password=scale.SCALE_PASSWORD)
        for name, url in pages().items():
            assert client.get(url).status_code == 200, (role, name)


def test_query_counts_per_page_do_not_grow_with_the_data(db):
    """Four times the tasks, ten times the reports and projects: the same queries per page."""
    savepoint = transaction.savepoint()
    small = query_counts_for(SMALL)
    transaction.savepoint_rollback(savepoint)
    larger = query_counts_for(LARGER)
    print(f"\nqueries per page: {larger}")
    assert small == larger


def query_counts_for(sizes: scale.Sizes) -> dict[str, int]:
    scale.generate(sizes)
    assert Task.objects.count() == sizes.tasks
    return query_counts()


def test_the_command_prints_counts_and_seconds(db, monkeypatch):
    from click.testing import CliRunner

    from luoshi import cli
    from luoshi.cli import django_app

    monkeypatch.setattr(django_app, "setup", lambda **_: None)
    monkeypatch.setattr("django.core.management.call_command", lambda *a, **k: None)
    args = ["scale-demo", "--plans", "2", "--tasks", "20", "--reports", "50", "--projects", "5"]
    result = CliRunner().invoke(cli.main, args)
    assert result.exit_code == 0, result.output
    assert "tasks" in result.output and "20" in result.output and " s (" in result.output
    again = CliRunner().invoke(cli.main, args)
    assert again.exit_code == 1 and "已有合成数据" in again.output

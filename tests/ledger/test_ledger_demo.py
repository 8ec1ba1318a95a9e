"""The demo's synthetic ledger: marked as synthetic, and the seed's project targets bound to it
with real statuses; the benchmark command runs."""

from datetime import date

import pytest

from luoshi import status
from luoshi.devtools import ledger_bench as bench
from luoshi.ledger import demo
from luoshi.ledger.models import Binding, Enterprise, Project
from luoshi.tracking import demo as tracking_demo
from luoshi.tracking.measure import measure, tasks_for_status
from luoshi.tracking.models import Task


@pytest.fixture
def plan(db):
    plan, _, _ = tracking_demo.set_up()
    return plan


@pytest.mark.slow
def test_the_demo_binds_the_seeds_project_targets_and_marks_its_data_synthetic(plan):
    message = demo.set_up(plan, projects=300, enterprises=20)
    assert "synthetic" in message
    assert not Project.objects.filter(synthetic=False).exists()
    assert all(p.name.startswith("【合成】") for p in Project.objects.all()[:50])
    assert Enterprise.objects.filter(synthetic=True).count() == 20
    texts = set(Binding.objects.values_list("target__text", flat=True))
    assert {"开复工500万元以上项目354个", "全市新签约项目落地资金不少于150亿元"} <= texts
    tasks = Task.objects.filter(targets__ledger_binding__isnull=False).distinct()
    results = measure(tasks_for_status(tasks), date(2022, 7, 10))
    assert len(results) == 4
    each = next(m for m in results if "每个县" in m.task.text)
    assert len(each.result.lines) == 4  # one line per county or district
    assert all(m.status in status.STATUSES and m.status != status.MISSING for m in results)
    assert demo.set_up(plan).endswith("already there")


def test_the_ledger_benchmark_imports_its_sheet_and_times_the_page(db):
    figures = bench.run(rows=200, requests=10)
    assert figures["rows"] == 200
    assert figures["import_s"] > 0 and figures["p95_ms"] >= figures["p50_ms"] > 0

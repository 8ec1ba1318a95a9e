"""`luoshi bench-ledger`: import a 10,000-row 项目台账 and time the ledger page over it.

Runs against a throw-away SQLite database in a temporary folder; prints seconds and
milliseconds. Goals: import under 10 s, the ledger page under 150 ms at the 95th percentile.
"""

from __future__ import annotations

import contextlib
import io
import random
import statistics
import time
from datetime import date, timedelta

from openpyxl import Workbook

HEADER = [
    *("项目编号", "项目名称", "县（区）", "牵头部门", "所属行业", "是否招商引资", "总投资（万元）"),
    *("当前阶段", "包保领导", "项目秘书", "谋划日期", "签约日期", "审批日期", "开工日期"),
    *("竣工日期", "投产日期", "2022年计划投资（万元）", "2022年到位资金（万元）"),
]
STAGES = ["谋划", "签约", "审批", "开工", "竣工", "投产"]
DISTRICTS = ["东丰县", "东辽县", "龙山区", "西安区", "市本级"]


def sheet(rows: int, today: date, seed: int = 1) -> io.BytesIO:
    rng = random.Random(seed)
    book = Workbook(write_only=True)
    ws = book.create_sheet("项目台账")
    ws.append(HEADER)
    for n in range(1, rows + 1):
        stage = rng.randrange(len(STAGES))
        on = today - timedelta(days=rng.randint(400, 900))
        dates: list[date | None] = []
        for at in range(len(STAGES)):
            if at <= stage:
                on += timedelta(days=rng.randint(1, 60))
                dates.append(on)
            else:
                dates.append(None)
        wan = round(10 ** rng.uniform(2.5, 5.3))
        ws.append(
            [f"B{n:05d}", f"基准测试项目{n}", rng.choice(DISTRICTS), "", "装备制造",
             rng.choice(["是", "否"]), wan, STAGES[stage], "王副市长", "赵明", *dates,
             round(wan * 0.3), round(wan * 0.05)]
        )  # fmt: skip
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    return out


def run(rows: int = 10_000, requests: int = 60) -> dict[str, float]:
    from django.contrib.auth.models import User
    from django.test import Client
    from django.test.utils import setup_test_environment

    from luoshi.ledger.project_workbook import import_projects
    from luoshi.tracking.models import Jurisdiction, Membership

    with contextlib.suppress(RuntimeError):  # already set up when run under pytest
        setup_test_environment()
    today = date(2022, 7, 10)
    city = Jurisdiction.objects.create(name="辽源市")
    for name in DISTRICTS[:-1]:
        Jurisdiction.objects.create(name=name, level="county", parent=city)
    data = sheet(rows, today)
    began = time.perf_counter()
    result = import_projects(data, city, today=today)
    seconds = time.perf_counter() - began
    if result.problems:
        raise RuntimeError(f"the benchmark sheet has problems: {result.problems[:3]}")
    user = User.objects.create_user("bench", password="x")
    Membership.objects.create(user=user, jurisdiction=city, role=Membership.OFFICE)
    client = Client()
    client.force_login(user)
    timings = []
    urls = ["/ledger/", "/ledger/?stage=started", "/ledger/?size=large&page=3", "/ledger/?q=项目9"]
    for n in range(requests):
        began_page = time.perf_counter()
        response = client.get(urls[n % len(urls)])
        timings.append((time.perf_counter() - began_page) * 1000)
        assert response.status_code == 200
    timings = timings[4:]  # the first requests warm caches
    return {
        "rows": float(result.created),
        "import_s": seconds,
        "p50_ms": statistics.median(timings),
        "p95_ms": statistics.quantiles(timings, n=20)[18],
    }

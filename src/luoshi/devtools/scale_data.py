"""`luoshi scale-demo`: a province-scale synthetic dataset, made in bulk, for load tests.

Ten plans a city (one a year, 2013 to 2022), so 100 plans make ten cities 合成市01…合成市10, each
with 20 departments and 23 accounts (office, leader, viewer and a liaison per department; the
password is SCALE_PASSWORD). Tasks, reports and projects are spread evenly over the plans and
cities. Everything is marked synthetic: the cities' names start with 合成市, plans, tasks and
narratives with 【合成】, reports carry is_demo, projects synthetic, and each plan has a
`demo_data` event with the counts. A second run refuses rather than doubling the data.

Rows go in with bulk_create in batches; on PostgreSQL the progress reports go in with COPY.
"""

from __future__ import annotations

import hashlib
import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from django.db import connection, transaction
from django.utils import timezone

from luoshi.ledger import demo as ledger_demo
from luoshi.ledger.models import REACHED, Investment, Project, StageChange
from luoshi.ledger.transitions import STAGES, rules
from luoshi.tracking import statuses
from luoshi.tracking.models import (
    Department,
    Event,
    Jurisdiction,
    Membership,
    Plan,
    ProgressReport,
    Section,
    Target,
    Task,
)

PREFIX = "合成市"
MARK = "【合成】"
SCALE_PASSWORD = "luoshi-scale-2022"
PLANS_PER_CITY = 10
LAST_YEAR = 2022
BATCH = 5000
DEPARTMENT_NAMES = [
    "发展和改革委员会", "商务局", "工业和信息化局", "科学技术局", "住房和城乡建设局",
    "生态环境局", "农业农村局", "人力资源和社会保障局", "教育局", "卫生健康委员会",
    "政务服务和数字化建设管理局", "财政局", "交通运输局", "水利局", "文化广电和旅游局",
    "自然资源局", "应急管理局", "市场监督管理局", "民政局", "林业局",
]  # fmt: skip
WORK = ["项目建设", "招商引资", "城市更新", "乡村振兴", "科技创新", "民生保障", "生态治理"]
SECTIONS = 10


class ScaleError(Exception):
    """The synthetic data cannot be made (a sentence for the user)."""


@dataclass(frozen=True)
class Sizes:
    plans: int = 100
    tasks: int = 50_000
    reports: int = 600_000
    projects: int = 10_000


@dataclass
class Summary:
    counts: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def total_seconds(self) -> float:
        return sum(self.seconds.values())


def spread(total: int, parts: int) -> list[int]:
    """`total` split into `parts` near-equal whole shares, the larger ones first."""
    base, extra = divmod(total, parts)
    return [base + (1 if i < extra else 0) for i in range(parts)]


def city_name(n: int) -> str:
    return f"{PREFIX}{n:02d}"


def username(city: int, role: str) -> str:
    """Accounts are s01-office, s01-leader, s01-viewer and s01-d01 … s01-d20 (liaisons)."""
    return f"s{city:02d}-{role}"


def exists() -> bool:
    return Jurisdiction.objects.filter(name__startswith=PREFIX).exists()


def generate(sizes: Sizes, seed: int = 2022) -> Summary:
    if min(sizes.plans, sizes.tasks) < 1 or min(sizes.reports, sizes.projects) < 0:
        raise ScaleError("计划数和任务数至少为1，进展报告数和项目数不能为负数。")
    if exists():
        raise ScaleError(
            f"数据库中已有合成数据（{PREFIX}01 等），不再重复生成。"
            "如需重新生成，请换用一个空数据库。"
        )
    summary = Summary()
    rng = random.Random(seed)
    with transaction.atomic():
        cities: list[City] = _timed(summary, "people", lambda: _people(sizes, summary))
        plans: list[PlanSketch] = _timed(summary, "plans", lambda: _plans(cities, sizes, summary))
        tasks = _timed(summary, "tasks", lambda: _tasks(plans, sizes, rng, summary))
        _timed(summary, "reports", lambda: _reports(cities, tasks, sizes, rng, summary))
        _timed(summary, "projects", lambda: _projects(cities, sizes, rng, summary))
        Event.objects.bulk_create(
            Event(
                verb="demo_data", plan=sketch.plan, reason=f"{MARK}luoshi scale-demo",
                payload={"synthetic": True, **summary.counts},
            )
            for sketch in plans
        )  # fmt: skip
    statuses.refresh_all()  # bulk_create leaves the stored statuses empty
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # fresh statistics, or the first queries plan badly
    return summary


def _timed(summary: Summary, step: str, work: Callable[[], Any]) -> Any:
    began = time.perf_counter()
    result = work()
    summary.seconds[step] = time.perf_counter() - began
    return result


@dataclass
class City:
    jurisdiction: Jurisdiction
    number: int
    departments: list[Department]
    liaisons: dict[int, User]  # department id → liaison
    office: User


def _people(sizes: Sizes, summary: Summary) -> list[City]:
    count = -(-sizes.plans // PLANS_PER_CITY)
    password = make_password(SCALE_PASSWORD)  # hashed once, shared by every account
    cities = []
    for n in range(1, count + 1):
        city = Jurisdiction.objects.create(name=city_name(n), level="city")
        for county in ("一县", "二区"):
            Jurisdiction.objects.create(name=f"{city.name}{county}", level="county", parent=city)
        departments = Department.objects.bulk_create(
            Department(jurisdiction=city, code=f"d{i:02d}", name=f"{city.name}{name}")
            for i, name in enumerate(DEPARTMENT_NAMES, start=1)
        )
        roles = [
            ("office", Membership.OFFICE, None),
            ("leader", Membership.LEADER, None),
            ("viewer", Membership.VIEWER, None),
            *((d.code, Membership.LIAISON, d) for d in departments),
        ]
        users = User.objects.bulk_create(
            User(username=username(n, key), password=password, is_staff=role == Membership.OFFICE)
            for key, role, _ in roles
        )
        Membership.objects.bulk_create(
            Membership(user=user, jurisdiction=city, role=role, department=department)
            for user, (_, role, department) in zip(users, roles, strict=True)
        )
        liaisons = {d.pk: u for u, (_, _, d) in zip(users, roles, strict=True) if d is not None}
        cities.append(City(city, n, departments, liaisons, users[0]))
    summary.counts["cities"] = len(cities)
    summary.counts["users"] = len(cities) * (3 + len(DEPARTMENT_NAMES))
    return cities


@dataclass
class PlanSketch:
    plan: Plan
    city: City
    tasks: int
    sections: list[Section]


def _plans(cities: list[City], sizes: Sizes, summary: Summary) -> list[PlanSketch]:
    made = []
    now = timezone.now()
    for i, tasks in enumerate(spread(sizes.tasks, sizes.plans)):
        city = cities[i // PLANS_PER_CITY]
        year = LAST_YEAR - i % PLANS_PER_CITY
        text = "\n".join(_task_text(city.number, year, n) for n in range(1, tasks + 1))
        plan = Plan.objects.create(
            jurisdiction=city.jurisdiction,
            year=year,
            title=f"{MARK}{city.jurisdiction.name}{year}年政府工作报告",
            source_name="luoshi-scale-demo.txt",
            source_text=text,
            source_sha256=hashlib.sha256(text.encode()).hexdigest(),
            state=Plan.PUBLISHED,
            published_at=now,
        )
        sections = Section.objects.bulk_create(
            Section(
                plan=plan, order=k, level=1, number=str(k), title=f"{MARK}{WORK[k % len(WORK)]}",
                start=0, end=0, body_end=len(text),
            )
            for k in range(1, SECTIONS + 1)
        )  # fmt: skip
        Event.objects.create(actor=city.office, verb="published", plan=plan, reason=MARK)
        made.append(PlanSketch(plan, city, tasks, sections))
    summary.counts["plans"] = len(made)
    return made


def _task_text(city: int, year: int, n: int) -> str:
    work = WORK[(city + n) % len(WORK)]
    return f"{MARK}{year}年第{n}项：全力推进{work}，完成{10 + n % 90}个以上。"


def _tasks(
    plans: list[PlanSketch], sizes: Sizes, rng: random.Random, summary: Summary
) -> list[tuple[Task, Target | None]]:
    tasks: list[Task] = []
    helpers: list[Department] = []  # every fifth task has a supporting department
    for sketch in plans:
        plan, year, departments = sketch.plan, sketch.plan.year, sketch.city.departments
        offset = 0
        for n in range(1, sketch.tasks + 1):
            text = _task_text(sketch.city.number, year, n)
            lead = departments[n % len(departments)]
            deadline = date(year, 6, 30) if n % 7 == 0 else date(year, 12, 31)
            tasks.append(
                Task(
                    plan=plan, section=sketch.sections[n * SECTIONS // (sketch.tasks + 1)],
                    code=f"T{n:04d}", order=n, text=text, start=offset, end=offset + len(text),
                    kind="target" if n % 4 else "qualitative", lead=lead, original_lead=lead,
                    deadline=deadline, original_deadline=deadline,
                    nodes=[f"{year}-06-30", f"{year}-09-30"] if n % 9 == 3 else [],
                )
            )  # fmt: skip
            offset += len(text) + 1
            if n % 5 == 0:
                helpers.append(departments[(n + 1) % len(departments)])
    tasks = _bulk(Task, tasks)
    targets: list[Target] = []
    for task in tasks:
        if task.kind == "target":
            value = float(10 + task.order % 90)
            at = task.text.index("完成")
            targets.append(
                Target(
                    task=task, text=task.text[at:-1], start=task.start + at, end=task.end - 1,
                    indicator=WORK[task.order % len(WORK)], value=value, original_value=value,
                    unit="个", comparator=">=",
                )
            )  # fmt: skip
    targets = _bulk(Target, targets)
    by_task = {target.task_id: target for target in targets}
    supported = [task for task in tasks if task.order % 5 == 0]
    through = Task.supporting.through
    _bulk(
        through,
        (
            through(task_id=task.pk, department_id=helper.pk)
            for task, helper in zip(supported, helpers, strict=True)
        ),
    )
    summary.counts["tasks"] = len(tasks)
    summary.counts["targets"] = len(targets)
    return [(task, by_task.get(task.pk)) for task in tasks]


_REPORT_COLUMNS = [
    "task_id", "target_id", "each_item", "period", "value", "percent", "narrative",
    "submitted_by_id", "submitted_at", "state", "return_reason", "reviewer_id", "reviewed_at",
    "is_demo",
]  # fmt: skip


def _report_rows(
    tasks: list[tuple[Task, Target | None]],
    sizes: Sizes,
    rng: random.Random,
    people: dict[int, tuple[int, int]],
) -> Iterator[tuple[Any, ...]]:
    """Monthly reports per task, January onwards (a second round after December); mostly
    approved, some returned, the latest of some tasks awaiting review."""
    zone = timezone.get_current_timezone()
    for (task, target), count in zip(tasks, spread(sizes.reports, len(tasks)), strict=True):
        year = task.plan.year
        assert task.lead_id is not None
        author, office = people[task.lead_id]
        pace = rng.choice([0.5, 0.8, 0.95, 1.0, 1.05, 1.2, 2.0])
        for k in range(count):
            month = k % 12 + 1
            share = min(pace * month / 12, 1.0) * rng.uniform(0.92, 1.08)
            state = ProgressReport.APPROVED
            if rng.random() < 0.03:
                state = ProgressReport.RETURNED
            elif k == count - 1 and rng.random() < 0.02:
                state = ProgressReport.SUBMITTED
            submitted = datetime(year, month, 5, 10, tzinfo=zone) + timedelta(days=28)
            reviewed = state != ProgressReport.SUBMITTED
            yield (
                task.pk,
                target.pk if target else None,
                "",
                f"{year}-{month:02d}",
                round(target.value * share) if target else None,
                None if target else round(share * 100),
                f"{MARK}{month}月进展：按计划推进。",
                author,
                submitted,
                state,
                f"{MARK}数据与台账不一致，请核实。" if state == ProgressReport.RETURNED else "",
                office if reviewed else None,
                submitted + timedelta(days=2) if reviewed else None,
                True,
            )


def _reports(
    cities: list[City],
    tasks: list[tuple[Task, Target | None]],
    sizes: Sizes,
    rng: random.Random,
    summary: Summary,
) -> None:
    # Who submits (the lead department's liaison) and who reviews (the city's office).
    people = {
        department_id: (liaison.pk, city.office.pk)
        for city in cities
        for department_id, liaison in city.liaisons.items()
    }
    rows = _report_rows(tasks, sizes, rng, people)
    if connection.vendor == "postgresql":
        table = ProgressReport._meta.db_table
        with connection.cursor() as cursor:
            raw = cursor.cursor  # psycopg's own cursor, for COPY
            # COPY fills no defaults: the JSON columns get theirs here.
            sql = f"COPY {table} ({', '.join(_REPORT_COLUMNS)}, milestones) FROM STDIN"
            with raw.copy(sql) as copy:
                for row in rows:
                    copy.write_row((*row, "[]"))
    else:
        _bulk(
            ProgressReport,
            (ProgressReport(**dict(zip(_REPORT_COLUMNS, r, strict=True))) for r in rows),
        )
    summary.counts["reports"] = sizes.reports


def _projects(cities: list[City], sizes: Sizes, rng: random.Random, summary: Summary) -> None:
    today = date(LAST_YEAR, 7, 10)
    made: list[Project] = []
    for city, count in zip(cities, spread(sizes.projects, len(cities)), strict=True):
        districts: list[Jurisdiction | None] = [
            *Jurisdiction.objects.filter(parent=city.jurisdiction),
            None,
        ]
        for n in range(1, count + 1):
            reached = ledger_demo.stage_dates(rng, today)
            stage = max(reached, key=STAGES.index)
            industry = rng.choice(ledger_demo.INDUSTRIES)
            made.append(
                Project(
                    jurisdiction=city.jurisdiction, district=rng.choice(districts),
                    code=f"SCALE-{n:05d}", name=f"{MARK}{industry}项目{n}",
                    department=city.departments[n % len(city.departments)], industry=industry,
                    attracted=rng.random() < 0.45,
                    total_investment=Decimal(round(10 ** rng.uniform(2.6, 4.95))) * 10000,
                    stage=stage, stage_since=reached[stage], tier=rules().stage(stage).tier,
                    leader=rng.choice(ledger_demo.LEADERS),
                    secretary=rng.choice(ledger_demo.SECRETARIES), synthetic=True,
                    **{REACHED[s]: d for s, d in reached.items()},
                )
            )  # fmt: skip
    made = _bulk(Project, made)
    _bulk(StageChange, (c for p in made for c in ledger_demo.stage_history(p)))
    _bulk(Investment, (m for p in made for m in ledger_demo.investments(p, rng, LAST_YEAR)))
    summary.counts["projects"] = len(made)


def _bulk(model: Any, objects: Any) -> list[Any]:
    """bulk_create in batches, so memory and statement size stay bounded."""
    made: list[Any] = []
    batch: list[Any] = []
    for item in objects:
        batch.append(item)
        if len(batch) == BATCH:
            made += model.objects.bulk_create(batch)
            batch = []
    if batch:
        made += model.objects.bulk_create(batch)
    return made

"""Synthetic ledger data for the 辽源市 demo: projects and enterprises, made up but plausible,
marked as synthetic (a flag shown in the UI, and 【合成】 in their names), and the report's
project targets bound to the ledger. Running it again adds nothing."""

from __future__ import annotations

import itertools
import random
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction

from luoshi.ledger.models import (
    REACHED,
    Binding,
    Enterprise,
    EnterpriseYear,
    Investment,
    Project,
    StageChange,
)
from luoshi.ledger.transitions import STAGES, rules
from luoshi.tracking import services
from luoshi.tracking.demo import AS_OF
from luoshi.tracking.models import Department, Jurisdiction, Plan, Target

WAN = Decimal(10000)
INDUSTRIES = [
    "新能源汽车配套",
    "医药健康",
    "纺织袜业",
    "冶金建材",
    "农产品加工",
    "梅花鹿",
    "文旅康养",
    "数字经济",
    "装备制造",
    "城市更新",
    "新型基础设施",
    "现代物流",
]
LEADERS = ["王副市长", "李副市长", "张副市长", "刘副市长", "陈副市长"]
SECRETARIES = ["赵明", "钱丽", "孙强", "周敏", "吴刚", "郑洁", "冯涛", "陈静"]
DEPARTMENTS = ["发展和改革委员会", "商务局", "工业和信息化局", "住房和城乡建设局", "农业农村局"]
# (text in the report, binding)
BINDINGS: list[tuple[str, dict[str, Any]]] = [
    (
        "谋划包装5000万以上项目200个以上",
        {"stage": "planning", "window": Binding.IN_YEAR, "min_investment": 5000 * WAN},
    ),
    (
        "每个县(区)新招10亿元以上项目不少于1个",
        {
            "stage": "signed",
            "window": Binding.IN_YEAR,
            "min_investment": 100000 * WAN,
            "attracted_only": True,
            "per_district": True,
        },
    ),
    (
        "全市新签约项目落地资金不少于150亿元",
        {
            "measure": Binding.MONEY,
            "stage": "signed",
            "window": Binding.IN_YEAR,
            "money_kind": "arrived",
        },
    ),
    ("开复工500万元以上项目354个", {"window": Binding.ACTIVE, "min_investment": 500 * WAN}),
]


def stage_dates(rng: random.Random, today: date) -> dict[str, date]:
    """The dates a project reached its stages: it started being planned some time in the last
    two and a half years and moved on every one to seven months, until today."""
    on = today - timedelta(days=int(rng.triangular(10, 900, 120)))
    reached = {"planning": on}
    for stage in STAGES[1:]:
        on += timedelta(days=rng.randint(30, 240))
        if on > today or rng.random() < 0.15:
            break
        if stage == "approval" and rng.random() < 0.3:
            continue  # 备案类 projects go from signing to starting without approval
        reached[stage] = on
    return reached


def _projects(city: Jurisdiction, rng: random.Random, today: date, count: int) -> list[Project]:
    districts: list[Jurisdiction | None] = list(Jurisdiction.objects.filter(parent=city))
    districts.append(None)  # the city's own projects (市本级)
    units: list[Department | None] = [
        *Department.objects.filter(jurisdiction=city, name__in=DEPARTMENTS)
    ] or [None]
    made = []
    for n in range(1, count + 1):
        reached = stage_dates(rng, today)
        stage = max(reached, key=STAGES.index)
        district = rng.choice(districts)
        industry = rng.choice(INDUSTRIES)
        made.append(
            Project(
                jurisdiction=city,
                district=district,
                code=f"DEMO-{n:04d}",
                name=f"【合成】{district.name if district else '市本级'}{industry}项目{n}",
                department=rng.choice(units),
                industry=industry,
                attracted=rng.random() < 0.45,
                total_investment=(Decimal(round(10 ** rng.uniform(2.6, 4.95))) * WAN),
                stage=stage,
                stage_since=reached[stage],
                tier=rules().stage(stage).tier,
                leader=rng.choice(LEADERS),
                secretary=rng.choice(SECRETARIES),
                synthetic=True,
                **{REACHED[s]: d for s, d in reached.items()},
            )
        )
    # Three counties and districts with a 10亿-plus project signed this year, one without.
    for n, district in enumerate(districts[:3], start=count + 1):
        signed = date(today.year, 2 + n % 4, 10)
        made.append(
            Project(
                jurisdiction=city, district=district, code=f"DEMO-{n:04d}",
                name=f"【合成】{district.name if district else ''}重大招商项目{n}",
                department=units[0], industry="新能源汽车配套", attracted=True,
                total_investment=Decimal(120000 + 10000 * n) * WAN, stage="signed",
                stage_since=signed, tier="preliminary", planning_on=signed - timedelta(days=60),
                signed_on=signed, leader=LEADERS[0], secretary=SECRETARIES[0], synthetic=True,
            )
        )  # fmt: skip
    return made


def stage_history(project: Project) -> list[StageChange]:
    """The stage changes that brought a synthetic project where it is (also for scale.py)."""
    dated: list[tuple[str, date]] = []
    for stage in STAGES:
        on = project.reached(stage)
        if on is not None:
            dated.append((stage, on))
    dated.sort(key=lambda pair: pair[1])
    changes = [
        StageChange(
            project=project, to_stage=dated[0][0], kind="created", on=dated[0][1],
            evidence="【合成】入库",
        )
    ]  # fmt: skip
    for (before, _), (after, on) in itertools.pairwise(dated):
        skip = STAGES.index(after) - STAGES.index(before) > 1
        changes.append(
            StageChange(
                project=project, from_stage=before, to_stage=after, on=on,
                kind="skip" if skip else "next", evidence="【合成】相关文件",
                reason="【合成】备案类项目，无需审批" if skip else "",
            )
        )  # fmt: skip
    return changes


def investments(project: Project, rng: random.Random, year: int) -> list[Investment]:
    """A synthetic project's planned and completed investment of the year (also for scale.py)."""
    total = project.total_investment
    rows = [
        Investment(project=project, year=year, kind="plan", amount=round(total * Decimal("0.3")))
    ]
    if project.signed_on and project.signed_on.year == year:
        share = Decimal(rng.uniform(0.01, 0.06))
        rows.append(Investment(project=project, year=year, kind="signed", amount=round(total)))
        rows.append(
            Investment(project=project, year=year, kind="arrived", amount=round(total * share))
        )
    if project.started_on:
        done = Decimal(rng.uniform(0.05, 0.3))
        rows.append(
            Investment(project=project, year=year, kind="completed", amount=round(total * done))
        )
    return rows


def _enterprises(city: Jurisdiction, rng: random.Random, count: int, year: int) -> None:
    districts = list(Jurisdiction.objects.filter(parent=city))
    for n in range(1, count + 1):
        industry = rng.choice(INDUSTRIES[:5])
        enterprise = Enterprise.objects.create(
            jurisdiction=city, district=rng.choice(districts),
            credit_code=f"91220400DEMO{n:06d}", name=f"【合成】辽源{industry}企业{n}",
            industry=industry, synthetic=True,
        )  # fmt: skip
        land = Decimal(round(rng.uniform(5, 300), 1))
        output = land * Decimal(round(rng.lognormvariate(4.3, 0.6), 1))  # 万元 per 亩
        EnterpriseYear.objects.create(
            enterprise=enterprise, year=year, land_mu=land,
            tax=round(output * Decimal(rng.uniform(0.01, 0.08)), 1), output=round(output, 1),
            energy=round(output * Decimal(rng.uniform(0.05, 0.8)), 1),
            rd=round(output * Decimal(rng.uniform(0, 0.05)), 1),
            employees=max(5, int(float(output) / rng.uniform(30, 120))),
        )  # fmt: skip


def bind_targets(plan: Plan) -> int:
    made = 0
    for text, fields in BINDINGS:
        target = Target.objects.filter(task__plan=plan, text__contains=text).first()
        if target is not None:
            made += Binding.objects.get_or_create(target=target, defaults=fields)[1]
            projects = Project.objects.filter(jurisdiction=plan.jurisdiction, synthetic=True)
            for project in projects.order_by("?")[:5]:
                project.tasks.add(target.task_id)
    return made


@transaction.atomic
def set_up(plan: Plan, projects: int = 800, enterprises: int = 150) -> str:
    city = plan.jurisdiction
    if Project.objects.filter(jurisdiction=city, synthetic=True).exists():
        return "项目储备库 ledger: synthetic data already there"
    rng = random.Random(2022)
    today = date.fromisoformat(AS_OF)
    made = Project.objects.bulk_create(_projects(city, rng, today, projects))
    StageChange.objects.bulk_create([c for p in made for c in stage_history(p)])
    Investment.objects.bulk_create([m for p in made for m in investments(p, rng, plan.year)])
    _enterprises(city, rng, enterprises, plan.year - 1)
    bound = bind_targets(plan)
    services.live_values_changed({city.pk})
    return (
        f"项目储备库 ledger: {len(made)} synthetic projects, {enterprises} synthetic enterprises, "
        f"{bound} targets measured from the ledger"
    )

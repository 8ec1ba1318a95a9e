"""Shared fixtures: 辽源市 with two counties and two districts, departments, people, a plan.

alice runs the supervision office, bob is the 发改委 liaison, charlie the 商务局 liaison,
dana is a leader (reads everything, writes nothing).
"""

import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import Workbook

from luoshi.ledger import stages
from luoshi.ledger.models import Project
from luoshi.ledger.transitions import rules
from luoshi.tracking.models import Department, Jurisdiction, Plan
from tracking import conftest as shared

TODAY = date(2022, 7, 10)

# The tracker's people (alice, bob, charlie, dana), re-exported for the tests in this folder;
# the city, its departments and the plan below are the ledger's own.
PASSWORD = shared.PASSWORD
make_user = shared.make_user
alice = shared.alice
bob = shared.bob
charlie = shared.charlie
dana = shared.dana


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.LUOSHI_AS_OF = TODAY.isoformat()


@pytest.fixture
def city(db):
    city = Jurisdiction.objects.create(name="辽源市")
    for name, level in [("东丰县", "county"), ("东辽县", "county"), ("龙山区", "district")]:
        Jurisdiction.objects.create(name=name, level=level, parent=city)
    Jurisdiction.objects.create(name="西安区", level="district", parent=city)
    return city


@pytest.fixture
def ndrc(city):
    return Department.objects.create(jurisdiction=city, code="fgw", name="发展和改革委员会")


@pytest.fixture
def commerce(city):
    return Department.objects.create(jurisdiction=city, code="swj", name="商务局")


@pytest.fixture
def plan(city):
    return Plan.objects.create(
        jurisdiction=city,
        year=2022,
        title="辽源市政府工作报告",
        source_name="test.txt",
        source_text="开复工500万元以上项目354个。",
        source_sha256="0" * 64,
        state=Plan.PUBLISHED,
    )


def make_project(
    city,
    code,
    *,
    district=None,
    department=None,
    wan=1000,
    attracted=False,
    path=(),
    start="planning",
    since=date(2021, 10, 1),
    **fields,
):
    """A project that entered the ledger at `start` on `since`, then moved along `path`
    [(stage, date), ...] (forward moves; skips take a reason)."""
    district_row = Jurisdiction.objects.get(name=district) if district else None
    project = Project(
        jurisdiction=city,
        district=district_row,
        code=code,
        name=f"项目{code}",
        department=department,
        total_investment=Decimal(wan) * 10000,
        attracted=attracted,
        stage=start,
        stage_since=since,
        tier=rules().stage(start).tier,
        **{f"{start}_on": since},
        **fields,
    )
    project.save()
    stages.entered(project).save()
    for stage, on in path:
        stages.move(project, stage, on, reason="测试", today=TODAY)
    return project


def xlsx(header, *rows):
    """An .xlsx upload in memory: a header row, then `rows`."""
    book = Workbook()
    book.active.append(list(header))
    for row in rows:
        book.active.append(list(row))
    data = io.BytesIO()
    book.save(data)
    data.seek(0)
    return data

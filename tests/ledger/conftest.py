"""The ledger's fixtures: 辽源市 with two counties and two districts, departments, a plan; the
ledger's day (TODAY) for every test. The people are those of tests/conftest.py: alice runs the
supervision office, bob is the 发改委 liaison, charlie the 商务局 liaison, dana is a leader (reads
everything, writes nothing). Helpers the tests import are in ledger_support.py.
"""

import pytest

from luoshi.tracking.models import Department, Jurisdiction, Plan
from tests.ledger.ledger_support import TODAY


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

"""The demo plan (辽源市 2022, as of 2022-07-10), beside the named people of tests/conftest.py
(alice the office, bob the 发改委 liaison, charlie the 商务局 liaison, dana a leader)."""

import pytest
from django.core.management import call_command

from luoshi.tracking.models import Plan

DEMO_DAY = "2022-07-10"


@pytest.fixture
def demo(db, settings):
    settings.LUOSHI_AS_OF = DEMO_DAY
    call_command("demo", no_serve=True)
    return Plan.objects.get(jurisdiction__name="辽源市", year=2022)

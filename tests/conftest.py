"""Make tests/tools.py importable as `tools` from every test folder."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The caches outlive a test's rolled-back data (statuses, page parts, throttles)."""
    from django.core.cache import caches

    caches["default"].clear()

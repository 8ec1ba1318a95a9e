"""Make tests/tools.py importable as `tools` from every test folder."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The per-process cache outlives a test's rolled-back data (status snapshots, throttles)."""
    from django.core.cache import cache

    cache.clear()

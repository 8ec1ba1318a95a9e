from __future__ import annotations

import pytest

from tests.reading.reading_support import SEED


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture
def seed_lines(seed_text: str) -> list[str]:
    """The seed's non-empty lines, artefacts included, as a Word or PDF version would hold them."""
    return [line for line in seed_text.split("\n") if line.strip()]

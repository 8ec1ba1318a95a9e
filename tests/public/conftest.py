"""The public page's tests see the plan on AS_OF; the city, people, plan, draft plan and reports
are the shared fixtures of tests/conftest.py."""

import pytest


@pytest.fixture(autouse=True)
def as_of(as_of):
    return as_of

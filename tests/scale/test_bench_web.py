"""`luoshi bench-web` end to end on tiny scale data: the production server on PostgreSQL, every
page driven by wrk with its kind of caller, writes committed during the load, no errors."""

import os
import secrets

import pytest
from django.db import connection

from luoshi.devtools import scale_data as scale
from luoshi.devtools import web_bench as webbench
from tests.tools import require_tool

PAGES = ["dashboard", "plan", "task", "ledger list", "API task list", "public plan page"]


@pytest.mark.django_db(transaction=True)
def test_every_page_answers_under_load_while_reports_are_written(settings, monkeypatch):
    if connection.vendor != "postgresql":
        if os.environ.get("LUOSHI_REQUIRE_TOOLS") == "1" and os.environ.get("DATABASE_URL"):
            pytest.fail("DATABASE_URL is set but the tests do not run on PostgreSQL")
        pytest.skip("the load benchmark needs PostgreSQL (set DATABASE_URL)")
    require_tool("wrk")
    settings.SECRET_KEY = secrets.token_urlsafe(50)  # production refuses the development key
    monkeypatch.setattr(webbench, "WARM_UP_SECONDS", 1)
    scale.generate(scale.Sizes(plans=3, tasks=60, reports=400, projects=30))
    rows = webbench.run(seconds=1, connections=2, writes=4, write_city=1)
    assert [row.page for row in rows] == PAGES
    for row in rows:
        assert row.requests > 0 and row.errors == 0, row
        # A repeated view is a kept page: at most the session and the user with their membership.
        assert row.queries <= 2 < row.queries_first, row
        assert row.writes > 0, row
    assert "| public plan page |" in webbench.table(rows)

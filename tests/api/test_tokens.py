"""Integrations get a token from the management command the README names, and use it."""

from io import StringIO

from django.core.management import call_command
from django.test import Client


def test_a_token_from_the_command_reads_the_api(frank, plan, bobs_task):
    out = StringIO()
    call_command("drf_create_token", "frank", stdout=out)
    key = out.getvalue().split()[2]
    client = Client(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get("/api/reports/").status_code == 200
    assert Client(HTTP_AUTHORIZATION="Token wrong").get("/api/tasks/").status_code == 401

"""Branded error pages where Django cannot answer (issue 18, item 8): gunicorn's own errors, a
worker killed by its timeout above all, show the site's Chinese and English page, never
gunicorn's bare English one."""

import logging
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from gunicorn.http.errors import InvalidRequestLine

from luoshi.site import gunicorn_worker

GUNICORN = str(Path(sys.executable).parent / "gunicorn")
ROOT = Path(__file__).resolve().parents[2]


def answer(exc):
    """What the worker writes to the client for `exc`."""
    worker = gunicorn_worker.BrandedSyncWorker.__new__(gunicorn_worker.BrandedSyncWorker)
    worker.log = logging.getLogger("test-gunicorn")
    ours, theirs = socket.socketpair()
    with ours, theirs:
        worker.handle_error(None, ours, ("127.0.0.1", 1), exc)
        ours.shutdown(socket.SHUT_WR)
        return b"".join(iter(lambda: theirs.recv(65536), b"")).decode()


def test_a_worker_timeout_gets_the_branded_502_page():
    text = answer(SystemExit(1))
    assert text.startswith("HTTP/1.1 502 Bad Gateway\r\n")
    assert "服务暂时不可用" in text and "Service temporarily unavailable" in text
    assert "charset=utf-8" in text


def test_an_application_failure_gets_the_branded_500_page_without_its_detail():
    text = answer(RuntimeError("secret detail"))
    assert text.startswith("HTTP/1.1 500 Internal Server Error\r\n")
    assert "服务器出错了" in text and "secret detail" not in text


def test_a_malformed_request_is_left_to_gunicorn():
    assert answer(InvalidRequestLine("GARBAGE")).startswith("HTTP/1.1 400 Bad Request")


def test_the_static_pages_are_plain_html_with_no_template_tags():
    for status in (500, 502):
        page = gunicorn_worker.page(status).decode()
        assert page.startswith("<!doctype html>") and "{%" not in page and "{#" not in page


def test_prod_runs_gunicorn_with_the_branded_worker():
    source = (ROOT / "src" / "luoshi" / "cli" / "web.py").read_text()
    assert "--worker-class=luoshi.site.gunicorn_worker.BrandedSyncWorker" in source


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=20) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@pytest.mark.parametrize(
    ("app", "status", "words"), [("slow", 502, "服务暂时不可用"), ("broken", 500, "服务器出错了")]
)
def test_real_gunicorn_answers_with_the_branded_page(app, status, words):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    process = subprocess.Popen(
        [GUNICORN, f"--bind=127.0.0.1:{port}", "--timeout=1", "--workers=1",
         "--worker-class=luoshi.site.gunicorn_worker.BrandedSyncWorker", "--no-control-socket",
         f"tests.site.slow_app:{app}"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        for _ in range(80):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.25)
        got, body = fetch(f"http://127.0.0.1:{port}/")
        assert got == status and words in body and "<h1><p>" not in body
    finally:
        process.terminate()
        process.wait(timeout=30)

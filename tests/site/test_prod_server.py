"""`luoshi prod` end to end: gunicorn serves the app with WhiteNoise's hashed, compressed files."""

import gzip
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

LUOSHI = str(Path(sys.executable).parent / "luoshi")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture(scope="module")
def prod_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("prod")


@pytest.fixture(scope="module")
def server(prod_dir):
    tmp_path = prod_dir
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DEBUG"}}
    env.update(
        SECRET_KEY=secrets.token_urlsafe(50),
        LUOSHI_DATA_DIR=str(tmp_path / "var"),
        LUOSHI_HTTPS="0",  # plain HTTP on loopback; the HTTPS settings are tested in check --deploy
    )
    port = free_port()
    process = subprocess.Popen(
        [LUOSHI, "prod", "--port", str(port), "--workers", "2"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # gunicorn's master and workers, stopped together below
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(240):
            if process.poll() is not None:
                pytest.fail(process.stdout.read().decode() if process.stdout else "exited")
            try:
                fetch(base + "/accounts/login/")
                break
            except OSError:
                time.sleep(0.25)
        yield base
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def test_production_serves_pages_and_hashed_compressed_static_files(server):
    status, headers, body = fetch(server + "/accounts/login/")
    assert status == 200
    assert headers["Server"].startswith("gunicorn")
    assert headers["X-Frame-Options"] == "DENY" and "Content-Security-Policy" in headers
    css = re.search(rb'href="(/static/tracking/luoshi\.[0-9a-f]{12}\.css)"', body)
    assert css, "the stylesheet has a hashed name"
    status, headers, _ = fetch(server + css.group(1).decode(), **{"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers.get("Content-Encoding") == "gzip"
    assert "immutable" in headers["Cache-Control"]


def test_production_serves_echarts_from_its_package_under_a_hashed_name(server, prod_dir):
    manifest = json.loads((prod_dir / "var" / "static" / "staticfiles.json").read_text())
    hashed = manifest["paths"]["echarts/echarts.min.js"]
    assert re.fullmatch(r"echarts/echarts\.min\.[0-9a-f]{12}\.js", hashed)
    status, headers, body = fetch(f"{server}/static/{hashed}", **{"Accept-Encoding": "gzip"})
    assert status == 200 and headers.get("Content-Encoding") == "gzip"
    assert b'.version="5.' in gzip.decompress(body)
    status, _, notice = fetch(f"{server}/static/echarts/NOTICE.txt")
    assert status == 200 and b"Apache ECharts" in notice


def test_production_shows_no_debug_page(server):
    status, _, body = fetch(server + "/no-such-page/")
    assert status == 404
    assert b"URLconf" not in body and b"DEBUG = True" not in body

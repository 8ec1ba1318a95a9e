"""`luoshi bench-web`: the production server under load, on PostgreSQL with the scale data.

Starts `luoshi prod` (gunicorn, DEBUG off) with two workers on loopback, logs in as the first
synthetic city's office (a session cookie; a token for the API; the public page without a
login), and drives each page with wrk for a fixed time. Every answer other than 200 counts as an
error, so a lost session (a redirect to the login page) cannot pass for a fast page.

Before a page's load, one request times its first view (a fresh worker: templates compiled,
connections opened) and a short unrecorded run warms every worker up. Statuses are the ones
stored on the tasks, so every request reads and renders what it shows. Query counts per page,
on a first view and on a repeated one, are measured in this process with Django's test client.
A benchmark: the tests run it only on tiny data for a second a page (tests/scale/test_bench_web.py).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

AS_OF = "2022-07-10"  # statuses computed for mid-year, as in the demo
GOALS = {"p95_ms": 150.0, "rps": 300.0}

# Counts answers that are not 200 across wrk's threads and prints one JSON line at the end.
LUA = """
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args)
  bad = 0
  wrk.headers["Cookie"] = os.getenv("BENCH_COOKIE") or ""
  local auth = os.getenv("BENCH_AUTH")
  if auth and auth ~= "" then wrk.headers["Authorization"] = auth end
end
function response(status, headers, body) if status ~= 200 then bad = bad + 1 end end
function done(summary, latency, requests)
  local b = 0
  for _, t in ipairs(threads) do b = b + t:get("bad") end
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "micros": %d, "p50": %d, "p95": %d, "p99": %d, "bad": %d, "socket": %d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), b, e.connect + e.read + e.write + e.timeout))
end
"""


@dataclass
class Row:
    page: str
    rps: float
    p50: float
    p95: float
    p99: float
    errors: int
    requests: int
    first_ms: float  # the first request to a fresh server
    queries_first: int
    queries: int  # on a repeated view
    writes: int  # progress reports committed during the load

    def meets_goals(self) -> bool:
        return self.errors == 0 and self.p95 < GOALS["p95_ms"] and self.rps >= GOALS["rps"]


class BenchError(Exception):
    """The benchmark cannot run (a sentence saying what to do)."""


SESSION, TOKEN, ANONYMOUS = "session", "token", "anonymous"


def pages() -> dict[str, tuple[str, str]]:
    """Page name → (path, how the caller comes: s01-office's session, its API token, or no
    login at all)."""
    from luoshi.devtools import scale_data as scale
    from luoshi.tracking.models import Plan

    plan = Plan.objects.get(jurisdiction__name=scale.city_name(1), year=scale.LAST_YEAR)
    task = plan.tasks.order_by("order").last()
    assert task is not None
    return {
        "dashboard": ("/", SESSION),
        "plan": (f"/plans/{plan.pk}/", SESSION),
        "task": (f"/tasks/{task.pk}/", SESSION),
        "ledger list": ("/ledger/", SESSION),
        "API task list": (f"/api/tasks/?plan={plan.pk}", TOKEN),
        "public plan page": (f"/public/plans/{plan.pk}/", ANONYMOUS),
    }


def credentials() -> tuple[str, str]:
    """The cookies of s01-office's browser (a session made directly in the database, and the
    CSRF cookie a browser keeps from its first page) and an API token."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.models import User
    from django.contrib.sessions.backends.db import SessionStore
    from django.utils.crypto import get_random_string
    from rest_framework.authtoken.models import Token

    from luoshi.devtools import scale_data as scale

    user = User.objects.get(username=scale.username(1, "office"))
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    token, _ = Token.objects.get_or_create(user=user)
    csrf = get_random_string(32)  # a browser sends back the CSRF cookie it was given
    session_cookie = f"{settings.SESSION_COOKIE_NAME}={session.session_key}"
    return f"{session_cookie}; {settings.CSRF_COOKIE_NAME}={csrf}", f"Token {token.key}"


def query_counts(targets: dict[str, tuple[str, str]], auth: str) -> dict[str, tuple[int, int]]:
    """Queries per page: on the first view, and on a repeated one (the third: the first sets
    the browser's CSRF cookie, which the pages kept for it are filed under)."""
    from django.contrib.auth.models import User
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from luoshi.devtools import scale_data as scale

    office = Client(HTTP_HOST="127.0.0.1")
    office.force_login(User.objects.get(username=scale.username(1, "office")))
    counts = {}
    for name, (path, caller) in targets.items():
        client = Client(HTTP_HOST="127.0.0.1") if caller in (TOKEN, ANONYMOUS) else office
        headers = {"Authorization": auth} if caller == TOKEN else {}
        found = []
        for _ in range(3):
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path, headers=headers)
            if response.status_code != 200:
                raise BenchError(f"{path} answered {response.status_code} before the load started")
            found.append(len(queries))
        counts[name] = (found[0], found[-1])
    return counts


def first_request(url: str, cookie: str, auth: str) -> float:
    """Milliseconds for one request."""
    headers = {"Cookie": cookie} if cookie else {"Authorization": auth} if auth else {}
    started = time.perf_counter()
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers)) as answer:
        answer.read()
    return (time.perf_counter() - started) * 1000


class Writer:
    """Progress reports submitted through the tracker's own service, `per_second` a second, by
    liaisons of synthetic city `city` on their tasks, while the pages are loaded: each one
    commits and changes that city's data version. The reports stay (narrative "bench-web")."""

    def __init__(self, city: int, per_second: float) -> None:
        self.city = city
        self.per_second = per_second
        self.count = 0
        self.error: BaseException | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _jobs(self) -> list[tuple[Any, Any, Any]]:
        from luoshi.devtools import scale_data as scale
        from luoshi.tracking.models import Membership, Plan, Target

        plan = Plan.objects.get(jurisdiction__name=scale.city_name(self.city), year=scale.LAST_YEAR)
        liaisons = {
            m.department_id: m.user
            for m in Membership.objects.filter(
                jurisdiction=plan.jurisdiction_id, role=Membership.LIAISON
            ).select_related("user")
        }
        targets = Target.objects.filter(task__plan=plan).select_related("task__plan")
        jobs = [
            (liaisons[t.task.lead_id], t.task, t)
            for t in targets
            if t.task.lead_id in liaisons and not t.each  # `each` targets name a unit per report
        ]
        if not jobs:
            raise BenchError(f"合成市{self.city:02d} has no task a liaison can report on")
        return jobs[:500]

    def _run(self) -> None:
        from django.db import connection

        from luoshi.tracking import services

        try:
            jobs = self._jobs()
            pause = 1 / self.per_second
            while not self._stop.wait(pause):
                user, task, target = jobs[self.count % len(jobs)]
                data = {"target_obj": target, "period": "2022-06", "value": 1}
                services.submit_report(user, task, {**data, "narrative": "bench-web"})
                self.count += 1
        except BaseException as error:  # reported by __exit__, in the benchmark's thread
            self.error = error
        finally:
            connection.close()

    def __enter__(self) -> Writer:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join(timeout=30)
        if self.error is not None:
            raise BenchError(f"the writes failed: {self.error!r}")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _wait_for(port: int, server: subprocess.Popen[bytes], seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise BenchError(f"luoshi prod stopped with code {server.returncode}; see its output")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.3)
    raise BenchError(f"luoshi prod did not listen on port {port} within {seconds:.0f} s")


def database_url() -> str:
    from django.db import connection

    db = connection.settings_dict
    user = quote(db["USER"] or "", safe="")
    password = quote(db["PASSWORD"] or "", safe="")
    address = f"{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    return f"postgres://{user}:{password}@{address}/{quote(db['NAME'], safe='')}"


def start_server(port: int, workers: int, data_dir: Path) -> subprocess.Popen[bytes]:
    from django.conf import settings

    luoshi = shutil.which("luoshi", path=str(Path(sys.executable).parent)) or "luoshi"
    environment = {
        **os.environ,
        "DATABASE_URL": database_url(),  # the database this process reads
        # The key this process signed the session with (see the bench-web command).
        "SECRET_KEY": settings.SECRET_KEY,
        "LUOSHI_HTTPS": "0",  # plain HTTP on loopback
        "LUOSHI_AS_OF": AS_OF,
        "ALLOWED_HOSTS": "127.0.0.1",
        "LUOSHI_DATA_DIR": str(data_dir),
    }
    command = [luoshi, "prod", f"--port={port}", f"--workers={workers}"]
    # The access log would cost the workers time; errors still reach this terminal.
    server = subprocess.Popen(command, env=environment, stdout=subprocess.DEVNULL)
    _wait_for(port, server)
    return server


def drive(
    url: str, cookie: str, auth: str, seconds: int, connections: int, threads: int
) -> dict[str, int]:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(LUA)
    try:
        output = subprocess.run(
            ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "-s", script.name, url],
            env={**os.environ, "BENCH_COOKIE": cookie, "BENCH_AUTH": auth},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    finally:
        os.unlink(script.name)
    last = [line for line in output.splitlines() if line.startswith("{")][-1]
    result: dict[str, int] = json.loads(last)
    return result


WARM_UP_SECONDS = 2


def run(
    seconds: int = 30,
    connections: int = 4,
    threads: int = 1,
    workers: int = 2,
    writes: float = 0,
    write_city: int = 2,
) -> list[Row]:
    from django.db import connection

    from luoshi.devtools import scale_data as scale

    if connection.vendor != "postgresql":
        raise BenchError("压测需要 PostgreSQL：请设置 DATABASE_URL=postgres://… 后再运行。")
    if shutil.which("wrk") is None:
        raise BenchError("未找到 wrk：请先安装（Debian: apt-get install wrk）。")
    if not scale.exists():
        raise BenchError("数据库中没有合成数据：请先运行 luoshi scale-demo。")
    targets = pages()
    cookie, auth = credentials()
    counts = query_counts(targets, auth)
    port = _free_port()
    with tempfile.TemporaryDirectory() as data_dir:
        server = start_server(port, workers, Path(data_dir))
        try:
            rows = []
            for name, (path, caller) in targets.items():
                url = f"http://127.0.0.1:{port}{path}"
                cookie_sent = cookie if caller == SESSION else ""
                auth_sent = auth if caller == TOKEN else ""
                first = first_request(url, cookie_sent, auth_sent)
                drive(url, cookie_sent, auth_sent, WARM_UP_SECONDS, connections, threads)
                writer = Writer(write_city, writes)
                if writes:
                    with writer:
                        figures = drive(url, cookie_sent, auth_sent, seconds, connections, threads)
                else:
                    figures = drive(url, cookie_sent, auth_sent, seconds, connections, threads)
                rows.append(
                    Row(
                        page=name,
                        rps=figures["requests"] / (figures["micros"] / 1e6),
                        p50=figures["p50"] / 1000,
                        p95=figures["p95"] / 1000,
                        p99=figures["p99"] / 1000,
                        errors=figures["bad"] + figures["socket"],
                        requests=figures["requests"],
                        first_ms=first,
                        queries_first=counts[name][0],
                        queries=counts[name][1],
                        writes=writer.count,
                    )
                )
        finally:
            server.terminate()
            server.wait(timeout=30)
    return rows


def table(rows: list[Row]) -> str:
    lines = [
        "| page | requests/s | p50 ms | p95 ms | p99 ms | errors | requests | first view ms "
        "| queries (first view / repeated) | writes |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r.page} | {r.rps:.0f} | {r.p50:.1f} | {r.p95:.1f} | {r.p99:.1f} | {r.errors} "
            f"| {r.requests} | {r.first_ms:.0f} | {r.queries_first} / {r.queries} | {r.writes} |"
        )
    return "\n".join(lines)

"""A busy office on the default database: SQLite, a live server, real HTTP (issue 18, item 1).

The demo's data in a SQLite file; 8 liaisons submit progress, 4 office users review whatever
the queue offers (racing on the same reports) and one more imports a report, all at once,
against the demo's server (Django's threaded development server) and against `luoshi prod`
(gunicorn, 2 worker processes). Every request must succeed (no "database is locked"), every
accepted submission must be stored once, every report decided at most once, and the report's
state must be that of its one decision event.
"""

from __future__ import annotations

import json
import os
import random
import secrets
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest

from tests.concurrency.browser import Browser, report_ids

LUOSHI = str(Path(sys.executable).parent / "luoshi")
REPORT = Path(__file__).parents[1] / "data" / "reports" / "national-2022.txt"
PASSWORD = "luoshi-demo-2022"
LIAISONS = ["fgw", "swj", "gxj", "kjj", "zjj", "stj", "nyj", "rsj"]
OFFICE = ["duchashi", "office2", "office3", "office4"]
SUBMISSIONS_EACH = 12

# Run in the data directory before the server starts: three more office users, and for each
# liaison the published tasks they lead with a target they may report by hand (or none).
SET_UP = """
import json
from django.contrib.auth.models import User
from luoshi.tracking.measure import live_targets
from luoshi.tracking.models import Jurisdiction, Membership, Task
city = Jurisdiction.objects.get(name="辽源市")
for name in %(office)r[1:]:
    user, _ = User.objects.get_or_create(username=name)
    user.set_password(%(password)r)
    user.save()
    Membership.objects.update_or_create(
        user=user, defaults={"jurisdiction": city, "role": "office"})
from rest_framework.authtoken.models import Token
tokens = {name: Token.objects.get_or_create(user=User.objects.get(username=name))[0].key
          for name in %(office)r[2:]}
tasks = {}
for login in %(liaisons)r:
    member = Membership.objects.get(user__username=login)
    chosen = []
    for task in Task.objects.filter(lead=member.department, plan__state="published")[:3]:
        targets = [t.pk for t in task.targets.all()]
        live = live_targets(targets) if targets else set()
        hand = [pk for pk in targets if pk not in live and not task.targets.get(pk=pk).each]
        if targets and not hand:
            continue
        chosen.append([task.pk, hand[0] if hand else None])
    tasks[login] = chosen
print("LUOSHI-SETUP" + json.dumps({"tasks": tasks, "tokens": tokens}))
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def demo_data(tmp_path_factory):
    root = tmp_path_factory.mktemp("sqlite-live")
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DEBUG"}}
    env.update(LUOSHI_DATA_DIR=str(root / "var"), LUOSHI_AS_OF="2022-07-10")
    demo = [LUOSHI, "demo", "--no-serve"]
    subprocess.run(demo, cwd=root, env=env, check=True, capture_output=True)
    script = SET_UP % {"office": OFFICE, "liaisons": LIAISONS, "password": PASSWORD}
    done = subprocess.run(
        [LUOSHI, "manage", "shell", "-c", script], cwd=root, env=env, check=True,
        capture_output=True, text=True,
    )  # fmt: skip
    found = json.loads(done.stdout.split("LUOSHI-SETUP", 1)[1])
    assert all(found["tasks"][login] for login in LIAISONS), found
    return root, env, found


def start(command: list[str], root: Path, env: dict[str, str], port: int):
    process = subprocess.Popen(
        command, cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        start_new_session=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    for _ in range(480):
        if process.poll() is not None:
            pytest.fail(process.stderr.read().decode() if process.stderr else "exited")
        try:
            Browser(base).get("/accounts/login/")
            return process, base
        except OSError:
            time.sleep(0.25)
    pytest.fail("the server did not start")


@pytest.fixture(params=["demo", "prod"])
def server(request, demo_data):
    root, env, tasks = demo_data
    port = free_port()
    env = dict(env)
    if request.param == "demo":
        command = [LUOSHI, "demo", "--port", str(port)]
    else:
        env.update(SECRET_KEY=secrets.token_urlsafe(50), LUOSHI_HTTPS="0")
        command = [LUOSHI, "prod", "--port", str(port), "--workers", "2"]
    process, base = start(command, root, env, port)
    try:
        yield base, root / "var" / "luoshi.sqlite3", tasks
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def test_twelve_people_at_once_on_sqlite_lose_nothing_and_get_no_errors(server):
    base, database, found = server
    tasks = found["tasks"]
    run = secrets.token_hex(4)  # the two servers share the data: tell this run's reports apart
    answers: list[tuple[str, int]] = []
    submitted: list[str] = []
    decided: list[int] = []
    liaisons_done = threading.Event()
    barrier = threading.Barrier(len(LIAISONS) + len(OFFICE) + 1)
    failures: list[BaseException] = []

    def record(kind: str, status: int) -> None:
        answers.append((kind, status))

    def liaison(login: str) -> None:
        browser = Browser(base)
        browser.log_in(login, PASSWORD)
        barrier.wait()
        for n in range(SUBMISSIONS_EACH):
            task, target = tasks[login][n % len(tasks[login])]
            narrative = f"并发测试{run}-{login}-{n}"
            data = {"period": "2022-06", "narrative": narrative}
            data |= {"target": str(target), "value": str(n + 1)} if target else {"percent": "50"}
            answer = browser.post(f"/tasks/{task}/report/", data)
            record("submit", answer.status)
            if answer.status == 302:
                submitted.append(narrative)

    def reviewer(login: str, rng: random.Random) -> None:
        """Decides what the queue offers: through the pages, or with a token through the API."""
        browser = Browser(base)
        token = found["tokens"].get(login)
        if token is None:
            browser.log_in(login, PASSWORD)
        barrier.wait()
        while True:
            if token is None:
                page = browser.get("/review/")
                waiting = report_ids(page.body)
            else:
                page = browser.api("/api/reports/?state=submitted&page_size=3", token)
                waiting = [row["id"] for row in json.loads(page.body)["results"]]
            record("queue" if token is None else "api queue", page.status)
            if not waiting:
                if liaisons_done.is_set():
                    return
                time.sleep(0.05)
                continue
            # The same few reports first, so that reviewers race on them.
            report = rng.choice(waiting[:3])
            approve = rng.random() < 0.7
            data = {"decision": "approve" if approve else "return", "reason": f"退回{login}"}
            if token is None:
                answer = browser.post(f"/reports/{report}/review/", data)
                record("review", answer.status)
            else:
                answer = browser.api(f"/api/reports/{report}/review/", token, data)
                record("api review", answer.status)
            decided.append(report)

    def importer() -> None:
        browser = Browser(base)
        browser.log_in("duchashi", PASSWORD)
        barrier.wait()
        content = REPORT.read_bytes().replace(b"2022", f"2022{run}".encode(), 1)
        data = {"jurisdiction": "辽源市", "year": "2023"}
        answer = browser.post("/import/", data, files={"file": (f"{run}.txt", content)})
        record("import", answer.status)

    def guarded(job, *args) -> None:
        try:
            job(*args)
        except BaseException as error:  # reported in the main thread
            failures.append(error)
            barrier.abort()

    liaison_threads = [threading.Thread(target=guarded, args=(liaison, x)) for x in LIAISONS]
    others = [
        threading.Thread(target=guarded, args=(reviewer, x, random.Random(n)))
        for n, x in enumerate(OFFICE)
    ] + [threading.Thread(target=guarded, args=(importer,))]
    started = time.monotonic()
    for thread in liaison_threads + others:
        thread.start()
    for thread in liaison_threads:
        thread.join(timeout=600)
    liaisons_done.set()
    for thread in others:
        thread.join(timeout=600)
    seconds = time.monotonic() - started
    assert not failures, failures

    counts = Counter(answers)
    print(f"\n{base}: {len(answers)} requests in {seconds:.1f} s: {dict(counts)}")
    assert counts[("submit", 302)] == len(LIAISONS) * SUBMISSIONS_EACH, counts
    assert counts[("import", 302)] == 1, counts
    # 409 is the API's answer when another reviewer decided the report first.
    expected = {"api review": (200, 409)}
    assert all(status in expected.get(kind, (200, 302)) for kind, status in answers), counts

    with sqlite3.connect(database) as db:
        stored = Counter(
            narrative
            for (narrative,) in db.execute(
                "SELECT narrative FROM tracking_progressreport WHERE narrative LIKE ?",
                (f"并发测试{run}-%",),
            )
        )
        assert stored == Counter(submitted), "every accepted submission is stored exactly once"
        for report in set(decided):
            state, reviewer_id, reason = db.execute(
                "SELECT state, reviewer_id, return_reason FROM tracking_progressreport "
                "WHERE id = ?",
                (report,),
            ).fetchone()
            events = db.execute(
                "SELECT verb, actor_id, reason FROM tracking_event WHERE verb IN "
                "('report_approved', 'report_returned') AND json_extract(payload, '$.report') = ?",
                (report,),
            ).fetchall()
            assert len(events) == 1, (report, events)
            [(verb, actor, why)] = events
            assert state == ("approved" if verb == "report_approved" else "returned")
            assert (reviewer_id, reason) == (actor, why)
        imported = db.execute(
            "SELECT COUNT(*) FROM tracking_task JOIN tracking_plan "
            "ON tracking_task.plan_id = tracking_plan.id WHERE tracking_plan.year = 2023"
        ).fetchone()[0]
        assert imported > 0

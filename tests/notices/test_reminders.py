"""Reminders: which are due, sent once, delivered to the message centre, by e-mail and to a group
robot on a local HTTP server (127.0.0.1 only)."""

import json
import threading
from datetime import date, datetime
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import ClassVar

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from luoshi.notices.models import Delivery, Hook, Notice, Reminder
from luoshi.notices.send import remind
from luoshi.tracking import services, statuses
from luoshi.tracking.models import Event

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Runs `call` and then what its transactions do on commit (the deliveries): a test runs in
    one transaction that never commits."""

    def run(call, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return call(*args, **kwargs)

    return run


@pytest.fixture
def published_long_ago(plan):
    plan.published_at = timezone.make_aware(datetime(2022, 1, 10))
    plan.save(update_fields=["published_at"])
    return plan


class Robot(BaseHTTPRequestHandler):
    """A group robot: records what it is sent; fails the first `failures` posts."""

    received: ClassVar[list[dict]] = []
    failures = 0

    def do_POST(self):
        length = int(self.headers["Content-Length"])
        payload = json.loads(self.rfile.read(length))
        if Robot.failures > 0:
            Robot.failures -= 1
            self.send_response(500)
            self.end_headers()
            return
        Robot.received.append(payload)
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b'{"errcode": 0, "errmsg": "ok"}')

    def log_message(self, *args):
        pass


@pytest.fixture
def robot(settings):
    settings.LUOSHI_WEBHOOK_BACKOFF = 0
    Robot.received, Robot.failures = [], 0
    server = HTTPServer(("127.0.0.1", 0), Robot)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/cgi-bin/webhook/send?key=test"
    server.shutdown()


def test_remind_twice_sends_nothing_the_second_time(
    committed, settings, published_long_ago, bob, bobs_task
):
    bob.email = "bob@example.org"
    bob.save()
    settings.LUOSHI_AS_OF = "2022-07-10"
    statuses.refresh_plan(bobs_task.plan, date(2022, 7, 10))
    first = committed(remind, date(2022, 7, 10))
    kinds = set(Reminder.objects.values_list("kind", flat=True))
    assert kinds == {"missing", "unsigned"}  # June not reported after the 5th; never signed
    assert first.reminders == 2 and first.notices == 2
    assert len(mail.outbox) == 2 and mail.outbox[0].to == ["bob@example.org"]
    again = committed(remind, date(2022, 7, 10))
    assert (again.reminders, again.notices) == (0, 0)
    assert len(mail.outbox) == 2
    committed(call_command, "remind", "--on", "2022-07-10")
    assert Reminder.objects.count() == 2
    assert Event.objects.filter(verb="reminded", task=bobs_task).count() == 2


def test_upcoming_before_the_reporting_day_then_missing_after_it(
    committed, published_long_ago, bobs_task
):
    statuses.refresh_plan(bobs_task.plan, date(2022, 7, 3))
    committed(remind, date(2022, 7, 3))
    assert Reminder.objects.filter(kind="upcoming", period="2022-06").exists()
    assert "7月5日前报送" in Reminder.objects.get(kind="upcoming").message
    committed(remind, date(2022, 7, 7))
    assert Reminder.objects.filter(kind="missing", period="2022-06").exists()


def test_a_returned_report_is_reminded_until_reported_again(
    committed, published_long_ago, alice, bob, bobs_task
):
    report = services.submit_report(
        bob,
        bobs_task,
        {"target_obj": bobs_task.targets.get(), "period": "2022-06", "value": 10, "narrative": "x"},
    )
    services.review_report(alice, report.pk, False, "请补充佐证")
    committed(remind, date(2022, 7, 10))
    assert Reminder.objects.filter(kind="returned", period="2022-06").exists()


def test_a_group_robot_gets_the_reminder_with_retries(
    committed, published_long_ago, robot, city, ndrc, bobs_task
):
    Hook.objects.create(
        jurisdiction=city, department=ndrc, name="发改委工作群", url=robot, flavour="wecom"
    )
    Robot.failures = 1  # the first attempt fails: a retry delivers it
    statuses.refresh_plan(bobs_task.plan, date(2022, 7, 10))
    committed(remind, date(2022, 7, 10))
    assert len(Robot.received) == 2
    assert Robot.received[0]["msgtype"] == "text"
    assert Robot.received[0]["text"]["content"].startswith("【")
    sent = Delivery.objects.filter(channel="webhook", state="sent")
    assert sent.count() == 2 and max(d.attempts for d in sent) == 2


def test_a_robot_that_keeps_failing_is_logged_as_failed(
    committed, published_long_ago, robot, city, bobs_task
):
    Hook.objects.create(jurisdiction=city, name="督查室群", url=robot, flavour="dingtalk")
    Robot.failures = 100
    committed(remind, date(2022, 7, 10))
    failed = Delivery.objects.filter(channel="webhook", state="failed")
    assert failed.count() == Reminder.objects.count() and failed.first().attempts == 3
    assert "500" in failed.first().error


def test_the_office_urges_and_the_liaison_reads_it_in_the_message_centre(
    committed, as_of, alice, bob, bobs_task
):
    office = Client()
    office.force_login(alice)
    response = office.post(
        reverse("notices:urge", args=[bobs_task.pk]), {"message": "请于本周内报送6月进展"}
    )
    assert response.status_code == 302
    office.post(reverse("notices:urge", args=[bobs_task.pk]), {"message": "再次催办"})
    assert Reminder.objects.filter(kind="urged").count() == 2  # 催办 is never deduplicated
    assert Event.objects.filter(verb="urged", actor=alice).count() == 2

    liaison = Client()
    liaison.force_login(bob)
    page = liaison.get(reverse("tracking:my_department"), follow=True).content.decode()
    assert 'class="unread-count">2<' in page
    inbox = liaison.get(reverse("notices:inbox")).content.decode()
    assert "【催办】T001：请于本周内报送6月进展" in inbox
    liaison.post(reverse("notices:mark_read"))
    assert not Notice.objects.filter(user=bob, read_at=None).exists()
    assert 'class="unread-count"' not in liaison.get(reverse("notices:inbox")).content.decode()


def test_only_the_office_urges(as_of, bob, bobs_task):
    client = Client()
    client.force_login(bob)
    assert (
        client.post(reverse("notices:urge", args=[bobs_task.pk]), {"message": "x"}).status_code
        == 403
    )
    assert not Reminder.objects.exists()

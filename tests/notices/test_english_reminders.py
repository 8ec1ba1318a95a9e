"""Reminders in the reader's language: the stored (and sent) message is Chinese; the English
interface shows the same reminder in English."""

from datetime import date, datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from luoshi import datafiles
from luoshi.notices import words
from luoshi.notices.models import Reminder
from luoshi.notices.send import remind, urge
from luoshi.tracking import services, statuses

pytestmark = pytest.mark.django_db


@pytest.fixture
def reminded(plan, bob, alice, bobs_task):
    """发改委 reminded of every kind on bobs_task: missing, unsigned, returned, overdue, a
    checkpoint coming, and a 催办."""
    plan.published_at = timezone.make_aware(datetime(2022, 1, 10))
    plan.save(update_fields=["published_at"])
    bobs_task.nodes = [{"on": "2022-07-12", "share": 0.5, "label": "开工"}]
    bobs_task.save(update_fields=["nodes"])
    report = services.submit_report(
        bob,
        bobs_task,
        {"target_obj": bobs_task.targets.get(), "period": "2022-05", "value": 1, "narrative": "x"},
    )
    services.review_report(alice, report.pk, False, "请补充佐证")
    statuses.refresh_plan(plan, date(2022, 7, 10))
    remind(date(2022, 7, 10))
    urge(alice, bobs_task, "请于本周内报送6月进展", date(2022, 7, 10))
    return {r.kind + ("-node" if len(r.period) == 10 else ""): r for r in Reminder.objects.all()}


def test_every_reminder_reads_in_english_and_keeps_its_chinese(reminded):
    assert set(reminded) >= {"missing", "unsigned", "returned", "upcoming-node", "urged"}
    english = {kind: words.shown(r, "en") for kind, r in reminded.items()}
    assert (
        reminded["missing"].message
        == "【到期未报】T001：6月进展已过报送期限（7月5日），请尽快报送。"
    )
    assert english["missing"] == (
        "[Not reported] T001: the progress of June 2022 was due by 5 July; "
        "report it as soon as possible."
    )
    assert english["returned"].startswith("[Returned] T001: the progress of May 2022")
    assert (
        english["upcoming-node"]
        == "[Deadline coming] T001: the checkpoint “开工” is due on 2022-07-12."
    )
    assert english["unsigned"].startswith("[Not acknowledged] T001:")
    assert english["urged"] == "[Urged] T001: 请于本周内报送6月进展"  # the office's own words
    quoted = ("开工", "请于本周内报送6月进展")  # words from the plan and the office, as written
    for kind, reminder in reminded.items():
        assert words.shown(reminder, "zh-hans") == reminder.message
        rest = english[kind]
        for words_quoted in quoted:
            rest = rest.replace(words_quoted, "")
        assert not any("\u4e00" <= c <= "\u9fff" for c in rest), kind


def test_an_overdue_reminder_names_the_deadline_in_both_languages(plan, bobs_task):
    bobs_task.deadline = date(2022, 6, 30)
    text = words.message(bobs_task, "overdue", "2022-06")
    assert "（2022-06-30）" in text.zh and "(2022-06-30)" in text.en


def test_the_message_centre_shows_the_readers_language(reminded, bob):
    client = Client()
    client.force_login(bob)
    chinese = client.get(reverse("notices:inbox")).content.decode()
    assert "【到期未报】T001" in chinese and "[Not reported]" not in chinese
    client.cookies["django_language"] = "en"
    english = client.get(reverse("notices:inbox")).content.decode()
    assert "[Not reported] T001" in english and "【到期未报】" not in english


def test_the_tasks_history_shows_reminders_in_the_readers_language(reminded, bob, bobs_task):
    client = Client()
    client.force_login(bob)
    url = reverse("tracking:task", args=[bobs_task.pk])
    chinese = client.get(url).content.decode()
    assert "【到期未报】T001" in chinese and "【催办】T001：请于本周内报送6月进展" in chinese
    client.cookies["django_language"] = "en"
    english = client.get(url).content.decode()
    assert "[Not reported] T001" in english and "【到期未报】" not in english
    assert "[Urged] T001: 请于本周内报送6月进展" in english  # the office's own words


def test_the_messages_file_is_checked_when_loaded(monkeypatch):
    real = datafiles.load("luoshi.notices", "data", "messages.yaml")
    broken = {"messages": dict(real["messages"], missing={"zh": "{code}{typo}", "en": "x"})}
    monkeypatch.setattr(words.datafiles, "load", lambda *path: broken)
    words.templates.cache_clear()
    try:
        with pytest.raises(datafiles.RuleError, match=r"missing\.zh: unknown typo"):
            words.templates()
    finally:
        monkeypatch.undo()
        words.templates.cache_clear()
    assert words.templates()["urged"].en == "[Urged] {code}: {words}"  # the real file again

"""批示 in the monthly 督查通报: its 存在问题 names the departments with unanswered 批示."""

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from luoshi.documents.bulletin import BulletinFacts, TaskRow, compose, default_options
from luoshi.documents.bulletin_counts import InstructionRow
from luoshi.documents.bulletin_document import Paragraph, plain_text
from luoshi.exchange import bulletin_facts
from luoshi.tracking import cycle
from luoshi.tracking.models import Instruction

FACTS = BulletinFacts(
    "辽源市", 2022, "2022-06", date(2022, 7, 10),
    (TaskRow("T001", "任务T001", "聚焦项目", "市发改委", "序时推进", "原因"),),
)  # fmt: skip


def body_text(document):
    return "\n".join(
        plain_text(block.spans) for block in document.body if isinstance(block, Paragraph)
    )


def text_of(facts):
    return body_text(compose(facts, default_options()))


def test_the_problems_name_departments_with_unanswered_instructions():
    facts = replace(FACTS, unanswered=(
        InstructionRow("市发改委", "T001", date(2022, 6, 20)),
        InstructionRow("市发改委", "", date(2022, 6, 25)),
        InstructionRow("市商务局", "T007", date(2022, 7, 1)),
    ))  # fmt: skip
    document = compose(facts, default_options())
    text = body_text(document)
    assert "领导批示尚未办理回复3件，涉及市发改委（2件）、市商务局（1件）。" in text
    assert "本期无逾期、滞后、未报送或被退回的任务" not in text
    assert "请尚未回复领导批示的单位" in text
    figure = next(f for f in document.figures if f.basis == "领导批示未回复")
    assert figure.refs == ("T001批示（6月20日）", "市发改委批示（6月25日）", "T007批示（7月1日）")


def test_without_unanswered_instructions_nothing_is_said_of_them():
    text = text_of(FACTS)
    assert "批示" not in text and "本期无逾期、滞后、未报送或被退回的任务" in text


@pytest.mark.django_db
def test_the_facts_hold_the_instructions_unanswered_on_the_bulletins_day(
    plan, bobs_task, dana, bob, ndrc, commerce
):
    on = date(2022, 7, 10)
    moment = timezone.make_aware(datetime(2022, 6, 20, 10))

    def given(department, task=None, answered=None):
        made = cycle.instruct(dana, department, "加快推进", task=task)
        Instruction.objects.filter(pk=made.pk).update(created_at=moment)
        if answered is not None:
            cycle.answer(bob, made.pk, "已办理")
            Instruction.objects.filter(pk=made.pk).update(answered_at=answered)
        return made

    given(ndrc, bobs_task)  # unanswered
    given(commerce)  # to a department, unanswered
    given(ndrc, bobs_task, answered=moment + timedelta(days=2))  # answered in time
    given(ndrc, bobs_task, answered=moment + timedelta(days=40))  # answered after the day
    later = cycle.instruct(dana, ndrc, "后来的批示")  # given after the day
    assert later.created_at.date() > on
    rows = bulletin_facts.unanswered(plan, on)
    assert [(r.department, r.task) for r in rows] == [
        ("市发改委", "T001"), ("市发改委", "T001"), ("市商务局", ""),
    ]  # fmt: skip
    assert bulletin_facts.collect(plan, "2022-06", on).unanswered == rows

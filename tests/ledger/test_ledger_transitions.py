"""Stage changes follow the rules in data/transitions.yaml and are kept as append-only events."""

from datetime import date

import pytest

from luoshi.datafiles import RuleError
from luoshi.ledger import stages
from luoshi.ledger.models import StageChange
from luoshi.ledger.transitions import MoveRefused, parse, rules
from tests.ledger.ledger_support import TODAY, make_project


def test_the_bundled_rules_load():
    assert [s.name for s in rules().stages] == ["谋划", "签约", "审批", "开工", "竣工", "投产"]


@pytest.mark.parametrize(
    ("current", "to", "kind"),
    [
        ("planning", "signed", "next"),
        ("approval", "started", "next"),
        ("completed", "operating", "next"),
    ],
)
def test_it_allows_the_next_stage_without_a_reason(current, to, kind):
    assert rules().check_move(current, to, "") == kind


@pytest.mark.parametrize(("current", "to"), [("planning", "started"), ("started", "signed")])
def test_it_refuses_a_skipped_or_backward_move_without_a_reason(current, to):
    with pytest.raises(MoveRefused, match="请填写原因"):
        rules().check_move(current, to, "  ")


def test_it_allows_a_skipped_move_with_a_reason():
    assert rules().check_move("signed", "started", "备案类项目，无需审批") == "skip"
    assert rules().check_move("started", "approval", "补办手续") == "back"


def test_it_refuses_a_move_to_the_same_stage():
    with pytest.raises(MoveRefused, match="无需变更"):
        rules().check_move("signed", "signed", "任何原因")


def test_a_rules_file_with_an_unknown_stage_is_refused_with_its_name():
    data = {
        "tiers": [
            {"code": c, "name": c} for c in ["reserve", "preliminary", "construction", "operating"]
        ],
        "stages": [],
        "transitions": {"planning": ["groundbreaking"]},
        "size_classes": [{"code": "s", "name": "s", "min": 0}],
    }
    with pytest.raises(RuleError, match="stages must be"):
        parse(data)


def test_a_move_records_a_stage_change_and_the_date_reached(city):
    project = make_project(city, "P1")
    change = stages.move(project, "signed", date(2022, 3, 1), evidence="签约仪式", today=TODAY)
    project.refresh_from_db()
    assert (project.stage, project.tier, project.signed_on) == (
        "signed",
        "preliminary",
        date(2022, 3, 1),
    )
    assert (change.from_stage, change.kind, change.evidence) == ("planning", "next", "签约仪式")
    assert [c.kind for c in project.changes.all()] == ["created", "next"]


def test_a_refused_move_changes_nothing(city):
    project = make_project(city, "P1")
    with pytest.raises(MoveRefused):
        stages.move(project, "started", date(2022, 3, 1), today=TODAY)
    project.refresh_from_db()
    assert project.stage == "planning"
    assert project.changes.count() == 1


def test_it_refuses_a_move_dated_in_the_future_or_before_the_last_change(city):
    project = make_project(city, "P1")
    with pytest.raises(MoveRefused, match="晚于今天"):
        stages.move(project, "signed", date(2022, 8, 1), today=TODAY)
    with pytest.raises(MoveRefused, match="早于上一次"):
        stages.move(project, "signed", date(2021, 1, 1), today=TODAY)


def test_a_backward_move_forgets_the_later_stages(city):
    project = make_project(
        city, "P1", path=[("signed", date(2022, 1, 5)), ("started", date(2022, 2, 1))]
    )
    stages.move(project, "signed", date(2022, 3, 1), reason="开工手续不全，退回", today=TODAY)
    project.refresh_from_db()
    assert project.started_on is None
    assert project.signed_on == date(2022, 3, 1)


def test_stage_changes_cannot_be_edited_or_deleted(city):
    project = make_project(city, "P1")
    change = project.changes.get()
    with pytest.raises(Exception, match="cannot be updated"):
        change.save()
    with pytest.raises(Exception, match="cannot be deleted"):
        StageChange.objects.filter(pk=change.pk).delete()

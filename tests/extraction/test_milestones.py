"""Dated milestones read from tasks' words (sentences from the shared reports)."""

import pytest

from luoshi.extraction.milestones import Milestone, milestones

CASES = [
    ("力争6月底前建成投产，年底前全部完工", [("2022-06-30", "建成投产"), ("2022-12-31", "完工")]),
    ("一季度重点项目集中开工", [("2022-03-31", "开工")]),
    ("推动项目9月份建成投用", [("2022-09-30", "建成投用")]),
    ("确保年内主体完工", [("2022-12-31", "主体完工")]),
    ("十一月底前出台实施方案", [("2022-11-30", "出台")]),
    ("上半年建成，年底建成", [("2022-06-30", "建成")]),  # one per step: the first date
    ("加快推进项目建设，早日发挥效益", []),
    ("13月底开工", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_milestones(text, expected):
    assert milestones(text, 2022) == [Milestone(on, label) for on, label in expected]


def test_no_milestone_after_the_deadline():
    assert milestones("6月底前开工、年底前竣工", 2022, deadline="2022-06-30") == [
        Milestone("2022-06-30", "开工")
    ]


def test_reads_in_linear_time():
    text = "年内" * 20000 + "开工"
    assert milestones(text, 2022)[0].label == "开工"

"""Table tests of the 序时 rules, the kinds of target, forecasts and appeals.

Target sentences are real report sentences; every date is passed in.
"""

from datetime import date

import pytest

from luoshi.status import (
    AHEAD,
    BEHIND,
    COMPLETE,
    MISSING,
    ON_TRACK,
    OVERDUE,
    Node,
    Override,
    ReportFacts,
    TargetFacts,
    TaskFacts,
    evaluate,
)
from luoshi.status.expectation import expected
from luoshi.status.forecast import project
from luoshi.status.words import sentences

JULY_10 = date(2022, 7, 10)


def approved(period, value=None, target=0, percent=None, milestones=(), sequence=0):
    return ReportFacts(period, "approved", target, value, percent, "", sequence, "", milestones)


def submitted(period, value=None, target=0, percent=None, milestones=()):
    return ReportFacts(period, "submitted", target, value, percent, "", 0, "", milestones)


# --- 序时 expectations -------------------------------------------------------------------------

EXPECTATIONS = [
    # (name, facts, period, expected share, basis, words in the reason)
    ("no node: pro rata over the year", TaskFacts(2022), "2022-06", 181 / 365, "time", "按时序"),
    (
        "quarter checkpoints without planned shares: still pro rata (May, not March's 25%)",
        TaskFacts(2022, nodes=(date(2022, 3, 31), date(2022, 6, 30), date(2022, 9, 30))),
        "2022-05",
        151 / 365,
        "time",
        "按时序",
    ),
    (
        "a checkpoint without a share beside planned ones plans its date's pro-rata share",
        TaskFacts(2022, nodes=(date(2022, 3, 31), Node(date(2022, 9, 30), 0.9))),
        "2022-06",
        90 / 365,
        "node",
        "按节点“3月31日”",
    ),
    (
        "the only node is the year-end deadline: pro rata, not 0%",
        TaskFacts(2022, deadline=date(2022, 12, 31), nodes=(date(2022, 12, 31),)),
        "2022-06",
        181 / 365,
        "time",
        "按时序",
    ),
    (
        "pro rata from the task's start date",
        TaskFacts(2022, start=date(2022, 4, 1)),
        "2022-06",
        91 / 275,
        "time",
        "按时序",
    ),
    (
        "a planned share: the last node passed",
        TaskFacts(
            2022,
            nodes=(Node(date(2022, 3, 31), 0.3, "一季度完成30%"), Node(date(2022, 9, 30), 0.8)),
        ),
        "2022-06",
        0.3,
        "node",
        "按节点“一季度完成30%”",
    ),
    (
        "a planned share interpolated to the next node when the office chooses",
        TaskFacts(
            2022,
            nodes=(Node(date(2022, 3, 31), 0.3, "一季度"), Node(date(2022, 9, 30), 0.9, "三季度")),
            interpolate=True,
        ),
        "2022-06",
        0.3 + 0.6 * 91 / 183,
        "node",
        "“一季度”至“三季度”",
    ),
    (
        "before the first node nothing is due (stepwise)",
        TaskFacts(2022, nodes=(Node(date(2022, 6, 30), 0.5, "上半年过半"),)),
        "2022-05",
        0.0,
        "node",
        "首个节点“上半年过半”未到",
    ),
    (
        "an early deadline is reached in full",
        TaskFacts(2022, deadline=date(2022, 6, 30)),
        "2022-06",
        1.0,
        "time",
        "按时序",
    ),
]


@pytest.mark.parametrize(
    ("facts", "period", "share", "basis", "words"),
    [case[1:] for case in EXPECTATIONS],
    ids=[case[0] for case in EXPECTATIONS],
)
def test_expectation(facts, period, share, basis, words):
    found = expected(facts, period)
    assert found.share == pytest.approx(share)
    assert found.basis == basis
    assert words in found.text.zh and found.text.en


def test_a_year_end_task_reported_at_half_is_on_pace_in_july_not_ahead():
    facts = TaskFacts(
        2022, nodes=(date(2022, 12, 31),), reports=(approved("2022-06", target=None, percent=55),)
    )
    result = evaluate(facts, JULY_10)
    assert result.expected == pytest.approx(0.4959, abs=1e-3)
    assert result.status == ON_TRACK
    assert "应完成50%（按时序），已完成55%" in result.reason


def test_a_year_end_task_ahead_only_by_ten_points_or_more():
    facts = TaskFacts(2022, reports=(approved("2022-06", target=None, percent=61),))
    assert evaluate(facts, JULY_10).status == AHEAD


# --- milestones -------------------------------------------------------------------------------

START, FINISH = (
    Node(date(2022, 6, 30), label="开工", milestone=True),
    Node(date(2022, 12, 31), label="竣工", milestone=True),
)
MILESTONES = [
    (
        "before its first milestone, on time",
        TaskFacts(2022, nodes=(START, FINISH), reports=(approved("2022-05", target=None),)),
        date(2022, 6, 10),
        ON_TRACK,
        "下一里程碑：6月30日前开工",
    ),
    (
        "the milestone passed and reported done: on time",
        TaskFacts(
            2022,
            nodes=(START, FINISH),
            reports=(approved("2022-06", target=None, milestones=("开工",)),),
        ),
        JULY_10,
        ON_TRACK,
        "开工已完成；下一里程碑：12月31日前竣工",
    ),
    (
        "the milestone passed, not done: late",
        TaskFacts(
            2022, nodes=(START, FINISH), reports=(approved("2022-06", target=None, percent=90),)
        ),
        JULY_10,
        BEHIND,
        "按里程碑：应于6月30日前开工，尚未报告开工",
    ),
    (
        "a milestone claimed but not yet approved is not done",
        TaskFacts(
            2022,
            nodes=(START, FINISH),
            reports=(submitted("2022-06", target=None, milestones=("开工",)),),
        ),
        JULY_10,
        BEHIND,
        "尚未报告开工",
    ),
    (
        "every milestone done: complete",
        TaskFacts(
            2022,
            nodes=(START, FINISH),
            reports=(approved("2022-06", target=None, milestones=("开工", "竣工")),),
        ),
        JULY_10,
        COMPLETE,
        "全部里程碑已完成",
    ),
    (
        "past the deadline with the last milestone missing: overdue",
        TaskFacts(
            2022,
            nodes=(START, FINISH),
            reports=(approved("2022-12", target=None, milestones=("开工",)),),
        ),
        date(2023, 1, 10),
        OVERDUE,
        "应于12月31日前竣工",
    ),
    (
        "no report for the month: missing",
        TaskFacts(2022, nodes=(START, FINISH), reports=(approved("2022-04", target=None),)),
        JULY_10,
        MISSING,
        "6月未报送",
    ),
]


@pytest.mark.parametrize(
    ("facts", "on", "status", "words"),
    [case[1:] for case in MILESTONES],
    ids=[case[0] for case in MILESTONES],
)
def test_milestone(facts, on, status, words):
    result = evaluate(facts, on)
    assert result.status == status
    assert words in result.reason
    assert result.lines[-1].basis == "milestone"


# --- kinds of target -------------------------------------------------------------------------

GDP = TargetFacts(value=6, unit="%", comparator="~", label="地区生产总值增长")  # 增长6%左右
JOBS_ABOUT = TargetFacts(value=10000, unit="人", comparator="~", label="新增城镇就业")
RANGE = TargetFacts(value=6, unit="%", upper=7, label="经济增长")  # 增长6%—7%
UNEMPLOYMENT = TargetFacts(
    value=5.5, unit="%", comparator="<=", label="城镇调查失业率"
)  # 控制在5.5%以内
FOREST = TargetFacts(value=42, unit="%", baseline=40, label="森林覆盖率")  # 从40%提高到42%
INCOME = TargetFacts(
    value=270, unit="元", baseline=202, change="increase", label="城乡居民基础养老金"
)
LIFE = TargetFacts(value=78.5, unit="岁", label="人均预期寿命")
RATIO = TargetFacts(value=95, unit="", label="城市生活垃圾无害化处理率")
EACH = TargetFacts(value=100, unit="次", each=("东丰县", "东辽县"), label="招商推介")

KINDS = [
    # (name, target, reports, on, status, words)
    (
        "左右: inside the band is met",
        GDP,
        [approved("2022-06", 5.9)],
        JULY_10,
        ON_TRACK,
        "在目标±0.2%范围内",
    ),
    ("左右: above the target is met", GDP, [approved("2022-06", 6.3)], JULY_10, ON_TRACK, "已达到"),
    ("左右: below the band is not met", GDP, [approved("2022-06", 5.7)], JULY_10, BEHIND, "未达到"),
    (
        "左右 on an amount: done inside the band",
        JOBS_ABOUT,
        [approved("2022-10", 9850)],
        date(2022, 11, 5),
        COMPLETE,
        "已完成98%",
    ),
    (
        "a range is met from its lower end",
        RANGE,
        [approved("2022-06", 6.1)],
        JULY_10,
        ON_TRACK,
        "目标6～7%",
    ),
    (
        "a cap is met while the value stays under",
        UNEMPLOYMENT,
        [approved("2022-06", 5.2)],
        JULY_10,
        ON_TRACK,
        "目标≤5.5%",
    ),
    (
        "a cap exceeded is behind",
        UNEMPLOYMENT,
        [approved("2022-06", 5.8)],
        JULY_10,
        BEHIND,
        "未达到",
    ),
    (
        "a cap exceeded at the year's end is overdue",
        UNEMPLOYMENT,
        [approved("2022-12", 5.8)],
        date(2023, 1, 5),
        OVERDUE,
        "未达到",
    ),
    (
        "a level with a baseline progresses from it",
        FOREST,
        [approved("2022-06", 41)],
        JULY_10,
        ON_TRACK,
        "已完成50%",
    ),
    (
        "a level with a baseline not moving is behind",
        FOREST,
        [approved("2022-06", 40.2)],
        JULY_10,
        BEHIND,
        "已完成10%",
    ),
    (
        "an increase from a baseline (从202元提高到270元)",
        INCOME,
        [approved("2022-06", 270)],
        JULY_10,
        COMPLETE,
        "已完成100%",
    ),
    (
        "a level in years is read at a point in time",
        LIFE,
        [approved("2022-06", 78.6)],
        JULY_10,
        ON_TRACK,
        "已达到",
    ),
    (
        "a rate named by its indicator is a level",
        RATIO,
        [approved("2022-06", 93)],
        JULY_10,
        BEHIND,
        "目标≥95",
    ),
]


@pytest.mark.parametrize(
    ("target", "reports", "on", "status", "words"),
    [case[1:] for case in KINDS],
    ids=[case[0] for case in KINDS],
)
def test_kind(target, reports, on, status, words):
    result = evaluate(TaskFacts(2022, targets=(target,), reports=tuple(reports)), on)
    assert result.status == status
    assert words in result.reason


def test_each_target_the_slowest_unit_sets_the_pace():
    reports = (
        ReportFacts("2022-06", "approved", 0, 60, each_item="东丰县"),
        ReportFacts("2022-06", "approved", 0, 30, each_item="东辽县"),
    )
    result = evaluate(TaskFacts(2022, targets=(EACH,), reports=reports), JULY_10)
    assert result.status == BEHIND and result.reason.startswith("招商推介，东辽县：")


# --- forecasts --------------------------------------------------------------------------------

JOBS = TargetFacts(value=10000, unit="人", label="新增城镇就业")


def test_forecast_linear_trend_of_the_cumulative_series():
    reports = tuple(approved(f"2022-{m:02d}", 800 * m) for m in range(1, 7))
    line = evaluate(TaskFacts(2022, targets=(JOBS,), reports=reports), JULY_10).lines[0]
    assert (
        line.forecast
        == "预警：按当前进度预计年底完成9600人（目标≥10000人，按1月至6月累计值线性趋势推算）"
    )
    assert line.warning
    assert "projected 9600人 by the year's end" in line.forecast_en


def test_forecast_that_reaches_the_target_is_no_warning():
    reports = tuple(approved(f"2022-{m:02d}", 900 * m) for m in range(1, 7))
    line = evaluate(TaskFacts(2022, targets=(JOBS,), reports=reports), JULY_10).lines[0]
    assert line.forecast.startswith("按当前进度预计年底完成10800人") and not line.warning


def test_forecast_needs_three_values():
    reports = (approved("2022-05", 4000), approved("2022-06", 5000))
    line = evaluate(TaskFacts(2022, targets=(JOBS,), reports=reports), JULY_10).lines[0]
    assert line.forecast == "" and not line.warning


def test_forecast_of_a_level_follows_its_values():
    air = TargetFacts(value=91, unit="%", label="空气质量优良天数占比")
    reports = tuple(approved(f"2022-{m:02d}", v) for m, v in [(4, 93), (5, 92), (6, 91.5)])
    line = evaluate(TaskFacts(2022, targets=(air,), reports=reports), JULY_10).lines[0]
    assert "按4月至6月数值线性趋势推算" in line.forecast
    assert line.warning  # falling 0.75 points a month: 87% by December


def test_forecast_by_last_years_monthly_pattern():
    pattern = (0.05, 0.1, 0.2, 0.3, 0.4, 0.45, 0.55, 0.65, 0.75, 0.85, 0.95, 1.0)
    found = project(
        JOBS, [("2022-04", 2800), ("2022-05", 3600), ("2022-06", 4400)], "2022-12", True, pattern
    )
    assert found is not None and found.value == pytest.approx(4400 / 0.45)
    assert found.method.zh == "按上年各月进度推算"
    assert found.warning  # 9,778 of 10,000


# --- appeals ----------------------------------------------------------------------------------


def test_an_accepted_appeal_sets_the_status_for_its_period_and_keeps_the_computed_one():
    facts = TaskFacts(
        2022,
        targets=(JOBS,),
        reports=(approved("2022-06", 3000),),
        overrides=(Override("2022-06", ON_TRACK, "统计口径调整，6月数据次月补报"),),
    )
    result = evaluate(facts, JULY_10)
    assert result.status == ON_TRACK and result.overridden
    assert result.reason.startswith("申诉改判：统计口径调整")
    assert "计算结果：滞后，" in result.reason
    assert "computed: Behind," in result.reason_en


def test_an_appeal_for_another_period_does_not_apply():
    facts = TaskFacts(
        2022,
        targets=(JOBS,),
        reports=(approved("2022-06", 3000),),
        overrides=(Override("2022-05", ON_TRACK, "x"),),
    )
    result = evaluate(facts, JULY_10)
    assert result.status == BEHIND and not result.overridden


# --- both languages ---------------------------------------------------------------------------


def test_every_sentence_has_both_languages_with_the_same_placeholders():
    import string

    for key, (zh, en) in sentences().items():
        names = lambda text: {f[1] for f in string.Formatter().parse(text) if f[1]}  # noqa: E731
        assert names(zh) == names(en), key


def _chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


@pytest.mark.parametrize("case", EXPECTATIONS + MILESTONES, ids=lambda case: case[0])
def test_every_reason_exists_in_english(case):
    facts = case[1]
    names = [node.label for node in facts.checkpoints()]  # the report's own words stay
    for line in evaluate(facts, JULY_10).lines:
        english = line.reason_en
        for name in names:
            english = english.replace(name, "")
        assert line.reason_en and not _chinese(english), line.reason_en


def test_a_verified_figure_awaiting_this_months_review_is_held_to_its_own_month():
    # May approved at 43%, June's 52% awaits review: on pace for May (41%), not behind June.
    facts = TaskFacts(
        2022,
        reports=(
            approved("2022-05", target=None, percent=43),
            submitted("2022-06", target=None, percent=52),
        ),
    )
    result = evaluate(facts, JULY_10)
    assert result.status == ON_TRACK
    assert (
        "5月应完成41%（按时序），已完成43%（5月报送，已审核）；6月报送52%，待审核" in result.reason
    )


def test_a_milestone_task_reported_as_wholly_done_has_every_milestone_done():
    facts = TaskFacts(
        2022, nodes=(START, FINISH), reports=(approved("2022-06", target=None, percent=100),)
    )
    assert evaluate(facts, JULY_10).status == COMPLETE


def test_a_target_with_last_years_pattern_is_forecast_by_it():
    pattern = (0.05, 0.1, 0.2, 0.3, 0.4, 0.45, 0.55, 0.65, 0.75, 0.85, 0.95, 1.0)
    jobs = TargetFacts(value=10000, unit="人", label="新增城镇就业", pattern=pattern)
    reports = tuple(approved(f"2022-{m:02d}", v) for m, v in [(4, 2800), (5, 3600), (6, 4600)])
    line = evaluate(TaskFacts(2022, targets=(jobs,), reports=reports), JULY_10).lines[0]
    assert line.forecast == "按当前进度预计年底完成10222人（目标≥10000人，按上年各月进度推算）"


def test_a_live_source_is_named_in_each_language():
    from luoshi.status import Text

    ledger = Text("项目台账实时数", "live figure of the project ledger")
    report = ReportFacts("2022-06", "approved", 0, 5000, None, "", 2**62, ledger)
    result = evaluate(TaskFacts(2022, targets=(JOBS,), reports=(report,)), JULY_10)
    assert "（项目台账实时数）" in result.reason
    assert "(live figure of the project ledger)" in result.reason_en

"""The status engine over a table of cases; every date is passed in, never read from the clock."""

from datetime import date

import pytest

from luoshi.status import (
    AHEAD,
    BEHIND,
    COMPLETE,
    MISSING,
    ON_TRACK,
    OVERDUE,
    ReportFacts,
    TargetFacts,
    TaskFacts,
    evaluate,
    expected_share,
    reference_period,
)

JOBS = TargetFacts(value=10000, unit="人", label="新增城镇就业")
AIR = TargetFacts(value=91, unit="%", label="空气质量优良天数占比")
SHORTER = TargetFacts(value=20, unit="%", change="decrease", label="办理时限缩短")
PM25 = TargetFacts(value=35, unit="微克/立方米", comparator="<=", baseline=45, label="PM2.5")
NOISE = TargetFacts(value=55, unit="分贝", comparator="<=", label="噪声")
EVENTS = TargetFacts(value=100, unit="次", each=("县(区)", "高新区", "市本级"), label="招商活动")


def approved(period, value=None, target=0, percent=None, each_item=""):
    return ReportFacts(period, "approved", target, value, percent, each_item)


def submitted(period, value=None, target=0, percent=None, each_item=""):
    return ReportFacts(period, "submitted", target, value, percent, each_item)


def returned(period, value=None, target=0):
    return ReportFacts(period, "returned", target, value)


def live(period, value, target=0, each_item=""):
    """A value kept by the office in the project ledger, as tracking.measure passes it."""
    return ReportFacts(period, "approved", target, value, None, each_item, 2**62, "项目台账实时数")


@pytest.mark.parametrize(
    ("on", "period"),
    [
        (date(2022, 1, 15), None),
        (date(2022, 2, 1), "2022-01"),
        (date(2022, 7, 15), "2022-06"),
        (date(2023, 3, 1), "2022-12"),
    ],
)
def test_the_reference_period_is_the_last_whole_month(on, period):
    assert reference_period(2022, date(2022, 12, 31), on) == period


def test_expected_share_is_pro_rata_to_the_elapsed_part_of_the_year():
    facts = TaskFacts(year=2022)
    assert expected_share(facts, "2022-06") == pytest.approx(181 / 365)
    assert expected_share(facts, "2022-12") == 1.0


def test_checkpoints_without_planned_shares_are_reporting_dates_only():
    facts = TaskFacts(year=2022, nodes=(date(2022, 3, 31), date(2022, 9, 30)))
    assert expected_share(facts, "2022-06") == pytest.approx(181 / 365)
    assert expected_share(facts, "2022-02") == pytest.approx(59 / 365)


def test_expected_share_reaches_everything_at_an_early_deadline():
    facts = TaskFacts(year=2022, deadline=date(2022, 6, 30))
    assert expected_share(facts, "2022-06") == 1.0
    assert expected_share(facts, "2022-03") == pytest.approx(90 / 181)


CASES = [
    # (name, facts, on, status, reason fragment)
    ("no report at all", TaskFacts(2022, targets=(JOBS,)), date(2022, 7, 10), MISSING, "6月未报送"),
    (
        "before the first period ends nothing is due",
        TaskFacts(2022, targets=(JOBS,)),
        date(2022, 1, 20),
        ON_TRACK,
        "尚未到首个报送期",
    ),
    (
        "behind the pro-rata expectation",
        TaskFacts(2022, targets=(JOBS,), reports=(approved("2022-06", 3200),)),
        date(2022, 7, 10),
        BEHIND,
        "应完成50%（按时序），已完成32%（6月报送，已审核）",
    ),
    (
        "on track with the expectation",
        TaskFacts(2022, targets=(JOBS,), reports=(approved("2022-06", 5200),)),
        date(2022, 7, 10),
        ON_TRACK,
        "应完成50%（按时序），已完成52%",
    ),
    (
        "ahead by ten points or more",
        TaskFacts(2022, targets=(JOBS,), reports=(approved("2022-06", 7000),)),
        date(2022, 7, 10),
        AHEAD,
        "已完成70%",
    ),
    (
        "complete when the value reaches the target",
        TaskFacts(2022, targets=(JOBS,), reports=(approved("2022-06", 10500),)),
        date(2022, 7, 10),
        COMPLETE,
        "已完成105%",
    ),
    (
        "overdue after the deadline",
        TaskFacts(
            2022,
            deadline=date(2022, 6, 30),
            targets=(JOBS,),
            reports=(approved("2022-06", 8000),),
        ),
        date(2022, 8, 1),
        OVERDUE,
        "已过完成时限",
    ),
    (
        "a returned report counts for nothing",
        TaskFacts(2022, targets=(JOBS,), reports=(returned("2022-06", 9000),)),
        date(2022, 7, 10),
        MISSING,
        "6月未报送",
    ),
    (
        "a report awaiting review is claimed, not verified",
        TaskFacts(
            2022,
            targets=(JOBS,),
            reports=(approved("2022-05", 3000), submitted("2022-06", 6000)),
        ),
        date(2022, 7, 10),
        BEHIND,
        "已完成30%（5月报送，已审核）；6月报送60%，待审核",
    ),
    (
        "a percentage level met is on track",
        TaskFacts(2022, targets=(AIR,), reports=(approved("2022-06", 92.5),)),
        date(2022, 7, 10),
        ON_TRACK,
        "目标≥91%，6月为92.5%（已审核），已达到",
    ),
    (
        "a percentage level not met is behind",
        TaskFacts(2022, targets=(AIR,), reports=(approved("2022-06", 88),)),
        date(2022, 7, 10),
        BEHIND,
        "未达到",
    ),
    (
        "a percentage level met over the whole year is complete",
        TaskFacts(2022, targets=(AIR,), reports=(approved("2022-12", 91.2),)),
        date(2023, 1, 5),
        COMPLETE,
        "已达到",
    ),
    (
        "a decrease target is met by a reported decrease at least as large",
        TaskFacts(2022, targets=(SHORTER,), reports=(approved("2022-06", 22),)),
        date(2022, 7, 10),
        ON_TRACK,
        "已达到",
    ),
    (
        "a ceiling with a baseline progresses from the baseline down",
        TaskFacts(2022, targets=(PM25,), reports=(approved("2022-06", 40),)),
        date(2022, 7, 10),
        ON_TRACK,
        "已完成50%",
    ),
    (
        "a ceiling without a baseline is met when the value stays under it",
        TaskFacts(2022, targets=(NOISE,), reports=(approved("2022-06", 57),)),
        date(2022, 7, 10),
        BEHIND,
        "目标≤55分贝",
    ),
    (
        "a qualitative task progresses by the reported percentage",
        TaskFacts(2022, reports=(approved("2022-06", target=None, percent=55),)),
        date(2022, 7, 10),
        ON_TRACK,
        "已完成55%",
    ),
    (
        "a qualitative task with nodes is measured against the nodes passed",
        TaskFacts(
            2022,
            nodes=(date(2022, 3, 31), date(2022, 6, 30), date(2022, 9, 30)),
            reports=(approved("2022-06", target=None, percent=40),),
        ),
        date(2022, 7, 10),
        BEHIND,
        "应完成50%（按时序），已完成40%",
    ),
    (
        "a ledger value names the ledger, not a month's report",
        TaskFacts(2022, targets=(JOBS,), reports=(live("2022-06", 5000),)),
        date(2022, 7, 10),
        ON_TRACK,
        "应完成50%（按时序），已完成50%（项目台账实时数）",
    ),
    (
        "a ledger value that reaches the target completes it",
        TaskFacts(2022, targets=(JOBS,), reports=(live("2022-06", 10000),)),
        date(2022, 7, 10),
        COMPLETE,
        "新增城镇就业：已完成100%（项目台账实时数）",
    ),
    (
        "a ledger value of a level target names the ledger",
        TaskFacts(2022, targets=(AIR,), reports=(live("2022-06", 88),)),
        date(2022, 7, 10),
        BEHIND,
        "目标≥91%，项目台账实时数为88%，未达到",
    ),
]


@pytest.mark.parametrize(
    ("facts", "on", "status", "fragment"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_status_and_reason(facts, on, status, fragment):
    result = evaluate(facts, on)
    assert result.status == status
    assert fragment in result.reason


def test_a_ledger_value_is_never_said_to_be_a_reviewed_report():
    for facts in (
        TaskFacts(2022, targets=(JOBS,), reports=(live("2022-06", 3000),)),
        TaskFacts(2022, targets=(AIR,), reports=(live("2022-06", 95),)),
    ):
        reason = evaluate(facts, date(2022, 7, 10)).reason
        assert "已审核" not in reason and "报送" not in reason, reason


def test_each_target_has_one_line_per_unit_and_the_slowest_sets_the_pace():
    facts = TaskFacts(
        2022,
        targets=(EVENTS,),
        reports=(
            approved("2022-06", 60, each_item="县(区)"),
            approved("2022-06", 55, each_item="高新区"),
            approved("2022-06", 30, each_item="市本级"),
        ),
    )
    result = evaluate(facts, date(2022, 7, 10))
    assert [line.label for line in result.lines] == [
        "招商活动，县(区)",
        "招商活动，高新区",
        "招商活动，市本级",
    ]
    assert result.status == BEHIND
    assert result.reason.startswith("招商活动，市本级：")
    assert result.verified == pytest.approx(0.3)


def test_an_each_target_with_one_unit_unreported_is_missing():
    facts = TaskFacts(
        2022,
        targets=(EVENTS,),
        reports=(
            approved("2022-06", 60, each_item="县(区)"),
            approved("2022-06", 55, each_item="高新区"),
        ),
    )
    result = evaluate(facts, date(2022, 7, 10))
    assert result.status == MISSING
    assert "市本级" in result.reason


def test_claimed_and_verified_progress_are_kept_apart():
    facts = TaskFacts(
        2022, targets=(JOBS,), reports=(approved("2022-05", 3000), submitted("2022-06", 6000))
    )
    result = evaluate(facts, date(2022, 7, 10))
    assert result.verified == pytest.approx(0.3)
    assert result.claimed == pytest.approx(0.6)


def test_a_task_takes_the_worst_status_of_its_targets():
    facts = TaskFacts(
        2022,
        targets=(JOBS, AIR),
        reports=(approved("2022-06", 7000, target=0), approved("2022-06", 85, target=1)),
    )
    assert evaluate(facts, date(2022, 7, 10)).status == BEHIND


def test_the_latest_approved_report_counts():
    facts = TaskFacts(
        2022, targets=(JOBS,), reports=(approved("2022-06", 6000), approved("2022-05", 2000))
    )
    assert evaluate(facts, date(2022, 7, 10)).verified == pytest.approx(0.6)


def test_a_task_complete_before_the_deadline_stays_complete_without_new_reports():
    facts = TaskFacts(2022, targets=(JOBS,), reports=(approved("2022-04", 10000),))
    assert evaluate(facts, date(2022, 9, 10)).status == COMPLETE


def test_checkpoints_after_an_earlier_deadline_no_longer_count():
    facts = TaskFacts(
        year=2022, deadline=date(2022, 6, 30), nodes=(date(2022, 3, 31), date(2022, 9, 30))
    )
    assert expected_share(facts, "2022-06") == 1.0


def test_the_latest_submission_of_a_period_counts():
    first = ReportFacts("2022-06", "approved", 0, 3000, sequence=1)
    correction = ReportFacts("2022-06", "approved", 0, 5000, sequence=2)
    facts = TaskFacts(2022, targets=(JOBS,), reports=(correction, first))
    assert evaluate(facts, date(2022, 7, 10)).verified == pytest.approx(0.5)


def test_a_status_as_of_a_past_day_ignores_the_reports_of_later_periods():
    """A month's status recomputed later (the leader's trend) is what that month knew."""
    facts = TaskFacts(
        year=2022, targets=(JOBS,), reports=(approved("2022-02", 1500), approved("2022-06", 9800))
    )
    march = evaluate(facts, date(2022, 3, 31))
    july = evaluate(facts, date(2022, 7, 10))
    assert march.lines[0].claimed == pytest.approx(0.15)
    assert march.status != AHEAD
    assert july.status == AHEAD

from pathlib import Path

import pytest

from luoshi.research import compare, load_report, pair_reports
from luoshi.research.continuity import KEPT, MISSED, UNKNOWN, judge
from tests.research.helpers import make_figure, make_report

REPORTS = Path(__file__).parent.parent / "data" / "reports"


def gdp(value, comparator="~", upper=None):
    return make_figure(
        "地区生产总值增长5%。",
        "地区生产总值增长5%",
        "地区生产总值增长",
        value,
        "%",
        comparator,
        "increase",
        upper=upper,
    )


def cpi(value, comparator="~", kind="target"):
    return make_figure(
        "居民消费价格涨幅3%。",
        "居民消费价格涨幅3%",
        "居民消费价格涨幅",
        value,
        "%",
        comparator,
        "increase",
        kind=kind,
    )


@pytest.mark.parametrize(
    ("target", "result", "verdict"),
    [
        (gdp(5), gdp(4.9, "="), KEPT),  # 左右: inside the 0.2-point band
        (gdp(5), gdp(4.7, "="), MISSED),
        (gdp(5), gdp(6.1, "="), KEPT),  # more growth than promised keeps it
        (gdp(5, ">="), gdp(4.9, "="), MISSED),  # 以上: no band
        (gdp(4.5, "=", upper=5), gdp(4.6, "="), KEPT),  # a range, from its lower end
        (gdp(4.5, "=", upper=5), gdp(4.4, "="), MISSED),
        (cpi(3), cpi(0.2, "=", "achievement"), KEPT),  # a cap: under it keeps it
        (cpi(3), cpi(3.3, "=", "achievement"), MISSED),
        (cpi(3, "<="), cpi(3.1, "=", "achievement"), MISSED),
    ],
)
def test_value_against_target_and_comparator(target, result, verdict):
    assert judge(target, result)[0] == verdict


def test_a_result_that_is_only_a_bound_may_not_tell():
    jobs = make_figure("城镇新增就业3.3万人。", "城镇新增就业3.3万人", "城镇新增就业", 33000, "人")
    some = make_figure(
        "城镇新增就业3万余人。",
        "城镇新增就业3万余人",
        "城镇新增就业",
        30000,
        "人",
        ">=",
        kind="achievement",
    )
    more = make_figure(
        "城镇新增就业超4万人。",
        "城镇新增就业超4万人",
        "城镇新增就业",
        40000,
        "人",
        ">=",
        kind="achievement",
    )
    assert judge(jobs, some)[0] == UNKNOWN
    assert judge(jobs, more)[0] == KEPT


def test_a_promised_cut_is_kept_by_a_larger_cut():
    promise = make_figure(
        "二氧化硫排放量下降3%。",
        "二氧化硫排放量下降3%",
        "二氧化硫排放量下降",
        3,
        "%",
        "=",
        "decrease",
    )
    cut = make_figure(
        "二氧化硫排放量下降5.6%。",
        "二氧化硫排放量下降5.6%",
        "二氧化硫排放量下降",
        5.6,
        "%",
        "=",
        "decrease",
        kind="achievement",
    )
    assert (promise.value, cut.value) == (-3, -5.6)
    assert judge(promise, cut)[0] == KEPT  # not in the table: a fall is a cut, more is better


def test_the_reason_says_what_was_wanted_and_what_came():
    verdict, reason = judge(gdp(5), gdp(3.9, "="))
    assert verdict == MISSED
    assert reason == "实际3.9%，目标要求≥4.8%（5%左右，容差0.2个百分点）"


def test_reports_of_one_place_pair_by_consecutive_years():
    reports = [
        make_report("甲省", 2024, "province", []),
        make_report("甲省", 2025, "province", []),
        make_report("甲省", 2027, "province", []),
        make_report("乙省", 2025, "province", []),
        make_report("乙省", 2026, "province", []),
    ]
    pairs = [(a.place, a.year, b.year) for a, b in pair_reports(reports)]
    assert pairs == [("乙省", 2025, 2026), ("甲省", 2024, 2025)]


@pytest.fixture(scope="module")
def guangdong():
    return compare(
        load_report(str(REPORTS / "guangdong-2025.txt")),
        load_report(str(REPORTS / "guangdong-2026.txt")),
    )


@pytest.fixture(scope="module")
def national():
    return compare(
        load_report(str(REPORTS / "national-2024.txt")),
        load_report(str(REPORTS / "national-2025.txt")),
    )


def outcome(pair, indicator):
    return next(o for o in pair.outcomes if o.target.indicator == indicator)


def test_guangdong_2025_growth_fell_short_and_jobs_were_kept(guangdong):
    growth = outcome(guangdong, "gdp_growth")
    assert (growth.target.text, growth.result.text, growth.verdict) == (
        "地区生产总值增长5%左右",
        "地区生产总值增长3.9%",
        MISSED,
    )
    retail = outcome(guangdong, "retail_growth")
    assert (retail.result.context, retail.verdict) == (
        "社会消费品零售总额实现4.6万亿元、增长2.8%",
        MISSED,
    )
    jobs = outcome(guangdong, "urban_jobs")
    assert (jobs.result.text, jobs.verdict) == ("城镇新增就业149.4万人", KEPT)
    assert outcome(guangdong, "surveyed_unemployment").verdict == KEPT


def test_a_main_target_without_a_result_is_listed_as_unknown(guangdong):
    for indicator in ("grain_output", "cpi"):
        missing = outcome(guangdong, indicator)
        assert (missing.result, missing.verdict) == (None, UNKNOWN)
    assert outcome(guangdong, "cpi").mention is None


def test_spans_point_into_both_reports(guangdong):
    earlier = (REPORTS / "guangdong-2025.txt").read_text("utf-8")
    later = (REPORTS / "guangdong-2026.txt").read_text("utf-8")
    for o in guangdong.outcomes:
        assert earlier[o.target.start : o.target.end] == o.target.text
        if o.result:
            assert later[o.result.start : o.result.end] == o.result.text


def test_national_2024_every_main_target_met(national):
    verdicts = {o.target.indicator: o.verdict for o in national.outcomes if o.result}
    assert verdicts == {
        "gdp_growth": KEPT,
        "urban_jobs": KEPT,
        "surveyed_unemployment": KEPT,
        "cpi": KEPT,
        "grain_output": KEPT,
        "energy_intensity": KEPT,
    }
    energy = outcome(national, "energy_intensity")
    assert energy.result.text == "单位国内生产总值能耗降幅超过3%"
    summary = national.summary()
    assert summary["main_matched"] / summary["main_targets"] >= 0.8


def test_a_result_in_words_only_is_shown_with_its_span(guangdong):
    grain = outcome(guangdong, "grain_output")
    start, end, words = grain.mention
    assert words == "粮食总产量创2006年以来新高"
    assert (REPORTS / "guangdong-2026.txt").read_text("utf-8")[start:end] == words
    assert "未见该年的数字" in grain.reason

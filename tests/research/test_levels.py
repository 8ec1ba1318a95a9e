from pathlib import Path

import pytest

from luoshi.research import ResearchError, load_report
from luoshi.research.levels import HIGHER, LOOSER, choose_parent, compare_levels, markdown
from tests.research.helpers import make_figure, make_report

REPORTS = Path(__file__).parent.parent / "data" / "reports"


def growth(value, comparator="~"):
    return make_figure(
        "地区生产总值增长5%左右。",
        "地区生产总值增长5%左右",
        "地区生产总值增长",
        value,
        "%",
        comparator,
        "increase",
    )


def cpi(value):
    return make_figure(
        "居民消费价格涨幅3%左右。",
        "居民消费价格涨幅3%左右",
        "居民消费价格涨幅",
        value,
        "%",
        "~",
        "increase",
    )


def jobs(value):
    return make_figure(
        "城镇新增就业110万人以上。", "城镇新增就业110万人以上", "城镇新增就业", value, "人", ">="
    )


def test_a_higher_growth_target_and_a_looser_cap_are_flagged():
    nation = make_report("全国", 2025, "national", [growth(5), cpi(2), jobs(12_000_000)])
    province = make_report("甲省", 2025, "province", [growth(5.5), cpi(3), jobs(1_100_000)])
    comparison = compare_levels([province, nation])
    assert [row.report.place for row in comparison.rows] == ["全国", "甲省"]
    cells = comparison.rows[1].cells
    assert comparison.rows[1].parent is nation
    assert (cells["gdp_growth"].flag, cells["gdp_growth"].difference) == (HIGHER, 0.5)
    assert cells["cpi"].flag == LOOSER
    assert cells["urban_jobs"].flag is None  # amounts are set side by side, not compared
    assert comparison.flagged() == 2


def test_the_same_or_a_lower_target_is_not_flagged():
    nation = make_report("全国", 2025, "national", [growth(5), cpi(2)])
    province = make_report("甲省", 2025, "province", [growth(5), cpi(1.5)])
    assert compare_levels([nation, province]).flagged() == 0


def test_a_county_is_set_against_the_city_it_names():
    city_a = make_report("甲市", 2025, "city", [growth(6)])
    city_b = make_report("乙市", 2025, "city", [growth(5)])
    county = make_report("丙县", 2025, "county", [growth(6)], text="在甲市委、甲市政府的坚强领导下")
    assert choose_parent(county, [city_a, city_b]) is city_a
    row = compare_levels([city_a, city_b, county]).rows[-1]
    assert row.parent is city_a and row.cells["gdp_growth"].flag is None


def test_a_county_that_names_no_city_is_set_against_the_level_above_it_names():
    city = make_report("甲市", 2025, "city", [growth(6)])
    nation = make_report("全国", 2025, "national", [growth(5)])
    county = make_report("丙县", 2025, "county", [growth(7)], text="聊城市委")
    assert choose_parent(county, [city]) is None
    row = compare_levels([city, nation, county]).rows[-1]
    assert row.parent is nation and row.cells["gdp_growth"].flag == "higher"


def test_a_report_of_unknown_level_is_refused_with_what_to_do():
    report = make_report("某地", 2025, None, [growth(5)])
    with pytest.raises(ResearchError, match="--level"):
        compare_levels([report])


def test_provinces_against_the_nation_from_real_reports():
    files = ["national-2025.txt", "zhejiang-2025.txt", "gansu-2025.txt", "heilongjiang-2025.txt"]
    comparison = compare_levels([load_report(str(REPORTS / f)) for f in files])
    rows = {row.report.place: row for row in comparison.rows}
    assert rows["全国"].parent is None
    zhejiang = rows["浙江省"].cells["gdp_growth"]
    assert (zhejiang.figure.text, zhejiang.parent.text) == (
        "生产总值增长5.5%左右",
        "国内生产总值增长5%左右",
    )
    assert zhejiang.flag == HIGHER
    assert rows["黑龙江省"].cells["surveyed_unemployment"].flag == LOOSER  # 5.8% against 5.5%
    table = markdown(comparison)
    assert "浙江省 2025" in table and "加码+0.5" in table


def test_a_report_whose_review_part_is_unmarked_has_its_targets_after_the_opening():
    # The extractor now finds this report's review; where it does not, the research layer
    # reads the text before 主要预期目标 as the review (and warns).
    report = load_report(str(Path(__file__).parent / "data" / "xizang-2025.txt"))
    assert report.review or report.inferred > 0
    if report.inferred:
        assert any("read as past results" in w for w in report.warnings())
    nation = load_report(str(REPORTS / "national-2025.txt"))
    row = compare_levels([nation, report]).rows[1]
    assert row.cells["gdp_growth"].figure.text == "地区生产总值增长7%以上"

import pytest

from luoshi.datafiles import RuleError
from luoshi.research.indicators import normalize, parse_table, show, table
from luoshi.research.jurisdictions import level_of, place_name
from tests.research.helpers import make_figure


def test_a_growth_target_is_its_indicator_of_the_table():
    f = make_figure(
        "地区生产总值增长5%左右。",
        "地区生产总值增长5%左右",
        "地区生产总值增长",
        5,
        "%",
        "~",
        "increase",
    )
    assert (f.indicator, f.measure, f.value, f.comparator) == ("gdp_growth", "change", 5, "~")


def test_the_most_specific_name_wins_over_a_shorter_one():
    f = make_figure(
        "单位国内生产总值能耗降低2.5%左右。",
        "单位国内生产总值能耗降低2.5%左右",
        "单位国内生产总值能耗降低",
        2.5,
        "%",
        "~",
        "decrease",
    )
    assert f.indicator == "energy_intensity"
    assert f.value == -2.5  # a fall is signed


def test_a_fall_at_least_turns_its_comparator_with_the_sign():
    f = make_figure(
        "单位国内生产总值能耗降幅超过3%。",
        "单位国内生产总值能耗降幅超过3%",
        "单位国内生产总值能耗降幅",
        3,
        "%",
        ">=",
        "decrease",
        kind="achievement",
    )
    assert (f.value, f.comparator) == (-3, "<=")
    assert show(f) == "下降≥3%"


def test_a_bare_growth_takes_its_subject_from_the_clause():
    sentence = "开展促消费活动，社会消费品零售总额实现4.6万亿元、增长2.8%。"
    f = make_figure(sentence, "增长2.8%", "增长", 2.8, "%", "=", "increase", kind="achievement")
    assert f.indicator == "retail_growth"
    assert f.from_clause
    assert f.context == "社会消费品零售总额实现4.6万亿元、增长2.8%"


def test_a_name_that_runs_on_from_the_clause_is_read_with_it():
    sentence = "规模以上工业企业达7.6万家、增加值增长3%。"
    f = make_figure(
        sentence, "增加值增长3%", "增加值增长", 3, "%", "=", "increase", kind="achievement"
    )
    assert f.indicator == "industry_growth"


def test_another_figure_s_subject_earlier_in_the_clause_is_not_taken():
    sentence = "国内生产总值增长5%、外汇储备增长2%。"
    f = make_figure(sentence, "外汇储备增长2%", "外汇储备增长", 2, "%", "=", "increase")
    assert f.indicator is None
    assert f.name == "外汇储备"


def test_the_second_value_of_respectively_has_no_indicator():
    sentence = "高技术制造业、装备制造业增加值分别增长8.9%、7.7%。"
    f = make_figure(sentence, "7.7%", "", 7.7, "%", "=", "increase", kind="achievement")
    assert f.indicator is None and f.name == ""


def test_a_level_reached_is_not_a_change_although_it_rises():
    f = make_figure(
        "优良天数比例上升至87.2%。",
        "优良天数比例上升至87.2%",
        "优良天数比例上升",
        87.2,
        "%",
        "=",
        "increase",
    )
    assert (f.indicator, f.measure) == ("air_quality_days", "level")


def test_units_of_one_family_are_converted_to_its_base():
    f = make_figure(
        "粮食产量1.3万亿斤以上。", "粮食产量1.3万亿斤以上", "粮食产量", 1.3e12, "斤", ">="
    )
    assert f.indicator == "grain_output"
    assert (f.value, f.unit) == (6.5e8, "吨")


def test_multi_year_figures_are_marked():
    f = make_figure(
        "地区生产总值年均增长5.4%。",
        "地区生产总值年均增长5.4%",
        "地区生产总值年均增长",
        5.4,
        "%",
        "=",
        "increase",
    )
    assert f.periodic
    f = make_figure(
        "PM2.5年均浓度降至38微克/立方米以下。",
        "PM2.5年均浓度降至38微克/立方米以下",
        "PM2.5年均浓度",
        38,
        "微克/立方米",
        "<=",
    )
    assert not f.periodic
    f = make_figure(
        "常住人口城镇化率从2020年的53.2%提高。",
        "常住人口城镇化率从2020年的53.2%",
        "常住人口城镇化率从2020年的",
        53.2,
    )
    assert f.years == (2020,)


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("城镇新增就业达到", "城镇新增就业"),
        ("预计全年接待游客", "接待游客"),
        ("地区生产总值增长", "地区生产总值"),
    ],
)
def test_names_lose_the_words_of_how_they_move(raw, name):
    assert normalize(raw) == name


def test_the_bundled_table_loads_and_every_indicator_has_a_label():
    rules = table()
    assert len(rules.indicators) >= 15
    assert all(i.label for i in rules.indicators)


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"names": []}, "needs at least one name"),
        (
            {"names": ["("], "unit": "percent", "measure": "level", "better": "higher"},
            "bad pattern",
        ),
        ({"names": ["x"], "unit": "percent", "measure": "rate", "better": "higher"}, "measure"),
        ({"names": ["x"], "unit": "percent", "measure": "level", "better": "up"}, "better"),
        ({"names": ["x"], "unit": "litres", "measure": "level", "better": "higher"}, "unit family"),
    ],
)
def test_a_bad_entry_names_itself(entry, message):
    data = {"indicators": {"broken": entry}, "units": {"%": {"family": "percent"}}}
    with pytest.raises(RuleError, match=f"broken.*{message}|{message}"):
        parse_table(data)


@pytest.mark.parametrize(
    ("place", "level"),
    [
        ("全国", "national"),
        ("广东省", "province"),
        ("上海市", "province"),
        ("广西壮族自治区", "province"),
        ("保定市", "city"),
        ("高阳县", "county"),
        ("清苑区", "county"),
        ("guangdong", "province"),
        ("national", "national"),
        ("somewhere", None),
    ],
)
def test_the_level_comes_from_the_name(place, level):
    assert level_of(place) == level


def test_a_place_that_is_only_an_ending_takes_the_file_name_s():
    assert place_name("自治区", "guangxi") == "广西壮族自治区"
    assert place_name("广东省", "guangdong") == "广东省"
    assert place_name(None, "laiyuan") == "laiyuan"


def test_a_review_of_five_years_runs_until_the_year_reviewed_starts():
    from luoshi.research.reports import several_years_spans

    text = (
        "一、“十四五”时期和2025年工作回顾\n"
        "这五年，城镇新增就业261.6万人。2022年世界城市日成功举办。\n"
        "各位代表！刚刚过去的2025年，城镇新增就业52万人。\n"
    )
    spans = several_years_spans(text, [(0, len(text))], table(), 2026)
    assert len(spans) == 1
    start, end = spans[0]
    assert "261.6万人" in text[start:end] and "52万人" not in text[start:end]
    assert several_years_spans(text, [(0, len(text))], table(), None) == []

"""Golden tests: real report sentences in, exact targets out (negatives beside positives)."""

import pytest

from luoshi.extraction import extract


def only(text):
    targets = [t for t in extract(text).targets if t.kind == "target"]
    assert len(targets) == 1, [t.text for t in targets]
    return targets[0]


@pytest.mark.parametrize(
    ("sentence", "value", "unit", "comparator", "change"),
    [
        ("新增城镇就业1万人。", 10000, "人", "=", None),
        ("空气质量优良天数占比达到91%以上。", 91, "%", ">=", None),
        ("高频政务服务事项办理时限缩短20%。", 20, "%", "=", "decrease"),
        ("国内生产总值增长5.5%左右。", 5.5, "%", "~", "increase"),
        ("城镇调查失业率控制在5.5%以内。", 5.5, "%", "<=", None),
        ("全市新签约项目落地资金不少于150亿元。", 15000000000, "元", ">=", None),
        ("高标准打造人民大街、辽河大路两条精品街路。", 2, "条", "=", None),
        ("新建良田20.4万亩。", 204000, "亩", "=", None),
        ("转移农村劳动力12万人次。", 120000, "人次", "=", None),
        ("新增电力装机2000万千瓦以上。", 20000000, "千瓦", ">=", None),
        ("省属国有企业研发投入年均增幅高于全省平均2个百分点以上。", 2, "个百分点", ">=", None),
        ("力争全省工商业电价较上年下降3分/千瓦时以上。", 0.03, "元/千瓦时", ">=", "decrease"),
        ("科技型中小企业加计扣除比例从75%提高到100%。", 100, "%", "=", None),
        ("中央对地方转移支付增加约1.5万亿元。", 1500000000000, "元", "~", "increase"),
        ("保持2300万省外劳动力。", 23000000, "人", "=", None),
        ("新增公办园学位一千个以上。", 1000, "个", ">=", None),
        ("城乡居民收入增长百分之六。", 6, "%", "=", "increase"),
        ("新增市场主体1.2万余户。", 12000, "户", ">=", None),
        ("PM2.5平均浓度控制在35微克/立方米以内。", 35, "微克/立方米", "<=", None),
        ("港口集装箱吞吐量达到300万标准箱。", 3000000, "标箱", ">=", None),
        ("新建14个乡镇(镇)污水处理站。", 14, "个", "=", None),
    ],
)
def test_it_extracts_the_target(sentence, value, unit, comparator, change):
    target = only(sentence)
    assert target.value == pytest.approx(value)
    assert (target.unit, target.comparator, target.change) == (unit, comparator, change)
    assert target.text == sentence[target.start : target.end]
    assert target.rule.startswith("target.")


def test_a_range_gives_value_and_upper():
    target = only("供浙气源综合价格下降3-5分/立方米。")
    assert (target.value, target.upper) == (pytest.approx(0.03), pytest.approx(0.05))
    assert target.unit == "元/立方米" and target.change == "decrease"
    target = only("经济增长4.5%—5%。")
    assert (target.value, target.upper) == (4.5, 5)


def test_a_size_class_is_a_qualifier_not_a_target():
    target = only("谋划包装5000万以上项目200个以上。")
    assert (target.value, target.unit, target.comparator) == (200, "个", ">=")
    assert target.qualifier == "5000万以上"


def test_a_specification_before_a_noun_is_a_qualifier():
    target = only("建设500千伏输变电工程2项。")
    assert (target.value, target.unit, target.qualifier) == (2, "项", "500千伏")


def test_each_lists_the_units_the_value_applies_to():
    target = only("县(区)、高新区、市本级招商活动各不少于100次。")
    assert target.each == ["县(区)", "高新区", "市本级"]
    assert (target.value, target.unit, target.comparator) == (100, "次", ">=")


def test_listed_values_share_the_change():
    targets = extract("居民医保和基本公共卫生服务经费人均财政补助标准分别再提高30元和5元。").targets
    assert [(t.value, t.change) for t in targets] == [(30, "increase"), (5, "increase")]


@pytest.mark.parametrize(
    "sentence",
    [
        "力争引进京东集团、58同城、东北亚铁路等新型产业主体。",
        "紧扣“一主六双”高质量发展战略。",
        "严格落实中央八项规定及其实施细则精神。",
        "以优异成绩迎接党的二十大胜利召开。",
        "2022年是十分重要的一年。",
        "全力支持一汽集团发展。",
        "推进五中异地搬迁。",
        "落实“两项补贴”政策。",
        "于6月底前一次性全部退还。",
        "加强原材料、关键零部件供给。",
        "为全省60岁以上老年人提供服务。",
        "开工一批具备条件的重大工程。",
        "我国有2.9亿在校学生。",
        "第三次全国土壤普查。",
        "坚持协调推进四个全面战略布局。",
        "加快建设5G基站和4A级景区。",
        "确保建一亩、成一亩。",
        "加快氢能驱动时速250公里动车组研制。",
    ],
)
def test_it_finds_no_target_in(sentence):
    assert [t.text for t in extract(sentence).targets] == []


def test_numbers_in_the_review_are_achievements():
    text = (
        "一、2021年工作回顾\n国内生产总值增长8.1%。\n"
        "二、2022年工作安排\n国内生产总值增长5.5%左右。\n"
    )
    kinds = [(t.value, t.kind) for t in extract(text).targets]
    assert kinds == [(8.1, "achievement"), (5.5, "target")]


def test_a_sentence_about_last_year_is_an_achievement():
    (target,) = extract("去年新增城镇就业1.2万人。").targets
    assert target.kind == "achievement"


def test_a_report_without_headings_is_split_by_its_openings():
    text = (
        "各位代表：\n过去一年，我们攻坚克难。\n全市生产总值增长6%，新增就业1.1万人。\n"
        "今年是实施规划的关键之年。\n主要预期目标是：地区生产总值增长7%左右。\n"
    )
    kinds = [(t.value, t.kind) for t in extract(text).targets]
    assert kinds == [(6, "achievement"), (11000, "achievement"), (7, "target")]


def test_named_items_listed_before_a_count_are_kept():
    (target,) = extract("重点推进福泰大路、安北大街、东辽河琵琶桥等18个路桥工程。").targets
    assert target.named_items == ["福泰大路", "安北大街", "东辽河琵琶桥"]
    assert (target.value, target.unit) == (18, "个")

"""Golden cases from real report sentences: units, numerals, names, slogans, baselines, restated
targets and exact values. Positives and negatives side by side; the report is named."""

import json

import pytest

from luoshi.extraction import extract_targets


def planned(text):
    return [t for t in extract_targets(text, year=2025).targets if t.kind == "target"]


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [
        ("新引进特许药械产品40种。", 40, "种"),  # hainan-2025
        ("举办孤独症诊疗技术培训班40期。", 40, "期"),
        ("以每平方米尘土不超过5克为标准。", 5, "克"),  # 每平方米 is the denominator
        ("美能钻石年产76.8万克拉饰品级金刚石。", 768000, "克拉"),
        ("筹集保障性租赁住房6000套（间）。", 6000, "套"),  # 套（间）: flats or rooms
        ("开展千场招聘活动。", 1000, "场"),  # a bare 千 before a counting unit
        ("实施千个宜居宜业和美乡村建设。", 1000, "个"),
        ("城乡居民收入比缩小至2.31:1。", 2.31, "比"),  # a ratio after a named ratio
        ("农业总产值与农产品加工业产值之比达到2.5：1。", 2.5, "比"),
    ],
)
def test_a_unit_or_numeral_gap_is_filled(sentence, value, unit):
    (target,) = planned(sentence)
    assert (target.value, target.unit) == (pytest.approx(value), unit)
    assert target.text == sentence[target.start : target.end]


@pytest.mark.parametrize(
    "sentence",
    [
        "三次产业结构由20.8：36.7：42.5调整为17.7：33.4：48.9。",  # a structure, not a ratio
        "推动京津冀协同发展院士专家行、千人计划专家行。",  # a programme name
        "让发展成果更多更公平惠及千家万户。",
        "会议定于上午9:30开始。",  # a clock time: no named ratio before it
    ],
)
def test_a_look_alike_is_not_a_target(sentence):
    assert planned(sentence) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "扎实做好五篇大文章。",
        "推进五个新城建设。",  # shanghai-2022
        "深刻把握五个“必须统筹好”的重要关系。",  # fujian-2025
        "五个“保定之变”更让我们聚齐了发展的天时地利人和。",  # baoding-2021
        "政府工作围绕全县四个发展定位，全面落实。",  # laishui-2021
        "两个站位：一是强势开局。",  # laishui-2021: the outline of a list
        "认真贯彻市委三次全会精神。",
        "推动万基60万吨铝热连轧等谋划项目。",  # anxin-2024: a capacity in a project name
        "开工建设兰州石化120万吨乙烯改造项目。",  # gansu-2025
        "恒天天鹅年产6万吨莱赛尔项目竣工投产。",  # gaoyang-2015
        # laishui-2021: the plan's own indicators are counted, not targets
        "“十四五”时期经济社会发展主要目标设定为23项，其中约束性指标11项，预期性指标12项。",
        "深入打造百里峡艺术小镇，丰富拓展二次消费项目。",  # laishui-2021: a term
        "确保总投资9.5亿元的永清天然气管道建成。",  # baoding-2021: the project's size
        "启动实施占地120亩的智能制造产业园建设。",  # qingyuan-2023: the site's size
        "重点推进建设库容5.2万吨的粮食储备库。",  # dingxing-2022: a facility's capacity
        "开工建设年产10万吨的再生铝项目。",
        "持续打好城市做大、产业做强、生态做美、民生做富四场硬仗。",  # baoding-2018
        "空气质量综合指数退出全国重点城市倒十名。",  # baoding-2018: a rank
        "紧盯开工和投资两项指标。",  # qingyuan-2023
        # a project's phase in Chinese numerals is part of its name
        "抓好“三北”六期等重大生态工程。",  # baoding-2026
        "完成大唐九期工程建设。",  # baoding-2023
        "启动投资11亿元的滨湖五期商业综合体建设。",  # laiyuan-2022
        "以更大力度迈开两条腿、对接各部委。",  # baoding-2026: a figure of speech
        "深入落实进度、问题、责任三张清单制度。",  # gaotang-2022: a counted slogan
        "推进产业、人才、文化、生态、组织五个振兴。",  # xushui-2019
        "严把减排、环保两个关口。",  # shunping-2008
        "紧紧抓住非首都功能疏解和雄安新区建设两个重大战略机遇。",  # xushui-2024
        "紧紧围绕两个驱动，努力实现四个目标。",  # boye-2022
        "全面落实十一届县委九次全体（扩大）会议要求。",  # xushui-2015: a meeting's name
        "深入落实省委九届九次、十次和市委十一届八次全会精神。",  # qingyuan-2020: sessions listed
        "建好企业人才技术需求和重点高校、科研院所两张清单。",  # gaotang-2025
        # a quotation with a comma inside (a slogan of places): its numbers are names
        "把“一核三带八廊十片林，五库九河十湿地”打造成生态名片。",  # baoding-2021
    ],
)
def test_a_number_in_a_name_or_a_slogan_is_not_a_target(sentence):
    assert [t.text for t in planned(sentence)] == []


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("重点办好十件民生实事：一是城镇新增就业。", 10),  # yixian-2018: a list of deliverables
        ("布局建设700万千瓦新型储能项目。", 7000000),  # a verb before the capacity
        ("实施东辽河、大梨树河、渭津河6公里岸带修复提升工程。", 6),  # liaoyuan: a length is work
        ("推进114个村的农村生活水源江水置换工程。", 114),  # laishui-2021
        ("加快总投资52亿元的34个配套项目建设。", 34),  # baoding-2021: the count, sized
        ("争取省项目用地指标23928亩。", 23928),  # baoding-2010: a quota, not a count of goals
        ("举办电商培训班6期。", 6),  # sessions in Arabic figures count
        ("全县建成30个清单式管理示范村。", 30),  # 清单 inside a name after a large count
        ("打造“四好农村路”示范路20公里。", 20),  # a short quotation before the count
    ],
)
def test_a_count_or_capacity_to_deliver_stays_a_target(sentence, value):
    (target,) = planned(sentence)
    assert target.value == value


def test_starting_levels_are_kept_as_baselines():
    # guangdong-2025: two baselines, two targets, in order.
    sentence = (
        "困难残疾人生活补贴、重度残疾人护理补贴标准分别从每人每月202元、270元提高到209元、280元。"
    )
    targets = planned(sentence)
    assert [(t.value, t.baseline) for t in targets] == [(209, 202), (280, 270)]
    # national-2019: 现行16% is where the rate starts.
    (target,) = planned("将制造业等行业现行16%的税率降至13%。")
    assert (target.value, target.baseline) == (13, 16)
    (target,) = planned("科技型中小企业加计扣除比例从75%提高到100%。")
    assert (target.value, target.baseline) == (100, 75)
    # zhejiang-2026: a year between the baseline word and the value.
    (target,) = planned("人均地区生产总值从2020年的10.5万元提高到14万元左右。")
    assert (target.value, target.baseline) == (140000, 105000)


def test_a_baseline_is_in_the_json():
    (target,) = planned("将制造业等行业现行16%的税率降至13%。")
    assert target.to_dict()["baseline"] == 16
    (target,) = planned("新增城镇就业1万人。")
    assert "baseline" not in target.to_dict()


def test_a_main_target_restated_later_is_one_target_with_both_spans():
    # national-2024: the goal, then its explanation.
    text = (
        "今年发展主要预期目标是：国内生产总值增长5%左右；城镇调查失业率5.5%左右。"
        "提出增长目标，综合考虑了各方面因素。经济增长预期目标为5%左右，考虑了促进就业增收的需要。"
    )
    targets = planned(text)
    assert [t.text for t in targets] == ["国内生产总值增长5%左右", "城镇调查失业率5.5%左右"]
    (restated,) = targets[0].restated
    assert text[restated[0] : restated[1]] == "经济增长预期目标为5%左右"
    assert targets[0].to_dict()["restated"] == [{"start": restated[0], "end": restated[1]}]


def test_a_different_goal_with_a_goal_word_is_not_merged():
    text = "国内生产总值增长5%左右。居民消费价格涨幅预期目标为2%左右。"
    assert [t.value for t in planned(text)] == [5, 2]


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("全年地区生产总值达到4.06万亿元。", 4060000000000),
        ("一般公共预算收入1.3万亿元。", 1300000000000),
        ("工商业电价下降2.5分/千瓦时。", 0.025),
        ("港口货物吞吐量达到3.3亿吨。", 330000000),
    ],
)
def test_values_are_exact_decimals(sentence, value):
    (target,) = planned(sentence)
    assert target.value == value  # exactly: no 4059999999999.9995
    assert json.loads(json.dumps(target.to_dict()))["value"] == value


def test_the_project_size_is_the_qualifier_of_the_count():
    (target,) = planned("加快总投资52亿元的34个配套项目建设。")
    assert (target.value, target.qualifier) == (34, "52亿元")


def test_a_number_after_le_is_done_even_in_the_plan():
    # laishui-2021, boye-2024: 梳理形成了32个民生实事候选项目 reports work already done.
    result = extract_targets("二、2021年工作安排\n前期我们梳理形成了32个民生实事候选项目。")
    assert [t.kind for t in result.targets] == ["achievement"]


def test_a_counted_noun_stops_before_a_note_mark():
    # fuping-2021: notes are numbered 〔70〕 in the text and explained in the 名词解释.
    [target] = planned("改造农行家属楼等12个老旧小区〔71〕，拓宽道路。")
    assert target.text.endswith("12个老旧小区")


def test_circled_numbers_open_list_items_and_stay_out_of_a_span():
    # xushui-2010: ①聚源大街建设②复兴东路改造…⑩城中村改造面积22万平方米
    found = planned("年内完成城建工程：①聚源大街建设②复兴东路改造③城中村改造面积22万平方米。")
    assert [t.text for t in found] == ["城中村改造面积22万平方米"]

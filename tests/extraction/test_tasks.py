"""Structure and tasks: the seed report, every report, and golden sentences from others."""

from pathlib import Path

import pytest

from luoshi.extraction import extract, extract_document
from luoshi.extraction.departments import bundled_city, load_departments
from luoshi.reading import read

REPORTS = Path(__file__).parent.parent / "data" / "reports"
SEED = REPORTS / "liaoyuan-2022-part2.txt"


@pytest.fixture(scope="module")
def seed():
    city = load_departments(bundled_city("liaoyuan"))
    return extract_document(read(str(SEED)), year=2022, departments=city)


def task_holding(extraction, words):
    found = [t for t in extraction.tasks if words in t.text]
    assert len(found) == 1, [t.text for t in found]
    return found[0]


def test_the_seed_has_sections_two_and_four_to_ten_with_their_titles(seed):
    assert [s.number for s in seed.sections] == ["二", "四", "五", "六", "七", "八", "九", "十"]
    assert seed.sections[1].title == "聚焦夯实发展基础,下大气力推进投资项目落地见效"
    assert all(seed.text[s.start : s.end].startswith(s.number) for s in seed.sections)


def test_the_seed_has_its_sub_headings(seed):
    titles = [s.title for s in seed.subheadings]
    for title in ("全力抓好项目招商", "实施科技人才培育工程", "狠抓大气污染防治", "优化营商环境"):
        assert title in titles
    assert "要坚持依法行政" not in titles  # closing words, not a lead
    assert task_holding(seed, "绘制招商地图").subheading == "全力抓好项目招商"


def test_sub_headings_and_section_headings_are_not_tasks(seed):
    texts = [t.text for t in seed.tasks]
    assert not any(t.startswith("全力抓好项目招商") for t in texts)
    assert not any(t.startswith("四是聚焦") for t in texts)


def test_no_task_comes_from_the_closing_words(seed):
    closing = seed.text.index("各位代表,目标在前")
    assert all(t.start < closing for t in seed.tasks)
    assert not any("团结在以" in t.text or "依法行政" in t.text for t in seed.tasks)


def test_no_task_is_empty_and_ids_are_stable(seed):
    assert [t.id for t in seed.tasks] == [f"T{i:03d}" for i in range(1, len(seed.tasks) + 1)]
    for task in seed.tasks:
        assert task.text.strip() and seed.text[task.start : task.end] == task.text


def test_a_page_break_inside_a_sentence_does_not_split_the_task(seed):
    task = task_holding(seed, "加快钢铁")
    assert "建材、装备制造" in task.text


def test_a_sentence_with_several_targets_splits_into_clauses(seed):
    assert task_holding(seed, "对接企业不少于100个").text.startswith("对接企业")
    assert task_holding(seed, "每个县(区)新招").rule == "task.clause"
    merged = task_holding(seed, "12项农业改革")  # one verb, four counts: one task
    assert len(merged.targets) == 4


def test_a_list_of_commitments_with_their_own_verbs_splits_at_each_item(seed):
    texts = [task_holding(seed, w).text for w in ("新建良田", "造林", "治河67.5公里")]
    assert texts == ["新建良田20.4万亩", "造林26.3万亩", "治河67.5公里。"]
    assert all(task_holding(seed, w).rule == "task.clause" for w in ("新建良田", "造林"))


def test_named_projects_are_listed(seed):
    task = task_holding(seed, "福泰大路")
    assert task.named_items == ["福泰大路", "安北大街", "一建道口平改立", "东辽河琵琶桥"]
    assert task.kind == "target"
    assert task_holding(seed, "鑫达钢铁、厚德食品").named_items[:3] == [
        "鑫达钢铁",
        "厚德食品",
        "巨峰生化",
    ]
    assert task_holding(seed, "假冒伪劣").named_items == []  # 等违法行为: not names


@pytest.mark.parametrize(
    ("words", "kind"),
    [
        ("开复工500万元以上项目354个", "target"),
        ("深化国有企业改革创新步伐", "reform"),
        ("重点推动新能源车电池隔膜", "project"),
        ("加快职业教育高质量转型发展", "qualitative"),
    ],
)
def test_each_task_has_a_kind(seed, words, kind):
    assert task_holding(seed, words).kind == kind


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("加快鑫达钢铁、厚德食品、巨峰生化等企业剥离非主营业务成立本地法人公司。", "qualitative"),
        ("力争引进京东集团、58同城、东北亚铁路等新型产业主体。", "qualitative"),
        ("推动森工集团、文旅集团等区属国有企业深化改革。", "reform"),
        ("加快福泰大路、安北大街等路桥工程建设。", "project"),
        ("推动华润电力、中车新能源等企业项目投产。", "project"),
    ],
)
def test_named_items_make_a_project_only_where_something_is_built(sentence, kind):
    [task] = extract("二、2022年主要任务\n" + sentence).tasks
    assert task.named_items and task.kind == kind


@pytest.mark.parametrize("path", sorted(REPORTS.glob("*.txt")), ids=lambda p: p.stem)
def test_every_target_lies_in_exactly_one_task(path):
    extraction = extract(path.read_text("utf-8"))
    for index, target in enumerate(extraction.targets):
        if target.kind != "target":
            continue
        holders = [t for t in extraction.tasks if t.start <= target.start < t.end]
        assert len(holders) == 1, (target.text, [t.text for t in holders])
        assert index in holders[0].targets and target.end <= holders[0].end


# Section numbering as each report writes it (level 1 一、, level 2 （一）/一是, level 3 1.).
SECTION_COUNTS = {
    "national-2022": {1: 3, 2: 17},
    "zhejiang-2025": {1: 2, 2: 22, 3: 10},
    "shanghai-2022": {1: 3, 2: 18},  # one line, paragraphs marked by spaces only
    "liaoyuan-2022-part2": {2: 8},
}


@pytest.mark.parametrize("path", sorted(REPORTS.glob("*.txt")), ids=lambda p: p.stem)
def test_every_report_parses_into_sections_and_tasks(path):
    extraction = extract(path.read_text("utf-8"))
    counts = {}
    for section in extraction.sections:
        counts[section.level] = counts.get(section.level, 0) + 1
    print(path.stem, counts, len(extraction.tasks), "tasks")
    assert extraction.tasks and extraction.sections
    if path.stem in SECTION_COUNTS:
        assert counts == SECTION_COUNTS[path.stem]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # national-2022: a list of targets cut at each one
        (
            "今年发展主要预期目标是：国内生产总值增长5.5%左右；城镇新增就业1100万人以上，"
            "城镇调查失业率全年控制在5.5%以内；居民消费价格涨幅3%左右。",
            4,
        ),
        # zhejiang-2025: 其中 qualifies the target before it
        ("新建新能源汽车公共充电桩2万个以上，其中农村1万个以上。", 1),
        # guangdong-2025: one commitment, one task
        ("今年安排省重点建设项目1500个、年度计划投资1万亿元。", 1),
        # liaoyuan-2022: each 、 item has its own verb and target
        ("新建良田20.4万亩、造林26.3万亩、治河67.5公里。", 3),
        # liaoning-2025: one verb for both counts; an adverb (重点) is not a verb of its own
        ("改造老旧小区500个、老旧管网4600公里。", 1),
        ("积极承接国家重大科技任务，持续实施省科技重大专项8个、重点研发项目260项。", 1),
        # national-2019: a 、 inside a list of sectors is not a list of commitments
        (
            "深化增值税改革，将制造业等行业现行16%的税率降至13%，"
            "将交通运输业、建筑业等行业现行10%的税率降至9%。",
            1,
        ),
        # national-2022: two commitments joined by a semicolon
        (
            "加强县城基础设施建设，稳步推进城市群、都市圈建设；严控撤县建市设区，"
            "在城乡规划建设中做好历史文化保护传承。",
            2,
        ),
    ],
)
def test_sentences_split_into_the_expected_number_of_tasks(sentence, expected):
    text = "二、2025年工作安排\n" + sentence
    assert len(extract(text).tasks) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "各位代表！中国式现代化是干出来的，伟大事业都成于实干。",
        "让我们更加紧密地团结在以习近平同志为核心的党中央周围，为全面建设社会主义现代化国家而努力奋斗！",
        "今年是“十四五”规划收官之年。",
        # framing: the situation and the outlook (national-2022, -2024, -2025; heilongjiang-2025)
        "我国经济长期向好的基本面不会改变，持续发展具有多方面有利条件。",
        "我国城镇化还有很大发展提升空间。",
        "实现这些目标很不容易，必须付出艰苦努力。",
        "我们要突出重点、把握关键，着重抓好以下几个方面工作。",
        "这些为我们做好各项工作提供了有利条件和坚强支撑。",
        "只要市场主体有活力，就能增强内生发展动力、顶住经济下行压力。",
        # national-2019, baoding-2010, baoding-2021, fuping-2021
        "同时要坚持底线思维，做好应对各种风险挑战的充分准备。",
        "我们清醒认识到，在加快发展的道路上，还面临着巨大的压力和挑战。",
        "我们充分认识到，当前我市正面临着又一次难得的发展机遇。",
        "我们必须保持战略定力，应“时”而动，顺“势”而为。",
        "今年经济社会发展任务十分繁重，要按照市委、市政府既定的工作方针和发展思路，立足市情、扬长避短。",
        "“十四五”时期是我国开启全面建设社会主义现代化国家新征程的第一个五年，是继往开来、承上启下的重要五年。",
    ],
)
def test_ceremony_exhortation_and_framing_are_not_tasks(sentence):
    assert extract("二、2025年工作安排\n" + sentence).tasks == []


@pytest.mark.parametrize(
    "sentence",
    [
        # national-2019: a framing opening, then a commitment
        "我国受癌症困扰的家庭以千万计，要实施癌症防治行动，推进预防筛查、早诊早治和科研攻关。",
        # national-2022: 一方面 opens a policy
        "一方面，延续实施扶持制造业、小微企业和个体工商户的减税降费政策。",
        # guangdong-2025
        "这是今年的一件大事，我们要秉持“绿色、共享、开放、廉洁”办赛理念，"
        "落实“简约、安全、精彩”办赛要求。",
    ],
)
def test_a_commitment_after_a_framing_opening_is_a_task(sentence):
    assert len(extract("二、2025年工作安排\n" + sentence).tasks) == 1


def test_sentences_in_the_review_part_are_not_tasks():
    text = (
        "一、2024年工作回顾\n新建养老机构20个，推进老旧小区改造。\n"
        "二、2025年工作安排\n推进城市更新。"
    )
    assert [t.text for t in extract(text).tasks] == ["推进城市更新。"]

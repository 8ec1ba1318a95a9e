"""Departments data, suggested leads with reasons, counties as supporting units, deadlines."""

from pathlib import Path

import pytest

from luoshi.extraction import RuleError, extract, extract_document, load_departments
from luoshi.extraction.departments import bundled_city
from luoshi.extraction.model import Task
from luoshi.extraction.suggest import assign, schedule
from luoshi.reading import read

SEED = Path(__file__).parent.parent / "data" / "reports" / "liaoyuan-2022-part2.txt"


@pytest.fixture(scope="module")
def city():
    return load_departments(bundled_city("liaoyuan"))


@pytest.fixture(scope="module")
def seed(city):
    return extract_document(read(str(SEED)), year=2022, departments=city)


def lead(task):
    return next(a for a in task.assignments if a.role == "lead")


def supporters(task):
    return [a.department for a in task.assignments if a.role == "support"]


def task_holding(extraction, words):
    return next(t for t in extraction.tasks if words in t.text)


def test_the_generic_file_has_a_city_government():
    departments = load_departments()
    assert len(departments.departments) >= 35
    for name in ("发展和改革委员会", "商务局", "医疗保障局", "住房公积金管理中心", "残疾人联合会"):
        assert departments.get(name) is not None
    assert departments.get("发改委").name == "发展和改革委员会"


def test_the_city_file_extends_the_generic_one(city):
    assert city.city == "辽源市"
    assert [u.name for u in city.units] == ["东丰县", "东辽县", "龙山区", "西安区", "辽源高新区"]
    assert "国际袜交会" in city.get("商务局").remit and "招商" in city.get("商务局").remit
    assert city.get("数据局") is None  # removed by the city
    assert len(city.departments) == len(load_departments().departments) - 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("departments:\n  - {name: 商务局, code: SWJ, remit: []}\n", "department '商务局'"),
        ("departments:\n  - {name: 教育局, code: jy, remit: [教育]}\n", "department '教育局'"),
        ("departments:\n  - {name: 教育局, code: JYJ, remit: [教育], duty: x}\n", "教育局"),
        ("units:\n  - {name: 东丰县, code: FGW, kind: county}\n", "already used"),
        ("remove: [不存在局]\n", "不存在局"),
        ("departments: [unclosed\n", "not valid YAML"),
    ],
)
def test_an_invalid_departments_file_names_the_bad_entry(tmp_path, content, message):
    path = tmp_path / "city.yaml"
    path.write_text(content, "utf-8")
    with pytest.raises(RuleError, match=message):
        load_departments(path)


def test_the_investment_count_is_led_by_development_and_reform(seed):
    task = task_holding(seed, "开复工500万元以上项目354个")
    assert lead(task).department == "发展和改革委员会"
    assert "开复工" in lead(task).reason


@pytest.mark.parametrize(
    ("words", "department"),
    [
        ("空气质量优良天数", "生态环境局"),
        ("新增城镇就业", "人力资源和社会保障局"),
        ("公办园学位", "教育局"),
        ("新建良田20.4万亩", "农业农村局"),
        ("造林26.3万亩", "林业局"),
        ("治河67.5公里", "水利局"),
        ("参保率", "医疗保障局"),
        ("招商活动", "商务局"),
        ("路桥工程", "住房和城乡建设局"),
        ("办理时限缩短20%", "政务服务和数字化建设管理局"),
        ("两项补贴", "残疾人联合会"),
        ("公积金文化论坛", "住房公积金管理中心"),
    ],
)
def test_sensible_leads_on_the_seed(seed, words, department):
    assert lead(task_holding(seed, words)).department == department


def test_tasks_for_each_county_list_the_counties(seed):
    task = task_holding(seed, "每个县(区)新招")
    assert supporters(task)[-4:] == ["东丰县", "东辽县", "龙山区", "西安区"]
    counties = [
        a for a in task.assignments if a.department in ("东丰县", "东辽县", "龙山区", "西安区")
    ]
    assert len(counties) == 4 and all(a.reason == "任务面向：县(区)" for a in counties)
    both = supporters(task_holding(seed, "市本级招商活动"))
    assert "辽源高新区" in both and "东丰县" in both


def test_a_named_county_supports_its_task(seed):
    assert "东丰县" in supporters(task_holding(seed, "东丰皇家鹿苑"))
    assert "东辽县" not in supporters(task_holding(seed, "东辽河、大梨树河"))  # a river


@pytest.mark.parametrize(
    ("sentence", "department"),
    [
        # national-2022
        ("推动基本医保省级统筹。", "医疗保障局"),
        ("加强县域普通高中建设。", "教育局"),
        ("严厉打击电信网络诈骗等违法犯罪。", "公安局"),
        # zhejiang-2025
        ("地表水国控断面I—Ⅲ类水质比例不低于97.5%。", "生态环境局"),
        ("深化国资国企改革。", "国有资产监督管理委员会"),
        # guangdong-2025
        ("升级改造农村公路超4000公里。", "交通运输局"),
        ("为超2.5万名65岁及以上失能老年人免费提供健康管理。", "卫生健康委员会"),
    ],
)
def test_golden_leads_from_other_reports(sentence, department):
    task = Task("T001", sentence, 0, len(sentence), None, None, "qualitative")
    assert lead_of(assign(task, load_departments())) == department


def lead_of(assignments):
    return next(a.department for a in assignments if a.role == "lead")


def test_a_task_matching_no_remit_gets_no_lead():
    task = Task("T001", "坚持稳字当头。", 0, 7, None, None, "qualitative")
    assert assign(task, load_departments()) == []


@pytest.mark.parametrize(
    ("sentence", "year", "deadline"),
    [
        ("新增城镇就业1万人。", 2022, "2022-12-31"),
        ("对小微企业的存量留抵税额于6月底前一次性全部退还。", 2022, "2022-06-30"),
        ("上半年完成专项整治。", 2023, "2023-06-30"),
        ("三季度建成投用。", 2023, "2023-09-30"),
        ("到2025年基本建成。", 2022, "2025-12-31"),
        ("年底前全面完成。", 2024, "2024-12-31"),
        ("新增城镇就业1万人。", None, None),
    ],
)
def test_the_deadline_comes_from_the_words_else_the_plan_years_end(sentence, year, deadline):
    assert schedule(sentence, year)[0] == deadline


def test_a_year_long_target_has_quarterly_nodes(seed):
    task = task_holding(seed, "新增城镇就业1万人")
    assert task.deadline == "2022-12-31"
    assert task.nodes == ["2022-03-31", "2022-06-30", "2022-09-30", "2022-12-31"]
    qualitative = task_holding(seed, "加快职业教育")
    assert qualitative.nodes == ["2022-12-31"]


def test_without_a_year_there_is_no_deadline():
    extraction = extract("二是聚焦民生。新增城镇就业1万人。")
    assert extraction.year is None and extraction.tasks[0].deadline is None

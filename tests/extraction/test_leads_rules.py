"""The rules of lead suggestion: main indicators, the objects a target counts, the usual lead of a
section, and the data files behind them."""

from functools import cache
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from luoshi.cli import main
from luoshi.datafiles import RuleError
from luoshi.documents.division import task_rows, write_plan
from luoshi.extraction import extract, load_departments
from luoshi.extraction.fallback import fill_empty_leads
from luoshi.extraction.indicators import check_departments, load_indicators, match_indicator
from luoshi.extraction.model import Assignment, Target, Task
from luoshi.extraction.suggest import assign

DATA = Path(__file__).parent.parent / "data"
MAIN_TARGETS = "全市经济社会发展主要预期目标是"


@cache
def baoding():
    return extract((DATA / "leads_reports" / "baoding-2021.txt").read_text("utf-8"))


def own_leads(extraction, task):
    return {
        extraction.targets[a.target].text: (a.department, a.reason)
        for a in task.assignments
        if a.role == "lead" and a.target is not None
    }


def test_each_main_indicator_of_the_main_targets_paragraph_gets_its_own_lead():
    extraction = baoding()
    task = next(t for t in extraction.tasks if MAIN_TARGETS in t.text)
    leads = own_leads(extraction, task)
    assert leads["生产总值增长8%以上"] == ("发展和改革委员会", "主要指标：生产总值")
    assert leads["一般公共预算收入增长6.5%以上"] == ("财政局", "主要指标：一般公共预算收入")
    assert leads["规模以上工业增加值增长10%左右"][0] == "工业和信息化局"
    assert leads["社会消费品零售总额增长9%左右"][0] == "商务局"
    assert leads["进出口总值增长5%左右"][0] == "商务局"
    assert leads["实际利用外资增长5%左右"][0] == "商务局"
    revenue = next(t for t, (d, _) in leads.items() if d == "财政局")
    index = next(i for i in task.targets if extraction.targets[i].text == revenue)
    support = [a.department for a in task.assignments if a.target == index and a.role == "support"]
    assert support == ["税务局"]
    general = [a for a in task.assignments if a.role == "lead" and a.target is None]
    assert [a.department for a in general] == ["发展和改革委员会"]


def test_the_division_workbook_has_one_row_per_main_indicator(tmp_path):
    extraction = baoding()
    task = next(t for t in extraction.tasks if MAIN_TARGETS in t.text)
    rows = task_rows(task, extraction)
    assert len(rows) == len(task.targets)
    assert ("一般公共预算收入增长6.5%以上", "财政局", "税务局") in [
        (r.text, r.lead, r.support) for r in rows
    ]
    sheet = openpyxl.load_workbook(write_plan(extraction, tmp_path / "plan.xlsx")).active
    cells = [r for r in sheet.iter_rows(min_row=3, values_only=True) if isinstance(r[0], int)]
    revenue = next(r for r in cells if r[1] == "一般公共预算收入增长6.5%以上")
    assert revenue[2:5] == ("一般公共预算收入增长6.5%以上", "财政局", "税务局")
    assert not any(MAIN_TARGETS in (r[1] or "") for r in cells)  # every indicator has a lead


def one_target_task(text, indicator):
    target = Target(text, 0, len(text), None, indicator, 1, "个", ">=", None, "target", "test")
    return Task("T001", text, 0, len(text), None, None, "target", targets=[0]), [target]


NY, WL, ZJ = "农业农村局", "文化广电和旅游局", "住房和城乡建设局"


@pytest.mark.parametrize(
    ("text", "indicator", "lead", "reason"),
    [
        ("绿色食品产品总数达到120个，培育知名品牌。", "绿色食品产品总数", NY, "绿色食品"),
        ("新增市级以上农业龙头企业10家，打造食品品牌。", "新增农业龙头企业", NY, "农业龙头企业"),
        ("新增家庭农场200家，推进食品品牌建设。", "新增家庭农场", NY, "家庭农场"),
        ("创建省级智慧农业示范区3个，推进大数据应用。", "智慧农业示范区", NY, "智慧农业"),
        ("建设多功能社区（村）旗舰书院10个。", "多功能社区（村）旗舰书院", WL, "书院"),
        ("推进项目建设，创建体育传统特色学校5所。", "体育传统特色学校", "教育局", "体育传统"),
        ("统筹预算资金，村集体收入10万元以上的村达到50%。", "村集体收入的村", NY, "村集体"),
        ("新建（改建）100个口袋公园。", "新建（改建）口袋公园", ZJ, "口袋公园"),
        ("实施“揭榜挂帅”3批次。", "实施“揭榜挂帅”", "科学技术局", "揭榜挂帅"),
        ("新增省级单项冠军企业15家。", "新增省级单项冠军企业", "工业和信息化局", "单项冠军"),
        ("完成省定20项民心工程。", "完成省定民心工程", "发展和改革委员会", "民心工程"),
        ("建设小区分布式换电站30座。", "建设小区分布式换电站", "能源局", "换电站"),
    ],
)
def test_what_a_target_counts_outweighs_incidental_words(text, indicator, lead, reason):
    task, targets = one_target_task(text, indicator)
    chosen = next(a for a in assign(task, load_departments(), targets) if a.role == "lead")
    assert chosen.department == lead
    assert chosen.reason.startswith(f"对象：{reason}") and f"→ {lead}" in chosen.reason


def test_an_incidental_word_alone_in_the_indicator_leaves_the_sentence_to_decide():
    task, targets = one_target_task("加快技术改造，推进传统产业升级，实施项目40个。", "实施项目")
    chosen = next(a for a in assign(task, load_departments(), targets) if a.role == "lead")
    assert chosen.department == "工业和信息化局" and chosen.reason.startswith("匹配职责关键词")


def test_a_city_file_adds_incidental_words(tmp_path):
    city = tmp_path / "city.yaml"
    city.write_text("incidental: [研学基地]\n", "utf-8")
    departments = load_departments(city)
    assert "项目" in departments.incidental and "研学基地" in departments.incidental
    bad = tmp_path / "bad.yaml"
    bad.write_text("incidental: [项目, 7]\n", "utf-8")
    with pytest.raises(RuleError, match="incidental"):
        load_departments(bad)


def test_a_main_indicator_in_a_sentence_of_its_own_leads_the_task():
    task, targets = one_target_task("做好退役军人就业保障，城镇新增就业8.9万人。", "城镇新增就业")
    result = assign(task, load_departments(), targets)
    assert result[0].department == "人力资源和社会保障局"
    assert result[0].reason == "主要指标：城镇新增就业"
    assert all(a.target is None for a in result)


def task(number, section, subheading=None, lead=None):
    found = Task(f"T{number:03d}", "…", 0, 1, section, subheading, "qualitative")
    if lead:
        found.assignments = [Assignment(lead, "lead", "匹配职责关键词：…")]
    return found


def test_a_task_nothing_matches_takes_its_sections_usual_lead_and_says_so():
    tasks = [
        task(1, "乡村振兴", lead="农业农村局"),
        task(2, "乡村振兴", lead="农业农村局"),
        task(3, "乡村振兴", lead="水利局"),
        task(4, "乡村振兴"),
        task(5, "城市更新", "推进老旧小区改造", lead="住房和城乡建设局"),
        task(6, "城市更新", "推进老旧小区改造"),
        task(7, None),
    ]
    fill_empty_leads(tasks)
    filled = (tasks[3], tasks[5], tasks[6])
    leads = [(t.assignments[0].department, t.assignments[0].reason) for t in filled]
    assert leads[0] == ("农业农村局", "所在章节常用牵头单位：农业农村局（本章节2项任务由其牵头）")
    assert leads[1][0] == "住房和城乡建设局" and leads[1][1].startswith("所在小标题常用牵头单位")
    assert leads[2] == ("住房和城乡建设局", "未匹配职责，同上一项任务的牵头单位：住房和城乡建设局")


def test_the_usual_lead_counts_only_leads_the_tasks_own_words_gave():
    tasks = [task(1, "A"), task(2, "A"), task(3, "B", lead="教育局")]
    fill_empty_leads(tasks)
    reasons = [t.assignments[0].reason for t in tasks[:2]]
    assert all(r.startswith("未匹配职责，同下一项任务") for r in reasons)


def test_the_bundled_indicator_table_names_only_known_departments():
    table = load_indicators()
    check_departments(table, load_departments())
    assert len(table) >= 25
    found = match_indicator("单位地区生产总值能耗降低", load_departments())
    assert found is not None and found.word == "单位地区生产总值能耗"  # longest word wins
    assert found.lead == "发展和改革委员会"


def test_a_city_without_the_first_lead_gets_the_next_one(tmp_path):
    city = tmp_path / "city.yaml"
    city.write_text("remove: [数据局]\n", "utf-8")
    found = match_indicator("数字经济核心产业增加值", load_departments(city))
    assert found is not None and found.lead == "工业和信息化局"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("indicators: []\n", "non-empty list"),
        ("indicators:\n  - {words: [GDP], lead: 发改委, duty: x}\n", "indicator 1"),
        ("indicators:\n  - {words: [], lead: 财政局}\n", "'words'"),
        ("indicators:\n  - {words: [GDP], lead: [财政局, 3]}\n", "'lead'"),
    ],
)
def test_an_invalid_indicator_table_names_the_bad_entry(content, message):
    import yaml

    with pytest.raises(RuleError, match=message):
        load_indicators(yaml.safe_load(content))


def test_an_unknown_department_in_the_indicator_table_is_named():
    table = load_indicators({"indicators": [{"words": ["GDP"], "lead": "不存在局"}]})
    with pytest.raises(RuleError, match="不存在局"):
        check_departments(table, load_departments())


def test_a_city_file_adds_objects_to_a_department(tmp_path):
    city = tmp_path / "city.yaml"
    city.write_text(f"departments:\n  - {{name: {WL}, add_objects: [城市书房驿站]}}\n", "utf-8")
    departments = load_departments(city)
    assert "城市书房驿站" in departments.get(WL).objects
    assert "书院" in departments.get(WL).objects
    bad = tmp_path / "bad.yaml"
    bad.write_text("departments:\n  - {name: 教育局, objects: [学校, 3]}\n", "utf-8")
    with pytest.raises(RuleError, match=r"教育局.*objects"):
        load_departments(bad)


def test_the_leads_command_prints_the_sample_share_and_the_empty_leads(tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    for stem in ("baoding-2021", "gaotang-2022"):
        (reports / f"{stem}.txt").write_text(
            (DATA / "leads_reports" / f"{stem}.txt").read_text("utf-8"), "utf-8"
        )
    args = ["leads", "--reports", str(reports), "--sample", str(DATA / "leads_blind.yaml")]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "leads_blind.yaml all:" in result.output
    assert "tasks without a lead: 0/" in result.output
    empty = CliRunner().invoke(main, ["leads", "--reports", str(tmp_path / "none")])
    assert empty.exit_code != 0 and "no .txt reports" in empty.output


@pytest.mark.parametrize(
    ("indicator", "word", "lead"),
    [
        ("数字经济核心产业增加值占地区生产总值比重", "数字经济核心产业增加值", "数据局"),
        ("民间投资占固定资产投资比重", "固定资产投资", "发展和改革委员会"),
        ("万元GDP综合能耗下降", "万元GDP综合能耗", "发展和改革委员会"),
        ("高新技术产业增加值占规上工业增加值比重", "高新技术产业增加值", "科学技术局"),
    ],
)
def test_what_is_measured_stands_before_zhan(indicator, word, lead):
    found = match_indicator(indicator, load_departments())
    assert found is not None and (found.word, found.lead) == (word, lead)

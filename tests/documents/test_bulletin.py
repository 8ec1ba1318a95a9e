"""The bulletin composed from plain facts (no database) and its .docx layout."""

from datetime import date

from docx import Document
from docx.oxml.ns import qn

from luoshi.documents import official_docx
from luoshi.documents.bulletin import (
    BulletinFacts,
    TaskRow,
    compose,
    default_options,
    delay_reasons,
    league,
)


def task(code, status, department="市发改委", section="聚焦项目", problems=()):
    return TaskRow(code, f"任务{code}", section, department, status, "原因", (), problems)


FACTS = BulletinFacts(
    "辽源市",
    2022,
    "2022-06",
    date(2022, 7, 10),
    (
        task("T001", "滞后", problems=("项目环评手续尚未办结。",)),
        task("T002", "逾期", "市商务局", problems=("受疫情影响，客商无法来访。",)),
        task("T003", "序时推进", "市商务局", "聚焦民生"),
        task("T004", "滞后", "市商务局"),
        task("T005", "已完成", "市教育局", "聚焦民生"),
    ),
)


def figures_by_basis(document):
    return {f.basis: f for f in document.figures}


def test_delay_reasons_come_from_the_problems_part_or_cause_sentences():
    assert delay_reasons("本期进展：完成80%\n存在问题：资金缺口较大") == ["资金缺口较大"]
    assert delay_reasons("本期进展：开工3个\n存在问题：无") == []
    assert delay_reasons("完成签约2个。受疫情影响，客商无法来访。") == [
        "受疫情影响，客商无法来访。"
    ]
    assert delay_reasons("【演示数据】6月进展：按计划推进。") == []


def test_problems_are_grouped_by_category_with_the_tasks_counted():
    figures = figures_by_basis(compose(FACTS, default_options()))
    assert figures["存在问题：前期手续和审批进度慢"].refs == ("T001",)
    assert figures["存在问题：疫情和季节等客观因素影响"].refs == ("T002",)
    assert figures["滞后或逾期但未说明原因的任务"].refs == ("T004",)


def test_the_league_ranks_by_share_on_track_then_size():
    assert [row.department for row in league(FACTS.tasks)] == ["市教育局", "市商务局", "市发改委"]


def test_counts_trace_to_task_ids():
    figures = figures_by_basis(compose(FACTS, default_options()))
    assert figures["全部重点任务"].value == 5
    assert figures["全部任务中状态为滞后"].refs == ("T001", "T004")
    assert figures["序时推进率（全部任务）"].value == 40.0
    assert figures["市商务局：滞后任务"].refs == ("T004",)


def test_the_docx_has_a_red_rule_document_number_and_east_asian_fonts(tmp_path):
    document = compose(FACTS, default_options(number="〔2022〕7号"))
    out = tmp_path / "b.docx"
    official_docx.write(document, out)
    doc = Document(out)
    texts = [p.text for p in doc.paragraphs]
    assert "〔2022〕7号" in texts
    rule = next(p for p in doc.paragraphs if p.text == "〔2022〕7号")
    assert rule._p.pPr.find(qn("w:pBdr")) is not None
    assert "关于2022年《政府工作报告》重点工作任务6月份落实情况的通报" in texts
    east_asian = {
        run._element.rPr.rFonts.get(qn("w:eastAsia"))
        for p in doc.paragraphs
        for run in p.runs
        if run._element.rPr is not None and run._element.rPr.rFonts is not None
    }
    assert {"仿宋_GB2312", "黑体", "方正小标宋简体"} <= east_asian
    assert doc.styles["引文"].element.rPr.rFonts.get(qn("w:eastAsia")) == "楷体_GB2312"
    heading = next(p for p in doc.paragraphs if p.text == "五、存在的主要问题")
    assert heading.runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) == "黑体"

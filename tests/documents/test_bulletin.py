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
from luoshi.documents.bulletin_document import Paragraph, plain_text


def task(code, status, department="市发改委", section="聚焦项目", problems=(), returned=False):
    return TaskRow(code, f"任务{code}", section, department, status, "原因", (), problems, returned)


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
        task("T006", "未报送", "市教育局", "聚焦民生", returned=True),
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
    assert figures["全部重点任务"].value == 6
    assert figures["全部任务中状态为滞后"].refs == ("T001", "T004")
    assert figures["序时推进率（全部任务）"].value == 33.3
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
    heading = next(p for p in doc.paragraphs if p.text == "四、存在的主要问题")
    assert heading.runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) == "黑体"


def body_text(document):
    return "".join(
        plain_text(block.spans) for block in document.body if isinstance(block, Paragraph)
    )


def test_problems_name_the_departments_by_kind_of_problem():
    text = body_text(compose(FACTS, default_options()))
    assert "（一）逾期任务1项，涉及市商务局（1项）。" in text
    assert "（二）滞后任务2项，涉及市发改委（1项）、市商务局（1项）。" in text
    assert "（三）未报送进展的任务1项，涉及市教育局（1项）。" in text
    assert "（四）进展被退回、尚未重新报送的任务1项，涉及市教育局（1项）。" in text
    assert "序时推进率低于50%的单位有：市商务局（33.3%）、市发改委（0.0%）。" in text


def test_next_steps_give_the_date_of_the_next_report_then_the_configured_paragraphs():
    document = compose(FACTS, default_options(requirements=("按时报送。", "（九）自有编号。")))
    texts = [plain_text(b.spans) for b in document.body if isinstance(b, Paragraph)]
    start = texts.index("五、下步工作")
    assert texts[start + 1].startswith("（一）限期整改。请上述逾期、滞后任务的牵头单位")
    assert "于8月5日前" in texts[start + 1]
    assert texts[start + 2 :] == ["（二）按时报送。", "（九）自有编号。"]


def test_the_sent_copy_has_no_figure_ids_and_the_check_copy_traces_every_figure(tmp_path):
    document = compose(FACTS, default_options(annexes=("league", "tasks")))
    sent, check = tmp_path / "sent.docx", tmp_path / "check.docx"
    official_docx.write(document, sent)
    official_docx.write(document, check, check_copy=True)
    sent_text = "\n".join(p.text for p in Document(sent).paragraphs)
    assert "[F" not in sent_text and "数据核对表" not in sent_text
    assert "附件：1.各单位推进情况一览表" in sent_text and "2.重点任务推进状态明细" in sent_text
    check_doc = Document(check)
    assert "[F1]" in "".join(p.text for p in check_doc.paragraphs)
    ids = {row.cells[0].text for row in check_doc.tables[-1].rows[1:]}
    assert ids == {f.id for f in document.figures}


def test_the_imprint_names_copies_and_the_printing_office(tmp_path):
    document = compose(FACTS, default_options(copy_to="{jurisdiction}委办公室"))
    out = tmp_path / "b.docx"
    official_docx.write(document, out)
    texts = [p.text for p in Document(out).paragraphs]
    assert texts[-2] == "抄送：辽源市委办公室。"
    assert texts[-1] == "辽源市人民政府督查室\u3000\u30002022年7月10日印发"


def test_an_edited_paragraph_replaces_the_generated_one_and_is_flagged_in_the_check_copy(
    tmp_path,
):
    document = compose(FACTS, default_options())
    keys = [p.key for p in document.editable()]
    assert keys[0] == "intro" and len(keys) == len(set(keys))
    document.apply_edits({"overall-1": "全市重点任务总体推进有序。", "intro": ""})
    assert "全市重点任务总体推进有序。" in body_text(document)
    assert document.editable()[0].edited is False  # an empty edit keeps the generated text
    out = tmp_path / "check.docx"
    official_docx.write(document, out, check_copy=True)
    texts = [p.text for p in Document(out).paragraphs]
    assert "全市重点任务总体推进有序。[已人工修改，数字未核对]" in texts


def test_short_columns_are_as_wide_as_their_longest_text():
    header = ["牵头单位", "任务数", "工作任务"]
    rows = [["政务服务和数字化建设管理局", "10", "加快建设" * 20], ["商务局", "2", "推进"]]
    widths = official_docx.fitted_widths(header, rows, 15.6)
    assert widths[0] >= official_docx.WHOLE * official_docx.CHAR_CM  # beside a long column
    alone = official_docx.fitted_widths(header[:2], [r[:2] for r in rows], 15.6)
    assert alone[0] >= 13 * official_docx.CHAR_CM
    assert widths[1] >= 3 * official_docx.CHAR_CM  # its header, on one line
    assert abs(sum(widths) - 15.6) < 0.05  # the long column takes the rest

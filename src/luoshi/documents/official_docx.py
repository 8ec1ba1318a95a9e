"""Render a `BulletinDocument` as .docx in the official-document layout (GB/T 9704 in spirit).

A4 with the standard margins; a red header (版头) with the 文号 and a red rule; the title in
方正小标宋简体 二号; body 仿宋_GB2312 三号 with first-line indents; 一、 headings in 黑体, （一）
in 楷体_GB2312; quoted words (task wording, reasons, report text) in 楷体; page numbers "— 1 —".
Chinese font names go in w:eastAsia: Word picks the font of CJK text from there, not from
w:ascii, so setting `run.font.name` alone would leave the Chinese text in the default font.

Each figure is followed by its id in small grey superscript ([F12]); tables carry the ids of a
row's figures in a last column (核对), and the appendix lists every figure with the task ids it
counts.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run

from luoshi.documents.bulletin_document import (
    BulletinDocument,
    Configured,
    Figure,
    Paragraph,
    Quote,
    Span,
    Table,
    chinese_date,
)

TITLE_FONT, BODY_FONT, HEADING_FONT, KAI_FONT = (
    "方正小标宋简体",
    "仿宋_GB2312",
    "黑体",
    "楷体_GB2312",
)
SIZE_2, SIZE_3, SIZE_4, SIZE_TABLE = Pt(22), Pt(16), Pt(14), Pt(10.5)
RED = RGBColor(0xFF, 0x00, 0x00)
GREY = RGBColor(0x80, 0x80, 0x80)
QUOTE_STYLE, CONFIGURED_STYLE, FIGURE_ID_STYLE = "引文", "配置文字", "核对编号"


def set_font(run: Run, name: str, size: Pt | None = None, bold: bool = False) -> None:
    run.font.name = name
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)
    if size is not None:
        run.font.size = size
    run.font.bold = bold


def _style_font(style: object, name: str) -> None:
    element = style.element  # type: ignore[attr-defined]  # python-docx types styles as BaseStyle
    element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)
    style.font.name = name  # type: ignore[attr-defined]  # ours are paragraph or character styles


def _styles(doc: DocxDocument) -> None:
    normal = doc.styles["Normal"]
    _style_font(normal, BODY_FONT)
    normal.font.size = SIZE_3
    quote = doc.styles.add_style(QUOTE_STYLE, WD_STYLE_TYPE.CHARACTER)
    _style_font(quote, KAI_FONT)
    configured = doc.styles.add_style(CONFIGURED_STYLE, WD_STYLE_TYPE.CHARACTER)
    _style_font(configured, BODY_FONT)
    figure_id = doc.styles.add_style(FIGURE_ID_STYLE, WD_STYLE_TYPE.CHARACTER)
    figure_id.font.superscript = True
    figure_id.font.size = Pt(8)
    figure_id.font.color.rgb = GREY


def _page(doc: DocxDocument) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    set_font(footer.add_run("— "), "宋体", SIZE_4)
    _page_field(footer)
    set_font(footer.add_run(" —"), "宋体", SIZE_4)


def _page_field(paragraph: DocxParagraph) -> None:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _red_rule(paragraph: DocxParagraph) -> None:
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("val", "single"), ("sz", "18"), ("space", "1"), ("color", "FF0000")):
        bottom.set(qn(f"w:{key}"), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def _line(doc: DocxDocument, text: str, font: str, size: Pt, **options: object) -> DocxParagraph:
    paragraph = doc.add_paragraph()
    align = options.get("align", WD_ALIGN_PARAGRAPH.CENTER)
    paragraph.alignment = align  # type: ignore[assignment]  # align= is a WD_ALIGN_PARAGRAPH
    run = paragraph.add_run(text)
    set_font(run, font, size, bool(options.get("bold")))
    if options.get("red"):
        run.font.color.rgb = RED
    return paragraph


def _header(doc: DocxDocument, document: BulletinDocument) -> None:
    _line(doc, document.issuer, TITLE_FONT, Pt(26), red=True)
    _line(doc, "督 查 通 报", TITLE_FONT, Pt(36), red=True, bold=True)
    rule = _line(doc, document.number, BODY_FONT, SIZE_3)
    _red_rule(rule)
    doc.add_paragraph()
    _line(doc, document.title, TITLE_FONT, SIZE_2)
    doc.add_paragraph()
    _line(doc, document.addressees, BODY_FONT, SIZE_3, align=WD_ALIGN_PARAGRAPH.LEFT)


def _spans(paragraph: DocxParagraph, spans: list[Span], font: str, size: Pt) -> None:
    for span in spans:
        if isinstance(span, Figure):
            set_font(paragraph.add_run(span.text), font, size)
            paragraph.add_run(f"[{span.id}]", style=FIGURE_ID_STYLE)
        elif isinstance(span, Quote):
            run = paragraph.add_run(span.text, style=QUOTE_STYLE)
            run.font.size = size
        elif isinstance(span, Configured):
            run = paragraph.add_run(span.text, style=CONFIGURED_STYLE)
            run.font.size = size
        else:
            set_font(paragraph.add_run(span), font, size)


def _paragraph(doc: DocxDocument, block: Paragraph) -> None:
    paragraph = doc.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.line_spacing = Pt(28)
    font = {"h1": HEADING_FONT, "h2": KAI_FONT}.get(block.kind, BODY_FONT)
    if block.kind != "plain":
        fmt.first_line_indent = Pt(32)  # two characters of 三号
    _spans(paragraph, block.spans, font, SIZE_3)


def _cell(cell: _Cell, value: object, bold: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    if isinstance(value, Figure):  # the unit is in the table's caption (单位：项)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        text = value.text if value.unit == "%" else f"{value.value:g}"
        set_font(paragraph.add_run(text), BODY_FONT, SIZE_TABLE)
    elif isinstance(value, Quote):
        run = paragraph.add_run(value.text, style=QUOTE_STYLE)
        run.font.size = SIZE_TABLE
    else:
        set_font(paragraph.add_run(str(value)), HEADING_FONT if bold else BODY_FONT, SIZE_TABLE)
        if bold:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _repeat_header(row: object) -> None:
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(flag)  # type: ignore[attr-defined]  # row is a docx _Row


def _table(doc: DocxDocument, block: Table) -> None:
    header = [*block.header, "核对"] if block.check_column else block.header
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        _cell(cell, text, bold=True)
    _repeat_header(table.rows[0])
    for row in block.rows:
        ids = [value.id for value in row if isinstance(value, Figure)]
        values: list[object] = list(row)
        if block.check_column:
            values.append(f"{ids[0]}–{ids[-1]}" if ids else "")
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            _cell(cell, value)
        if block.check_column:
            cells[-1].paragraphs[0].runs[0].font.color.rgb = GREY
    if block.widths:
        table.autofit = False
        for row in table.rows:
            for cell, width in zip(row.cells, block.widths, strict=True):
                cell.width = Cm(width)


def _signature(doc: DocxDocument, document: BulletinDocument) -> None:
    doc.add_paragraph()
    for text in (document.issuer, chinese_date(document.signed)):
        _line(doc, text, BODY_FONT, SIZE_3, align=WD_ALIGN_PARAGRAPH.RIGHT)


def _appendix(doc: DocxDocument, document: BulletinDocument) -> None:
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    _line(doc, "附件1", HEADING_FONT, SIZE_3, align=WD_ALIGN_PARAGRAPH.LEFT)
    _line(doc, "数据核对表", TITLE_FONT, SIZE_2)
    rows = [
        [f.id, f.text, f.basis + (f"（{f.formula}）" if f.formula else ""), "、".join(f.refs)]
        for f in document.figures
    ]
    _plain_table(doc, ["编号", "数据", "口径", "任务编号"], rows)
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    _line(doc, "附件2", HEADING_FONT, SIZE_3, align=WD_ALIGN_PARAGRAPH.LEFT)
    _line(doc, "重点任务推进状态明细", TITLE_FONT, SIZE_2)
    rows = [[t.code, t.text, t.department, t.status, t.reason] for t in document.tasks]
    _plain_table(doc, ["任务编号", "工作任务", "牵头单位", "状态", "状态说明"], rows)


def _plain_table(doc: DocxDocument, header: list[str], rows: list[list[str]]) -> None:
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        _cell(cell, text, bold=True)
    _repeat_header(table.rows[0])
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            _cell(cell, text)


def write(document: BulletinDocument, out: str | Path | IO[bytes]) -> None:
    doc = Document()
    _styles(doc)
    _page(doc)
    _header(doc, document)
    for block in document.body:
        if isinstance(block, Table):
            _table(doc, block)
        else:
            _paragraph(doc, block)
    _signature(doc, document)
    _appendix(doc, document)
    doc.core_properties.title = document.title
    doc.core_properties.author = document.issuer
    doc.save(out)  # type: ignore[arg-type]  # python-docx's hint omits Path, which zipfile accepts

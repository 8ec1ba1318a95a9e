"""Render a `BulletinDocument` as .docx in the official-document layout (GB/T 9704 in spirit).

A4 with the standard margins; a red header (版头) with the 文号 and a red rule; the title in
方正小标宋简体 二号; body 仿宋_GB2312 三号 with first-line indents; 一、 headings in 黑体, （一）
in 楷体_GB2312; quoted words (task wording, reasons, report text) in 楷体; page numbers "— 1 —".
Chinese font names go in w:eastAsia: Word picks the font of CJK text from there, not from
w:ascii, so setting `run.font.name` alone would leave the Chinese text in the default font.

The copy that is sent shows numbers only. The check copy (核对稿, `check_copy=True`) follows
each figure with its id in small grey superscript ([F12]), gives tables a last column with the
ids of a row's figures (核对), and ends with the 数据核对表: every figure with its 口径 and the
task ids it counts. Table columns are as wide as their content: short columns (names, numbers,
statuses) never wrap, long ones (task wording) share what is left. The 版记 (抄送, 印发) closes
the document.
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
    Annex,
    Block,
    BulletinDocument,
    Cell,
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


def _spans(paragraph: DocxParagraph, spans: list[Span], font: str, size: Pt, check: bool) -> None:
    for span in spans:
        if isinstance(span, Figure):
            set_font(paragraph.add_run(span.text), font, size)
            if check:
                paragraph.add_run(f"[{span.id}]", style=FIGURE_ID_STYLE)
        elif isinstance(span, Quote):
            run = paragraph.add_run(span.text, style=QUOTE_STYLE)
            run.font.size = size
        elif isinstance(span, Configured):
            run = paragraph.add_run(span.text, style=CONFIGURED_STYLE)
            run.font.size = size
        else:
            set_font(paragraph.add_run(span), font, size)


def _paragraph(doc: DocxDocument, block: Paragraph, check: bool) -> None:
    paragraph = doc.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.line_spacing = Pt(28)
    font = {"h1": HEADING_FONT, "h2": KAI_FONT}.get(block.kind, BODY_FONT)
    if block.kind != "plain":
        fmt.first_line_indent = Pt(32)  # two characters of 三号
    _spans(paragraph, block.spans, font, SIZE_3, check)
    if check and block.edited:
        paragraph.add_run("[已人工修改，数字未核对]", style=FIGURE_ID_STYLE)


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


def _table(doc: DocxDocument, block: Table, check: bool) -> None:
    check = check and any(isinstance(v, Figure) for row in block.rows for v in row)
    header = [*block.header, "核对"] if check else list(block.header)
    rows: list[list[object]] = []
    for row in block.rows:
        ids = [value.id for value in row if isinstance(value, Figure)]
        rows.append([*row, f"{ids[0]}–{ids[-1]}" if ids else ""] if check else list(row))
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False  # fixed layout: Word and LibreOffice keep the widths below
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        _cell(cell, text, bold=True)
    _repeat_header(table.rows[0])
    for values in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            _cell(cell, value)
        if check:
            cells[-1].paragraphs[0].runs[0].font.color.rgb = GREY
    widths = fitted_widths(header, [[_cell_text(v) for v in r] for r in rows], TEXT_WIDTH_CM)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)  # the grid, which LibreOffice reads
        for cell in column.cells:
            cell.width = Cm(width)  # the cells, which Word reads


TEXT_WIDTH_CM = 21 - 2.8 - 2.6  # A4 less the margins of _page
CHAR_CM = 10.5 / 72 * 2.54  # one CJK character of 五号 (10.5 pt)
PADDING_CM = 0.45  # a cell's left and right margins and borders
SHORT = 16  # a column whose longest text has at most this many characters is short
WHOLE = 8  # beside long columns, short cells up to this many characters never wrap


def _cell_text(value: object) -> str:
    if isinstance(value, Figure):
        return value.text if value.unit == "%" else f"{value.value:g}"
    if isinstance(value, Quote):
        return value.text
    return str(value)


def text_width(text: str) -> float:
    """In CJK characters: Latin letters and digits are about half as wide."""
    return sum(1.0 if ord(ch) > 0x2E80 else 0.62 for ch in text)


def fitted_widths(header: list[str], rows: list[list[str]], total: float) -> list[float]:
    """Column widths (cm) that fit the content. A short column gets its longest text, up to
    `WHOLE` characters where the table also has long columns (task wording), so that those
    keep room; a header of more than four characters may wrap to two lines. The long columns
    share the rest in proportion to their longest text, and the table spans the text width."""
    natural = [max([text_width(r[i]) for r in rows] or [0.0]) for i in range(len(header))]
    heads = [text_width(h) if text_width(h) <= 4 else -(-text_width(h) // 2) for h in header]
    short = [n <= SHORT for n in natural]
    cap = WHOLE if not all(short) else SHORT
    need = [max(min(n, cap), h) * CHAR_CM + PADDING_CM for n, h in zip(natural, heads, strict=True)]
    fixed = sum(w for w, s in zip(need, short, strict=True) if s)
    long_total = sum(n for n, s in zip(natural, short, strict=True) if not s)
    if not long_total:  # all short: widen them alike to the text width
        scale = max(1.0, total / fixed)
        return [round(w * scale, 2) for w in need]
    room = max(total - fixed, 0.0)
    return [
        round(w if s else max(room * n / long_total, 4 * CHAR_CM + PADDING_CM), 2)
        for w, s, n in zip(need, short, natural, strict=True)
    ]


def _signature(doc: DocxDocument, document: BulletinDocument) -> None:
    doc.add_paragraph()
    for text in (document.issuer, chinese_date(document.signed)):
        _line(doc, text, BODY_FONT, SIZE_3, align=WD_ALIGN_PARAGRAPH.RIGHT)


def _annex_list(doc: DocxDocument, annexes: list[Annex]) -> None:
    """附件：1.… under the main text (GB/T 9704: 附件说明)."""
    for number, annex in enumerate(annexes, 1):
        paragraph = doc.add_paragraph()
        fmt = paragraph.paragraph_format
        fmt.line_spacing = Pt(28)
        fmt.first_line_indent = Pt(32)
        prefix = "附件：" if number == 1 else "　　　"
        set_font(paragraph.add_run(f"{prefix}{number}.{annex.title}"), BODY_FONT, SIZE_3)


def _annex(doc: DocxDocument, number: int, annex: Annex, check: bool) -> None:
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    _line(doc, f"附件{number}", HEADING_FONT, SIZE_3, align=WD_ALIGN_PARAGRAPH.LEFT)
    _line(doc, annex.title, TITLE_FONT, SIZE_2)
    _blocks(doc, annex.blocks, check)


def figure_table(document: BulletinDocument) -> Annex:
    """The 数据核对表 of the check copy: every figure, its 口径 and the task ids it counts."""
    rows: list[list[Cell]] = [
        [f.id, f.text, f.basis + (f"（{f.formula}）" if f.formula else ""), "、".join(f.refs)]
        for f in document.figures
    ]
    return Annex("figures", "数据核对表", [Table(["编号", "数据", "口径", "任务编号"], rows)])


def _imprint(doc: DocxDocument, document: BulletinDocument) -> None:
    """版记: 抄送 and 印发 between rules, 四号 仿宋, at the end of the document."""
    doc.add_paragraph()
    lines = []
    if document.copy_to:
        lines.append(f"抄送：{document.copy_to.rstrip('。')}。")
    printed = f"{chinese_date(document.signed)}印发"
    lines.append(f"{document.printed_by or document.issuer}\u3000\u3000{printed}")
    for index, text in enumerate(lines):
        paragraph = _line(doc, text, BODY_FONT, SIZE_4, align=WD_ALIGN_PARAGRAPH.LEFT)
        fmt = paragraph.paragraph_format
        fmt.left_indent = fmt.right_indent = Pt(14)  # 一字 in from the rules
        _rule(paragraph, "top", "12" if index == 0 else "4")
        if index == len(lines) - 1:
            _rule(paragraph, "bottom", "12")


def _rule(paragraph: DocxParagraph, side: str, size: str) -> None:
    borders = paragraph._p.get_or_add_pPr().find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        paragraph._p.get_or_add_pPr().append(borders)
    edge = OxmlElement(f"w:{side}")
    for key, value in (("val", "single"), ("sz", size), ("space", "1"), ("color", "000000")):
        edge.set(qn(f"w:{key}"), value)
    borders.append(edge)


def _blocks(doc: DocxDocument, blocks: list[Block], check: bool) -> None:
    for block in blocks:
        if isinstance(block, Table):
            _table(doc, block, check)
        else:
            _paragraph(doc, block, check)


def write(
    document: BulletinDocument, out: str | Path | IO[bytes], check_copy: bool = False
) -> None:
    doc = Document()
    _styles(doc)
    _page(doc)
    _header(doc, document)
    _blocks(doc, document.body, check_copy)
    annexes = [*document.annexes, *([figure_table(document)] if check_copy else [])]
    if annexes:
        doc.add_paragraph()
        _annex_list(doc, annexes)
    _signature(doc, document)
    for number, annex in enumerate(annexes, 1):
        _annex(doc, number, annex, check_copy)
    _imprint(doc, document)
    doc.core_properties.title = document.title + ("（核对稿）" if check_copy else "")
    doc.core_properties.author = document.issuer
    doc.save(out)  # type: ignore[arg-type]  # python-docx's hint omits Path, which zipfile accepts

"""Read a bulletin's check copy (.docx) back: the figures (number, unit, id) of the main text
and of the tables, and the 数据核对表."""

from __future__ import annotations

import re
from dataclasses import dataclass

from docx import Document
from docx.table import Table
from docx.text.paragraph import Paragraph

EXEMPT_STYLES = {"引文", "配置文字"}  # quoted task/report wording and the configured text
FIGURE = re.compile(r"(\d+(?:\.\d+)?)(%|项|个)\[(F\d+)\]")
DATES = re.compile(r"\d{4}年(\d{1,2}月(\d{1,2}日)?)?|\d{1,2}月(\d{1,2}日|份|底)?|〔\d{4}〕|附件\d+")
ANNEX_LIST = re.compile(r"^(附件：|[\u3000 ]+)\d+\.")  # 附件：1.… under the main text
ID_RANGE = re.compile(r"^F(\d+)–F(\d+)$")


@dataclass
class Bulletin:
    paragraphs: list[str]  # body text without the exempt runs
    body_figures: list[tuple[str, str, str]]  # (number, unit, id) in the text
    stray: list[str]  # digits in the body not attached to a figure id
    appendix: dict[str, tuple[str, str, list[str]]]  # id → (数据, 口径, task ids)
    tables: list[Table]


def _own_text(paragraph: Paragraph) -> str:
    return "".join(
        run.text
        for run in paragraph.runs
        if (run.style.name if run.style else "") not in EXEMPT_STYLES
    )


def read(path) -> Bulletin:
    doc = Document(path)
    paragraphs, figures, stray, tables = [], [], [], []
    appendix: dict[str, tuple[str, str, list[str]]] = {}
    in_body = True
    for block in doc.iter_inner_content():
        if isinstance(block, Paragraph):
            text = _own_text(block)
            if text.strip() == "附件1":
                in_body = False
            if not in_body:
                continue
            paragraphs.append(text)
            if ANNEX_LIST.match(text):
                continue
            found = FIGURE.findall(text)
            figures.extend(found)
            rest = DATES.sub("", FIGURE.sub("", text))
            stray.extend(re.findall(r"\d+", rest))
        elif [c.text for c in block.rows[0].cells][-1] == "核对":
            tables.append(block)
            for row in block.rows[1:]:
                cells = [c.text for c in row.cells]
                numbers = [c for c in cells[1:-1] if re.fullmatch(r"\d+(\.\d+)?%?", c)]
                match = ID_RANGE.match(cells[-1])
                assert match, cells
                ids = [f"F{n}" for n in range(int(match[1]), int(match[2]) + 1)]
                assert len(ids) == len(numbers), cells
                for number, figure in zip(numbers, ids, strict=True):
                    unit = "%" if number.endswith("%") else ""
                    figures.append((number.rstrip("%"), unit, figure))
        elif [c.text for c in block.rows[0].cells] == ["编号", "数据", "口径", "任务编号"]:
            for row in block.rows[1:]:
                fid, value, basis, refs = (c.text for c in row.cells)
                appendix[fid] = (value, basis, [r for r in refs.split("、") if r])
    return Bulletin(paragraphs, figures, stray, appendix, tables)


def check_against_appendix(bulletin: Bulletin) -> None:
    """Every figure of the text is in the appendix with the same number; a count equals the
    number of task ids listed; a share equals its two figures' quotient."""
    assert bulletin.stray == []
    assert bulletin.body_figures
    for number, unit, fid in bulletin.body_figures:
        value, basis, refs = bulletin.appendix[fid]
        assert float(re.match(r"[\d.]+", value)[0]) == float(number), (fid, value, number)
        if unit == "%" or value.endswith("%"):
            part, whole = re.search(r"（(F\d+)/(F\d+)）", basis).groups()
            numerator = len(bulletin.appendix[part][2])
            denominator = len(bulletin.appendix[whole][2])
            expected = round(100 * numerator / denominator, 1) if denominator else 0.0
            assert float(number) == expected, (fid, number, expected)
        else:
            assert len(refs) == int(number), (fid, number, refs)

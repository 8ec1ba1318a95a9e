"""Word, PDF and HTML versions of a report give the same paragraphs as the text version."""

from __future__ import annotations

from pathlib import Path

import pytest

from luoshi.reading import Document, read
from tests.reading.reading_minipdf import build_pdf, layout
from tests.reading.reading_support import SEED, docx_bytes


def _normalized(doc: Document) -> list[str]:
    return ["".join(p.text.split()) for p in doc.paragraphs]


def test_a_docx_of_the_seed_gives_the_seed_paragraphs(
    tmp_path: Path, seed_lines: list[str]
) -> None:
    path = tmp_path / "report.docx"
    path.write_bytes(docx_bytes(seed_lines))
    doc = read(path)
    assert doc.format == "docx" and doc.encoding is None
    assert _normalized(doc) == _normalized(read(SEED))
    assert "加快钢铁建材" in doc.text


def test_docx_tables_come_in_body_order_with_cells_tab_separated() -> None:
    data = docx_bytes(
        ["主要指标如下：", "表1"], table=[["指标", "目标"], ["新增城镇就业", "1万人"]]
    )
    doc = read(data, name="table.docx")
    assert [p.text for p in doc.paragraphs] == [
        "主要指标如下：",
        "表1",
        "指标\t目标",
        "新增城镇就业\t1万人",
        "表后的段落。",
    ]


def test_a_pdf_of_the_seed_gives_the_seed_paragraphs(tmp_path: Path, seed_lines: list[str]) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(build_pdf(layout(seed_lines)))
    doc = read(path)
    assert doc.format == "pdf"
    assert _normalized(doc) == _normalized(read(SEED))
    # The PDF's own line breaks are in the original; the cleaned text has none inside paragraphs.
    assert doc.original.count("\n") > 3 * doc.text.count("\n")


def test_pdf_offsets_point_into_the_extracted_text(seed_lines: list[str]) -> None:
    doc = read(build_pdf(layout(seed_lines)), format="pdf")
    start = doc.text.index("新增城镇就业1万人")
    s, e = doc.to_original(start, start + len("新增城镇就业1万人"))
    assert "".join(doc.original[s:e].split()) == "新增城镇就业1万人"


HTML = """<!doctype html>
<html><head><meta charset="{charset}"><title>政府工作报告</title>
<style>p {{ color: red }}</style><script>var menu = "首页";</script></head>
<body>
<header><div class="logo">市政府门户网站</div></header>
<nav><ul><li>首页</li><li>政务公开</li></ul></nav>
<div class="top-menu"><a href="/">网站地图</a></div>
<div class="article">
  <h1>辽源市人民政府工作报告</h1>
  <p>　　各位代表：</p>
  <p>　　新增城镇就业1万人，
      转移农村劳动力12万人次。</p>
  <div>加快钢铁建材、装备制造等领域技术推广。<br>推进数字化车间改造。</div>
  <ul><li>一是稳就业。</li><li>二是促消费。</li></ul>
  <table><tr><td>指标</td><td>目标</td></tr></table>
</div>
<div id="sidebar"><p>热点推荐</p></div>
<footer><p>版权所有 辽源市人民政府</p></footer>
<script>track();</script>
</body></html>
"""

HTML_PARAGRAPHS = [
    "辽源市人民政府工作报告",
    "各位代表：",
    "新增城镇就业1万人， 转移农村劳动力12万人次。",
    "加快钢铁建材、装备制造等领域技术推广。",
    "推进数字化车间改造。",
    "一是稳就业。",
    "二是促消费。",
    "指标\t目标",
]


def test_html_gives_paragraph_text_without_scripts_or_menus(tmp_path: Path) -> None:
    path = tmp_path / "report.html"
    path.write_text(HTML.format(charset="utf-8"), encoding="utf-8")
    doc = read(path)
    assert doc.format == "html"
    assert [p.text for p in doc.paragraphs] == HTML_PARAGRAPHS
    for word in ("首页", "网站地图", "热点推荐", "版权所有", "track", "color"):
        assert word not in doc.original


def test_html_in_gbk_is_decoded_by_its_meta_charset(tmp_path: Path) -> None:
    path = tmp_path / "report.htm"
    path.write_bytes(HTML.format(charset="gb2312").encode("gbk"))
    doc = read(path)
    assert doc.encoding == "gb18030"
    assert [p.text for p in doc.paragraphs] == HTML_PARAGRAPHS


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"%PDF", "pdf"),
        (b"PK", "docx"),
        (b"<!DOCTYPE html>", "html"),
        (b"<html>", "html"),
        ("新增就业1万人".encode(), "txt"),
    ],
)
def test_bytes_without_a_format_are_sniffed(
    data: bytes, expected: str, seed_lines: list[str]
) -> None:
    samples = {
        "pdf": build_pdf(layout(seed_lines)),
        "docx": docx_bytes(seed_lines),
        "html": data + HTML.format(charset="utf-8").encode()[15:],
        "txt": data,
    }
    assert read(samples[expected]).format == expected


def test_a_format_given_by_name_or_argument_wins_over_sniffing() -> None:
    html = "<p>新增就业1万人</p>".encode()
    assert read(html, name="page.html").format == "html"
    assert read(html, format="txt").text == "<p>新增就业1万人</p>"

"""Real reports in tests/data/reports: each reads, and each known layout flaw is repaired."""

from __future__ import annotations

from pathlib import Path

import pytest

from luoshi.reading import Document, read
from tests.reading.reading_support import DATA, SEED

REPORTS = sorted((DATA / "reports").glob("*.txt"))


def _read(stem: str) -> Document:
    return read(DATA / "reports" / f"{stem}.txt")


def _paragraphs(doc: Document) -> list[str]:
    return [p.text for p in doc.paragraphs]


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.stem)
def test_every_bundled_report_reads_into_paragraphs(path: Path) -> None:
    doc = read(path)
    assert doc.format == "txt"
    assert doc.encoding == "utf-8"
    assert len(doc.paragraphs) > 5
    assert doc.text == "\n".join(_paragraphs(doc))
    for para in doc.paragraphs:
        assert para.text == para.text.strip() and para.text
        assert doc.original[para.start] == para.text[0]
        assert doc.original[para.end - 1] == para.text[-1]


def test_the_seed_loses_its_continuation_mark_and_slogans() -> None:
    doc = read(SEED)
    assert "上接" not in doc.text
    assert "道德重在坚持" not in doc.text
    assert "文明贵在行动" not in doc.text
    assert doc.text.endswith("为建设社会主义现代化辽源而努力奋斗!")


def test_the_seed_rejoins_words_split_by_the_page_break() -> None:
    doc = read(SEED)
    assert "加快钢铁建材、装备制造" in doc.text
    assert "东辽剪纸等特色文化产品更好进入市场。" in doc.text
    assert "加快数字城智慧化升级" in doc.text  # the newspaper itself dropped 市 here


def test_the_seed_keeps_its_title_and_one_paragraph_per_section() -> None:
    doc = read(SEED)
    starts = [text[:2] for text in _paragraphs(doc)]
    assert _paragraphs(doc)[0] == "辽源市人民政府工作报告"
    assert "".join(starts[1:]) == "二是四是五是六是七是八是九是十是各位各位"


def test_the_seed_maps_cleaned_spans_back_to_the_original() -> None:
    doc = read(SEED)
    start = doc.text.index("新增城镇就业1万人")
    s, e = doc.to_original(start, start + len("新增城镇就业1万人"))
    assert doc.original[s:e] == "新增城镇就业1万人"
    start = doc.text.index("加快钢铁建材")
    s, e = doc.to_original(start, start + len("加快钢铁建材"))
    assert doc.original[s:e] == "加快钢铁\n\n建材"
    assert doc.original == SEED.read_text(encoding="utf-8")


def test_the_bundled_sample_is_the_seed() -> None:
    sample = Path(__file__).resolve().parents[2] / "src/luoshi/samples/liaoyuan-2022-part2.txt"
    assert read(sample).text == read(SEED).text


@pytest.mark.parametrize(
    ("stem", "caption"),
    [
        ("hebei-2026", "本报记者 霍艳恩摄"),
        ("shanxi-2026", "本报记者阮洋摄"),
    ],
)
def test_newspaper_photo_captions_are_dropped(stem: str, caption: str) -> None:
    doc = _read(stem)
    assert caption not in doc.text
    assert "各位代表：" in _paragraphs(doc)


def test_front_matter_lines_stay_apart() -> None:
    paragraphs = _paragraphs(_read("hebei-2026"))
    assert paragraphs[:5] == [
        "2026年河北省政府工作报告",
        "——2026年1月26日在河北省第十四届人民代表大会第四次会议上",
        "来源：河北日报",
        "时间：2026-02-02",
        "河北省人民政府省长 王正谱",
    ]


def test_a_subtitle_split_across_lines_is_joined() -> None:
    paragraphs = _paragraphs(_read("guangdong-2026"))
    assert paragraphs[:3] == [
        "政府工作报告",
        "——2026年1月26日在广东省第十四届人民代表大会第五次会议上",
        "广东省省长 孟凡利",
    ]


def test_a_heading_split_by_bold_type_is_joined_to_its_sentence() -> None:
    text = _read("guangdong-2026").text
    assert "今年经济社会发展的主要预期目标是：地区生产总值增长4.5%—5%" in text
    assert "“十五五”时期经济社会发展的主要目标是：地区生产总值年均增长5%左右" in text


def test_a_subscript_split_onto_its_own_line_is_joined() -> None:
    assert "PM2.5年平均浓度保持在20微克/立方米左右" in _read("guangdong-2026").text
    assert "细颗粒物（PM2.5）浓度继续下降" in _read("national-2019").text


def test_a_title_broken_across_lines_is_joined() -> None:
    doc = _read("national-2021")
    assert _paragraphs(doc)[0] == "政府工作报告"
    assert "\u200b" not in doc.text
    assert "交出一份人民满意、世界瞩目" in doc.text


def test_headings_are_not_joined_to_the_next_paragraph() -> None:
    paragraphs = _paragraphs(_read("national-2019"))
    assert "二、2019年经济社会发展总体要求和政策取向" in paragraphs
    paragraphs = _paragraphs(_read("guangdong-2026"))
    assert "附件2" in paragraphs and "名词解释" in paragraphs
    assert "一、提高低保、特困人员、孤儿基本生活与残疾人两项补贴和重点群体救助保障水平。" in (
        paragraphs
    )


def test_paragraphs_run_together_on_one_line_are_split_at_space_runs() -> None:
    doc = _read("shanghai-2022")
    paragraphs = _paragraphs(doc)
    assert len(paragraphs) > 50
    assert paragraphs[1:4] == [
        "各位代表：",
        "现在，我代表上海市人民政府，向大会报告工作，请予审议。请各位政协委员和其他列席人员提出意见。",
        "一、2021年工作回顾",
    ]
    assert "\u2003" not in doc.text

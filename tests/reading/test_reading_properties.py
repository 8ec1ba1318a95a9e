"""Whatever the artefacts, every cleaned character maps back to itself in the original."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from luoshi.reading import Document, read
from luoshi.reading.normalize import normalize_width

HANZI = "新增城镇就业万人加快钢铁建材装备制造推进数字化改造项目开工建设政府工作报告"
PUNCT = "，。、；：！？“”（）,.%"
SPACES = [" ", "  ", "\u3000\u3000", "  \u2003\u2003", "\t"]
MARKS = ["(上接第二版)", "（下转第三版）", "（上接第1版）"]
SLOGANS = ["道德重在坚持", "文明贵在行动"]

words = st.text(alphabet=HANZI + "0123456789", min_size=1, max_size=12)
sentences = st.lists(
    st.tuples(words, st.sampled_from(list(PUNCT))).map("".join), min_size=1, max_size=6
).map("".join)


@st.composite
def reports(draw: st.DrawFn) -> str:
    """Paragraphs with page-break splits, continuation marks, slogans and stray spaces."""
    paragraphs = draw(st.lists(sentences, min_size=1, max_size=8))
    out: list[str] = []
    for para in paragraphs:
        if len(para) > 2 and draw(st.booleans()):
            cut = draw(st.integers(1, len(para) - 1))
            mark = draw(st.sampled_from(["", *MARKS]))
            para = para[:cut] + draw(st.sampled_from(["\n\n", "\n", "\n\n\n"])) + mark + para[cut:]
        if draw(st.booleans()):
            para = draw(st.sampled_from(SPACES)) + para + draw(st.sampled_from(SPACES))
        out.append(para)
        if draw(st.integers(0, 5)) == 0:
            out.append(draw(st.sampled_from(MARKS)))
    if draw(st.booleans()):
        out.extend(SLOGANS * 2)
    separator = draw(st.sampled_from(["\n", "\n\n", "\r\n", "\n \n"]))
    return separator.join(out)


def _same(cleaned: str, original: str) -> bool:
    # The "\n" between paragraphs maps to the whitespace that separated them.
    return cleaned == original or (cleaned == "\n" and original.isspace())


def _check_offsets(doc: Document) -> None:
    assert len(doc.offsets) == len(doc.text)
    assert all(a < b for a, b in zip(doc.offsets, doc.offsets[1:], strict=False))
    for ch, offset in zip(doc.text, doc.offsets, strict=True):
        assert _same(ch, doc.original[offset])


@settings(max_examples=300, deadline=None)
@given(reports())
def test_every_cleaned_character_maps_to_an_equal_original_character(original: str) -> None:
    doc = read(original.encode("utf-8"), format="txt")
    _check_offsets(doc)
    assert "上接" not in doc.text and "下转" not in doc.text
    assert "道德重在坚持" not in doc.text
    assert "\n\n" not in doc.text
    for para in doc.paragraphs:
        assert para.text == para.text.strip()


@settings(max_examples=200, deadline=None)
@given(reports(), st.data())
def test_any_cleaned_span_maps_to_an_original_span_with_the_same_ends(
    original: str, data: st.DataObject
) -> None:
    doc = read(original.encode("utf-8"), format="txt")
    start = data.draw(st.integers(0, len(doc.text) - 1))
    end = data.draw(st.integers(start + 1, len(doc.text)))
    s, e = doc.to_original(start, end)
    assert 0 <= s < e <= len(doc.original)
    assert _same(doc.text[start], doc.original[s])
    assert _same(doc.text[end - 1], doc.original[e - 1])


@given(reports())
def test_paragraph_spans_hold_the_paragraph_text(original: str) -> None:
    doc = read(original.encode("utf-8"), format="txt")
    position = 0
    for para in doc.paragraphs:
        start = doc.text.index(para.text, position)
        assert doc.to_original(start, start + len(para.text)) == (para.start, para.end)
        position = start + len(para.text)


@given(st.text())
def test_normalize_width_keeps_length_so_offsets_survive(text: str) -> None:
    normalized = normalize_width(text)
    assert len(normalized) == len(text)
    assert normalize_width(normalized) == normalized


def test_normalize_width_maps_full_width_ascii_to_half_width() -> None:
    assert normalize_width("ＡＢ１２，（）：；％\u3000。") == "AB12,():;% 。"

"""Property tests: extract never raises and every span lies inside the text."""

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from luoshi.extraction import extract

PIECES = st.sampled_from(
    [
        "新增",
        "就业",
        "万人",
        "亿元",
        "%",
        "％",
        "以上",
        "不少于",
        "左右",
        "以内",
        "各",
        "每个",
        "个",
        "项",
        "县(区)",
        "、",
        "，",
        "。",
        ",",
        "；",
        "\n",
        "一",
        "两",
        "十",
        "百",
        "千",
        "万",
        "亿",
        "零",
        "〇",
        "百分之",
        "第",
        "年",
        "月",
        "—",
        "-",
        "至",
        "从",
        "提高到",
        "增长",
        "下降",
        "“",
        "”",
        "(",
        ")",
        "一、",
        "（一）",
        "回顾",
        "工作安排",
        "过去一年",
        "达到",
        "1",
        "2.5",
        "20.4",
        "０",
        "９",
        ".",
        " ",
        "\u3000",
        "分/千瓦时",
        "岁以下",
        "以上项目",
    ]
)
TEXT = st.one_of(
    st.lists(st.one_of(PIECES, st.text(max_size=3)), max_size=60).map("".join),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=200),
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(TEXT)
@example("两个两亿元新增")  # a counted noun once ran over the next number, written in numerals
def test_extract_never_raises_and_spans_lie_inside_the_text(text):
    result = extract(text)
    for target in result.targets:
        assert 0 <= target.start <= target.end <= len(text)
        assert text[target.start : target.end] == target.text
        assert target.comparator in {">=", "<=", "=", "~"}
        assert target.change in {None, "increase", "decrease"}
    for task in result.tasks:
        assert 0 <= task.start <= task.end <= len(text)


@settings(max_examples=20, deadline=None)
@given(st.integers(min_value=1000, max_value=200_000))
def test_a_very_long_line_is_handled(length):
    text = ("新增城镇就业1万人，" * (length // 10 + 1))[:length]
    result = extract(text)
    assert all(0 <= t.start < t.end <= len(text) for t in result.targets)

"""Fuzz reading and extraction with hypothesis: `luoshi fuzz --examples 100000`.

Each target feeds generated input to the library and checks its contract: `read` returns a
Document whose offsets are valid or raises ReadError, never anything else; `extract` never raises
and every span lies inside its text. An unexpected exception is a crash: it is recorded (once per
exception type and place) and the run goes on, so one run counts every distinct crash. The same
strategies and checks back the small-budget property tests in tests/reading and tests/extraction.
Needs hypothesis (a dev dependency).
"""

from __future__ import annotations

import io
import time
import traceback
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

from luoshi.extraction import extract, extract_document
from luoshi.reading import Document, ReadError, read

# --- Strategies ------------------------------------------------------------------------------

PIECES = [
    "新增", "就业", "万人", "亿元", "%", "％", "以上", "不少于", "左右", "以内", "各", "每个",
    "个", "项", "县(区)", "、", "，", "。", ",", "；", "：", "\n", "\n\n", "一", "两", "十",
    "百", "千", "万", "亿", "零", "〇", "百分之", "第", "年", "月", "—", "-", "~", "至", "从",
    "提高到", "增长", "下降", "超", "余", "多", "“", "”", "(", ")", "（", "）", "一、", "（一）",
    "一是", "二是", "回顾", "工作安排", "过去一年", "今年", "2022年", "达到", "1", "2.5",
    "20.4", "354", "０", "９", ".", " ", "\u3000", "分/千瓦时", "岁以下", "以上项目",
    "政府工作报告", "(上接第二版)", "名词解释", "开复工500万元以上项目", "PM2.5", "千伏",
    "\r\n", "\t", "\ufeff",
]  # fmt: skip
TEXT = st.one_of(
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=3)), max_size=80).map("".join),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=300),
)
ENCODINGS = ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16", "utf-16-le", "utf-16-be", "big5"]


@st.composite
def encoded_text(draw: st.DrawFn) -> bytes:
    """Report-like text in one of the encodings readers meet, sometimes cut or spliced."""
    data = draw(TEXT).encode(draw(st.sampled_from(ENCODINGS)), errors="replace")
    if data and draw(st.booleans()):
        cut = draw(st.integers(0, len(data)))
        data = data[:cut] + draw(st.binary(max_size=8)) + data[cut:]
    return data


@st.composite
def html_bytes(draw: st.DrawFn) -> bytes:
    tags = st.sampled_from(["<p>", "</p>", "<br>", "<div>", "</div>", "<table><tr><td>",
                            "</td></tr></table>", "<script>x=1</script>", "<style>p{}</style>",
                            "<meta charset=gbk>", "<meta charset='utf-8'>", "&nbsp;", "&#x4E00;",
                            "<!--", "-->", "<", ">", "&"])  # fmt: skip
    body = "".join(draw(st.lists(st.one_of(tags, TEXT), max_size=20)))
    return f"<html><head><title>报告</title></head><body>{body}</body></html>".encode(
        draw(st.sampled_from(["utf-8", "gb18030"])), errors="replace"
    )


@st.composite
def docx_bytes(draw: st.DrawFn) -> bytes:
    """A zip that looks like a .docx: a document.xml of random paragraphs, or random bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if draw(st.booleans()):
            archive.writestr("[Content_Types].xml", draw(st.binary(max_size=40)))
        runs = draw(st.lists(TEXT, max_size=8))
        paragraphs = "".join(
            f"<w:p><w:r><w:t>{t.replace('&', '&amp;').replace('<', '&lt;')}</w:t></w:r></w:p>"
            for t in runs
        )
        xml = (
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            f"<w:body>{paragraphs}</w:body></w:document>"
        )
        content = xml.encode() if draw(st.booleans()) else draw(st.binary(max_size=200))
        archive.writestr("word/document.xml", content)
    data = buffer.getvalue()
    if draw(st.integers(0, 4)) == 0:  # a damaged zip
        cut = draw(st.integers(0, len(data)))
        data = data[:cut] + draw(st.binary(max_size=16))
    return data


@st.composite
def pdf_bytes(draw: st.DrawFn) -> bytes:
    """The start of a PDF with random objects and streams, or random bytes after the magic."""
    parts = st.sampled_from([b"1 0 obj\n", b"endobj\n", b"<< /Type /Page >>", b"stream\n",
                             b"endstream\n", b"BT /F1 12 Tf (abc) Tj ET", b"xref\n0 1\n",
                             b"trailer\n<< /Root 1 0 R >>\n", b"startxref\n0\n%%EOF\n",
                             b"<< /Length 5 >>", b"[", b"]", b"(", b")"])  # fmt: skip
    body = b"".join(draw(st.lists(st.one_of(parts, st.binary(max_size=20)), max_size=25)))
    return b"%PDF-1." + draw(st.sampled_from([b"4", b"7", b"x"])) + b"\n" + body


FORMAT_INPUTS: dict[str, st.SearchStrategy[bytes]] = {
    "txt": st.one_of(encoded_text(), st.binary(max_size=300)),
    "html": st.one_of(html_bytes(), st.binary(max_size=200)),
    "docx": st.one_of(docx_bytes(), st.binary(max_size=200)),
    "pdf": st.one_of(pdf_bytes(), st.binary(max_size=200)),
}
ANY_INPUT = st.tuples(
    st.sampled_from([None, *FORMAT_INPUTS]),  # None: the format is sniffed from the bytes
    st.one_of(*FORMAT_INPUTS.values()),
)

# --- Checks ----------------------------------------------------------------------------------


def check_document(doc: Document) -> None:
    """The contract of a Document: the offset map and paragraph spans point into `original`."""
    assert isinstance(doc, Document)
    assert len(doc.offsets) == len(doc.text)
    assert all(0 <= o < len(doc.original) for o in doc.offsets)
    assert all(a < b for a, b in zip(doc.offsets, doc.offsets[1:], strict=False))
    for p in doc.paragraphs:
        assert 0 <= p.start <= p.end <= len(doc.original)


def read_or_refuse(data: bytes, fmt: str | None) -> Document | None:
    try:
        doc = read(data, format=fmt)
    except ReadError as error:
        assert str(error), "a ReadError must say what is wrong"
        return None
    check_document(doc)
    return doc


def check_extraction(text: str) -> None:
    result = extract(text)
    for target in result.targets:
        assert 0 <= target.start <= target.end <= len(text)
        assert text[target.start : target.end] == target.text
        assert target.comparator in {">=", "<=", "=", "~"}
        assert target.change in {None, "increase", "decrease"}
    spans = [(t.start, t.end) for t in result.tasks] + [(s.start, s.end) for s in result.sections]
    for start, end in spans:
        assert 0 <= start <= end <= len(text)


def read_and_extract(data: bytes) -> None:
    doc = read_or_refuse(data, "txt")
    if doc is not None:
        result = extract_document(doc)
        for target in result.targets:
            assert 0 <= target.start <= target.end <= len(doc.original)


# Each target: a strategy and the check run on what it draws; the weight shares the budget.
TARGETS: dict[str, tuple[st.SearchStrategy[Any], Callable[[Any], object], int]] = {
    "extract": (TEXT, check_extraction, 4),
    "read-txt": (FORMAT_INPUTS["txt"], lambda data: read_or_refuse(data, "txt"), 2),
    "read-html": (FORMAT_INPUTS["html"], lambda data: read_or_refuse(data, "html"), 1),
    "read-docx": (FORMAT_INPUTS["docx"], lambda data: read_or_refuse(data, "docx"), 1),
    "read-pdf": (FORMAT_INPUTS["pdf"], lambda data: read_or_refuse(data, "pdf"), 1),
    "read-any": (ANY_INPUT, lambda pair: read_or_refuse(pair[1], pair[0]), 1),
    "read-then-extract": (encoded_text(), read_and_extract, 1),
}

# --- Runner ----------------------------------------------------------------------------------


@dataclass
class Crash:
    target: str
    kind: str  # exception type and where it was raised
    message: str
    example: str  # repr of the smallest input seen, truncated
    count: int = 1


@dataclass
class Outcome:
    cases: dict[str, int] = field(default_factory=dict)
    crashes: dict[tuple[str, str], Crash] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def total(self) -> int:
        return sum(self.cases.values())

    def merge(self, other: Outcome) -> None:
        for name, n in other.cases.items():
            self.cases[name] = self.cases.get(name, 0) + n
        for key, crash in other.crashes.items():
            if key in self.crashes:
                mine = self.crashes[key]
                mine.count += crash.count
                if len(crash.example) < len(mine.example):
                    mine.example = crash.example
            else:
                self.crashes[key] = crash


def _where(error: BaseException) -> str:
    frames = traceback.extract_tb(error.__traceback__)
    frame = frames[-1] if frames else None
    place = f"{frame.filename.rsplit('/src/', 1)[-1]}:{frame.lineno}" if frame else "?"
    return f"{type(error).__name__} at {place}"


def run_chunk(name: str, examples: int, chunk_seed: int) -> Outcome:
    """Run `examples` cases of one target (one process's share), with its own seed."""
    strategy, check, _ = TARGETS[name]
    outcome = Outcome(cases={name: 0})

    @seed(chunk_seed)
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=False,
        suppress_health_check=list(HealthCheck),
        phases=[Phase.generate],  # no shrinking: crashes are caught, recorded and counted
    )
    @given(strategy)
    def property_(value: Any) -> None:
        outcome.cases[name] += 1
        try:
            check(value)
        except Exception as error:  # a crash: record it and keep going
            key = (name, _where(error))
            crash = Crash(name, key[1], str(error)[:200], repr(value)[:300])
            outcome.merge(Outcome(crashes={key: crash}))

    began = time.perf_counter()
    property_()
    outcome.seconds = time.perf_counter() - began
    return outcome


def plan(examples: int, names: Iterable[str] | None = None, chunk: int = 2000) -> list[tuple]:
    """Split the budget between the targets by weight, then into chunks of at most `chunk`."""
    chosen = list(names or TARGETS)
    weights = sum(TARGETS[n][2] for n in chosen)
    shares = [examples * TARGETS[n][2] // weights for n in chosen]
    for index in range(examples - sum(shares)):  # the rounding's remainder, so the sum is exact
        shares[index % len(shares)] += 1
    jobs: list[tuple] = []
    for index, (name, share) in enumerate(zip(chosen, shares, strict=True)):
        share = max(1, share)
        start = 0
        while start < share:
            size = min(chunk, share - start)
            jobs.append((name, size, 1000 * index + len(jobs)))
            start += size
    return jobs

"""Text files in every encoding reports come in read to the same cleaned text."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from luoshi.reading import ReadError, read
from tests.reading.reading_support import DATA, SEED

ENCODINGS = [
    ("utf-8", b"", "utf-8"),
    ("utf-8", b"\xef\xbb\xbf", "utf-8-sig"),
    ("gb18030", b"", "gb18030"),
    ("gbk", b"", "gb18030"),
    ("utf-16-le", b"\xff\xfe", "utf-16-le"),
    ("utf-16-be", b"\xfe\xff", "utf-16-be"),
]
IDS = ["utf-8", "utf-8-bom", "gb18030", "gbk", "utf-16-le-bom", "utf-16-be-bom"]


@pytest.mark.parametrize(("codec", "bom", "detected"), ENCODINGS, ids=IDS)
def test_the_seed_reads_the_same_in_every_encoding(
    tmp_path: Path, seed_text: str, codec: str, bom: bytes, detected: str
) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(bom + seed_text.encode(codec))
    doc = read(path)
    assert doc.encoding == detected
    assert doc.original == seed_text
    assert doc.text == read(SEED).text


@pytest.mark.parametrize("text", ["新增就业1万人", "你好", "联通", "亿元", "PM2.5", "朱镕基"])
@pytest.mark.parametrize(("codec", "bom", "detected"), ENCODINGS, ids=IDS)
def test_short_texts_are_detected_in_every_encoding(
    text: str, codec: str, bom: bytes, detected: str
) -> None:
    doc = read(bom + text.encode(codec))
    assert doc.text == text
    if text.isascii() and not bom:
        assert doc.encoding == "utf-8"  # ASCII is the same in all three
    else:
        assert doc.encoding == detected


@pytest.mark.parametrize("path", sorted((DATA / "reports").glob("*.txt")), ids=lambda p: p.stem)
def test_every_bundled_report_is_plausible_as_gb18030(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert read(text.encode("gb18030"), name=path.name).encoding == "gb18030"


def test_crlf_line_ends_give_the_same_text(seed_text: str) -> None:
    doc = read(seed_text.replace("\n", "\r\n").encode("utf-8"))
    assert doc.text == read(SEED).text
    assert "\r" not in doc.text


@pytest.mark.parametrize(
    "data",
    [
        "café crème brûlée".encode("latin-1"),
        "Привет, мир".encode("koi8-r"),
        bytes(range(0x80, 0x100)) * 4,
    ],
    ids=["latin-1", "koi8-r", "high-bytes"],
)
def test_text_in_other_encodings_is_refused(data: bytes) -> None:
    with pytest.raises(ReadError, match=r"^notes\.txt: .*UTF-8"):
        read(data, name="notes.txt")


def test_gb18030_that_decodes_to_rare_characters_is_refused() -> None:
    # Valid GB18030 four-byte sequences, but all of them rare characters: not a report.
    data = "".join(chr(0x3400 + i) for i in range(50)).encode("gb18030")
    with pytest.raises(ReadError, match="UTF-8, GB18030/GBK or UTF-16"):
        read(data, name="odd.txt")


def test_random_gbk_byte_pairs_are_not_taken_for_text() -> None:
    rng = random.Random(2022)
    pairs = [
        bytes([rng.randint(0xB0, 0xF7), rng.choice([*range(0x40, 0x7F), *range(0x80, 0xFF)])])
        for _ in range(300)
    ]
    data = b"".join(pairs)
    data.decode("gb18030")  # it is valid GB18030, but reads as gibberish
    with pytest.raises(ReadError, match="UTF-8, GB18030/GBK or UTF-16"):
        read(data, name="junk.txt")

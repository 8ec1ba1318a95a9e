"""UTF-16 without a byte-order mark and Big5 are read, as the README promises any encoding
(issue 18, item 10); random bytes are still refused."""

import os

import pytest

from luoshi.reading import ReadError, read

TEXT = (
    "政府工作報告\n\n一、過去一年工作回顧\n全市地區生產總值增長6.5%，新增城鎮就業1.2萬人。"
    "今年主要預期目標是：地區生產總值增長6%左右，城鎮調查失業率控制在5.5%以內。\n"
) * 20


@pytest.mark.parametrize(
    ("codec", "expected"),
    [("utf-16-le", "utf-16-le"), ("utf-16-be", "utf-16-be"), ("big5", "big5")],
)
def test_an_encoding_without_a_byte_order_mark_is_detected(codec, expected):
    document = read(TEXT.encode(codec), name="report.txt")
    assert document.encoding == expected
    assert document.original == TEXT
    assert "城鎮調查失業率" in document.text


def test_random_bytes_are_still_refused_as_binary():
    with pytest.raises(ReadError) as refused:
        read(os.urandom(4096) + b"\0\0" + os.urandom(4096), name="noise.txt")
    assert refused.value.code in ("binary", "encoding")

"""Turn the bytes of a text file into str: BOMs, strict UTF-8, plausible GB18030, then what
charset-normalizer detects among the encodings Chinese text comes in (UTF-16 without a
byte-order mark, Big5), if the result is plausible text."""

from __future__ import annotations

import unicodedata

import charset_normalizer

from luoshi.reading.document import ReadError

_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8-sig", "utf-8-sig"),
    (b"\xff\xfe", "utf-16-le", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be", "utf-16-be"),
)

# Below this share of ordinary characters a decoding is judged to be a misreading.
_MIN_COMMON_SHARE = 0.9
_MIN_HANZI_SAMPLE = 10
_MIN_GB2312_SHARE = 0.7
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")
# What a detection may conclude (charset-normalizer's names) and how the encoding is reported.
_DETECTED = {
    "utf_16_le": "utf-16-le",
    "utf_16_be": "utf-16-be",
    "big5": "big5",
    "cp950": "big5",
    "big5hkscs": "big5hkscs",
}


def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """Return (text, encoding name) or raise ReadError naming `name`."""
    if not data.strip():
        raise ReadError(
            f"{name}: the file is empty; choose the file that holds the report.", "empty"
        )
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(codec.removesuffix("-sig"))
            except UnicodeDecodeError:
                raise ReadError(
                    f"{name}: the file starts with a {label} byte-order mark but is not valid "
                    f"{label} text; re-save it as UTF-8 text and try again.",
                    "encoding",
                ) from None
            _check_plausible(text, name, strict_share=False)
            return text, label
    if b"\x00" in data:
        return _detected(data, name, _binary(name))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        _check_plausible(text, name, strict_share=False)
        return text, "utf-8"
    try:
        text = data.decode("gb18030")
        _check_plausible(text, name, strict_share=True)
    except (UnicodeDecodeError, ReadError):
        return _detected(data, name, _unknown_encoding(name))
    return text, "gb18030"


def _detected(data: bytes, name: str, refusal: ReadError) -> tuple[str, str]:
    """The text in the encoding charset-normalizer finds, if it is one of _DETECTED and the
    text reads as text (mostly common characters); else `refusal`."""
    best = charset_normalizer.from_bytes(data).best()
    if best is None or best.encoding not in _DETECTED:
        raise refusal
    text = str(best)
    common = sum(1 for ch in text if _is_common(ch) or "\u3400" <= ch <= "\u9fff")
    if not text.strip() or common < _MIN_COMMON_SHARE * len(text):
        raise refusal
    _check_plausible(text, name, strict_share=False)
    return text, _DETECTED[best.encoding]


def _check_plausible(text: str, name: str, *, strict_share: bool) -> None:
    """Reject decodings full of control characters or, for GB18030, of rare characters.

    GB18030 maps almost any byte sequence to some character, so a successful decode proves
    little: real Chinese text is nearly all basic hanzi, ASCII and common punctuation, while
    misread bytes land on four-byte sequences (rare hanzi, other scripts) or symbols.
    """
    if not text.strip():
        raise ReadError(
            f"{name}: the file contains no text; choose the file that holds the report.",
            "no_text",
        )
    controls = sum(1 for ch in text if _is_control(ch))
    if "\x00" in text or controls > max(2, len(text) // 100):
        raise _binary(name)
    if strict_share:
        common = sum(1 for ch in text if _is_common(ch))
        hanzi = [ch for ch in text if "\u4e00" <= ch <= "\u9fff"]
        # Random byte pairs hit GBK's 21,000 hanzi evenly; real text keeps to GB2312's 6,763.
        frequent = sum(1 for ch in hanzi if _in_gb2312(ch))
        if common < _MIN_COMMON_SHARE * len(text) or (
            len(hanzi) >= _MIN_HANZI_SAMPLE and frequent < _MIN_GB2312_SHARE * len(hanzi)
        ):
            raise _unknown_encoding(name)


def _is_control(ch: str) -> bool:
    return ch not in _ALLOWED_CONTROLS and unicodedata.category(ch) in ("Cc", "Cs", "Co")


def _is_common(ch: str) -> bool:
    if ch.isascii():
        return ch.isprintable() or ch in _ALLOWED_CONTROLS
    if "\u4e00" <= ch <= "\u9fff":
        return True  # GBK's two-byte hanzi (镕 is GBK but not GB2312); misreadings go elsewhere
    # Common in reports but outside GB2312: ideographic/em spaces, en/em dashes, bullets.
    return _in_gb2312(ch) or ch in "\u3000\u2002\u2003\u00a0\u2014\u2013\u2022\u00b7\u2026"


def _in_gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def _binary(name: str) -> ReadError:
    return ReadError(
        f"{name}: the file looks like binary data, not text; "
        "open it in the program that made it and save it as .txt, .docx or .pdf.",
        "binary",
    )


def _unknown_encoding(name: str) -> ReadError:
    return ReadError(
        f"{name}: the text is not in UTF-8, GB18030/GBK or UTF-16 (with byte-order mark); "
        "re-save it as UTF-8 text and try again.",
        "encoding",
    )

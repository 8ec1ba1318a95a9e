"""Width normalization that keeps offsets: one character in, one character out."""

from __future__ import annotations

# Full-width ASCII variants (U+FF01..U+FF5E) sit at a fixed distance from their ASCII forms.
_FULLWIDTH_OFFSET = 0xFEE0
_TABLE: dict[int, str] = {code: chr(code - _FULLWIDTH_OFFSET) for code in range(0xFF01, 0xFF5F)}
_TABLE.update(
    {
        0x3000: " ",  # ideographic space
        0x2002: " ",  # en space
        0x2003: " ",  # em space (used as paragraph indent in some web copies)
        0x00A0: " ",  # no-break space
        0xFFE0: "¢",
        0xFFE1: "£",
        0xFFE5: "¥",
    }
)


# The table itself, for callers that extend it (the extractor folds look-alikes on top).
WIDTH_TABLE: dict[int, str] = _TABLE


def normalize_width(text: str) -> str:
    """Map full-width letters, digits, punctuation and spaces to their half-width forms.

    The result has the same length as `text`, so an offset into one is an offset into the
    other. CJK punctuation without a half-width twin (。、“”《》) is left alone.
    """
    return text.translate(_TABLE)

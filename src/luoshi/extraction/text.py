"""Character-level normalization for matching: same length as the input, so offsets survive."""

from __future__ import annotations

# Full-width forms fold to their ASCII twins; a few look-alikes fold to one canonical character.
_FOLD = {chr(code): chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)}
_FOLD.update(
    {
        "\u3000": " ",
        "，": ",",
        "；": ";",
        "：": ":",
        "（": "(",
        "）": ")",
        "！": "!",
        "？": "?",
        "－": "-",
        "﹪": "%",
        "—": "—",
        "―": "—",
        "─": "—",
        "～": "~",
    }
)
_FOLD.update({chr(code): " " for code in (0xA0, *range(0x2000, 0x200B), 0x202F, 0x205F)})
_TABLE = str.maketrans(_FOLD)

# Clause and sentence boundaries in folded text.
SENTENCE_END = "。!?\n"
CLAUSE_END = SENTENCE_END + ",;:"


def fold(text: str) -> str:
    """Fold widths and look-alike punctuation one character to one character."""
    folded = text.translate(_TABLE)
    assert len(folded) == len(text)
    return folded

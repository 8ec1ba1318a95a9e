"""Character-level normalization for matching: same length as the input, so offsets survive."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from functools import cache, lru_cache

from luoshi.reading.normalize import WIDTH_TABLE

# Full-width forms fold to their ASCII twins (the reader's width table, which keeps offsets);
# on top of it, look-alike dashes, percent signs and spaces fold to one canonical character.
_TABLE = {
    **WIDTH_TABLE,
    **{ord(char): "—" for char in "―─"},
    ord("﹪"): "%",
    **{code: " " for code in (*range(0x2000, 0x200B), 0x202F, 0x205F)},
}

# Clause and sentence boundaries in folded text.
SENTENCE_END = "。!?\n"
CLAUSE_END = SENTENCE_END + ",;:"


# Most text needs no folding at all (a remit word, a clause without full-width marks): a search
# in C says so faster than str.translate copies it.
_FOLDED_CHARS = re.compile("[" + "".join(re.escape(chr(code)) for code in _TABLE) + "]")
_SHORT = 32  # words and short clauses recur: their folded form is cached


def fold(text: str) -> str:
    """Fold widths and look-alike punctuation one character to one character."""
    if len(text) <= _SHORT:
        return _fold_short(text)
    return _fold(text)


@lru_cache(maxsize=4096)
def _fold_short(text: str) -> str:
    return _fold(text)


def _fold(text: str) -> str:
    if not _FOLDED_CHARS.search(text):
        return text
    folded = text.translate(_TABLE)
    assert len(folded) == len(text)
    return folded


@cache
def alternation(words: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern matching any of `words` (give them longest first to prefer the longest)."""
    return re.compile("|".join(map(re.escape, words)))


class Spans:
    """Half-open spans, merged, asking in O(log n) whether a position lies inside one."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        merged: list[tuple[int, int]] = []
        for start, end in sorted(spans):
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        self.starts = [s for s, _ in merged]
        self.ends = [e for _, e in merged]

    def __contains__(self, position: int) -> bool:
        index = bisect.bisect_right(self.starts, position) - 1
        return index >= 0 and position < self.ends[index]

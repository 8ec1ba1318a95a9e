"""Character-level normalization for matching: same length as the input, so offsets survive."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from functools import cache, lru_cache
from itertools import pairwise

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
CLAUSE_END = SENTENCE_END + ",;:" + "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"  # circled numbers open list items
# What a span does not start with: quotes and links after a clause's start, spaces and dashes
# after a sentence's; and a note mark (〔23〕, [5], 【3】) wherever it stands.
CLAUSE_SKIP = " \t“”\"'、和及与并——"
SENTENCE_SKIP = " \t\u3000—"
NOTE_MARK = r"[〔\[【]\d{1,3}[〕\]】]"  # 〔23〕, [5], 【3】: a note's number
_NOTE_MARK = re.compile(NOTE_MARK)


def start_from(text: str, starts: list[int], position: int, floor: int, skip: str) -> int:
    """The last start at or before `position` (not before `floor`), leading `skip` characters
    and note marks passed."""
    start = max(floor, starts[bisect.bisect_right(starts, position) - 1])
    while start < position:
        if text[start] in skip:
            start += 1
            continue
        mark = _NOTE_MARK.match(text, start)
        if mark is None or mark.end() > position:
            break
        start = mark.end()
    return start


# Most text needs no folding at all (a remit word, a clause without full-width marks): a search
# in C says so faster than str.translate copies it.
_FOLDED_CHARS = re.compile("[" + "".join(re.escape(chr(code)) for code in _TABLE) + "]")
_SHORT = 32  # words and short clauses recur: their folded form is cached
_SENTENCE = 2000  # a task's text, folded again for its departments, units and deadline
# Few characters of a text fold: replacing only those is several times faster than
# str.translate, which looks every character up in the table.
_REPLACEMENT = {chr(code): char for code, char in _TABLE.items()}


def fold(text: str) -> str:
    """Fold widths and look-alike punctuation one character to one character."""
    if len(text) <= _SHORT:
        return _fold_short(text)
    if len(text) <= _SENTENCE:
        return _fold_sentence(text)
    return _fold(text)


@lru_cache(maxsize=64)  # a task's text is folded for its departments, units and deadline
def _fold_sentence(text: str) -> str:
    return _fold(text)


@lru_cache(maxsize=4096)
def _fold_short(text: str) -> str:
    return _fold(text)


def _fold(text: str) -> str:
    if not _FOLDED_CHARS.search(text):
        return text
    # Split at the characters to fold (kept, at the odd places) and replace those: no call
    # back into Python for each of them, as a substitution with a function would make.
    pieces = _SPLIT.split(text)
    pieces[1::2] = [_REPLACEMENT[char] for char in pieces[1::2]]
    folded = "".join(pieces)
    assert len(folded) == len(text)
    return folded


_SPLIT = re.compile(f"({_FOLDED_CHARS.pattern})")


def alternation(words: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern matching any of `words` (give them longest first to prefer the longest)."""
    entry = _ALTERNATIONS.get(id(words))
    if entry is not None and entry[0] is words:
        return entry[1]
    return _by_identity(_ALTERNATIONS, _alternation, words)


def any_of(words: tuple[str, ...]) -> re.Pattern[str]:
    """A pattern that finds something in a text exactly when one of `words` occurs in it."""
    entry = _ANY_OF.get(id(words))
    if entry is not None and entry[0] is words:
        return entry[1]
    return _by_identity(_ANY_OF, _any_of, words)


# Callers pass a rule set's own word lists, once per sentence or number: looking their pattern
# up by the tuple's identity spares hashing every word of it each time (a tuple does not keep
# its hash). Bounded, in case a caller builds its tuples afresh.
_ALTERNATIONS: dict[int, tuple[tuple[str, ...], re.Pattern[str]]] = {}
_ANY_OF: dict[int, tuple[tuple[str, ...], re.Pattern[str]]] = {}
_IDENTITIES = 256


def _by_identity(
    table: dict[int, tuple[tuple[str, ...], re.Pattern[str]]],
    build: Callable[[tuple[str, ...]], re.Pattern[str]],
    words: tuple[str, ...],
) -> re.Pattern[str]:
    entry = table.get(id(words))
    if entry is not None and entry[0] is words:
        return entry[1]
    if len(table) >= _IDENTITIES:
        table.clear()
    pattern = build(words)
    table[id(words)] = (words, pattern)
    return pattern


@cache
def _alternation(words: tuple[str, ...]) -> re.Pattern[str]:
    if "" not in words and all(len(a) >= len(b) for a, b in pairwise(words)):
        return longest_word(words)
    return re.compile("|".join(map(re.escape, words)))


_Trie = dict[str, "_Trie"]  # a word's next characters; "" marks that a word ends here


def longest_word(words: Iterable[str]) -> re.Pattern[str]:
    """A pattern matching the longest of `words` at each place, as a trie.

    The same matches as the words' alternation longest first, but the regex engine follows one
    branch per character instead of trying every word at every position.
    """
    trie: _Trie = {}
    for word in words:
        if not word:
            continue
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here
    if len(trie) > _GROUPED_ABOVE:
        return re.compile(_grouped_pattern(trie, _GROUP))
    return re.compile(_trie_pattern(trie) or "(?!)")


# The engine tries a branch's alternatives one after another, and after a first character that
# matches but leads nowhere it goes on through all the others: with hundreds of first characters
# (the department words) most of the time goes there. Past this many, the first characters are
# split into groups of _GROUP, each tried as one character class, and a group's words are told
# apart by their second character (a literal) and a lookbehind on the two.
_GROUPED_ABOVE = 64
_GROUP = 30


def _grouped_pattern(trie: _Trie, size: int) -> str:
    """The same matches as _trie_pattern(trie), in two cheap steps per place."""
    firsts = sorted(char for char in trie if char)
    alternatives = []
    for at in range(0, len(firsts), size):
        group = firsts[at : at + size]
        by_second: dict[str, list[str]] = {}
        single = []  # one-character words: matched when no longer word starts here
        for first in group:
            node = trie[first]
            if "" in node:
                single.append(f"(?<={re.escape(first)})")
            for second, child in node.items():
                if second:
                    lookbehind = f"(?<={re.escape(first)}{re.escape(second)})"
                    by_second.setdefault(second, []).append(lookbehind + _trie_pattern(child))
        inner = [
            re.escape(second) + (subs[0] if len(subs) == 1 else "(?:" + "|".join(subs) + ")")
            for second, subs in by_second.items()
        ]
        chars = "".join(map(re.escape, group))
        alternatives.append(f"[{chars}](?:" + "|".join([*inner, *single]) + ")")
    return "(?:" + "|".join(alternatives) + ")"


@cache
def _any_of(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("") if "" in words else longest_word(words)


def _trie_pattern(node: _Trie) -> str:
    ends = "" in node
    branches = [re.escape(char) + _trie_pattern(child) for char, child in node.items() if char]
    if not branches:
        return ""
    if len(branches) == 1 and len(branches[0]) == 1:
        body = branches[0]
    else:
        body = "(?:" + "|".join(branches) + ")"
    return body + "?" if ends else body


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


def first_at(words: tuple[str, ...], text: str, position: int) -> str | None:
    """The first of `words` (in their order) that `text` has at `position`, if any."""
    for word in _by_first_char(words).get(text[position : position + 1], ()):
        if text.startswith(word, position):
            return word
    return None


@cache
def _by_first_char(words: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """`words` by their first character, each group in the given order (words are not empty)."""
    table: dict[str, list[str]] = {}
    for word in words:
        table.setdefault(word[0], []).append(word)
    return {char: tuple(group) for char, group in table.items()}

"""Clean decoded text while keeping a map from every cleaned character to the original.

A paragraph is a list of spans ("pieces") of the original text. Cleaning only drops spans,
trims them and concatenates lists, so each character of the cleaned text is a character of
the original, in order. The one exception is the "\\n" between paragraphs, which maps to the
line break (or the whitespace run) that separated them in the original.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from luoshi.reading import heuristics
from luoshi.reading.document import Paragraph

Span = tuple[int, int]

# Web copies run paragraphs together on one line, separated by "  　　" or "    "; data-vendor
# cells keep a web page's line breaks as the literal escapes "\\r\\n" (and spaces as "&nbsp;").
_BLANK = r"(?:[ \u3000\u2002\u2003\u00a0]|&nbsp;)"
_ESCAPED_BREAK = r"(?:\\r\\n|\\n|\\r)"
_SPACE_RUN = re.compile(rf"{_BLANK}{{2,}}|{_BLANK}*{_ESCAPED_BREAK}(?:{_BLANK}|{_ESCAPED_BREAK})*")


@dataclass
class _Para:
    pieces: list[Span]
    soft: bool = False  # separated from the previous one by a soft line wrap (PDF)
    text: str = field(default="", compare=False)


@dataclass(frozen=True)
class Cleaned:
    text: str
    offsets: list[int]
    paragraphs: list[Paragraph]


def clean(original: str, *, soft_wraps: bool = False) -> Cleaned:
    """Repair layout damage in `original` and return the cleaned text with its offset map.

    With `soft_wraps`, a single "\\n" is a line wrap inside a paragraph and a blank line
    separates paragraphs (the shape `pdf.py` produces); otherwise every line break may end
    a paragraph, and `heuristics.continues` decides which ones do not.
    """
    removed = [m.span() for m in heuristics.ARTEFACT.finditer(original)]
    paras = _segment(original, removed, soft_wraps)
    paras = _drop_artefacts(paras)
    paras = _join(paras)
    return _assemble(original, paras)


def _segment(original: str, removed: list[Span], soft_wraps: bool) -> list[_Para]:
    paras: list[_Para] = []
    previous_line_had_text = False
    pos = 0
    while pos <= len(original):
        newline = original.find("\n", pos)
        end = len(original) if newline < 0 else newline
        cuts = [m.span() for m in _SPACE_RUN.finditer(original, pos, end)]
        line_has_text = False
        for s, e in _split(pos, end, cuts):
            pieces = _trim(original, _subtract((s, e), removed))
            if pieces:
                soft = soft_wraps and previous_line_had_text and not line_has_text
                paras.append(_Para(pieces, soft=soft))
                line_has_text = True
        previous_line_had_text = line_has_text
        if newline < 0:
            break
        pos = newline + 1
    for para in paras:
        para.text = "".join(original[s:e] for s, e in para.pieces)
    return paras


def _split(start: int, end: int, cuts: list[Span]) -> list[Span]:
    chunks, pos = [], start
    for s, e in cuts:
        chunks.append((pos, s))
        pos = e
    chunks.append((pos, end))
    return chunks


def _subtract(span: Span, removed: list[Span]) -> list[Span]:
    pieces, pos = [], span[0]
    for s, e in removed:
        if e <= pos or s >= span[1]:
            continue
        if s > pos:
            pieces.append((pos, s))
        pos = max(pos, e)
    if pos < span[1]:
        pieces.append((pos, span[1]))
    return pieces


def _trim(original: str, pieces: list[Span]) -> list[Span]:
    """Strip whitespace at both ends of a paragraph made of `pieces`."""
    out = [(s, e) for s, e in pieces if original[s:e].strip()]
    if not out:
        return []
    s, e = out[0]
    out[0] = (s + len(original[s:e]) - len(original[s:e].lstrip()), e)
    s, e = out[-1]
    out[-1] = (s, e - (len(original[s:e]) - len(original[s:e].rstrip())))
    return out


def _drop_artefacts(paras: list[_Para]) -> list[_Para]:
    """Drop photo captions and short slogan lines that repeat or trail after the report."""
    slogans = Counter(p.text for p in paras if heuristics.is_slogan_like(p.text))
    last = max((i for i, p in enumerate(paras) if heuristics.is_substantial(p.text)), default=-1)
    # Reports close with an exclamation ("…而努力奋斗！"); short lines after it are not text.
    ended = last >= 0 and paras[last].text[-1] in "！!"
    kept = []
    for i, para in enumerate(paras):
        if heuristics.is_caption(para.text):
            continue
        if para.text in slogans and (slogans[para.text] > 1 or (ended and i > last)):
            continue
        kept.append(para)
    return kept


def _join(paras: list[_Para]) -> list[_Para]:
    out: list[_Para] = []
    for para in paras:
        if out and (para.soft or heuristics.continues(out[-1].text, para.text)):
            out[-1].pieces.extend(para.pieces)
            out[-1].text += para.text
        else:
            out.append(para)
    return out


def _assemble(original: str, paras: list[_Para]) -> Cleaned:
    parts: list[str] = []
    offsets: list[int] = []
    paragraphs: list[Paragraph] = []
    for i, para in enumerate(paras):
        if i:
            parts.append("\n")
            offsets.append(_separator(original, paras[i - 1].pieces[-1][1], para.pieces[0][0]))
        for s, e in para.pieces:
            offsets.extend(range(s, e))
        parts.append(para.text)
        paragraphs.append(Paragraph(para.text, para.pieces[0][0], para.pieces[-1][1]))
    return Cleaned("".join(parts), offsets, paragraphs)


def _separator(original: str, start: int, end: int) -> int:
    """The position of the break between two paragraphs: a line break if there is one."""
    gap = original[start:end]
    newline = gap.find("\n")
    if newline >= 0:
        return start + newline
    for i, ch in enumerate(gap):
        if ch.isspace():
            return start + i
    return start  # unreachable: paragraphs are always cut at whitespace

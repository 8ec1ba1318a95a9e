"""Text out of a .pdf with pdfminer.six, keeping the paragraph shape the layout shows.

The result has one PDF line per line of text: a single "\\n" where a line wraps inside a
paragraph, a blank line where a paragraph (or a page) may end. Text boxes are not used:
with 1.5 line spacing pdfminer puts every line in a box of its own. `clean()` with
`soft_wraps=True` then joins the wrapped lines and decides about the rest.
"""

from __future__ import annotations

import io
import itertools
from dataclasses import dataclass

from luoshi.reading import heuristics
from luoshi.reading.document import ReadError

_INDENT = 1.2  # in line heights: a first line indented by two characters
_SHORT = 1.5  # in line heights: a line ending this far before the right margin ends a paragraph


@dataclass(frozen=True)
class _Line:
    text: str
    x0: float
    x1: float
    height: float
    page: int


def pdf_text(data: bytes, name: str) -> str:
    if not data.startswith(b"%PDF") or b"%%EOF" not in data[-2048:]:
        raise _invalid(name)
    lines = _lines(data, name)
    if not lines:
        return ""
    left = min(line.x0 for line in lines)
    right = max(line.x1 for line in lines)
    indents = sum(1 for line in lines if line.x0 - left > _INDENT * line.height)
    uses_indent = indents >= 2
    parts = [lines[0].text]
    for prev, line in itertools.pairwise(lines):
        hard = (
            line.page != prev.page
            or line.x0 - left > _INDENT * line.height
            or prev.x1 < right - _SHORT * prev.height
            or (not uses_indent and (prev.text[-1] in heuristics.SENTENCE_END))
            or (not uses_indent and heuristics.starts_block(line.text))
        )
        parts.append("\n\n" if hard else "\n")
        parts.append(line.text)
    return "".join(parts)


def _lines(data: bytes, name: str) -> list[_Line]:
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTTextBox, LTTextLine
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    lines: list[_Line] = []
    try:
        for number, page in enumerate(extract_pages(io.BytesIO(data), laparams=LAParams())):
            for box in page:
                if not isinstance(box, LTTextBox):
                    continue
                for line in box:
                    if not isinstance(line, LTTextLine):
                        continue
                    text = line.get_text().strip()
                    if text:
                        lines.append(_Line(text, line.x0, line.x1, max(line.height, 1.0), number))
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise ReadError(
            f"{name}: the PDF is password-protected; open it, save a copy without the "
            "password (or export the text) and try again.",
            "protected",
        ) from None
    except Exception:  # pdfminer raises many kinds of errors on damaged files
        raise _invalid(name) from None
    return lines


def _invalid(name: str) -> ReadError:
    return ReadError(
        f"{name}: the file is not a valid PDF (it may be truncated or damaged); "
        "download or export it again and try again.",
        "damaged",
    )

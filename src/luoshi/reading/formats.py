"""Text out of .docx and .html files: one paragraph per line, in document order."""

from __future__ import annotations

import io
import re
import zipfile
from typing import TYPE_CHECKING

from luoshi.reading.decode import decode_text
from luoshi.reading.document import ReadError

if TYPE_CHECKING:  # imported where used: python-docx and bs4 load only for their formats
    from bs4 import Tag
    from docx.document import Document as DocxDocument
    from docx.table import Table

# Encrypted Office files are OLE compound files, as is the old Word .doc format.
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# A real report .docx holds well under this once unpacked; python-docx loads every part
# into memory, so a zip bomb must be stopped before it opens the file.
_UNPACKED_CAP = 200 * 1024 * 1024
_UNPACKED_PER_BYTE = 100
_MAX_ZIP_ENTRIES = 10_000


def docx_text(data: bytes, name: str, max_bytes: int) -> str:
    if data.startswith(OLE_MAGIC):
        raise ReadError(
            f"{name}: the file is password-protected or in the old Word .doc format; "
            "remove the password or re-save it from Word as .docx and try again.",
            "protected",
        )
    invalid = ReadError(
        f"{name}: the file is not a valid .docx (it may be truncated or damaged); "
        "re-save it from Word as .docx and try again.",
        "damaged",
    )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
        raise invalid from None
    limit = min(_UNPACKED_CAP, _UNPACKED_PER_BYTE * max_bytes)
    if len(entries) > _MAX_ZIP_ENTRIES or sum(e.file_size for e in entries) > limit:
        raise ReadError(
            f"{name}: the .docx unpacks to more than {limit // (1024 * 1024) or 1} MB, "
            "far more than a report needs (it may be a zip bomb); re-save it from Word "
            "without embedded media and try again.",
            "unpacked",
        )
    import docx  # deferred: python-docx pulls in lxml, needed only for .docx

    try:
        document = docx.Document(io.BytesIO(data))
        return "\n".join(_docx_blocks(document))
    except Exception:  # python-docx and lxml raise many kinds of errors on damaged files
        raise invalid from None


def _docx_blocks(document: DocxDocument) -> list[str]:
    from docx.table import Table

    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            lines.extend(_table_rows(block))
        else:
            lines.append(block.text)
    return lines


def _table_rows(table: Table) -> list[str]:
    rows = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell is repeated once per grid column
                continue
            seen.add(id(cell._tc))
            cells.append(" ".join(p.text.strip() for p in cell.paragraphs if p.text.strip()))
        rows.append("\t".join(cells))
    return rows


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_DROPPED_TAGS = (
    "script", "style", "noscript", "template", "iframe", "nav", "header", "footer",
    "aside", "form", "button", "select", "menu", "svg", "head",
)  # fmt: skip
_MENU_WORDS = re.compile(
    r"nav|menu|breadcrumb|sidebar|footer|header|share|comment|toolbar|banner", re.I
)
_BLOCK_TAGS = frozenset(
    ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "div", "section", "article",
     "main", "pre", "blockquote", "dd", "dt", "tr", "table", "ul", "ol", "dl", "center", "body")
)  # fmt: skip
_HTML_SPACE = re.compile(r"[ \t\r\n\f]+")


def html_text(data: bytes, name: str) -> tuple[str, str]:
    """Return (paragraph text, encoding) of an HTML page, without scripts and menus."""
    from bs4 import BeautifulSoup, Tag

    html, encoding = _decode_html(data, name)
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(_DROPPED_TAGS):
        tag.decompose()
    for tag in soup.find_all(True):
        if not isinstance(tag, Tag) or tag.decomposed:
            continue
        attrs = " ".join(str(tag.get(key) or "") for key in ("class", "id", "role"))
        if _MENU_WORDS.search(attrs):
            tag.decompose()
    lines: list[str] = []
    buffer: list[str] = []
    _walk(soup, lines, buffer)
    _flush(lines, buffer)
    return "\n".join(lines), encoding


def _walk(node: Tag, lines: list[str], buffer: list[str]) -> None:
    from bs4 import NavigableString, Tag
    from bs4.element import PreformattedString

    for child in node.children:
        if isinstance(child, PreformattedString):  # comments, doctype, CDATA
            continue
        if isinstance(child, NavigableString):
            buffer.append(str(child))
        elif isinstance(child, Tag):
            if child.name == "br":
                _flush(lines, buffer)
            elif child.name == "tr":  # one line per row, cells tab-separated as for .docx
                _flush(lines, buffer)
                cells = [
                    _HTML_SPACE.sub(" ", cell.get_text(" ")).strip()
                    for cell in child.find_all(["td", "th"], recursive=False)
                ]
                if any(cells):
                    lines.append("\t".join(cells))
            elif child.name in _BLOCK_TAGS:
                _flush(lines, buffer)
                _walk(child, lines, buffer)
                _flush(lines, buffer)
            else:
                _walk(child, lines, buffer)


def _flush(lines: list[str], buffer: list[str]) -> None:
    text = _HTML_SPACE.sub(" ", "".join(buffer)).strip()
    buffer.clear()
    if text:
        lines.append(text)


def _decode_html(data: bytes, name: str) -> tuple[str, str]:
    declared = _META_CHARSET.search(data[:4096])
    if declared and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        codec = declared.group(1).decode("ascii").lower()
        if codec in ("gb2312", "gbk", "gb_2312-80", "x-gbk"):
            codec = "gb18030"  # pages labelled GB2312 routinely use GBK characters
        try:
            return data.decode(codec), codec
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong label is common; fall back to detection
    return decode_text(data, name)

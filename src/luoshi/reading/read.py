"""The entry point: `read()` a report from a file or bytes into a `Document`."""

from __future__ import annotations

import os
import stat

from luoshi.reading.clean import clean
from luoshi.reading.decode import decode_text
from luoshi.reading.document import Document, ReadError
from luoshi.reading.formats import OLE_MAGIC, docx_text, html_text
from luoshi.reading.pdf import pdf_text

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
FORMATS = {"txt": "txt", "text": "txt", "docx": "docx", "pdf": "pdf", "html": "html", "htm": "html"}


def read(
    source: str | os.PathLike[str] | bytes,
    *,
    name: str | None = None,
    format: str | None = None,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
) -> Document:
    """Read a report (.txt, .docx, .pdf or .html) and repair what page layout broke.

    `source` is a path or the file's bytes; `name` names it in messages (and, for bytes,
    gives the format by its extension); `format` overrides the extension. `max_bytes=None`
    means the default limit of 20 MB. Raises ReadError, whose message is one line that
    names the file and says what to do.
    """
    limit = DEFAULT_MAX_BYTES if max_bytes is None else max_bytes
    if isinstance(source, bytes | bytearray | memoryview):
        label = name or "<bytes>"
        fmt = _format(format, name, label)
        data = bytes(source)
        _check_size(len(data), limit, label)
    else:
        label = name or os.fspath(source)
        fmt = _format(format, label, label)
        data = _load(os.fspath(source), limit, label)
    return _read(data, fmt or _sniff(data), label, limit)


def _read(data: bytes, fmt: str, label: str, limit: int) -> Document:
    if not data.strip():
        raise ReadError(
            f"{label}: the file is empty; choose the file that holds the report.", "empty"
        )
    encoding: str | None = None
    if fmt == "txt":
        original, encoding = decode_text(data, label)
    elif fmt == "html":
        original, encoding = html_text(data, label)
    elif fmt == "docx":
        original = docx_text(data, label, limit)
    else:
        original = pdf_text(data, label)
    cleaned = clean(original, soft_wraps=fmt == "pdf")
    if not cleaned.paragraphs:
        raise ReadError(f"{label}: {_NO_TEXT[fmt]}", "no_text")
    return Document(
        source=label,
        format=fmt,
        encoding=encoding,
        original=original,
        text=cleaned.text,
        offsets=cleaned.offsets,
        paragraphs=cleaned.paragraphs,
    )


_NO_TEXT = {
    "txt": "the file contains no text; choose the file that holds the report.",
    "html": "the page contains no paragraph text; save the report's own page and try again.",
    "docx": "the document contains no text; check that it is the report and try again.",
    "pdf": "the PDF has no text layer (it may be a scanned image); run OCR on it or use "
    "the .docx or .txt version of the report.",
}


def _load(path: str, limit: int, label: str) -> bytes:
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise ReadError(f"{label}: this is a folder, not a file; give the path of the report.")
        _check_size(info.st_size, limit, label)
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except FileNotFoundError:
        raise ReadError(
            f"{label}: no such file; check the path and try again.", "not_found"
        ) from None
    except PermissionError:
        raise ReadError(f"{label}: permission denied; check that you may read the file.") from None
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise ReadError(f"{label}: the file cannot be read ({reason}); check the path.") from None
    _check_size(len(data), limit, label)  # the file may have grown, or be a pipe
    return data


def _check_size(size: int, limit: int, label: str) -> None:
    if size > limit:
        raise ReadError(
            f"{label}: the file is {_mb(size)}, over the {_mb(limit)} limit; "
            "use --max-mb (or max_bytes) to raise the limit if the file is really the report.",
            "too_large",
            limit / (1024 * 1024),
        )


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB".replace(".0 MB", " MB")


def _format(format: str | None, name: str | None, label: str) -> str | None:
    if format is not None:
        fmt = FORMATS.get(format.lower().lstrip("."))
        if fmt is None:
            raise ReadError(f"{label}: {_UNSUPPORTED.format(ext=format)}", "unsupported")
        return fmt
    if name is None:
        return None
    ext = os.path.splitext(name)[1].lower().lstrip(".")
    if not ext:
        return None  # no extension: look at the content
    if ext in FORMATS:
        return FORMATS[ext]
    if ext in ("doc", "wps", "rtf"):
        raise ReadError(
            f"{name}: .{ext} files are not supported; save the document as .docx "
            "(or .txt) and try again.",
            "unsupported",
        )
    raise ReadError(f"{name}: {_UNSUPPORTED.format(ext='.' + ext)}", "unsupported")


_UNSUPPORTED = (
    "unsupported file type '{ext}'; give the report as .txt, .docx, .pdf or .html (.htm)."
)


def _sniff(data: bytes) -> str:
    head = data[:1024].lstrip().lower()
    if data.startswith(b"PK") or data.startswith(OLE_MAGIC):
        return "docx"
    if data.startswith(b"%PDF"):
        return "pdf"
    if head.startswith((b"<html", b"<!doctype", b"<?xml")) or b"<html" in head:
        return "html"
    return "txt"

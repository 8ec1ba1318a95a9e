"""Whether an evidence file is what its name says, read whole rather than by its first bytes.

A file that begins like a PDF can carry a program after it (a polyglot), so each type is checked
for its structure: a PDF ends with %%EOF, a PNG with its IEND chunk, a JPEG with its end marker,
a .docx/.xlsx is a whole zip with an Office manifest, a .doc/.xls has the full OLE signature,
and a .txt decodes as text. No document of these types holds a Windows program's DOS stub.
"""

from __future__ import annotations

import io
import zipfile

from luoshi.reading import ReadError
from luoshi.reading.decode import decode_text

_PROGRAM_STUB = b"This program cannot be run in DOS mode"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _zip_document(data: bytes) -> bool:
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "[Content_Types].xml" in archive.namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return False


def _text(data: bytes) -> bool:
    try:
        decode_text(data, "evidence")
    except ReadError:
        return False
    return True


CHECKS = {
    ".pdf": lambda d: d.startswith(b"%PDF-") and b"%%EOF" in d[-2048:],
    ".png": lambda d: (
        d.startswith(b"\x89PNG\r\n\x1a\n") and d.rstrip(b"\0")[-12:-4] == b"\0\0\0\0IEND"
    ),
    ".jpg": lambda d: d.startswith(b"\xff\xd8\xff") and d.rstrip(b"\0")[-2:] == b"\xff\xd9",
    ".jpeg": lambda d: d.startswith(b"\xff\xd8\xff") and d.rstrip(b"\0")[-2:] == b"\xff\xd9",
    ".docx": _zip_document,
    ".xlsx": _zip_document,
    ".doc": lambda d: d.startswith(_OLE),
    ".xls": lambda d: d.startswith(_OLE),
    ".txt": _text,
}


def is_what_it_says(suffix: str, data: bytes) -> bool:
    """True when `data` has the structure of a `suffix` file and carries no program."""
    check = CHECKS.get(suffix)
    return check is not None and bool(check(data)) and _PROGRAM_STUB not in data

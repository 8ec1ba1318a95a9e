"""The one way luoshi reads an uploaded .xlsx: bounded before and while it is parsed.

An .xlsx is a zip of XML, so a few hundred KB can unpack to gigabytes, and a sheet can claim a
million rows with one cell at its far corner (openpyxl then yields every empty row in between).
`read_rows` refuses a file whose unpacked size, declared dimension, rows, columns or cells pass
the limits, reads in openpyxl's read-only (streaming) mode with the row and column ranges
capped, and turns every
kind of damage (not a zip, XML cut short, a missing part) into one SpreadsheetError. Pure
openpyxl: the web app words the errors (luoshi.tracking.uploads).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any
from xml.etree.ElementTree import ParseError

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException


@dataclass(frozen=True)
class Limits:
    unpacked_bytes: int = 64 * 1024 * 1024
    rows: int = 50_000
    columns: int = 100
    cells: int = 1_000_000


LIMITS = Limits()


class SpreadsheetError(Exception):
    """Why a file cannot be read: `kind` is unreadable, unpacked, rows, columns or cells, and
    `limit` the bound it passed (0 for unreadable)."""

    def __init__(self, kind: str, limit: int = 0) -> None:
        super().__init__(f"{kind} (limit {limit})" if limit else kind)
        self.kind = kind
        self.limit = limit


# What openpyxl and the XML and zip layers raise for a damaged file.
DAMAGE = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    InvalidFileException,
    ParseError,
    SyntaxError,
    KeyError,
    ValueError,
    TypeError,
    IndexError,
    AttributeError,
    OSError,
    EOFError,
)


Row = tuple[int, tuple[Any, ...]]  # the row's number in the sheet (from 1), its values or cells


@dataclass
class Sheet:
    """A sheet's rows that hold anything, as read: numbered tuples of values (or of cells)."""

    title: str
    rows: list[Row]


def _data(source: bytes | IO[bytes] | str | Path) -> bytes:
    if isinstance(source, bytes):
        return source
    if isinstance(source, str | Path):
        try:
            return Path(source).read_bytes()
        except OSError as error:
            raise SpreadsheetError("unreadable") from error
    if hasattr(source, "seek"):
        source.seek(0)
    return source.read()


def check_archive(data: bytes, limits: Limits) -> None:
    """Refuse a file that is not a zip or that unpacks beyond the limit, before parsing it."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except DAMAGE as error:
        raise SpreadsheetError("unreadable") from error
    if unpacked > limits.unpacked_bytes:
        raise SpreadsheetError("unpacked", limits.unpacked_bytes)


def _bounded(sheet: Any, values_only: bool, limits: Limits) -> Iterator[Row]:
    # The sheet's own dimension first: openpyxl would yield every empty row up to a far corner.
    rows, columns = sheet.max_row or 0, sheet.max_column or 0
    if rows > limits.rows:
        raise SpreadsheetError("rows", limits.rows)
    if columns > limits.columns:
        raise SpreadsheetError("columns", limits.columns)
    # Then the cells themselves (a dimension can be missing or wrong), read no further than
    # one row and one column past the limits.
    found = sheet.iter_rows(
        max_row=limits.rows + 1, max_col=limits.columns + 1, values_only=values_only
    )
    cells = 0
    for number, row in enumerate(found, start=1):
        values = row if values_only else tuple(getattr(c, "value", None) for c in row)
        filled = [n for n, value in enumerate(values) if value not in (None, "")]
        if not filled:
            continue
        if number > limits.rows:
            raise SpreadsheetError("rows", limits.rows)
        if filled[-1] >= limits.columns:
            raise SpreadsheetError("columns", limits.columns)
        cells += len(filled)
        if cells > limits.cells:
            raise SpreadsheetError("cells", limits.cells)
        yield number, tuple(row[: filled[-1] + 1])


def read_sheets(
    source: bytes | IO[bytes] | str | Path,
    names: list[str] | None = None,
    *,
    values_only: bool = True,
    limits: Limits | None = None,
) -> dict[str, Sheet]:
    """The sheets named (or the first sheet), keyed by title, bounded. A missing name is left
    out, so callers can say which sheet is missing. Raises SpreadsheetError."""
    limits = limits or LIMITS
    data = _data(source)
    check_archive(data, limits)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except DAMAGE as error:
        raise SpreadsheetError("unreadable") from error
    try:
        wanted = [n for n in names if n in book.sheetnames] if names else book.sheetnames[:1]
        found = {}
        for name in wanted:
            rows = list(_bounded(book[name], values_only, limits))
            found[name] = Sheet(name, rows)
        return found
    except DAMAGE as error:
        raise SpreadsheetError("unreadable") from error
    finally:
        book.close()


def read_rows(source: bytes | IO[bytes] | str | Path, *, limits: Limits | None = None) -> list[Row]:
    """The numbered values of the first sheet's rows that hold anything, bounded."""
    sheets = read_sheets(source, limits=limits)
    if not sheets:
        raise SpreadsheetError("unreadable")
    return next(iter(sheets.values())).rows

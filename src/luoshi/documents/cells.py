"""Cells that luoshi writes hold text as text: never a formula (CSV/formula injection).

A spreadsheet treats a cell that starts with =, +, - or @ as a formula (openpyxl stores such a
string as one; Excel and WPS evaluate it from a CSV), and a leading tab or carriage return can
hide the start. Text comes from users (a project's name, a narrative, a report's sentence), so
every row luoshi writes goes through `safe_row` (.xlsx: the cell is typed as a string, the text
kept exactly) or `csv_safe` (.csv: a leading apostrophe, the convention spreadsheets honour).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from openpyxl.cell import WriteOnlyCell

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def formula_like(value: Any) -> bool:
    """Text a spreadsheet could take for a formula (one character alone, such as the
    comparator "=", cannot be one)."""
    return isinstance(value, str) and len(value) > 1 and value.startswith(FORMULA_START)


def safe_row(sheet: Any, values: Iterable[Any]) -> list[Any]:
    """`values` for sheet.append: formula-like text as string cells (normal or write-only)."""
    row = []
    for value in values:
        if formula_like(value):
            cell = WriteOnlyCell(sheet, value)
            cell.data_type = "s"  # openpyxl typed it as a formula
            value = cell
        row.append(value)
    return row


def csv_safe(value: Any) -> Any:
    """A CSV field that a spreadsheet will not evaluate."""
    return "'" + value if formula_like(value) else value

"""Paths and builders shared by the reading tests (a unique name: tests/ has no packages)."""

from __future__ import annotations

import io
from pathlib import Path

import docx

DATA = Path(__file__).resolve().parents[1] / "data"
SEED = DATA / "reports" / "liaoyuan-2022-part2.txt"


def docx_bytes(paragraphs: list[str], table: list[list[str]] | None = None) -> bytes:
    """A .docx with one Word paragraph per item, then an optional table and a closing line."""
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for row, values in zip(grid.rows, table, strict=True):
            for cell, value in zip(row.cells, values, strict=True):
                cell.text = value
        document.add_paragraph("表后的段落。")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()

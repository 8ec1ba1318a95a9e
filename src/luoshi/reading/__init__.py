"""Read a report from bytes or a file into a `Document` (pure Python, no Django)."""

from luoshi.reading.document import Document, Paragraph, ReadError
from luoshi.reading.read import read

__all__ = ["Document", "Paragraph", "ReadError", "read"]

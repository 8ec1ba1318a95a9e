"""The result of reading a report: decoded text, cleaned text and the map between them."""

from __future__ import annotations

from dataclasses import dataclass, field


class ReadError(Exception):
    """A file that cannot be read; the message names the file and says what to do (in English:
    the library's language). `code` says which failure it is, so that an application can word
    it in its user's language: empty, no_text, binary, encoding, protected, damaged, unpacked,
    too_large, unsupported, not_found, unreadable."""

    def __init__(self, message: str, code: str = "unreadable", limit_mb: float = 0) -> None:
        super().__init__(message)
        self.code = code
        self.limit_mb = limit_mb


@dataclass(frozen=True)
class Paragraph:
    text: str  # cleaned text of the paragraph
    start: int  # half-open span into Document.original
    end: int


@dataclass(frozen=True)
class Document:
    source: str  # file name, or "<bytes>"
    format: str  # "txt", "docx", "pdf" or "html"
    encoding: str | None  # for text input: the detected encoding
    original: str  # the decoded input text; every offset shown to users points into it
    text: str  # the cleaned text
    offsets: list[int]  # offsets[i] is the index in `original` of text[i]
    paragraphs: list[Paragraph] = field(default_factory=list)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open span of the cleaned text to a half-open span of the original."""
        if start >= end:
            pos = self.offsets[start] if start < len(self.offsets) else len(self.original)
            return pos, pos
        return self.offsets[start], self.offsets[end - 1] + 1

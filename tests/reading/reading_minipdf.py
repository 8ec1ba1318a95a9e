"""A tiny PDF writer for tests: Chinese text in STSong-Light, a standard CID font.

STSong-Light (Adobe-GB1) is one of the fonts every PDF reader must know, so it needs no
embedding, and pdfminer.six maps it back to Unicode through its bundled CMaps. Text is
encoded as UCS-2 big-endian under the UniGB-UCS2-H CMap.
"""

from __future__ import annotations

FONT_SIZE = 12
LEFT, TOP, BOTTOM = 72, 770, 72
LINE_GAP = 18
CHARS_PER_LINE = 36
INDENT = 2 * FONT_SIZE  # Chinese paragraphs open with a two-character indent


def layout(paragraphs: list[str]) -> list[list[tuple[float, float, str]]]:
    """Wrap paragraphs into lines (first line indented) and cut them into pages."""
    pages: list[list[tuple[float, float, str]]] = [[]]
    y = TOP
    for para in paragraphs:
        width = CHARS_PER_LINE - 2
        chunks = [para[:width]] + [
            para[i : i + CHARS_PER_LINE] for i in range(width, len(para), CHARS_PER_LINE)
        ]
        for i, chunk in enumerate(chunks):
            if y < BOTTOM:
                pages.append([])
                y = TOP
            pages[-1].append((LEFT + (INDENT if i == 0 else 0), y, chunk))
            y -= LINE_GAP
    return pages


def build_pdf(pages: list[list[tuple[float, float, str]]]) -> bytes:
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in below, once the page tree's number is known
    pages_obj = add(b"")
    descriptor = add(
        b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 "
        b"/FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 "
        b"/CapHeight 880 /StemV 93 >>"
    )
    cid_font = add(
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> "
        b"/FontDescriptor %d 0 R /DW 1000 >>" % descriptor
    )
    font = add(
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light-UniGB-UCS2-H "
        b"/Encoding /UniGB-UCS2-H /DescendantFonts [%d 0 R] >>" % cid_font
    )
    kids = []
    for lines in pages:
        ops = [b"BT /F1 %d Tf" % FONT_SIZE]
        for x, y, text in lines:
            ops.append(b"1 0 0 1 %d %d Tm <%s> Tj" % (x, y, _encode(text)))
        ops.append(b"ET")
        stream = b"\n".join(ops)
        content = add(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] "
                b"/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>"
                % (pages_obj, font, content)
            )
        )
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_obj
    refs = b" ".join(b"%d 0 R" % kid for kid in kids)
    objects[pages_obj - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (refs, len(kids))

    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    positions = []
    for number, body in enumerate(objects, start=1):
        positions.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % pos for pos in positions)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        catalog,
        xref,
    )
    return bytes(out)


def _encode(text: str) -> bytes:
    # UniGB-UCS2-H has no entry for U+00B7 "·"; its katakana twin U+30FB has the same glyph
    # and pdfminer maps that CID back to U+00B7.
    return text.replace("·", "\u30fb").encode("utf-16-be").hex().encode()

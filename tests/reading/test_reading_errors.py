"""Bad input gives a one-line ReadError that names the file and says what to do."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from luoshi.cli import main
from luoshi.reading import ReadError, read
from tests.reading.reading_minipdf import build_pdf, layout
from tests.reading.reading_support import docx_bytes


def _zip_bomb(megabytes: int = 210) -> bytes:
    """A 200 kB .docx that unpacks to more than 200 MB of zeros."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as entry:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(megabytes):
                entry.write(chunk)
    return buffer.getvalue()


def _encrypted_pdf() -> bytes:
    pdf = build_pdf(layout(["新增就业1万人。"]))
    # An /Encrypt entry with a user password we do not know.
    encrypt = (
        b"/Encrypt << /Filter /Standard /V 1 /R 2 /Length 40 /P -4 "
        b"/O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b"> >> "
        b"/ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>] "
    )
    return pdf.replace(b"trailer\n<< ", b"trailer\n<< " + encrypt)


BAD_FILES = {
    "empty.txt": (b"", "empty"),
    "blank.txt": (b" \n\n\t\n", "empty"),
    "binary.txt": (os.urandom(64) + b"\0\0\0" + os.urandom(64), "binary"),
    "report.xlsx": (b"PK\x03\x04", "unsupported file type '.xlsx'"),
    "report.doc": (b"\xd0\xcf\x11\xe0", ".doc files are not supported"),
    "truncated.docx": (None, "not a valid .docx"),
    "encrypted.docx": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "password-protected"),
    "bomb.docx": (_zip_bomb(), "zip bomb"),
    "not-a-zip.docx": (b"this is plain text", "not a valid .docx"),
    "truncated.pdf": (None, "truncated"),
    "encrypted.pdf": (_encrypted_pdf(), "password-protected"),
    "scanned.pdf": (build_pdf([[]]), "no text layer"),
    "junk.pdf": (b"%PDF-1.4\n" + os.urandom(300) + b"\n%%EOF\n", "not a valid PDF"),
    "menu.html": (b"<html><nav><a>Home</a></nav><script>x()</script></html>", "no paragraph"),
}


def _bad_file(tmp_path: Path, name: str, seed_lines: list[str]) -> Path:
    data, _ = BAD_FILES[name]
    if name == "truncated.docx":
        whole = docx_bytes(seed_lines)
        data = whole[: len(whole) // 2]
    elif name == "truncated.pdf":
        whole = build_pdf(layout(seed_lines))
        data = whole[: len(whole) * 2 // 3]
    path = tmp_path / name
    assert data is not None
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("name", list(BAD_FILES))
def test_bad_files_raise_a_read_error_naming_the_file(
    tmp_path: Path, name: str, seed_lines: list[str]
) -> None:
    path = _bad_file(tmp_path, name, seed_lines)
    with pytest.raises(ReadError) as caught:
        read(path, max_bytes=1024 * 1024)
    message = str(caught.value)
    assert message.startswith(f"{path}: ")
    assert BAD_FILES[name][1] in message
    assert "\n" not in message


@pytest.mark.parametrize("name", list(BAD_FILES))
def test_the_cli_reports_bad_files_in_one_line_without_a_traceback(
    tmp_path: Path, name: str, seed_lines: list[str]
) -> None:
    path = _bad_file(tmp_path, name, seed_lines)
    result = CliRunner().invoke(main, ["read", str(path), "--max-mb", "1"])
    assert result.exit_code != 0
    assert name in result.output
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_the_unpacked_size_limit_of_a_docx_scales_down_with_max_bytes() -> None:
    with pytest.raises(ReadError, match=r"bomb\.docx: the \.docx unpacks to more than 1 MB"):
        read(_zip_bomb(megabytes=2), name="bomb.docx", max_bytes=10 * 1024)


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match=r"missing\.txt: no such file"):
        read(tmp_path / "missing.txt")
    result = CliRunner().invoke(main, ["read", str(tmp_path / "missing.txt")])
    assert result.exit_code != 0 and "missing.txt" in result.output


def test_a_folder_is_not_a_file(tmp_path: Path) -> None:
    folder = tmp_path / "reports.txt"
    folder.mkdir()
    with pytest.raises(ReadError, match=r"reports\.txt: this is a folder"):
        read(folder)
    result = CliRunner().invoke(main, ["read", str(folder)])
    assert result.exit_code != 0 and "reports.txt" in result.output
    assert "Traceback" not in result.output


def test_a_file_over_the_size_limit_says_how_to_raise_it(tmp_path: Path, seed_text: str) -> None:
    path = tmp_path / "big.txt"
    path.write_text(seed_text * 100, encoding="utf-8")
    with pytest.raises(ReadError, match=r"big\.txt: the file is 1\.3 MB, over the 1 MB limit"):
        read(path, max_bytes=1024 * 1024)
    result = CliRunner().invoke(main, ["read", str(path), "--max-mb", "1"])
    assert result.exit_code != 0 and "--max-mb" in result.output
    assert CliRunner().invoke(main, ["read", str(path), "--max-mb", "2"]).exit_code == 0


def test_bytes_over_the_limit_are_refused_too() -> None:
    with pytest.raises(ReadError, match=r"^<bytes>: .*over the"):
        read(b"x" * 2048, max_bytes=1024)


def test_the_cli_prints_paragraphs_as_json(tmp_path: Path) -> None:
    path = tmp_path / "short.txt"
    path.write_text("政府工作报\n告\n\n新增城镇就业1万人。\n", encoding="gb18030")
    result = CliRunner().invoke(main, ["read", str(path), "--json"])
    assert result.exit_code == 0, result.output
    assert '"encoding": "gb18030"' in result.output
    assert '"text": "政府工作报告"' in result.output


def test_reading_does_not_import_django() -> None:
    code = "import luoshi.reading, sys; assert 'django' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)

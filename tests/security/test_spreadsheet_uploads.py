"""Hostile and damaged .xlsx uploads are refused with the app's message (issue 18, items 2, 5).

Each of the three spreadsheet imports (the 台账, the 项目台账, the 亩均 data) gets: a file that
is not a zip, a sheet whose XML is cut short, a sheet that claims a million rows with one cell in
its far corner, more rows than the limit, and a file that unpacks beyond the limit. Each answers
400 with a Chinese sentence, stores nothing, and is read in bounded time.
"""

import io
import time
import zipfile

import pytest
from openpyxl import Workbook

from luoshi.documents import spreadsheet
from luoshi.documents.spreadsheet import Limits, SpreadsheetError, read_rows
from luoshi.ledger.models import EnterpriseYear, Project
from luoshi.tracking.models import ProgressReport

SHEET_XML = "xl/worksheets/sheet1.xml"
FAR_CORNER = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    b'<dimension ref="A1:XFD1048576"/><sheetData>'
    b'<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>'
    b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    b"</sheetData></worksheet>"
)


def workbook(rows=2, text="项目", replace=None, cut=False):
    book = Workbook()
    sheet = book.active
    sheet.title = "台账"
    for n in range(rows):
        sheet.append([f"{text}{n}", n])
    book.create_sheet("_luoshi").append(["format", "luoshi-ledger/1"])
    out = io.BytesIO()
    book.save(out)
    if replace is None and not cut:
        return out.getvalue()
    patched = io.BytesIO()
    with zipfile.ZipFile(out) as source, zipfile.ZipFile(patched, "w", zipfile.ZIP_DEFLATED) as z:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == SHEET_XML:
                data = replace if replace is not None else data[: len(data) // 2]
            z.writestr(info.filename, data)
    return patched.getvalue()


@pytest.fixture
def small_limits(monkeypatch):
    monkeypatch.setattr(spreadsheet, "LIMITS", Limits(unpacked_bytes=200_000, rows=100))


HOSTILE = {
    "not a zip": lambda: b"PK\x03\x04" + b"\x00" * 100,
    "cut short": lambda: workbook(rows=50, cut=True),
    "far corner": lambda: workbook(replace=FAR_CORNER),
    "too many rows": lambda: workbook(rows=101),
    "unpacks too large": lambda: workbook(rows=90, text="很长的文字" * 400),
}
EXPECTED = {
    "not a zip": "无法作为",
    "cut short": "无法作为",
    "far corner": "超过100行",
    "too many rows": "超过100行",
    "unpacks too large": "解压后超过",
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_the_reader_refuses_each_hostile_file_quickly(small_limits, case):
    started = time.monotonic()
    with pytest.raises(SpreadsheetError):
        read_rows(HOSTILE[case]())
    assert time.monotonic() - started < 5


def test_data_beyond_the_last_column_is_refused():
    book = Workbook()
    book.active.cell(1, 1).value = "项目"
    book.active.cell(2, 102).value = "多余"
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(SpreadsheetError) as refused:
        read_rows(out.getvalue())
    assert refused.value.kind == "columns"


def test_the_reader_caps_cells_as_well():
    with pytest.raises(SpreadsheetError) as refused:
        read_rows(workbook(rows=60), limits=Limits(cells=100))
    assert refused.value.kind == "cells"


def test_an_ordinary_sheet_reads_with_its_row_numbers():
    rows = read_rows(workbook(rows=3))
    assert rows == [(1, ("项目0", 0)), (2, ("项目1", 1)), (3, ("项目2", 2))]


def upload(client, url, data, **fields):
    file = io.BytesIO(data)
    file.name = "upload.xlsx"
    client.raise_request_exception = False
    return client.post(url, {"file": file, **fields})


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_each_import_refuses_each_hostile_file_with_a_message(
    client, alice, ndrc, plan, bobs_task, small_limits, settings, case
):
    settings.LUOSHI_AS_OF = "2022-07-10"
    client.force_login(alice)
    data = HOSTILE[case]()
    targets = {
        "/ledger/import/": {},
        "/ledger/muju/import/": {},
        f"/exchange/progress-workbook/{ndrc.pk}/": {"period": "2022-06"},
    }
    for url, fields in targets.items():
        response = upload(client, url, data, **fields)
        assert response.status_code == 400, (url, response.status_code)
        assert EXPECTED[case] in response.content.decode(), url
    assert not Project.objects.exists()
    assert not EnterpriseYear.objects.exists()
    assert not ProgressReport.objects.exists()

"""Absurd values are refused on the form, the API and the 台账 sheet; large but possible ones are
flagged for the reviewer (issue 18, item 6)."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from luoshi.documents import progress_workbook
from luoshi.ledger.cells import LARGEST, LARGEST_YUAN, CellError, number
from luoshi.ledger.project_workbook import WAN
from luoshi.tracking.models import ProgressReport

ABSURD = ["1E+309", "1E+308", "-1E+300", "inf", "nan", "1e16"]


@pytest.fixture(autouse=True)
def as_of(settings):
    settings.LUOSHI_AS_OF = "2022-07-10"


def form_data(task, value):
    target = task.targets.get()
    return {"period": "2022-06", "narrative": "进展", "target": str(target.pk), "value": value}


@pytest.mark.parametrize("value", ABSURD)
def test_the_report_form_refuses_an_absurd_value(client, bob, bobs_task, value):
    client.force_login(bob)
    url = reverse("tracking:submit_report", args=[bobs_task.pk])
    response = client.post(url, form_data(bobs_task, value))
    assert response.status_code == 400
    assert "超出合理范围" in response.content.decode() or "数字" in response.content.decode()
    assert not ProgressReport.objects.exists()


@pytest.mark.parametrize("value", ["1e308", "-1e300", "1e16"])
def test_the_api_refuses_an_absurd_value(client, bob, bobs_task, value):
    client.force_login(bob)
    target = bobs_task.targets.get()
    body = (
        f'{{"task": {bobs_task.pk}, "target": {target.pk}, "period": "2022-06", '
        f'"narrative": "进展", "value": {value}}}'
    )
    response = client.post("/api/reports/", body, content_type="application/json")
    assert response.status_code == 400, response.content
    assert "value" in response.json()["errors"]
    assert not ProgressReport.objects.exists()


def test_the_ledger_sheet_refuses_a_value_beyond_range(client, bob, ndrc, bobs_task):
    client.force_login(bob)
    url = f"/exchange/progress-workbook/{ndrc.pk}/"
    sheet = client.get(f"{url}sheet.xlsx", {"period": "2022-06"})
    book = openpyxl.load_workbook(io.BytesIO(sheet.content))
    rows = book[progress_workbook.SHEET]
    row = next(
        r for r in range(progress_workbook.FIRST_ROW, rows.max_row + 1)
        if rows.cell(r, 1).value == bobs_task.code
    )  # fmt: skip
    rows.cell(row, progress_workbook.VALUE).value = 1e300
    rows.cell(row, progress_workbook.PROGRESS).value = "进展"
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    out.name = "台账.xlsx"
    response = client.post(url, {"period": "2022-06", "file": out})
    assert response.status_code == 400
    assert "超出合理范围" in response.content.decode()
    assert not ProgressReport.objects.exists()


def test_a_value_ten_times_the_target_is_flagged_for_the_reviewer(client, alice, bob, bobs_task):
    client.force_login(bob)
    url = reverse("tracking:submit_report", args=[bobs_task.pk])
    target = bobs_task.targets.get()
    assert client.post(url, form_data(bobs_task, str(target.value * 11))).status_code == 302
    client.force_login(alice)
    assert "超过目标值的10倍" in client.get(reverse("tracking:review")).content.decode()
    [report] = client.get("/api/reports/").json()["results"]
    assert report["implausible"] is True


def test_a_target_cannot_be_revised_to_an_absurd_value(client, alice, bobs_task):
    client.force_login(alice)
    target = bobs_task.targets.get()
    data = {"kind": "target_revised", "target": str(target.pk), "value": "1e300", "reason": "调整"}
    response = client.post(reverse("tracking:revise", args=[bobs_task.pk]), data)
    assert response.status_code == 400
    target.refresh_from_db()
    assert target.value == 200


@pytest.mark.parametrize(
    ("cell", "scale", "largest"),
    [("1E+20", WAN, LARGEST_YUAN), ("99999999999", 1, LARGEST), ("1e400", 1, LARGEST)],
)
def test_a_ledger_amount_beyond_its_column_is_a_cell_error(cell, scale, largest):
    with pytest.raises(CellError):
        number(cell, scale=Decimal(scale), largest=largest)


def test_a_narrative_over_the_limit_is_refused(client, bob, bobs_task):
    client.force_login(bob)
    url = reverse("tracking:submit_report", args=[bobs_task.pk])
    data = form_data(bobs_task, "10") | {"narrative": "很长" * 3000}
    assert client.post(url, data).status_code == 400
    assert not ProgressReport.objects.exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("polyglot.pdf", b"%PDF-1.4\nMZ\x90\x00This program cannot be run in DOS mode.\n%%EOF\n"),
        ("cut.pdf", b"%PDF-1.4\n1 0 obj\n"),
        ("fake.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 40),
        ("fake.docx", b"PK\x03\x04" + b"\0" * 40),
        ("fake.jpg", b"\xff\xd8\xff\xe0" + b"\0" * 40 + b"MZ"),
    ],
)
def test_evidence_is_checked_for_its_structure_not_its_first_bytes(
    client, bob, bobs_task, name, content
):
    client.force_login(bob)
    url = reverse("tracking:submit_report", args=[bobs_task.pk])
    upload = SimpleUploadedFile(name, content)
    response = client.post(url, form_data(bobs_task, "10") | {"evidence": upload})
    assert response.status_code == 400
    assert not ProgressReport.objects.exists()


def test_a_whole_pdf_is_accepted_as_evidence(client, bob, bobs_task):
    client.force_login(bob)
    url = reverse("tracking:submit_report", args=[bobs_task.pk])
    upload = SimpleUploadedFile("ok.pdf", b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n")
    assert client.post(url, form_data(bobs_task, "10") | {"evidence": upload}).status_code == 302

"""Errors a user meets are in their language: the report reader's on the import page, the API's
CSRF and JSON-parse refusals (issue 18, item 12)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from luoshi.reading import ReadError, read
from luoshi.tracking import uploads


@pytest.mark.parametrize(
    ("content", "name", "expected"),
    [
        (b"\x00\x01\x02\x03binary" * 50, "r.txt", "不是文本"),
        (b"   ", "r.txt", "文件为空"),
        (b"PK\x03\x04broken", "r.docx", "已损坏"),
        (b"%PDF-1.4 broken", "r.pdf", "已损坏"),
    ],
)
def test_the_import_page_says_why_a_report_cannot_be_read_in_chinese(
    client, alice, city, content, name, expected
):
    client.force_login(alice)
    data = {"file": SimpleUploadedFile(name, content), "jurisdiction": city.name, "year": "2023"}
    response = client.post("/import/", data)
    assert response.status_code == 400
    page = response.content.decode()
    assert expected in page
    assert "the file" not in page


def test_every_reader_failure_has_a_worded_message():
    for code in ["empty", "no_text", "binary", "encoding", "protected", "damaged", "unpacked",
                 "too_large", "unsupported", "unreadable"]:  # fmt: skip
        message = uploads.read_problem(ReadError("x", code, 20))
        assert message and message != "x"
    with pytest.raises(ReadError) as failed:
        read(b"\x00\x00\x00\x00" * 100, name="r.txt")
    assert failed.value.code == "binary"


def test_the_api_refuses_a_missing_csrf_token_in_chinese(bob, bobs_task):
    client = Client(enforce_csrf_checks=True)
    client.force_login(bob)
    response = client.post("/api/reports/", {"task": bobs_task.pk}, content_type="application/json")
    assert response.status_code == 403
    assert "CSRF 令牌" in response.json()["detail"]


def test_the_api_refuses_malformed_json_in_chinese(client, bob):
    client.force_login(bob)
    response = client.post("/api/reports/", "{not json", content_type="application/json")
    assert response.status_code == 400
    assert "无法解析请求内容" in response.json()["detail"]
    english = client.post(
        "/api/reports/", "{not json", content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )  # fmt: skip
    assert "valid JSON" in english.json()["detail"]

"""CSRF on every URL of the site, uploads checked for type and size, no path traversal on
downloads, and no traceback to users (issue 8, item 6)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import path, reverse

from luoshi.ledger.models import StageChange
from luoshi.site import urls as site_urls
from luoshi.tracking.models import ProgressReport

from .test_access_matrix import CHECKED, PATTERNS

BIG = 11 * 1024 * 1024  # over the 10 MB evidence limit


# The language switch sets only the reader's language cookie; it takes no token, so that pages
# carry no per-visitor token and the public's pages can be shared (tracking/pagecache.py).
CSRF_FREE = {"set_language"}


@pytest.mark.parametrize("name", [name for name in CHECKED if name not in CSRF_FREE])
def test_every_post_without_the_csrf_token_is_refused(clients, objects, name):
    role = "liaison_a" if name == "tracking:submit_report" else "office"
    kwargs = {key: objects[key] for key in dict(PATTERNS)[name].pattern.regex.groupindex}
    response = clients(role, enforce_csrf_checks=True).post(reverse(name, kwargs=kwargs), {})
    assert response.status_code == 403, (name, response.status_code)
    assert "CSRF" in response.content.decode()  # the office may: only the token is missing


def test_the_language_switch_needs_no_token_and_changes_nothing_else(client, db):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("set_language"), {"language": "en", "next": "/public/"})
    assert response.status_code == 302 and response.cookies["django_language"].value == "en"


def _report(client, task, **files):
    target = task.targets.get()
    data = {"period": "2022-06", "narrative": "附件测试", "target": target.pk, "value": 1}
    return client.post(reverse("tracking:submit_report", args=[task.pk]), {**data, **files})


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("page.html", b"<script>alert(1)</script>", "text/html"),
        SimpleUploadedFile("run.exe", b"MZ\x90\x00", "application/octet-stream"),
        SimpleUploadedFile("fake.pdf", b"<html>not a pdf</html>", "application/pdf"),
        SimpleUploadedFile("huge.pdf", b"%PDF-1.4\n" + b"0" * BIG, "application/pdf"),
    ],
    ids=["html", "exe", "pdf-that-is-not", "too-large"],
)
def test_evidence_of_the_wrong_type_or_size_is_refused(clients, objects, bobs_task, upload):
    before = ProgressReport.objects.count()
    response = _report(clients("liaison_a"), bobs_task, evidence=upload)
    assert response.status_code == 400
    assert ProgressReport.objects.count() == before


def test_a_real_pdf_is_accepted_as_evidence(clients, objects, bobs_task):
    upload = SimpleUploadedFile("ok.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")
    assert _report(clients("liaison_a"), bobs_task, evidence=upload).status_code == 302


def test_a_progress_workbook_that_is_not_xlsx_is_refused(clients, objects):
    upload = SimpleUploadedFile("sheet.html", b"<html></html>", "text/html")
    url = reverse("exchange:progress_workbook", args=[objects["department_id"]])
    response = clients("liaison_a").post(url, {"period": "2022-06", "file": upload})
    assert response.status_code in (200, 400)
    assert ".xlsx" in response.content.decode()


@pytest.mark.parametrize("view", ["ledger:import", "ledger:import_muju"])
def test_a_ledger_import_that_is_not_a_workbook_stores_nothing(clients, objects, view):
    upload = SimpleUploadedFile("projects.xlsx", b"<html>not a workbook</html>", "text/html")
    response = clients("office").post(reverse(view), {"file": upload})
    assert response.status_code in (200, 400)
    assert "Traceback" not in response.content.decode()


def test_a_stage_change_evidence_file_of_the_wrong_type_is_refused(clients, objects):
    upload = SimpleUploadedFile("page.html", b"<script>alert(1)</script>", "text/html")
    url = reverse("ledger:move", args=[objects["project_id"]])
    data = {"to_stage": "signed", "on": "2022-06-01", "evidence": "合同", "evidence_file": upload}
    clients("office").post(url, data)
    assert not StageChange.objects.filter(evidence_file__endswith=".html").exists()


@pytest.mark.parametrize(
    "path",
    [
        "../../../etc/passwd",
        "evidence/../../etc/passwd",
        "%2e%2e/%2e%2e/etc/passwd",
        "..%2f..%2fetc%2fpasswd",
        "/etc/passwd",
        "evidence\\..\\..\\settings.py",
        "evidence/./x.pdf",
    ],
)
def test_no_path_traversal_on_downloads(clients, objects, path):
    response = clients("office").get(f"/media/{path}")
    assert response.status_code == 404, (path, response.status_code)


def test_the_real_evidence_path_downloads(clients, objects):
    response = clients("office").get(f"/media/{objects['path']}")
    assert response.status_code == 200


def _broken(request):
    raise RuntimeError("secret detail: password=hunter2")


urlpatterns = [path("broken/", _broken), *site_urls.urlpatterns]


def test_a_forced_error_shows_the_custom_500_page_without_a_traceback(db, settings):
    settings.ROOT_URLCONF = __name__
    settings.DEBUG = False
    response = Client(raise_request_exception=False).get("/broken/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "服务器出错了" in body
    for leak in ("Traceback", "hunter2", "RuntimeError", 'File "', "site-packages"):
        assert leak not in body

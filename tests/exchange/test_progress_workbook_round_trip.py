"""The 台账 round trip: export → fill in with openpyxl → upload → pending reports → approve →
status; refusals name row, column and problem, and store nothing; uploads are idempotent."""

import io
import subprocess
from datetime import date

import openpyxl
import pytest
from django.test import Client

from luoshi.documents import progress_workbook
from luoshi.exchange import progress_rows
from luoshi.tracking.measure import measure, tasks_for_status
from luoshi.tracking.models import Event, ProgressReport
from tests.sample import PASSWORD
from tests.tools import require_tool

ON = date(2022, 7, 10)
PERIOD = "2022-06"


@pytest.fixture(autouse=True)
def as_of(settings):
    settings.LUOSHI_AS_OF = ON.isoformat()


def logged_in(user):
    client = Client()
    client.login(username=user.username, password=PASSWORD)
    return client


def download(client, department, period=PERIOD):
    response = client.get(
        f"/exchange/progress-workbook/{department.pk}/sheet.xlsx", {"period": period}
    )
    assert response.status_code == 200, response.content[:200]
    return openpyxl.load_workbook(io.BytesIO(response.content))


def row_of(sheet, code):
    for row in range(progress_workbook.FIRST_ROW, sheet.max_row + 1):
        if sheet.cell(row, 1).value == code:
            return row
    raise AssertionError(code)


def fill(book, code, value, progress="已完成谋划项目120个", problems=""):
    sheet = book[progress_workbook.SHEET]
    row = row_of(sheet, code)
    sheet.cell(row, progress_workbook.VALUE).value = value
    sheet.cell(row, progress_workbook.PROGRESS).value = progress
    sheet.cell(row, progress_workbook.PROBLEMS).value = problems or None
    return book


def upload(client, department, book, period=PERIOD):
    data = io.BytesIO()
    book.save(data)
    data.seek(0)
    data.name = "台账.xlsx"
    return client.post(
        f"/exchange/progress-workbook/{department.pk}/", {"period": period, "file": data}
    )


def stored():
    return (ProgressReport.objects.count(), Event.objects.count())


def test_the_sheet_locks_what_a_department_must_not_edit(bob, ndrc, bobs_task, charlies_task):
    book = download(logged_in(bob), ndrc)
    sheet = book[progress_workbook.SHEET]
    assert [c.value for c in sheet[progress_workbook.HEADER_ROW]] == list(progress_workbook.HEADER)
    assert sheet.protection.sheet
    row = row_of(sheet, "T001")
    locked = [sheet.cell(row, c).protection.locked for c in range(1, 17)]
    editable = {progress_workbook.HEADER[c - 1] for c in range(1, 17) if not locked[c - 1]}
    assert editable == {
        "责任人",
        "联系电话",
        "本期完成",
        "累计完成",
        "进展情况",
        "存在问题",
        "下步打算",
    }
    assert sheet.column_dimensions["P"].hidden and locked[progress_workbook.KEY - 1]
    assert sheet.cell(row, progress_workbook.LEAD).value == "市发改委"
    assert sheet.cell(row, progress_workbook.EXPECTED).value == "50%"  # 序时 by the end of June
    assert book[progress_workbook.META_SHEET].sheet_state == "veryHidden"
    assert [
        sheet.cell(r, 1).value for r in range(progress_workbook.FIRST_ROW, sheet.max_row + 1)
    ] == ["T001"]  # only the department's own task, not 商务局's T002


def test_export_fill_upload_approve_changes_the_status(alice, bob, ndrc, bobs_task):
    [before] = measure(tasks_for_status(type(bobs_task).objects.filter(pk=bobs_task.pk)), ON)
    assert before.status == "未报送"
    client = logged_in(bob)
    book = fill(download(client, ndrc), "T001", 120, problems="部分项目资金尚未落实")
    response = upload(client, ndrc, book)
    assert response.status_code == 302
    bobs_task.refresh_from_db()  # the upload stored the claim on the task
    assert "待审核" in bobs_task.status_reason and bobs_task.status_claimed == 0.6
    [report] = ProgressReport.objects.all()
    assert report.state == ProgressReport.SUBMITTED and report.value == 120
    assert report.period == PERIOD and report.submitted_by == bob
    assert "存在问题：部分项目资金尚未落实" in report.narrative
    office = logged_in(alice)
    review = office.post(f"/reports/{report.pk}/review/", {"decision": "approve"})
    assert review.status_code == 302
    [after] = measure(tasks_for_status(type(bobs_task).objects.filter(pk=bobs_task.pk)), ON)
    assert after.status == "超进度"  # 120 of 200 by June is ahead of the 50% expected
    bobs_task.refresh_from_db()
    assert bobs_task.status == bobs_task.public_status == "超进度"


def test_uploading_the_same_file_again_changes_nothing(bob, ndrc, bobs_task):
    client = logged_in(bob)
    book = fill(download(client, ndrc), "T001", 120)
    assert upload(client, ndrc, book).status_code == 302
    counts = stored()
    assert upload(client, ndrc, book).status_code == 302
    assert stored() == counts
    ProgressReport.objects.update(state=ProgressReport.APPROVED)
    assert upload(client, ndrc, book).status_code == 302
    assert stored() == counts


def refused(response, *expected):
    assert response.status_code == 400
    errors = response.context["errors"]
    assert errors, "no errors listed"
    text = response.content.decode()
    for part in expected:
        assert part in text, part
    return errors


def test_text_in_a_number_cell_is_refused_by_row_and_column(bob, ndrc, bobs_task):
    client = logged_in(bob)
    book = fill(download(client, ndrc), "T001", "约一半")
    counts = stored()
    [error] = refused(upload(client, ndrc, book), "不是数字")
    assert (error.row, error.column) == (progress_workbook.FIRST_ROW, "累计完成")
    assert "约一半" in error.message and "个" in error.message
    assert stored() == counts


def test_a_value_with_its_unit_or_as_text_is_accepted(bob, ndrc, bobs_task):
    client = logged_in(bob)
    assert upload(client, ndrc, fill(download(client, ndrc), "T001", "120个")).status_code == 302
    assert ProgressReport.objects.get().value == 120


def test_wrong_columns_are_refused(bob, ndrc, bobs_task):
    client = logged_in(bob)
    book = fill(download(client, ndrc), "T001", 120)
    book[progress_workbook.SHEET].cell(
        progress_workbook.HEADER_ROW, progress_workbook.VALUE
    ).value = "完成值"
    counts = stored()
    [error] = refused(upload(client, ndrc, book), "表头")
    assert error.row == progress_workbook.HEADER_ROW
    assert stored() == counts


def test_another_departments_rows_are_refused_and_nothing_is_stored(
    bob, charlie, ndrc, commerce, bobs_task, charlies_task
):
    # bob's sheet, filled in properly, plus a row copied from 商务局's sheet.
    mine = fill(download(logged_in(bob), ndrc), "T001", 120)
    theirs = download(logged_in(charlie), commerce)[progress_workbook.SHEET]
    sheet = mine[progress_workbook.SHEET]
    new_row = sheet.max_row + 1
    source = row_of(theirs, "T002")
    for column in range(1, 17):
        sheet.cell(new_row, column).value = theirs.cell(source, column).value
    sheet.cell(new_row, progress_workbook.VALUE).value = 50
    sheet.cell(new_row, progress_workbook.PROGRESS).value = "招商活动20次"
    counts = stored()
    [error] = refused(upload(logged_in(bob), ndrc, mine), "T002", "市商务局")
    assert error.row == new_row
    assert stored() == counts  # T001's good row is not stored either: all or nothing


def test_a_sheet_of_another_period_or_department_is_refused(
    bob, charlie, ndrc, commerce, bobs_task
):
    client = logged_in(bob)
    may = fill(download(client, ndrc, "2022-05"), "T001", 90)
    refused(upload(client, ndrc, may), "2022-05")
    assert ProgressReport.objects.count() == 0


def test_liaison_b_cannot_download_or_upload_for_department_a(bob, charlie, ndrc, bobs_task):
    book = fill(download(logged_in(bob), ndrc), "T001", 120)
    other = logged_in(charlie)
    assert other.get(f"/exchange/progress-workbook/{ndrc.pk}/sheet.xlsx").status_code == 403
    assert other.get(f"/exchange/progress-workbook/{ndrc.pk}/").status_code == 403
    assert upload(other, ndrc, book).status_code == 403
    assert ProgressReport.objects.count() == 0


def test_the_office_may_upload_for_any_department_and_export_all(
    alice, ndrc, bobs_task, charlies_task
):
    client = logged_in(alice)
    book = fill(download(client, ndrc), "T001", 120)
    assert upload(client, ndrc, book).status_code == 302
    assert ProgressReport.objects.get().submitted_by == alice
    everything = client.get("/exchange/progress-workbook/all.xlsx", {"period": PERIOD})
    sheet = openpyxl.load_workbook(io.BytesIO(everything.content))[progress_workbook.SHEET]
    assert {
        sheet.cell(r, 1).value for r in range(progress_workbook.FIRST_ROW, sheet.max_row + 1)
    } == {
        "T001",
        "T002",
    }


def test_a_file_that_is_not_a_progress_workbook_is_explained(bob, ndrc, bobs_task):
    accepted, _, errors = progress_rows.check(b"not a workbook", bobs_task.plan, PERIOD, ndrc)
    assert accepted == [] and errors[0].row == 0 and "台账" in errors[0].message


def test_a_qualitative_task_reports_a_percentage(charlie, commerce, charlies_task):
    client = logged_in(charlie)
    book = fill(download(client, commerce), "T002", 150, progress="开展招商活动")
    [error] = refused(upload(client, commerce, book), "0")
    assert error.column == "累计完成"
    book = fill(book, "T002", 40, progress="开展招商活动")
    assert upload(client, commerce, book).status_code == 302
    assert ProgressReport.objects.get().percent == 40


def test_this_periods_completion_adds_to_the_last_reported_and_the_contact_comes_back(
    bob, ndrc, bobs_task
):
    client = logged_in(bob)
    book = fill(download(client, ndrc, "2022-05"), "T001", 90)
    sheet = book[progress_workbook.SHEET]
    row = row_of(sheet, "T001")
    sheet.cell(row, progress_workbook.PERSON).value = "王明"
    sheet.cell(row, progress_workbook.PHONE).value = "0437-3210000"
    sheet.cell(row, progress_workbook.PLANS).value = "7月开工3个"
    assert upload(client, ndrc, book, "2022-05").status_code == 302
    may = ProgressReport.objects.get()
    assert may.narrative.endswith("下步打算：7月开工3个\n责任人：王明\u3000联系电话：0437-3210000")
    june = download(client, ndrc)
    sheet = june[progress_workbook.SHEET]
    row = row_of(sheet, "T001")
    assert sheet.cell(row, progress_workbook.PREVIOUS).value == 90  # 上期完成
    assert sheet.cell(row, progress_workbook.PERSON).value == "王明"
    assert sheet.cell(row, progress_workbook.PHONE).value == "0437-3210000"
    sheet.cell(row, progress_workbook.THIS_PERIOD).value = 30  # 本期完成 only
    sheet.cell(row, progress_workbook.PROGRESS).value = "新谋划项目30个"
    assert upload(client, ndrc, june).status_code == 302
    assert ProgressReport.objects.get(period=PERIOD).value == 120  # 90 + 30


def test_a_bad_telephone_number_is_refused_by_row_and_column(bob, ndrc, bobs_task):
    client = logged_in(bob)
    book = fill(download(client, ndrc), "T001", 120)
    sheet = book[progress_workbook.SHEET]
    sheet.cell(row_of(sheet, "T001"), progress_workbook.PHONE).value = "找王主任"
    [error] = refused(upload(client, ndrc, book), "电话")
    assert error.column == "联系电话" and ProgressReport.objects.count() == 0


def test_the_office_uploads_the_all_departments_sheet_row_by_row(
    alice, ndrc, commerce, bobs_task, charlies_task
):
    client = logged_in(alice)
    everything = client.get("/exchange/progress-workbook/all.xlsx", {"period": PERIOD})
    book = openpyxl.load_workbook(io.BytesIO(everything.content))
    fill(book, "T001", 120)
    fill(book, "T002", 40, progress="开展招商活动")
    response = upload_all(client, book)
    assert response.status_code == 302
    reports = {r.task.code: r for r in ProgressReport.objects.select_related("task")}
    assert set(reports) == {"T001", "T002"} and reports["T002"].percent == 40
    assert {r.submitted_by for r in reports.values()} == {alice}
    # A task given to another department since the export is refused, and nothing is stored.
    ProgressReport.objects.all().delete()
    charlies_task.lead = ndrc
    charlies_task.save(update_fields=["lead"])
    errors = refused(upload_all(client, book), "T002", "市发改委")
    assert [(e.column, e.row) for e in errors] == [("牵头单位", row_of(book["台账"], "T002"))]
    assert ProgressReport.objects.count() == 0


def test_a_department_cannot_upload_the_all_departments_sheet(
    alice, bob, ndrc, bobs_task, charlies_task
):
    everything = logged_in(alice).get("/exchange/progress-workbook/all.xlsx", {"period": PERIOD})
    book = fill(openpyxl.load_workbook(io.BytesIO(everything.content)), "T001", 120)
    assert upload_all(logged_in(bob), book).status_code == 403
    refused(upload(logged_in(bob), ndrc, book), "全部单位")
    assert ProgressReport.objects.count() == 0


def upload_all(client, book):
    data = io.BytesIO()
    book.save(data)
    data.seek(0)
    data.name = "台账.xlsx"
    return client.post("/exchange/progress-workbook/all/", {"period": PERIOD, "file": data})


def test_the_sheet_prints_on_a4_landscape_one_page_wide_with_the_header_repeated(
    bob, ndrc, bobs_task, tmp_path
):
    book = download(logged_in(bob), ndrc)
    sheet = book[progress_workbook.SHEET]
    setup = sheet.page_setup
    assert setup.orientation == "landscape" and int(setup.paperSize) == 9  # A4
    assert (setup.fitToWidth, setup.fitToHeight) == (1, 0)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$3:$3"
    soffice = require_tool("soffice")
    path = tmp_path / "taizhang.xlsx"
    book.save(path)
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(path)],
        capture_output=True, timeout=180, check=True,
    )  # fmt: skip
    from pdfminer.high_level import extract_text

    pages = [p for p in extract_text(tmp_path / "taizhang.pdf").split("\f") if p.strip()]
    assert len(pages) == 1  # one page wide: the 15 columns are not split across pages
    assert "下步打算" in pages[0] and "行标识" not in pages[0]


def test_before_any_report_the_contact_named_at_signing_is_filled_in(bob, ndrc, bobs_task):
    from luoshi.tracking.models import Acknowledgement

    Acknowledgement.objects.create(
        task=bobs_task, department=ndrc, user=bob, person="李华", phone="0437-3211111"
    )
    sheet = download(logged_in(bob), ndrc)[progress_workbook.SHEET]
    row = row_of(sheet, "T001")
    assert sheet.cell(row, progress_workbook.PERSON).value == "李华"
    assert sheet.cell(row, progress_workbook.PHONE).value == "0437-3211111"

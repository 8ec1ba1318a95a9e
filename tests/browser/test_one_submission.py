"""One submission for every target of a task, in Chromium: the liaison fills both targets and
attaches a PDF; the office sees one card with both, the PDF in a frame, and approves it once."""

from pathlib import Path

from luoshi.tracking.models import ProgressReport, Target


def pdf() -> bytes:
    """A one-page PDF with its cross-reference table, as a scanner would write it."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def test_one_submission_covers_both_targets_and_the_pdf_is_previewed(
    browser, screenshots, tmp_path, alice, bob, bobs_task
):
    page = browser.page
    road = Target.objects.create(
        task=bobs_task, order=1, text="新建道路8公里", start=0, end=1, value=8, unit="公里"
    )
    evidence = tmp_path / "进展台账.pdf"
    evidence.write_bytes(pdf())

    browser.log_in("bob", lands_on="/departments/mine/")
    browser.go(f"/tasks/{bobs_task.pk}/")
    page.get_by_label("报送期（年-月）").fill("2022-06")
    page.get_by_label("累计完成值：谋划包装项目200个以上").fill("120")
    page.get_by_label("累计完成值：新建道路8公里").fill("5")
    page.get_by_label("进展情况").fill("已谋划包装项目120个，新建道路5公里。")
    page.get_by_label("佐证材料").set_input_files(evidence)
    page.screenshot(path=screenshots / "01-one-form-two-targets.png", full_page=True)
    page.get_by_role("button", name="报送", exact=True).click()
    page.wait_for_url(f"**/tasks/{bobs_task.pk}/")
    assert ProgressReport.objects.filter(state="submitted").count() == 2
    browser.log_out()

    browser.log_in("alice")
    with page.expect_response(lambda r: "inline=1" in r.url) as shown:
        browser.go("/review/")
    response = shown.value
    assert response.status == 200 and response.header_value("content-type") == "application/pdf"
    cards = page.locator("section.review")
    assert cards.count() == 1
    text = cards.first.inner_text()
    assert "谋划包装项目200个以上" in text and "新建道路8公里" in text
    assert page.locator("iframe.pdf-preview").count() == 1
    page.screenshot(path=screenshots / "02-review-one-card-pdf.png", full_page=True)
    cards.first.get_by_role("button", name="通过").click()
    page.wait_for_url("**/review/")
    assert set(ProgressReport.objects.values_list("state", flat=True)) == {"approved"}
    assert ProgressReport.objects.get(target=road).value == 5
    assert browser.errors == []
    assert all(Path(p).stat().st_size > 0 for p in screenshots.iterdir())

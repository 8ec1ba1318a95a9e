"""The delivery loop in real Chromium: a liaison reports with evidence, the office approves,
the dashboard shows the new status. Every step leaves a screenshot."""

import struct
import zlib
from pathlib import Path

from luoshi.tracking.models import ProgressReport


def png(width: int = 4, height: int = 4) -> bytes:
    """A small valid PNG (a red square), the kind of photo a liaison attaches as evidence."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def test_a_liaisons_report_approved_by_the_office_changes_the_dashboard(
    browser, screenshots, tmp_path, alice, bob, bobs_task, charlies_task
):
    page = browser.page
    shots: list[Path] = []

    def shot(name: str) -> None:
        path = screenshots / f"{len(shots) + 1:02d}-{name}.png"
        page.screenshot(path=path, full_page=True)
        shots.append(path)

    evidence = tmp_path / "项目现场.png"
    evidence.write_bytes(png())

    browser.log_in("bob", lands_on="/departments/mine/")
    assert "我的任务" in page.locator("h1").inner_text()
    assert "待签收" in page.locator("main").inner_text()
    shot("liaison-my-tasks")
    page.get_by_label("T001", exact=False).check()
    page.get_by_label("责任人").fill("张三")
    page.get_by_label("联系电话").fill("0437-3221234")
    page.get_by_role("button", name="签收", exact=True).click()
    page.wait_for_url("**/departments/mine/")
    assert "已签收1项任务。" in page.locator(".messages").inner_text()
    browser.go("/")
    assert page.locator(".count.missing b").inner_text() == "2"
    shot("liaison-dashboard-before")

    browser.go(f"/tasks/{bobs_task.pk}/")
    assert page.locator("h1 .status").inner_text() == "未报送"
    page.get_by_label("报送期（年-月）").fill("2022-06")
    page.get_by_label("累计完成值").fill("120")
    page.get_by_label("进展情况").fill("已谋划包装项目120个，其中亿元以上项目45个。")
    page.get_by_label("佐证材料").set_input_files(evidence)
    shot("liaison-fills-the-report")
    page.get_by_role("button", name="报送", exact=True).click()
    page.wait_for_url(f"**/tasks/{bobs_task.pk}/")
    assert "进展已报送，待督查室审核。" in page.locator(".messages").inner_text()
    # Claimed, not yet verified: the reason says so and the report row waits for review.
    assert "6月报送60%，待审核" in page.locator("p.reason").inner_text()
    assert "待审核" in page.locator("table").last.inner_text()
    assert page.get_by_role("link", name="项目现场.png").is_visible()
    shot("liaison-sees-the-report-pending")
    browser.log_out()

    browser.log_in("alice")
    browser.go("/review/")
    card = page.locator("section.review", has_text=bobs_task.code)
    assert "120" in card.inner_text()
    shot("office-review-queue")
    card.get_by_role("button", name="通过").click()
    page.wait_for_url("**/review/")
    assert "已审核通过。" in page.locator(".messages").inner_text()
    assert "暂无待审核的报送。" in page.locator("main").inner_text()
    shot("office-approved")

    report = ProgressReport.objects.get(task=bobs_task)
    assert (report.state, report.reviewer) == ("approved", alice)
    assert [e.file.read() for e in report.evidence.all()] == [evidence.read_bytes()]

    browser.go("/")
    # 120 of 200 (60%) by July 10th is ahead of the 50% expected by then.
    assert page.locator(".count.ahead b").inner_text() == "1"
    assert page.locator(".count.missing b").inner_text() == "1"
    shot("office-dashboard-after")
    browser.go(f"/tasks/{bobs_task.pk}/")
    assert page.locator("h1 .status").inner_text() == "超进度"
    shot("task-page-after")

    assert browser.errors == []
    assert [p.name for p in shots if p.stat().st_size > 0] == [p.name for p in shots]


def test_the_dashboard_draws_its_chart_beside_its_table_without_console_errors(
    browser, screenshots, alice, bobs_task, charlies_task
):
    page = browser.page
    browser.log_in("alice")
    chart = page.locator("#chart-sections")
    chart.locator("canvas").first.wait_for()
    box = chart.locator("canvas").first.bounding_box()
    assert box is not None and box["width"] > 100 and box["height"] > 100
    drawn = page.evaluate(
        """() => {
        const chart = echarts.getInstanceByDom(document.getElementById("chart-sections"));
        const option = chart.getOption();
        return {version: echarts.version, sections: option.yAxis[0].data.length,
                bars: option.series.reduce((n, s) => n + s.data.reduce((a, b) => a + b, 0), 0)};
        }"""
    )
    assert drawn["version"].startswith("5.")
    assert drawn["sections"] >= 1 and drawn["bars"] == 2  # bob's task and charlie's
    # The chart is hidden from screen readers; the table beside it has the same numbers.
    assert chart.get_attribute("aria-hidden") == "true"
    assert page.locator("section.card table tbody tr").first.is_visible()
    page.screenshot(path=screenshots / "dashboard.png", full_page=True)
    assert (screenshots / "dashboard.png").stat().st_size > 0
    assert browser.errors == []

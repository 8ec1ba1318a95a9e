"""Many plans and a tree of jurisdictions in real Chromium: two plans of one city and one of a
county; the office switches between them from the header, sees the county rolled up in the
city's overview and drills down to it; a report imported for a new county lands on its draft
in the 分工 editor, which refuses to publish until the missing leads are accepted.
Screenshots at 1366 and 390 px wide."""

from datetime import date

from luoshi.tracking import statuses
from luoshi.tracking.models import Jurisdiction, Plan, Task

WIDE = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
REPORT = "二是聚焦项目。谋划包装项目200个以上。新增城镇就业1万人。深入开展招商引资攻坚。\n"


def add_plan(jurisdiction, title, kind, tasks, department=None):
    plan = Plan.objects.create(
        jurisdiction=jurisdiction, year=2022, title=title, kind=kind, source_name="x.txt",
        source_text="。".join(tasks) + "。", source_sha256=title.encode().hex()[:64].ljust(64, "0"),
        state=Plan.PUBLISHED,
    )  # fmt: skip
    at = 0
    for number, text in enumerate(tasks, 1):
        Task.objects.create(
            plan=plan, code=f"T{number:03d}", order=number, text=text, start=at,
            end=at + len(text), lead=department, deadline=date(2022, 6 if number == 1 else 12, 30),
        )  # fmt: skip
        at += len(text) + 1
    statuses.refresh_plan(plan)
    return plan


def test_plans_of_a_city_and_its_counties(
    browser, screenshots, city, alice, ndrc, plan, bobs_task, charlies_task
):
    page = browser.page
    county = Jurisdiction.objects.create(name="东丰县", level="county", parent=city)
    Jurisdiction.objects.create(name="东辽县", level="county", parent=city)
    livelihood = add_plan(
        city, "2022年民生实事", "livelihood", ["新建幼儿园3所", "改造老旧小区20个"]
    )
    county_tasks = ["新增就业2000人", "建设高标准农田5万亩", "完成造林1万亩"]
    county_plan = add_plan(county, "东丰县政府工作报告", "report", county_tasks)

    def shot(name):
        for label, size in (("1366", WIDE), ("390", PHONE)):
            page.set_viewport_size(size)
            page.screenshot(path=screenshots / f"{name}-{label}.png", full_page=True)
            if size is PHONE:
                width = page.evaluate("document.documentElement.scrollWidth")
                assert width <= PHONE["width"], (name, width)
        page.set_viewport_size(WIDE)

    page.set_viewport_size(WIDE)
    browser.log_in("alice")
    # The latest active plan opens; the header names it and lists both of the city's plans.
    assert "民生实事" in page.locator("h1").inner_text()
    assert "执行中" in page.locator(".plan-bar").inner_text()
    page.locator(".plan-switch summary").click()
    menu = page.locator(".plan-switch ul")
    assert "辽源市 2022 辽源市政府工作报告" in menu.inner_text()
    assert "东丰县 2022" in menu.inner_text()
    shot("01-city-overview-switcher")
    menu.get_by_role("link", name="辽源市政府工作报告").click()
    page.wait_for_url(f"**/plans/{plan.pk}/overview/")
    assert page.locator("h1").inner_text().startswith("辽源市 2022 辽源市政府工作报告")
    # The page says which plan it shows and links the other one.
    assert page.locator(".plan-bar").get_by_role("link", name="2022 2022年民生实事").count() == 1

    # The county rolled up: its status counts per plan, from the stored status columns.
    rollup = page.locator("#rollup")
    row = rollup.locator("tr", has_text="东丰县")
    cells = row.locator("td").all_inner_texts()
    assert cells[-2] == "3"  # three tasks
    assert sum(int(c) for c in cells[2:-2]) == 3
    assert "尚无 2022 年方案" in rollup.locator("tr", has_text="东辽县").inner_text()
    shot("02-city-overview-rollup")
    row.get_by_role("link").click()
    page.wait_for_url(f"**/plans/{county_plan.pk}/overview/")
    assert page.locator("h1").inner_text().startswith("东丰县 2022")
    shot("03-county-overview")

    # The plan list: every plan by jurisdiction and year; archiving keeps a plan readable.
    browser.go("/plans/")
    assert page.locator("section.card").count() == 2
    page.locator("tr", has_text="民生实事").get_by_role("button", name="归档").click()
    page.wait_for_url("**/plans/")
    assert "已归档" in page.locator("tr", has_text="民生实事").inner_text()
    shot("04-plan-list")
    browser.go(f"/plans/{livelihood.pk}/")
    assert "已归档" in page.locator(".plan-bar").inner_text()

    # A report for a county that has no plan yet: chosen from a list, it lands on its draft.
    path = screenshots.parent / "东辽县2022.txt"
    path.write_text(REPORT, encoding="utf-8")
    browser.go("/import/")
    options = page.locator("#id_jurisdiction option").all_inner_texts()
    assert sorted(options) == sorted(["辽源市", "东丰县", "东辽县"])
    page.select_option("#id_jurisdiction", label="东辽县")
    page.set_input_files("#id_file", str(path))
    page.fill("#id_year", "2022")
    page.get_by_role("button", name="读取并起草分工方案").click()
    page.wait_for_url("**/preview/")
    draft = Plan.objects.get(jurisdiction__name="东辽县")
    assert page.url.endswith(f"/plans/{draft.pk}/preview/")
    assert "东辽县" in page.locator("h1").inner_text()
    assert "草稿" in page.locator("h1").inner_text()
    shot("05-new-county-draft-editor")

    # Publishing refuses while tasks have no lead, and says which; accepted, it goes through.
    # The first task's lead taken away and saved: the check must now find it.
    first = draft.tasks.order_by("order").first()
    page.select_option(f"#id_lead-{first.pk}", "")
    page.get_by_role("button", name="保存本页").click()
    page.wait_for_url("**/preview/**")
    assert Task.objects.get(pk=first.pk).lead is None
    page.get_by_role("button", name="发布方案").click()
    page.wait_for_url("**/preview/**")
    assert "未发布" in page.locator(".messages").inner_text()
    assert first.code in page.locator("#publish").inner_text()
    assert Plan.objects.get(pk=draft.pk).state == Plan.DRAFT
    shot("06-publish-refused")
    for box in page.locator("#publish input[type=checkbox]").all():
        box.check()
    page.get_by_role("button", name="发布方案").click()
    page.wait_for_url(f"**/plans/{draft.pk}/")
    assert Plan.objects.get(pk=draft.pk).state == Plan.PUBLISHED
    assert browser.errors == []

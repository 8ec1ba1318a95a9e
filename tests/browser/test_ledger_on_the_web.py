"""The project ledger and 基础数据 in Chromium: a liaison enters a project, the office takes it
in, binds a target with a preview, and adds a person; screenshots on a desktop and a phone."""

from datetime import date

from luoshi.ledger.models import Binding, Project
from luoshi.tracking.models import Target, Task

PHONE = {"width": 390, "height": 844}


def test_a_project_goes_from_a_department_to_a_bound_target(
    browser, screenshots, bob, alice, plan, ndrc
):
    task = Task.objects.create(plan=plan, code="T9", order=9, text="签约项目10个。", start=0,
                               end=7, lead=ndrc, original_lead=ndrc,
                               deadline=date(2022, 12, 31))  # fmt: skip
    target = Target.objects.create(task=task, text="签约项目10个", start=0, end=6, value=10,
                                   original_value=10, unit="个", indicator="签约项目")  # fmt: skip
    page = browser.page
    browser.log_in("bob", lands_on="/departments/mine/")
    browser.go("/ledger/projects/new/")
    page.fill("#id_name", "东丰物流园")
    page.fill("#id_total_investment", "6000")
    page.select_option("#id_stage", "signed")
    page.fill("#id_stage_since", "2022-05-01")
    page.screenshot(path=screenshots / "ledger-new-project.png", full_page=True)
    page.get_by_role("button", name="保存").click()
    page.wait_for_url("**/ledger/projects/*/")
    assert "待督查室审核" in page.content()
    project = Project.objects.get()
    assert project.entry == Project.PENDING and project.total_investment == 60_000_000
    browser.log_out()

    browser.log_in("alice")
    browser.go(f"/ledger/projects/{project.pk}/")
    page.select_option("#id_decision", "approved")
    page.get_by_role("button", name="提交审核意见").click()
    page.wait_for_url("**/ledger/projects/pending/")
    browser.go("/ledger/funnel/")
    page.locator("#chart-funnel canvas").first.wait_for()
    bars = page.evaluate(
        """() => echarts.getInstanceByDom(document.getElementById("chart-funnel")).getOption()
        .series.map((s) => s.data.reduce((a, b) => a + b, 0))"""
    )
    assert bars[0] == 2 and sum(bars) == 2  # the signed project, in 全市 and in 市本级
    page.screenshot(path=screenshots / "ledger-funnel.png", full_page=True)
    browser.go(f"/tasks/{task.pk}/")
    page.get_by_role("link", name="从项目台账计量：签约项目").click()
    page.select_option("#id_stage", "signed")
    page.select_option("#id_window", "in_year")
    page.get_by_role("button", name="预览").click()
    page.wait_for_url("**/bind/?*")
    preview = page.locator("section[aria-live]").inner_text()
    assert "1" in preview
    assert not Binding.objects.exists()
    page.screenshot(path=screenshots / "ledger-bind-preview.png", full_page=True)
    page.set_viewport_size(PHONE)
    page.screenshot(path=screenshots / "ledger-bind-preview-phone.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.get_by_role("button", name="保存").click()
    page.wait_for_url(f"**/ledger/targets/{target.pk}/")
    assert Binding.objects.get().stage == "signed"

    page.set_viewport_size({"width": 1280, "height": 900})
    browser.go("/")
    page.get_by_role("link", name="基础数据").click()
    page.get_by_role("link", name="新增人员").click()
    page.fill("#id_username", "wangming")
    page.fill("#id_first_name", "王明")
    page.select_option("#id_role", "liaison")
    page.select_option("#id_department", str(ndrc.pk))
    page.get_by_role("button", name="保存").click()
    page.wait_for_url("**/basedata/")
    assert "wangming" in page.content() and "临时密码" in page.content()
    page.screenshot(path=screenshots / "basedata.png", full_page=True)
    assert browser.errors == []

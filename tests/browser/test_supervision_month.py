"""One whole month of the supervision cycle in real Chromium: the office publishes the 分工 →
签收 → reminder → reports by a
supporting and a lead department → the office returns one and approves the rest in a batch →
the lead department asks for a 延期, which the leader overseeing it approves on their home →
a leader's 批示 → the department's answer → the office closes a task → the 考评 table.
Every step leaves a screenshot."""

from datetime import date
from pathlib import Path

from luoshi.notices.send import remind
from luoshi.tracking.models import ChangeRequest, Instruction, Plan, ProgressReport, Task


def test_one_month_of_supervision(
    browser, screenshots, settings, alice, bob, charlie, dana, commerce, bobs_task, charlies_task
):
    page = browser.page
    shots: list[Path] = []

    def shot(name: str) -> None:
        path = screenshots / f"{len(shots) + 1:02d}-{name}.png"
        page.screenshot(path=path, full_page=True)
        shots.append(path)

    bobs_task.supporting.add(commerce)
    settings.LUOSHI_LEADER_APPROVAL = True
    dana.membership.portfolio.add(bobs_task.lead, commerce)  # 分管

    # The office publishes the plan from the 分工 editor (accepting what it still lacks).
    plan = bobs_task.plan
    Plan.objects.filter(pk=plan.pk).update(state=Plan.DRAFT)
    browser.log_in("alice", lands_on=f"/plans/{plan.pk}/preview/")  # its only plan, a draft
    page.get_by_role("button", name="发布方案").click()
    page.wait_for_url("**/plans/**")
    for box in page.locator("#publish input[type=checkbox]").all():
        box.check()
    if Plan.objects.get(pk=plan.pk).state == Plan.DRAFT:
        page.get_by_role("button", name="发布方案").click()
        page.wait_for_url(f"**/plans/{plan.pk}/")
    assert Plan.objects.get(pk=plan.pk).state == Plan.PUBLISHED
    shot("office-publishes")
    browser.log_out()

    # 签收: bob acknowledges his task and names who answers for it.
    browser.log_in("bob", lands_on="/departments/mine/")
    page.get_by_label("T001", exact=False).check()
    page.get_by_label("责任人").fill("张三")
    page.get_by_label("联系电话").fill("0437-3221234")
    page.get_by_role("button", name="签收", exact=True).click()
    page.wait_for_url("**/departments/mine/")
    shot("liaison-acknowledges")

    # The daily reminders: June is not reported after the 5th.
    remind(date(2022, 7, 10))
    browser.go("/notices/")
    assert "【到期未报】T001" in page.locator("main").inner_text()
    shot("liaison-reminded")
    browser.log_out()

    # The supporting department reports its part; then its own task, as lead.
    browser.log_in("charlie", lands_on="/departments/mine/")
    browser.go(f"/tasks/{bobs_task.pk}/")
    page.locator("#id_part_period").fill("2022-06")
    page.locator("#id_part_narrative").fill("已对接签约企业3家，提供项目线索12条。")
    page.get_by_role("button", name="报送本单位承担部分").click()
    page.wait_for_url(f"**/tasks/{bobs_task.pk}/")
    browser.go(f"/tasks/{charlies_task.pk}/")
    page.get_by_label("报送期（年-月）").fill("2022-06")
    page.get_by_label("完成进度（%）").fill("45")
    page.get_by_label("进展情况").fill("已开展招商推介活动3场。")
    page.get_by_role("button", name="报送", exact=True).click()
    page.wait_for_url(f"**/tasks/{charlies_task.pk}/")
    shot("supporting-and-lead-report")
    browser.log_out()

    # The lead department sees the part and reports the consolidated figure.
    browser.log_in("bob", lands_on="/departments/mine/")
    browser.go(f"/tasks/{bobs_task.pk}/")
    assert "已对接签约企业3家" in page.locator("section.contributions").inner_text()
    page.get_by_label("报送期（年-月）").fill("2022-06")
    page.get_by_label("累计完成值").fill("120")
    page.get_by_label("进展情况").fill("已谋划包装项目120个（含商务局对接项目12个）。")
    page.get_by_role("button", name="报送", exact=True).click()
    page.wait_for_url(f"**/tasks/{bobs_task.pk}/")
    shot("lead-consolidated-report")
    # ...and asks for a 延期, which waits for the leader overseeing the department.
    change = page.locator("form[action$='/request-change/']")
    change.locator("[name=kind]").select_option("deadline_extended")
    change.locator("[name=deadline]").fill("2023-03-31")
    change.locator("[name=reason]").fill("受项目审批进度影响，申请延期至2023年一季度。")
    change.get_by_role("button", name="提交申请").click()
    page.wait_for_url(f"**/tasks/{bobs_task.pk}/")
    assert "待处理" in page.locator("section.changes").inner_text()
    browser.log_out()

    # The office returns one report with a common reason and approves the rest in a batch.
    browser.log_in("alice")
    browser.go("/review/")
    shot("office-review-queue")
    card = page.locator("section.review", has_text=charlies_task.code)
    card.locator("select[name=preset]").select_option(index=1)
    card.get_by_role("button", name="退回").click()
    page.wait_for_url("**/review/")
    page.locator("input[name=reports]").first.check()
    page.get_by_role("button", name="批量通过所选报送").click()
    page.wait_for_url("**/review/")
    assert "已批量审核通过1条报送" in page.locator(".messages").inner_text()
    states = dict(ProgressReport.objects.values_list("task__code", "state"))
    assert states == {bobs_task.code: "approved", charlies_task.code: "returned"}
    shot("office-returned-and-approved")
    browser.log_out()

    # The leader lands on their portfolio and approves the 延期 with a note.
    browser.log_in("dana", lands_on="/leader/")
    main = page.locator("main").inner_text()
    assert "分管工作" in main and commerce.name in main and "待您审批的申请" in main
    shot("leader-portfolio")
    page.locator("form.decide input[name=note]").fill("同意延期，请倒排工期。")
    page.locator("form.decide").get_by_role("button", name="通过").click()
    page.wait_for_url("**/leader/")
    assert ChangeRequest.objects.get().state == ChangeRequest.APPROVED
    assert str(Task.objects.get(pk=bobs_task.pk).deadline) == "2023-03-31"

    # A leader's 批示; the department answers it on its home.
    browser.go(f"/tasks/{bobs_task.pk}/")
    page.locator("#id_instruction").fill("务必于三季度前全面完成谋划任务。")
    page.get_by_role("button", name="发出批示").click()
    page.wait_for_url(f"**/tasks/{bobs_task.pk}/")
    shot("leader-instructs")
    browser.log_out()
    browser.log_in("bob", lands_on="/departments/mine/")
    instruction = Instruction.objects.get()
    page.locator(f"#id_answer_{instruction.pk}").fill("已制定专项方案，按月报送进展。")
    page.get_by_role("button", name="提交答复").click()
    page.wait_for_url("**/departments/mine/")
    shot("department-answers")
    browser.log_out()

    # The office closes a task and reads the month's 考评.
    browser.log_in("alice")
    browser.go(f"/tasks/{bobs_task.pk}/")
    page.get_by_label("销号方式").select_option("completed")
    page.locator("form[action$='/close/'] textarea").fill("年度目标已提前完成")
    page.get_by_role("button", name="销号", exact=True).click()
    page.wait_for_url(f"**/tasks/{bobs_task.pk}/")
    assert "已办结销号" in page.locator("p.reason").inner_text()
    shot("office-closes")
    browser.go("/assessment/?period=2022-06")
    table = page.locator("table").inner_text()
    assert bob.membership.department.name in table and commerce.name in table
    shot("assessment")

    instruction.refresh_from_db()
    assert instruction.answer == "已制定专项方案，按月报送进展。"
    assert browser.errors == []

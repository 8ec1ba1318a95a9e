"""Phones: at 390 × 844 the header stays compact, no page is wider than the screen, and task
tables are cards; a screenshot of each page the brief names."""

import pytest

PHONE = {"width": 390, "height": 844}


@pytest.mark.parametrize(
    ("persona", "pages"),
    [
        ("bob", ["/departments/mine/", "/tasks/{task}/"]),
        ("alice", ["/", "/review/", "/tasks/{task}/", "/exchange/bulletin/"]),
        ("dana", ["/leader/", "/"]),
        (None, ["/public/plans/{plan}/", "/public/tasks/{task}/"]),
    ],
)
def test_pages_fit_a_phone_with_a_compact_header(
    browser, screenshots, request, persona, pages, plan, bobs_task, charlies_task
):
    page = browser.page
    if persona:
        request.getfixturevalue(persona)  # the person exists before logging in
        landing = {"bob": "/departments/mine/", "dana": "/leader/"}  # 我的任务, 分管工作
        browser.log_in(persona, lands_on=landing.get(persona, "/"))
    page.set_viewport_size(PHONE)
    for number, path in enumerate(pages, 1):
        browser.go(path.format(task=bobs_task.pk, plan=plan.pk))
        header = page.evaluate(
            "document.querySelector('header.top').getBoundingClientRect().height"
        )
        width = page.evaluate("document.documentElement.scrollWidth")
        page.screenshot(
            path=screenshots / f"phone-{persona or 'public'}-{number}.png", full_page=True
        )
        assert header <= 110, (path, header)  # brand and tools on one line, the menu on another
        assert width <= PHONE["width"], (path, width)
        for table in page.locator("table.tasks").all():
            assert table.locator("thead").is_hidden()  # rows are cards
    assert browser.errors == []

"""The public page: no login, published plans only, statuses from approved reports only."""

import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from luoshi.public import feedback
from luoshi.public.models import Feedback
from luoshi.tracking import services
from luoshi.tracking.models import Department, Task
from tests.sample import CLAIM, DRAFT_TEXT, add_tasks, view_queries


def visible(page):
    """The page's text, without tags and attributes (a status code may stay in a link)."""
    return re.sub(r"<[^>]+>", "", page)


def get(client, name, *args, **params):
    response = client.get(reverse(f"public:{name}", args=args), params)
    assert response.status_code == 200
    return response.content.decode()


def test_anonymous_visitors_see_published_plans_and_commitments(client, plan, bobs_task):
    assert plan.title in get(client, "index")
    page = get(client, "plan", plan.pk)
    assert bobs_task.code in page
    assert '<strong class="target">谋划包装项目200个以上</strong>' in page


def test_a_draft_plan_never_shows(client, plan, bobs_task, draft_plan):
    assert "草稿方案" not in get(client, "index")
    assert client.get(reverse("public:plan", args=[draft_plan.pk])).status_code == 404
    draft_task = draft_plan.tasks.get()
    assert client.get(reverse("public:task", args=[draft_task.pk])).status_code == 404
    assert DRAFT_TEXT not in get(client, "plan", plan.pk, q="秘密")


def test_unapproved_claims_never_show(client, plan, bobs_task, reports):
    assert "30%" in get(client, "task", bobs_task.pk)  # the approved May report: 60 of 200
    for page in (get(client, "plan", plan.pk), get(client, "task", bobs_task.pk)):
        assert "95%" not in page  # June's claim awaits review
        assert f"{CLAIM:g}" not in page
        assert "待审核" not in page
        # Publicly June counts once its report is approved: until then, no progress is shown
        # for it (not "未报送": the department did report, the office has not reviewed it).
        assert "暂无进展信息" in page and "未报送" not in visible(page)


def test_approval_makes_a_claim_public_at_once(client, alice, plan, bobs_task, reports):
    assert "95%" not in get(client, "task", bobs_task.pk)
    assert "95%" not in get(client, "plan", plan.pk, q="T001")
    services.review_report(alice, reports["submitted"].pk, approve=True)
    assert "95%" in get(client, "task", bobs_task.pk)
    assert "95%" in get(client, "plan", plan.pk, q="T001")


def test_logged_in_staff_still_see_claims_in_the_tracker(client, alice, plan, bobs_task, reports):
    client.force_login(alice)
    page = client.get(reverse("tracking:task", args=[bobs_task.pk])).content.decode()
    assert "95%" in page


@pytest.mark.parametrize(
    ("params", "shown", "hidden"),
    [
        ({"kind": "qualitative"}, "T002", "T001"),
        ({"q": "招商"}, "T002", "T001"),
        ({"q": "t001"}, "T001", "T002"),
        ({"status": "未报送"}, "T001", "NONE"),
    ],
)
def test_filters_and_search(client, plan, bobs_task, charlies_task, params, shown, hidden):
    page = get(client, "plan", plan.pk, **params)
    assert f">{shown}<" in page
    assert f">{hidden}<" not in page


def test_the_department_filter_counts_supporting_departments(
    client, plan, bobs_task, charlies_task, ndrc, commerce
):
    charlies_task.supporting.add(ndrc)
    page = get(client, "plan", plan.pk, department=ndrc.pk)
    assert ">T001<" in page and ">T002<" in page
    page = get(client, "plan", plan.pk, department=commerce.pk)
    assert ">T001<" not in page and ">T002<" in page


def test_the_section_filter(client, plan, bobs_task, charlies_task):
    section = plan.sections.create(
        order=1, level=1, number="二", title="聚焦项目", start=0, end=7, body_end=20
    )
    Task.objects.filter(pk=bobs_task.pk).update(section=section)
    page = get(client, "plan", plan.pk, section=section.pk)
    assert ">T001<" in page and ">T002<" not in page


def test_pages_of_twenty_keep_the_filters(client, plan, ndrc):
    add_tasks(plan, ndrc, 45)
    page = get(client, "plan", plan.pk, kind="target")
    assert page.count('class="card"') == 20
    assert "?kind=target&amp;page=2" in page
    last = get(client, "plan", plan.pk, kind="target", page=3)
    assert last.count('class="card"') == 5


@pytest.mark.parametrize("name", ["index", "plan"])
def test_page_queries_do_not_grow_with_the_number_of_tasks(client, plan, ndrc, name):
    url = reverse(f"public:{name}", args=[plan.pk] if name == "plan" else [])
    add_tasks(plan, ndrc, 3)
    few = view_queries(client, url)
    add_tasks(plan, ndrc, 30)
    Department.objects.create(jurisdiction=plan.jurisdiction, code="x", name="市某局")
    assert view_queries(client, url) == few


def test_the_page_is_chinese_by_default_and_switches_to_english(client, plan, bobs_task):
    assert "政府工作报告" in get(client, "index")
    client.cookies["django_language"] = "en"
    assert "Government work report commitments" in get(client, "index")


def test_no_external_assets(client, plan, bobs_task):
    for page in (get(client, "index"), get(client, "plan", plan.pk)):
        assert "http://" not in page and "https://" not in page and "//cdn" not in page


def test_a_commitment_without_reviewed_progress_says_so_rather_than_not_reported(
    client, plan, bobs_task, charlies_task, reports
):
    page = get(client, "plan", plan.pk, q="T002")  # 商务局 reported; nothing approved yet
    assert "暂无进展信息" in page and "暂无经督查室审核的进展信息" in page
    assert "未报送" not in visible(page)
    task_page = get(client, "task", charlies_task.pk)
    assert "暂无进展信息" in task_page and "2022-06 submitted" not in task_page


def test_the_task_page_has_the_timeline_of_reviewed_updates_without_contacts(
    client, alice, plan, bobs_task, reports
):
    approved = reports["approved"]
    approved.narrative = "本期进展：谋划项目60个\n责任人：王明\u3000联系电话：0437-3210000"
    approved.save(update_fields=["narrative"])
    page = get(client, "task", bobs_task.pk)
    assert "进展动态" in page and "2022-05" in page and "谋划项目60个" in page
    assert "王明" not in page and "0437" not in page
    assert "2022-06 submitted" not in page  # awaiting review: not in the timeline
    cards = get(client, "plan", plan.pk, q="T001")
    assert "最新进展（2022-05，已审核）" in cards and "0437" not in cards


def test_a_card_shows_the_commitments_own_sentence_not_the_whole_paragraph(
    client, plan, bobs_task, charlies_task
):
    page = get(client, "plan", plan.pk, q="T001")
    card = visible(page[page.index('class="commitments"') :])
    assert bobs_task.text[:10] in card
    assert charlies_task.text[:10] not in card  # same paragraph, another commitment


def test_a_message_is_stored_unseen_until_the_office_approves_it(client, alice, plan, bobs_task):
    cache.clear()  # the rate limit's counts
    url = reverse("public:message", args=[bobs_task.pk])
    sent = client.post(
        url, {"name": "张女士", "contact": "13800000000", "text": "请公开项目名单。"}
    )
    assert sent.status_code == 302
    [message] = Feedback.objects.all()
    assert message.state == Feedback.PENDING
    assert "请公开项目名单" not in get(client, "task", bobs_task.pk)
    office = Client()
    office.force_login(alice)
    queue = office.get(reverse("public:feedback_queue")).content.decode()
    assert "请公开项目名单" in queue and "13800000000" in queue
    decided = office.post(reverse("public:moderate", args=[message.pk]), {"decision": "approve"})
    assert decided.status_code == 302
    page = get(client, "task", bobs_task.pk)
    assert "请公开项目名单" in page and "张女士" in page
    assert "13800000000" not in page  # the contact is for the office only


def test_a_rejected_or_empty_message_never_shows(client, alice, plan, bobs_task):
    cache.clear()
    url = reverse("public:message", args=[bobs_task.pk])
    empty = client.post(url, {"text": ""})
    assert empty.status_code == 400 and Feedback.objects.count() == 0
    client.post(url, {"text": "无关的广告内容。"})
    feedback.moderate(alice, Feedback.objects.get(), approve=False)
    assert "无关的广告" not in get(client, "task", bobs_task.pk)


def test_messages_are_rate_limited_per_address(client, settings, plan, bobs_task):
    settings.LUOSHI_FEEDBACK_PER_HOUR = 2
    cache.clear()
    url = reverse("public:message", args=[bobs_task.pk])
    for n in range(2):
        assert client.post(url, {"text": f"第{n}条留言内容"}).status_code == 302
    third = client.post(url, {"text": "第三条留言内容"})
    assert third.status_code == 400 and "一小时后再试" in third.content.decode()
    assert Feedback.objects.count() == 2

"""The 分工 editor on a draft: per-task deadline and checkpoints, merge with the next task,
split at a sentence, drop as not a task, one lead for a section, and a publishing check that
refuses until each class of problem is fixed or accepted."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from luoshi.tracking.models import Event, Plan, Task
from tests.sample import PASSWORD

REPORT = "二是聚焦项目。谋划包装项目200个以上。新增城镇就业1万人。深入开展招商引资攻坚。\n"


@pytest.fixture
def draft(client, alice):
    client.login(username="alice", password=PASSWORD)
    client.post(
        reverse("tracking:import"),
        {
            "file": SimpleUploadedFile("r.txt", REPORT.encode()),
            "jurisdiction": "辽源市",
            "year": "2023",
        },
    )
    return Plan.objects.get(year=2023)


def tasks(plan):
    return list(plan.tasks.order_by("order"))


def test_the_editor_saves_a_deadline_and_checkpoints_with_planned_shares(client, draft):
    task = tasks(draft)[0]
    data = {
        f"lead-{task.pk}": str(task.lead_id),
        f"deadline-{task.pk}": "2023-10-31",
        f"nodes-{task.pk}": "2023-03-31 30% 一季度完成30%\n2023-06-30 60% 过半",
    }
    response = client.post(reverse("tracking:preview", args=[draft.pk]), data)
    assert response.status_code == 302
    task.refresh_from_db()
    assert (task.deadline, task.original_deadline) == (date(2023, 10, 31), date(2023, 10, 31))
    assert [n["share"] for n in task.nodes] == [0.3, 0.6]


def test_a_checkpoint_after_the_deadline_is_refused_and_nothing_is_saved(client, draft):
    task = tasks(draft)[0]
    data = {
        f"lead-{task.pk}": "",
        f"deadline-{task.pk}": "2023-06-30",
        f"nodes-{task.pk}": "2023-09-30 50% 三季度",
    }
    response = client.post(reverse("tracking:preview", args=[draft.pk]), data)
    assert response.status_code == 400
    assert "完成时限" in response.content.decode()
    task.refresh_from_db()
    assert task.lead_id is not None and task.deadline == date(2023, 12, 31)


def test_merging_joins_the_spans_and_targets_and_logs_it(client, draft):
    first, second, *_ = tasks(draft)
    targets = first.targets.count() + second.targets.count()
    client.post(reverse("tracking:merge_task", args=[first.pk]), {"back": "page=1"})
    first.refresh_from_db()
    assert not Task.objects.filter(pk=second.pk).exists()
    assert first.text == draft.source_text[first.start : second.end]
    assert first.targets.count() == targets
    assert Event.objects.filter(verb="merged", task=first, payload__merged=second.code).exists()


def test_splitting_at_a_sentence_makes_a_task_with_the_targets_after_it(client, draft):
    client.post(reverse("tracking:merge_task", args=[tasks(draft)[0].pk]))
    merged = tasks(draft)[0]
    at = draft.source_text.index("新增城镇")
    response = client.post(reverse("tracking:split_task", args=[merged.pk]), {"at": str(at)})
    assert response.status_code == 302
    first, second = tasks(draft)[:2]
    assert first.text.endswith("以上。") and second.text.startswith("新增城镇就业")
    assert [t.text for t in second.targets.all()] == ["新增城镇就业1万人"]
    assert second.code == f"{first.code}-2"


def test_a_split_inside_a_sentence_is_refused(client, draft):
    task = tasks(draft)[0]
    before = tasks(draft)
    client.post(reverse("tracking:split_task", args=[task.pk]), {"at": str(task.start + 2)})
    assert [t.pk for t in tasks(draft)] == [t.pk for t in before]


def test_dropping_a_task_keeps_its_text_in_the_log(client, draft):
    task = tasks(draft)[-1]
    client.post(reverse("tracking:drop_task", args=[task.pk]))
    assert not Task.objects.filter(pk=task.pk).exists()
    event = Event.objects.get(verb="dropped", plan=draft)
    assert event.payload["text"] == task.text


def test_one_lead_for_every_task_of_a_filter_result(client, draft, ndrc):
    Task.objects.filter(plan=draft).update(lead=None)
    response = client.post(
        reverse("tracking:bulk_assign", args=[draft.pk]),
        {"lead": str(ndrc.pk), "back": "missing=lead"},
    )
    assert response["Location"].endswith("?missing=lead")
    assert set(draft.tasks.values_list("lead_id", flat=True)) == {ndrc.pk}


def test_publishing_refuses_until_each_class_of_problem_is_fixed_or_accepted(client, draft):
    first, second, *_ = tasks(draft)
    Task.objects.filter(pk=first.pk).update(lead=None)
    Task.objects.filter(pk=second.pk).update(deadline=None)
    url = reverse("tracking:publish", args=[draft.pk])
    client.post(url, {"accept-lead": "on"})
    assert Plan.objects.get(pk=draft.pk).state == Plan.DRAFT
    page = client.get(reverse("tracking:preview", args=[draft.pk])).content.decode()
    assert "缺少牵头单位的任务" in page and first.code in page
    client.post(url, {"accept-lead": "on", "accept-deadline": "on"})
    assert Plan.objects.get(pk=draft.pk).state == Plan.PUBLISHED
    event = Event.objects.get(verb="published", plan=draft)
    assert event.payload["accepted"] == {"lead": 1, "deadline": 1}


def test_after_publishing_the_editor_changes_nothing(client, draft):
    client.post(reverse("tracking:publish", args=[draft.pk]))
    assert Plan.objects.get(pk=draft.pk).state == Plan.PUBLISHED
    task = tasks(draft)[0]
    client.post(reverse("tracking:drop_task", args=[task.pk]))
    client.post(reverse("tracking:merge_task", args=[task.pk]))
    assert Task.objects.filter(pk=task.pk).exists()
    assert len(tasks(draft)) == 3


def test_the_editor_shows_one_section_at_a_time_with_pages(client, draft, monkeypatch):
    monkeypatch.setattr("luoshi.tracking.editor.PAGE_SIZE", 2)
    page = client.get(reverse("tracking:preview", args=[draft.pk])).content.decode()
    assert page.count('class="card preview"') == 2
    assert "第 1 页，共 2 页" in page or "page=2" in page

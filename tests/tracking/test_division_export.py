"""The 分工方案 .xlsx downloaded from a plan shows the plan as it stands: after merging,
splitting, dropping, a lead or deadline changed in the 分工 editor, and after revisions of the
published plan."""

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from luoshi.tracking import services
from luoshi.tracking.models import Plan
from tests.sample import PASSWORD

REPORT = (
    "二是聚焦项目。谋划包装项目200个以上。新增城镇就业1万人。深入开展招商引资攻坚。"
    "全面推进乡村振兴。加快建设数字政府。\n"
)


@pytest.fixture
def draft(client, alice, ndrc, commerce):
    client.login(username="alice", password=PASSWORD)
    client.post(
        reverse("tracking:import"),
        {"file": SimpleUploadedFile("r.txt", REPORT.encode()), "jurisdiction": "辽源市",
         "year": "2023"},
    )  # fmt: skip
    return Plan.objects.get(year=2023)


def tasks(plan):
    return list(plan.tasks.order_by("order"))


def sheet_rows(client, plan):
    response = client.get(reverse("tracking:division", args=[plan.pk]))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    title = sheet.cell(1, 1).value
    rows = [
        [cell if cell is not None else "" for cell in row]
        for row in sheet.iter_rows(min_row=3, values_only=True)
        if isinstance(row[0], int)  # task rows are numbered; section rows are not
    ]
    return title, rows


def test_the_workbook_follows_the_editor_and_the_revisions(client, alice, draft, ndrc, commerce):
    first, second, third, fourth, *_ = tasks(draft)
    assert len(tasks(draft)) >= 5
    title, rows = sheet_rows(client, draft)
    assert "（草案）" in title and len(rows) == len(tasks(draft))

    client.post(reverse("tracking:merge_task", args=[first.pk]))
    client.post(reverse("tracking:merge_task", args=[third.pk]))  # and split again
    client.post(reverse("tracking:split_task", args=[third.pk]), {"at": str(fourth.start)})
    last = tasks(draft)[-1]
    client.post(reverse("tracking:drop_task", args=[last.pk]))
    merged = tasks(draft)[0]
    edit = {f"lead-{merged.pk}": str(commerce.pk), f"supporting-{merged.pk}": [str(ndrc.pk)],
            f"deadline-{merged.pk}": "2023-06-30", f"nodes-{merged.pk}": ""}  # fmt: skip
    assert client.post(reverse("tracking:preview", args=[draft.pk]), edit).status_code == 302
    merged.refresh_from_db()
    assert merged.lead == commerce and merged.deadline == date(2023, 6, 30)

    title, rows = sheet_rows(client, draft)
    now = tasks(draft)
    assert [r[1] for r in rows] == [t.text.replace("\n", "") for t in now]
    assert rows[0][1].startswith(first.text) and second.text in rows[0][1]
    assert rows[0][3] == commerce.name and rows[0][4] == ndrc.name
    assert rows[0][5] == "2023年6月底前"
    assert last.text not in "".join(r[1] for r in rows)
    assert [r[1] for r in rows[1:3]] == [third.text, fourth.text]
    assert tasks(draft)[2].code == f"{third.code}-2"
    assert [r[0] for r in rows] == list(range(1, len(now) + 1))

    for task in now:  # everything else gets a lead and the year's end
        if task.lead is None or task.deadline is None:
            task.lead, task.deadline = task.lead or ndrc, task.deadline or date(2023, 12, 31)
            task.save()
    client.post(reverse("tracking:publish", args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.state == Plan.PUBLISHED

    target = next(t for t in tasks(draft) if t.targets.exists())
    services.revise(alice, merged, "deadline_extended",
                    {"deadline": date(2023, 9, 30), "reason": "工期调整"})  # fmt: skip
    services.revise(alice, merged, "reassigned", {"lead": ndrc, "reason": "职能划转"})
    goal = target.targets.first()
    raised = goal.value * 2
    services.revise(alice, target, "target_revised",
                    {"target_obj": goal, "value": raised, "reason": "上调"})  # fmt: skip

    title, rows = sheet_rows(client, draft)
    assert "草案" not in title
    assert rows[0][3] == ndrc.name and rows[0][5] == "2023年9月底前"
    row = rows[[t.pk for t in tasks(draft)].index(target.pk)]
    assert f"调整为{raised:g}{goal.unit}" in row[2]


def test_a_draft_workbook_is_the_office_s_only(client, draft, bob):
    client.logout()
    client.login(username=bob.username, password=PASSWORD)
    assert client.get(reverse("tracking:division", args=[draft.pk])).status_code == 404

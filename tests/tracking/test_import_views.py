"""The office uploads a report, checks the drafted tasks against the source, and publishes."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from luoshi.tracking.models import Event, Plan
from tests.sample import PASSWORD

REPORT = "二是聚焦项目。谋划包装项目200个以上。新增城镇就业1万人。\n".encode()


def upload(client, content=REPORT, name="report.txt"):
    return client.post(
        reverse("tracking:import"),
        {"file": SimpleUploadedFile(name, content), "jurisdiction": "辽源市", "year": "2023"},
    )


def test_the_office_uploads_a_report_and_gets_a_draft_to_check(client, alice):
    client.login(username="alice", password=PASSWORD)
    response = upload(client)
    plan = Plan.objects.get(year=2023)
    assert response["Location"] == reverse("tracking:preview", args=[plan.pk])
    assert plan.state == Plan.DRAFT
    page = client.get(response["Location"]).content.decode()
    assert '<strong class="target">' in page


def test_uploading_the_same_report_again_adds_nothing(client, alice):
    client.login(username="alice", password=PASSWORD)
    upload(client)
    upload(client)
    assert Plan.objects.filter(year=2023).count() == 1


def test_an_unreadable_upload_gets_a_chinese_error(client, alice):
    client.login(username="alice", password=PASSWORD)
    response = upload(client, name="report.exe")
    assert response.status_code == 400
    assert "请上传" in response.content.decode()
    assert not Plan.objects.filter(year=2023).exists()


def test_the_office_sets_departments_and_publishes(client, alice, ndrc, commerce):
    client.login(username="alice", password=PASSWORD)
    upload(client)
    plan = Plan.objects.get(year=2023)
    task = plan.tasks.first()
    data = {f"lead-{t.pk}": "" for t in plan.tasks.all()}
    data.update({f"lead-{task.pk}": str(ndrc.pk), f"supporting-{task.pk}": [str(commerce.pk)]})
    response = client.post(reverse("tracking:preview", args=[plan.pk]), data)
    assert response.status_code == 302
    # The other task has no lead: publishing refuses until that is accepted explicitly.
    client.post(reverse("tracking:publish", args=[plan.pk]))
    assert Plan.objects.get(pk=plan.pk).state == Plan.DRAFT
    client.post(reverse("tracking:publish", args=[plan.pk]), {"accept-lead": "on"})
    plan.refresh_from_db()
    task.refresh_from_db()
    assert plan.state == Plan.PUBLISHED
    assert (task.lead, task.original_lead) == (ndrc, ndrc)
    assert list(task.supporting.all()) == [commerce]
    assert Event.objects.filter(plan=plan, verb="published").exists()


@pytest.mark.parametrize("persona", ["bob", "dana"])
def test_only_the_office_imports(client, request, persona):
    client.login(username=request.getfixturevalue(persona).username, password=PASSWORD)
    assert client.get(reverse("tracking:import")).status_code == 403
    assert upload(client).status_code == 403
    assert not Plan.objects.filter(year=2023).exists()

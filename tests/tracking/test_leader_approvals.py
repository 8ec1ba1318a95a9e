"""延期 and target changes: requested by a department or entered by the office, pending until a
leader of the department's portfolio (分管) decides; superseded checkpoints are kept."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from luoshi.tracking import leaders, services
from luoshi.tracking.forms import RevisionForm
from luoshi.tracking.leader_forms import ChangeRequestForm
from luoshi.tracking.models import ChangeRequest, Event, Task

pytestmark = pytest.mark.django_db


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def approval(settings, as_of):
    settings.LUOSHI_LEADER_APPROVAL = True


@pytest.fixture
def ndrc_leader(dana, ndrc):
    dana.membership.portfolio.add(ndrc)
    return dana


def ask_extension(client, task, deadline="2023-06-30", reason="受审批进度影响"):
    url = reverse("tracking:request_change", args=[task.pk])
    return client.post(url, {"kind": "deadline_extended", "deadline": deadline, "reason": reason})


def verbs(task):
    return list(Event.objects.filter(task=task).values_list("verb", flat=True))


def test_an_extension_waits_for_the_leader_and_applies_on_approval(
    approval, bob, ndrc_leader, bobs_task
):
    assert ask_extension(client_for(bob), bobs_task).status_code == 302
    change = ChangeRequest.objects.get()
    assert change.state == ChangeRequest.PENDING and change.requested_by == bob
    bobs_task.refresh_from_db()
    assert bobs_task.deadline == date(2022, 12, 31)  # nothing applies while it is pending
    assert verbs(bobs_task)[-1] == "change_requested"

    home = client_for(ndrc_leader).get(reverse("tracking:leader")).content.decode()
    assert "待您审批的申请" in home and "2023-06-30" in home

    url = reverse("tracking:decide_change", args=[change.pk])
    response = client_for(ndrc_leader).post(url, {"decision": "approve", "note": "同意"})
    assert response.status_code == 302
    change.refresh_from_db()
    bobs_task.refresh_from_db()
    assert (change.state, change.note, change.decided_by) == ("approved", "同意", ndrc_leader)
    assert bobs_task.deadline == date(2023, 6, 30)
    assert bobs_task.original_deadline == date(2022, 12, 31)  # the baseline stays
    assert verbs(bobs_task)[-2:] == ["change_approved", "deadline_extended"]


def test_a_leader_decides_only_for_the_departments_they_oversee(
    approval, bob, dana, commerce, bobs_task
):
    dana.membership.portfolio.add(commerce)  # not bob's department
    ask_extension(client_for(bob), bobs_task)
    change = ChangeRequest.objects.get()
    url = reverse("tracking:decide_change", args=[change.pk])
    assert client_for(dana).post(url, {"decision": "approve"}).status_code == 403
    assert "待您审批" not in client_for(dana).get(reverse("tracking:leader")).content.decode()
    change.refresh_from_db()
    assert change.state == ChangeRequest.PENDING


def test_with_approval_on_the_office_cannot_decide_and_its_revision_waits(
    approval, alice, ndrc_leader, bobs_task
):
    url = reverse("tracking:revise", args=[bobs_task.pk])
    data = {"kind": "deadline_extended", "deadline": "2023-03-31", "reason": "市政府同意"}
    assert client_for(alice).post(url, data).status_code == 302
    bobs_task.refresh_from_db()
    assert bobs_task.deadline == date(2022, 12, 31)
    change = ChangeRequest.objects.get()
    assert change.requested_by == alice
    decide = reverse("tracking:decide_change", args=[change.pk])
    assert client_for(alice).post(decide, {"decision": "approve"}).status_code == 403


def test_without_approval_the_office_decides_the_departments_request(as_of, alice, bob, bobs_task):
    ask_extension(client_for(bob), bobs_task)
    change = ChangeRequest.objects.get()
    decide = reverse("tracking:decide_change", args=[change.pk])
    client_for(alice).post(decide, {"decision": "approve"})
    bobs_task.refresh_from_db()
    assert bobs_task.deadline == date(2023, 6, 30)


def test_a_rejection_needs_a_note_and_changes_nothing(approval, bob, ndrc_leader, bobs_task):
    ask_extension(client_for(bob), bobs_task)
    change = ChangeRequest.objects.get()
    url = reverse("tracking:decide_change", args=[change.pk])
    client = client_for(ndrc_leader)
    response = client.post(url, {"decision": "reject", "note": " "}, follow=True)
    assert "请说明驳回的理由" in response.content.decode()
    change.refresh_from_db()
    assert change.state == ChangeRequest.PENDING
    client.post(url, {"decision": "reject", "note": "理由不充分，按期完成"})
    change.refresh_from_db()
    bobs_task.refresh_from_db()
    assert change.state == ChangeRequest.REJECTED and change.note == "理由不充分，按期完成"
    assert bobs_task.deadline == date(2022, 12, 31)
    assert verbs(bobs_task)[-1] == "change_rejected"
    again = client.post(url, {"decision": "approve"}, follow=True)
    assert "该申请已审批过" in again.content.decode()


def test_an_extension_must_be_later_than_the_current_deadline(approval, bob, alice, bobs_task):
    response = ask_extension(client_for(bob), bobs_task, deadline="2022-12-31")
    assert response.status_code == 400
    assert "延期后的时限须晚于现在的完成时限（2022-12-31）" in response.content.decode()
    revise = reverse("tracking:revise", args=[bobs_task.pk])
    data = {"kind": "deadline_extended", "deadline": "2022-11-30", "reason": "提前"}
    assert client_for(alice).post(revise, data).status_code == 400
    assert not ChangeRequest.objects.exists()
    form = RevisionForm(bobs_task, {"kind": "deadline_extended", "deadline": "2023-01-31",
                                    "reason": "延期"})  # fmt: skip
    assert form.is_valid(), form.errors


def test_an_approval_that_is_no_longer_later_is_refused(approval, alice, bob, bobs_task, dana):
    dana.membership.portfolio.add(bobs_task.lead)
    ask_extension(client_for(bob), bobs_task, deadline="2023-03-31")
    change = ChangeRequest.objects.get()
    services.revise(alice, bobs_task, "deadline_extended",
                    {"deadline": date(2023, 6, 30), "reason": "另行延期"})  # fmt: skip
    with pytest.raises(leaders.Stale):
        leaders.decide(dana, change.pk, True, "")
    change.refresh_from_db()
    assert change.state == ChangeRequest.PENDING


def test_only_the_lead_liaison_may_ask(approval, charlie, dana, bobs_task):
    for user in (charlie, dana):
        assert ask_extension(client_for(user), bobs_task).status_code == 403
    assert not ChangeRequest.objects.exists()


def test_a_target_change_request_applies_the_new_value(approval, bob, ndrc_leader, bobs_task):
    target = bobs_task.targets.get()
    form = ChangeRequestForm(bobs_task, {"kind": "target_revised", "target": str(target.pk),
                                         "value": "180", "reason": "项目调整"})  # fmt: skip
    assert form.is_valid(), form.errors
    change = leaders.request_change(bob, bobs_task, form.cleaned_data)
    leaders.decide(ndrc_leader, change.pk, True, "同意调整")
    target.refresh_from_db()
    assert (target.value, target.original_value) == (180, 200)


def test_revised_and_extended_checkpoints_are_kept_as_superseded(as_of, alice, bobs_task):
    first = [{"on": "2022-06-30", "share": 0.5, "label": "过半"},
             {"on": "2022-12-31", "share": 1.0, "label": "完成"}]  # fmt: skip
    services.revise(alice, bobs_task, "nodes_revised", {"nodes": first, "reason": "设节点"})
    second = [{"on": "2022-09-30", "share": 0.6, "label": "三季度"},
              {"on": "2022-12-31", "share": 1.0, "label": "完成"}]  # fmt: skip
    services.revise(alice, bobs_task, "nodes_revised", {"nodes": second, "reason": "调整"})
    bobs_task.refresh_from_db()
    assert [n["label"] for n in bobs_task.superseded_nodes] == ["过半"]
    assert bobs_task.superseded_nodes[0]["by"] == "nodes_revised"

    services.revise(alice, bobs_task, "deadline_extended",
                    {"deadline": date(2023, 3, 31), "reason": "延期"})  # fmt: skip
    task = Task.objects.get(pk=bobs_task.pk)
    assert [n["on"] for n in task.nodes] == ["2022-09-30", "2023-03-31"]
    assert [(n["on"], n["by"]) for n in task.superseded_nodes[1:]] == [
        ("2022-12-31", "deadline_extended")
    ]
    event = Event.objects.filter(task=task, verb="deadline_extended").get()
    assert event.payload["superseded"][0]["on"] == "2022-12-31"

    page = client_for(alice).get(reverse("tracking:task", args=[task.pk])).content.decode()
    assert '<li class="superseded"><del>2022-06-30 过半' in page
    assert "已作废" in page

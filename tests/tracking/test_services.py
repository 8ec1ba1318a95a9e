"""The writes that the pages, the API and the 台账 import share."""

import pytest

from luoshi.tracking import services
from luoshi.tracking.models import Event, Plan, ProgressReport


def report_data(target, **extra):
    data = {"target_obj": target, "period": "2022-06", "value": 120.0, "narrative": "已谋划"}
    return data | extra


def test_a_submission_is_a_report_and_an_event_naming_it(bob, bobs_task):
    report = services.submit_report(bob, bobs_task, report_data(bobs_task.targets.get()))
    assert report.state == ProgressReport.SUBMITTED and report.submitted_by == bob
    [event] = Event.objects.filter(verb="report_submitted")
    assert event.payload == {
        "report": report.pk,
        "period": "2022-06",
        "value": 120.0,
        "percent": None,
        "each_item": "",
    }
    assert event.plan_id == bobs_task.plan_id and event.actor == bob


def test_a_submission_through_another_channel_says_so(bob, bobs_task):
    services.submit_report(bob, bobs_task, report_data(None), via="ledger sheet")
    assert Event.objects.get(verb="report_submitted").payload["via"] == "ledger sheet"


def test_a_report_is_decided_once(alice, bob, bobs_task):
    report = services.submit_report(bob, bobs_task, report_data(bobs_task.targets.get()))
    services.review_report(alice, report.pk, approve=False, reason="  证明材料不全 ")
    report.refresh_from_db()
    assert report.state == ProgressReport.RETURNED and report.return_reason == "证明材料不全"
    with pytest.raises(services.Conflict):
        services.review_report(alice, report.pk, approve=True)
    report.refresh_from_db()
    assert report.state == ProgressReport.RETURNED
    assert list(Event.objects.exclude(verb="report_submitted").values_list("verb", flat=True)) == [
        "report_returned"
    ]


def test_a_plan_is_published_once(alice, plan):
    Plan.objects.filter(pk=plan.pk).update(state=Plan.DRAFT)
    published = services.publish_plan(alice, plan.pk)
    assert published.state == Plan.PUBLISHED and published.published_at is not None
    with pytest.raises(services.Conflict):
        services.publish_plan(alice, plan.pk)
    assert Event.objects.filter(verb="published").count() == 1

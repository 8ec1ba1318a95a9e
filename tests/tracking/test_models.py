import pytest

from luoshi.tracking.models import AppendOnlyError, Event


@pytest.fixture
def event(plan, alice):
    return Event.objects.create(actor=alice, verb="published", plan=plan, reason="开始执行")


def test_events_cannot_be_changed(event):
    event.reason = "改写历史"
    with pytest.raises(AppendOnlyError):
        event.save()


def test_events_cannot_be_deleted(event):
    with pytest.raises(AppendOnlyError):
        event.delete()


def test_events_cannot_be_changed_or_deleted_in_bulk(event):
    with pytest.raises(AppendOnlyError):
        Event.objects.filter(pk=event.pk).update(reason="x")
    with pytest.raises(AppendOnlyError):
        Event.objects.all().delete()
    assert Event.objects.get(pk=event.pk).reason == "开始执行"


def test_a_plan_with_history_cannot_be_deleted(event, plan):
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        plan.delete()


def test_a_liaison_must_belong_to_a_department(bob):
    from django.core.exceptions import ValidationError

    membership = bob.membership
    membership.department = None
    with pytest.raises(ValidationError):
        membership.clean()

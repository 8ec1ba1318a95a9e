"""Logged-in users without a membership see what the public sees, and the demo's office is no
superuser (issue 18, item 14)."""

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from luoshi.tracking.visibility import sees_public_view


@pytest.fixture
def outsider(db):
    return User.objects.create_user("outsider", password="x" * 12)


def test_a_user_without_membership_sees_published_data_only(
    client, outsider, plan, draft_plan, reports, settings
):
    settings.LUOSHI_AS_OF = "2022-07-10"
    client.force_login(outsider)
    assert sees_public_view(outsider)
    plans = client.get("/api/plans/").json()["results"]
    assert [p["id"] for p in plans] == [plan.pk]
    listed = client.get("/api/reports/")
    assert listed.status_code in (200, 403)
    assert listed.status_code == 403 or listed.json()["results"] == []
    [task] = [t for t in client.get("/api/tasks/").json()["results"] if t["lead"]][:1]
    anonymous = client.__class__().get("/api/tasks/").json()["results"]
    assert task["status"] == next(t["status"] for t in anonymous if t["id"] == task["id"])


def test_a_superuser_without_membership_still_sees_everything(db):
    root = User.objects.create_superuser("root", "root@example.org", "x" * 12)
    assert not sees_public_view(root)


@pytest.mark.slow
def test_the_demo_office_is_staff_but_not_a_superuser(db, client, settings):
    settings.LUOSHI_AS_OF = "2022-07-10"
    call_command("demo", no_serve=True)
    office = User.objects.get(username="duchashi")
    assert office.is_staff and not office.is_superuser
    client.force_login(office)
    assert client.get("/admin/tracking/department/").status_code == 200
    assert client.get("/admin/notices/hook/").status_code == 200
    assert client.get("/admin/auth/user/").status_code == 403

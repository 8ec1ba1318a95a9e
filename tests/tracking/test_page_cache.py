"""Whole pages kept under the data versions: served again until something they show is written."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from luoshi.tracking import pagecache, services
from tests.sample import PASSWORD


def fetch(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def report(bob, task, value):
    data = {"target_obj": task.targets.get(), "period": "2022-06", "value": float(value)}
    return services.submit_report(bob, task, data | {"narrative": "已谋划"})


def test_a_kept_page_is_served_until_a_write_shows_on_it(client, settings, alice, bob, bobs_task):
    settings.LUOSHI_AS_OF = "2022-07-10"
    client.login(username="alice", password=PASSWORD)
    url = reverse("tracking:task", args=[bobs_task.pk])
    fetch(client, url)  # sets the CSRF cookie: a page that sets a cookie is not kept
    first, made = fetch(client, url)
    again, kept = fetch(client, url)
    assert again == first and kept < made
    report(bob, bobs_task, 120)
    after, _ = fetch(client, url)
    assert "待审核" in after and "待审核" not in first


def test_pages_are_kept_per_reader(client, settings, alice, bob, bobs_task):
    settings.LUOSHI_AS_OF = "2022-07-10"
    url = reverse("tracking:task", args=[bobs_task.pk])
    client.login(username="bob", password=PASSWORD)
    bobs, _ = fetch(client, url)
    client.logout()
    client.login(username="alice", password=PASSWORD)
    alices, _ = fetch(client, url)
    assert 'name="period"' in bobs and 'name="period"' not in alices  # his report form
    assert ">alice<" in alices and ">bob<" not in alices


def test_the_public_shares_pages_and_never_sees_a_claim(client, settings, alice, bob, bobs_task):
    settings.LUOSHI_AS_OF = "2022-07-10"
    url = reverse("public:task", args=[bobs_task.pk])
    fetch(client, url)
    response = client.get(url)
    assert not response.cookies  # no per-visitor token: the page can be shared
    report(bob, bobs_task, 190)
    claimed, _ = fetch(client, url)
    assert "95%" not in claimed
    services.review_report(alice, bobs_task.reports.get().pk, approve=True)
    approved, _ = fetch(client, url)
    assert "95%" in approved


def test_a_page_with_a_message_is_made_afresh(client, settings, bob, bobs_task):
    settings.LUOSHI_AS_OF = "2022-07-10"
    client.login(username="bob", password=PASSWORD)
    url = reverse("tracking:task", args=[bobs_task.pk])
    fetch(client, url)
    target = bobs_task.targets.get()
    data = {"period": "2022-06", "target": target.pk, "value": 100, "narrative": "已谋划"}
    response = client.post(
        reverse("tracking:submit_report", args=[bobs_task.pk]), data, follow=True
    )
    assert "督查室" in response.content.decode()  # the message, on the fresh page
    assert "督查室将审核" not in fetch(client, url)[0]  # shown once


def test_a_city_write_leaves_another_citys_pages_alone(settings, city, bob, bobs_task):
    from luoshi.tracking.models import Jurisdiction

    other = Jurisdiction.objects.create(name="通化市")
    before = pagecache.read(["epoch", str(other.pk)])[1]
    report(bob, bobs_task, 10)
    assert pagecache.read(["epoch", str(other.pk)])[1] == before
    assert pagecache.read(["epoch", str(city.pk)])[1] != before


def test_the_switch_turns_it_off(client, settings, alice, bobs_task):
    settings.LUOSHI_AS_OF = "2022-07-10"
    settings.LUOSHI_PAGE_CACHE = False
    client.login(username="alice", password=PASSWORD)
    url = reverse("tracking:task", args=[bobs_task.pk])
    fetch(client, url)  # the day's statuses, the CSRF cookie
    assert fetch(client, url)[1] == fetch(client, url)[1]


def test_an_edit_in_the_admin_shows_at_once(client, settings, alice, bobs_task, ndrc):
    from django.contrib.auth.models import User

    settings.LUOSHI_AS_OF = "2022-07-10"
    root = User.objects.create_superuser("root", "root@example.org", "x" * 12)
    client.force_login(root)
    url = reverse("tracking:task", args=[bobs_task.pk])
    assert "市发改委" in fetch(client, url)[0]
    change = reverse("admin:tracking_department_change", args=[ndrc.pk])
    data = {"jurisdiction": ndrc.jurisdiction_id, "code": "fgw", "name": "市发展和改革委员会"}
    data |= {"aliases": "[]"}
    assert client.post(change, data).status_code == 302
    assert "市发展和改革委员会" in fetch(client, url)[0]


def kept_twice(client, url):
    fetch(client, url)  # sets the CSRF cookie: not kept
    fetch(client, url)
    return fetch(client, url)


def test_a_known_reader_gets_a_kept_page_without_a_query(client, settings, alice, bobs_task):
    settings.LUOSHI_AS_OF = "2022-07-10"
    client.login(username="alice", password=PASSWORD)
    _, queries = kept_twice(client, reverse("tracking:task", args=[bobs_task.pk]))
    assert queries == 0  # no session, no user: the shared cache is in this process here


def test_a_session_cookie_is_not_trusted_after_logging_out(client, settings, alice, bobs_task):
    settings.LUOSHI_AS_OF = "2022-07-10"
    client.login(username="alice", password=PASSWORD)
    url = reverse("tracking:task", args=[bobs_task.pk])
    kept_twice(client, url)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    client.logout()
    client.cookies[settings.SESSION_COOKIE_NAME] = cookie  # replayed
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_deactivated_account_sees_no_kept_page(client, settings, bob, bobs_task):
    settings.LUOSHI_AS_OF = "2022-07-10"
    client.login(username="bob", password=PASSWORD)
    url = reverse("tracking:task", args=[bobs_task.pk])
    kept_twice(client, url)
    bob.is_active = False
    bob.save(update_fields=["is_active"])
    assert client.get(url).status_code == 302


def test_a_member_moved_elsewhere_reads_with_the_new_membership(client, settings, bob, bobs_task):
    from luoshi.tracking.models import Department, Jurisdiction

    settings.LUOSHI_AS_OF = "2022-07-10"
    client.login(username="bob", password=PASSWORD)
    url = reverse("tracking:task", args=[bobs_task.pk])
    kept_twice(client, url)
    other = Jurisdiction.objects.create(name="通化市")
    member = bob.membership
    member.jurisdiction = other
    member.department = Department.objects.create(jurisdiction=other, code="fgw", name="发改委")
    member.save()
    assert client.get(url).status_code == 404


def test_an_edit_in_the_admin_makes_every_kept_page_stale(alice, bobs_task):
    from django.contrib.admin.models import CHANGE, LogEntry
    from django.contrib.contenttypes.models import ContentType

    before = pagecache.read(["epoch"])[1]
    LogEntry.objects.create(
        user=alice,
        content_type=ContentType.objects.get_for_model(bobs_task),
        object_id=str(bobs_task.pk),
        object_repr=str(bobs_task),
        action_flag=CHANGE,
    )
    assert pagecache.read(["epoch"])[1] != before

"""Parts of pages are cached under the data version: never stale, never another user's."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from luoshi.tracking import services, versions
from luoshi.tracking.models import DataVersion, Jurisdiction, Membership, Plan
from tests.sample import PASSWORD, make_user


@pytest.fixture(autouse=True)
def mid_year(settings):
    settings.LUOSHI_AS_OF = "2022-07-10"


def draft_plan(city):
    return Plan.objects.create(
        jurisdiction=city,
        year=2023,
        title="草案",
        source_name="draft.txt",
        source_text="",
        source_sha256="1" * 64,
        state=Plan.DRAFT,
    )


def page(client, url, **headers):
    response = client.get(url, headers=headers)
    assert response.status_code == 200
    return response.content.decode()


def test_a_write_through_another_server_reaches_this_one_at_once(client, alice, bobs_task):
    client.force_login(alice)
    url = reverse("tracking:task", args=[bobs_task.pk])
    assert "2022-12-31" in page(client, url)
    # Another app server changes the task and, on commit, the version row: nothing of this
    # process's signals or memory is involved.
    type(bobs_task).objects.filter(pk=bobs_task.pk).update(deadline="2022-09-30")
    assert "2022-12-31" in page(client, url)  # no write seen here: the cached part stays
    DataVersion.objects.update(token="changed-elsewhere")
    assert "2022-09-30" in page(client, url)


def test_the_version_row_is_read_once_per_request(client, alice, bobs_task):
    client.force_login(alice)
    url = reverse("tracking:task", args=[bobs_task.pk])
    page(client, url)
    with CaptureQueriesContext(connection) as queries:
        page(client, url)
    reads = [q for q in queries.captured_queries if "tracking_dataversion" in q["sql"]]
    assert len(reads) == 1
    assert len(queries) == 3  # the session, the user with their membership, the version


def test_a_report_shows_on_the_task_page_at_once(client, alice, bob, bobs_task):
    client.force_login(alice)
    url = reverse("tracking:task", args=[bobs_task.pk])
    assert "No reports yet." in page(client, url, **{"Accept-Language": "en"})
    target = bobs_task.targets.get()
    data = {"target_obj": target, "period": "2022-06", "value": 120, "narrative": "签约落地"}
    services.submit_report(bob, bobs_task, data)
    shown = page(client, url, **{"Accept-Language": "en"})
    assert "签约落地" in shown and "No reports yet." not in shown


def test_each_user_gets_their_own_forms_around_the_shared_parts(client, alice, bob, bobs_task):
    url = reverse("tracking:task", args=[bobs_task.pk])
    client.force_login(alice)
    office = page(client, url)
    client.force_login(bob)
    liaison = page(client, url)
    revise = reverse("tracking:revise", args=[bobs_task.pk])
    submit = reverse("tracking:submit_report", args=[bobs_task.pk])
    assert revise in office and submit not in office
    assert submit in liaison and revise not in liaison
    assert ">bob<" in liaison and ">alice<" not in liaison  # the header is the user's own
    assert 'name="csrfmiddlewaretoken"' in liaison


def test_each_language_has_its_own_parts(client, alice, bobs_task):
    client.force_login(alice)
    url = reverse("tracking:dashboard")
    english = page(client, url, **{"Accept-Language": "en"})
    chinese = page(client, url, **{"Accept-Language": "zh-hans"})
    assert "Department league table" in english
    assert "Department league table" not in chinese


def test_a_plan_cached_for_one_city_is_not_shown_to_another(client, alice, plan, bobs_task):
    client.force_login(alice)
    url = reverse("tracking:plan", args=[plan.pk])
    page(client, url)
    elsewhere = Jurisdiction.objects.create(name="通化市")
    client.force_login(make_user("erin", elsewhere, Membership.OFFICE))
    assert client.get(url).status_code == 404
    assert client.get(reverse("tracking:task", args=[bobs_task.pk])).status_code == 404


def test_a_draft_seen_by_the_office_stays_hidden_from_the_others(client, alice, dana, city):
    url = reverse("tracking:plan", args=[draft_plan(city).pk])
    client.force_login(alice)
    page(client, url)
    client.force_login(dana)
    assert client.get(url).status_code == 404


def navigation(client):
    return page(client, reverse("tracking:dashboard")).split("<nav>")[1].split("</nav>")[0]


def test_publishing_a_plan_updates_everyones_navigation(client, dana, city):
    client.login(username="dana", password=PASSWORD)
    draft = draft_plan(city)
    link = reverse("tracking:plan", args=[draft.pk])
    assert link not in navigation(client)
    draft.state = Plan.PUBLISHED
    draft.save()
    assert link in navigation(client)


def test_with_the_page_cache_off_every_request_renders_afresh(client, settings, alice, bobs_task):
    settings.LUOSHI_PAGE_CACHE = False
    client.force_login(alice)
    url = reverse("tracking:task", args=[bobs_task.pk])
    assert "2022-12-31" in page(client, url)
    type(bobs_task).objects.filter(pk=bobs_task.pk).update(deadline="2022-09-30")
    assert "2022-09-30" in page(client, url)  # no version change needed


def test_a_restore_style_bulk_change_calls_changed(db):
    before = versions.current()
    versions.changed()
    assert versions.current() != before

"""The header links every page a person may use, and no page they may not."""

import re

import pytest
from django.test import Client
from django.urls import reverse


@pytest.fixture(autouse=True)
def as_of(settings):
    settings.LUOSHI_AS_OF = "2022-07-10"


def header_links(client, user):
    client.force_login(user)
    html = client.get(reverse("tracking:dashboard")).content.decode()
    header = html[html.index('<header class="top">') : html.index("</header>")]
    return set(re.findall(r'href="([^"#]+)"', header))


def test_the_office_sees_review_import_bulletin_ledger_public_page_and_api_docs(
    client, alice, ndrc, bobs_task
):
    links = header_links(client, alice)
    assert {
        reverse("tracking:review"),
        reverse("tracking:import"),
        reverse("exchange:bulletin"),
        reverse("ledger:list"),
        reverse("public:index"),
        reverse("api:docs"),
    } <= links
    assert reverse("exchange:progress_workbook", args=[ndrc.pk]) not in links


def test_a_liaison_sees_his_progress_workbook_but_not_the_offices_pages(
    client, bob, ndrc, bobs_task
):
    links = header_links(client, bob)
    assert {
        reverse("tracking:my_department"),
        reverse("exchange:progress_workbook", args=[ndrc.pk]),
        reverse("ledger:list"),
        reverse("public:index"),
        reverse("api:docs"),
    } <= links
    assert not {reverse("tracking:review"), reverse("exchange:bulletin")} & links


def test_a_leader_reads_the_ledger_and_the_bulletin_but_has_no_sheet_to_fill_in(
    client, dana, bobs_task
):
    links = header_links(client, dana)
    assert {reverse("ledger:list"), reverse("exchange:bulletin")} <= links
    assert [link for link in links if link.startswith("/exchange/")] == [
        reverse("exchange:bulletin")
    ]


@pytest.mark.parametrize("persona", ["alice", "bob", "dana"])
def test_every_link_in_the_header_opens(client, request, persona, bobs_task):
    user = request.getfixturevalue(persona)
    for link in header_links(client, user):
        if link.startswith("data:"):
            continue
        assert client.get(link, follow=True).status_code == 200, link


def test_the_public_page_links_the_api_documentation(bobs_task):
    html = Client().get(reverse("public:index")).content.decode()
    assert f'href="{reverse("api:docs")}"' in html

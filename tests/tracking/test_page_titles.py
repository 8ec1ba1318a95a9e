"""Every page names itself in the browser's tab: its own title, then the brand."""

import re

from django.urls import reverse

from tests.sample import PASSWORD

BRAND = " · 落实"


def title(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1).strip()


def test_each_page_of_the_office_has_its_own_title_and_the_brand(
    client, settings, alice, bobs_task
):
    settings.LUOSHI_AS_OF = "2022-07-10"
    client.login(username="alice", password=PASSWORD)
    plan = bobs_task.plan
    urls = [
        reverse("tracking:dashboard"),
        reverse("tracking:plans"),
        reverse("tracking:task", args=[bobs_task.pk]),
        reverse("tracking:review"),
        reverse("tracking:import"),
        reverse("ledger:list"),
        reverse("exchange:bulletin"),
        reverse("public:index"),
        f"/plans/{plan.pk}/",
    ]
    titles = [title(client, url) for url in urls]
    assert all(t.endswith(BRAND) and len(t) > len(BRAND) for t in titles), titles
    assert all(t.count("落实") == 1 or "落实方案" in t for t in titles), titles
    assert len(set(titles)) == len(titles), titles


def test_the_login_page_is_named_too(client, db):
    assert title(client, reverse("login")) == "登录" + BRAND

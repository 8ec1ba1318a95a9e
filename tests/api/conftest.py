"""The public page's fixtures, plus API clients for every persona.

`api(persona)` gives a client logged in by session (CSRF checks on, as in a browser) or, for
"token", a client that sends frank's token (frank is an integration account with the viewer
role); "office-token" sends alice's token.
"""

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token

from luoshi.tracking.models import Membership
from public import conftest as shared

# The shared fixtures and names, re-exported for the tests in this folder.
AS_OF = shared.AS_OF
CLAIM = shared.CLAIM
PASSWORD = shared.PASSWORD
make_user = shared.make_user
alice = shared.alice
as_of = shared.as_of
bob = shared.bob
bobs_task = shared.bobs_task
charlie = shared.charlie
charlies_task = shared.charlies_task
city = shared.city
commerce = shared.commerce
dana = shared.dana
draft_plan = shared.draft_plan
erin = shared.erin
fast_password_hashing = shared.fast_password_hashing
ndrc = shared.ndrc
plan = shared.plan
reports = shared.reports

PERSONAS = ["anonymous", "office", "liaison_a", "liaison_b", "leader", "viewer", "token"]


@pytest.fixture
def frank(city):
    return make_user("frank", city, Membership.VIEWER)


class ApiClient(Client):
    """Sends the CSRF token the way a browser's JavaScript would (X-CSRFToken)."""

    def post_json(self, path, data=None, csrf=True, **extra):
        if csrf and "csrftoken" in self.cookies:
            extra["HTTP_X_CSRFTOKEN"] = self.cookies["csrftoken"].value
        return self.post(path, data or {}, content_type="application/json", **extra)


@pytest.fixture
def api(alice, bob, charlie, dana, erin, frank):
    users = {
        "office": alice,
        "liaison_a": bob,
        "liaison_b": charlie,
        "leader": dana,
        "viewer": erin,
    }

    def make(persona):
        client = ApiClient(enforce_csrf_checks=True)
        if persona in users:
            client.force_login(users[persona])
            client.get("/public/")  # sets the csrftoken cookie, as any page would
        elif persona in ("token", "office-token"):
            owner = frank if persona == "token" else alice
            token = Token.objects.create(user=owner)
            client.defaults["HTTP_AUTHORIZATION"] = f"Token {token.key}"
        return client

    return make

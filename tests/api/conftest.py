"""API clients for every persona, on the shared fixtures of tests/conftest.py (the public
page's day, AS_OF, for every test here).

`api(persona)` gives a client logged in by session (CSRF checks on, as in a browser) or, for
"token", a client that sends frank's token (frank is an integration account with the viewer
role); "office-token" sends alice's token.
"""

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token

from luoshi.tracking.models import Membership
from tests.sample import make_user

PERSONAS = ["anonymous", "office", "liaison_a", "liaison_b", "leader", "viewer", "token"]


@pytest.fixture(autouse=True)
def as_of(as_of):
    return as_of


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
            client.get("/accounts/login/")  # sets the csrftoken cookie, as a form page does
        elif persona in ("token", "office-token"):
            owner = frank if persona == "token" else alice
            token = Token.objects.create(user=owner)
            client.defaults["HTTP_AUTHORIZATION"] = f"Token {token.key}"
        return client

    return make

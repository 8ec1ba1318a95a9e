"""schemathesis against the OpenAPI schema: every operation, as anonymous and as each role, no
server error (issue 18, item 4).

The schema is the app's own and requests go to it in-process through WSGI, inside the test's
transaction. Examples per operation and role are bounded so that CI runs
it in every test run; LUOSHI_SCHEMATHESIS_EXAMPLES raises the count for a longer run.
"""

import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from luoshi.site.wsgi import application

EXAMPLES = int(os.environ.get("LUOSHI_SCHEMATHESIS_EXAMPLES", "5"))
ROLES = ["anonymous", "viewer", "leader", "liaison", "office"]


# The schema /api/schema/ serves, generated without a request (no database at collection time);
# cases are sent to the app through WSGI. (schemathesis' lazy fixture loader needs a pytest
# private attribute that pytest 9 no longer has.)
schema = schemathesis.openapi.from_dict(SchemaGenerator().get_schema(request=None, public=True))
schema.app = application


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    settings.LUOSHI_PAGE_CACHE = False


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """Requests through WSGI end with Django closing old connections, which would close the
    test's own transaction on PostgreSQL; Django's test client disconnects it the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def headers(objects, alice, bob, dana, erin):
    """Each role's request headers: none for anonymous, a token for the others."""
    users = {"viewer": erin, "leader": dana, "liaison": bob, "office": alice}
    tokens = {role: Token.objects.get_or_create(user=user)[0].key for role, user in users.items()}
    sent = {role: {"Authorization": f"Token {key}"} for role, key in tokens.items()}
    return {"anonymous": {}, **sent}


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_no_request_the_schema_allows_gets_a_server_error(case, headers):
    """Each generated request is sent as every role (lazy schemas take no parametrized fixture)."""
    for role in ROLES:
        response = case.call(headers=headers[role])
        case.validate_response(response, checks=[not_a_server_error, response_schema_conformance])

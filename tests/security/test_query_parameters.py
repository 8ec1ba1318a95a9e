"""Query parameters never cause a server error (issue 18, item 4).

Every page of the site that answers GET is asked with every parameter any view reads, set to
values that break naive parsing: integers beyond any database's range, digits that are not
ASCII (², which str.isdigit accepts but int() refuses), non-finite numbers, a NUL byte (which
PostgreSQL refuses in text), a negative id. Each must answer 200 (an empty result), 400, 302 or
404, never 500. The API's endpoints are tested the same way here and by schemathesis in
tests/security/test_schemathesis.py.
"""

import pytest
from django.urls import resolve, reverse

from tests.security.test_access_matrix import EXPECTED, PATTERNS

HOSTILE = ["99999999999999999999999", "²", "1e400", "nan", "-1", "a\x00b", "1.5", "[]"]
# Every parameter a page or an API list reads.
PARAMETERS = [
    "section", "department", "kind", "status", "q", "page", "year", "period", "stage", "tier",
    "plan", "lead", "task", "target", "state", "level", "unit", "code", "jurisdiction",
    "ordering", "page_size", "search", "format",
]  # fmt: skip
API_LISTS = ["plans", "sections", "tasks", "targets", "departments", "reports"]
GET_PAGES = sorted(name for name, (method, _) in EXPECTED.items() if method == "GET")


def url_of(name, objects):
    pattern = dict(PATTERNS)[name]
    return reverse(name, kwargs={key: objects[key] for key in pattern.pattern.regex.groupindex})


def assert_no_server_error(client, url):
    """Each hostile value in every parameter at once (forms check every field, so one field's
    error does not hide another's crash)."""
    failed = []
    for value in HOSTILE:
        response = client.get(url, dict.fromkeys(PARAMETERS, value))
        if response.status_code >= 500:
            failed.append((value, response.status_code))
    assert not failed, (url, failed)


@pytest.fixture
def quiet(settings):
    settings.LUOSHI_PAGE_CACHE = False


@pytest.mark.parametrize("role", ["anonymous", "office"])
@pytest.mark.parametrize("name", GET_PAGES)
def test_no_query_parameter_breaks_a_page(clients, objects, quiet, role, name):
    client = clients(role)
    client.raise_request_exception = False
    assert_no_server_error(client, url_of(name, objects))


@pytest.mark.parametrize("role", ["anonymous", "liaison_a", "office"])
@pytest.mark.parametrize("endpoint", API_LISTS)
def test_no_query_parameter_breaks_an_api_list(clients, objects, quiet, role, endpoint):
    """Each filter alone too: the API refuses a request on its first bad filter."""
    client = clients(role)
    client.raise_request_exception = False
    url = f"/api/{endpoint}/"
    assert_no_server_error(client, url)
    view = resolve(url).func.cls  # type: ignore[attr-defined]
    names = [*view.filterset_class.base_filters, "page", "page_size", "ordering"]
    failed = [
        (name, value, response.status_code)
        for name in names
        for value in HOSTILE
        if (response := client.get(url, {name: value})).status_code >= 500
    ]
    assert not failed, (url, failed)


def test_a_huge_section_on_the_public_page_is_an_empty_list_not_an_error(client, objects):
    plan = reverse("public:plan", args=[objects["plan_id"]])
    for value in ("99999999999999999999999", "²"):
        response = client.get(plan, {"section": value})
        assert response.status_code in (200, 400)
        assert not response.context or not response.context["rows"]


def test_the_api_answers_400_with_the_field_for_a_huge_id(client, objects):
    response = client.get("/api/targets/", {"plan": "99999999999999999999999"})
    assert response.status_code == 400
    assert "plan" in response.json()["errors"]

"""Every API endpoint × every role, generated from the URL conf (issue 8, the API's part).

Each view must name permission classes from luoshi.api.permissions; each class says which roles
it lets through (`allows`) and whether it is read-only. The expected answer of every cell follows
from that, and the test checks it with a real request, so a new endpoint cannot be forgotten:
it appears here by itself, and fails if it names a permission class the matrix does not know.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from rest_framework.permissions import SAFE_METHODS

from luoshi.api.permissions import ANONYMOUS, ROLES, Rule

PERSONA_OF_ROLE = {
    ANONYMOUS: "anonymous",
    "office": "office",
    "liaison": "liaison_a",
    "leader": "leader",
    "viewer": "viewer",
}
# Answers to everyone alike (a JSON 404 for unknown addresses): no data, no permission class.
EXEMPT = {"api:not_found"}


def walk(patterns, namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from walk(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern):
            yield f"{namespace}{entry.name}", entry


def endpoints():
    """(url name, HTTP method, whether it takes an id, permissions) for every API route."""
    found = []
    for name, pattern in walk(get_resolver().url_patterns):
        if not name.startswith("api:"):
            continue
        callback = pattern.callback
        if name in EXEMPT or not hasattr(callback, "cls"):
            assert name in EXEMPT, f"{name} is not a DRF view: give it permission classes"
            continue
        actions = getattr(callback, "actions", None) or {"get": None}
        for method, action in actions.items():
            view = callback.cls(**getattr(callback, "initkwargs", {}))
            view.action = action
            needs_pk = "pk" in pattern.pattern.regex.groupindex
            found.append((name, method.upper(), needs_pk, view.get_permissions()))
    return found


ENDPOINTS = endpoints()


def expected_allowed(role, method, permissions):
    for permission in permissions:
        assert isinstance(permission, Rule), f"{permission!r} is not a luoshi.api permission"
        if role not in permission.allows:
            return False
        if permission.read_only and method not in SAFE_METHODS:
            return False
    return True


def test_the_matrix_covers_every_endpoint():
    names = {(name, method) for name, method, _, _ in ENDPOINTS}
    assert ("api:report-list", "POST") in names
    assert ("api:plan-publish", "POST") in names
    assert ("api:report-submission", "POST") in names
    assert len(ENDPOINTS) * len(ROLES) == 19 * 5


@pytest.fixture
def objects(plan, draft_plan, bobs_task, reports, ndrc):
    section = plan.sections.create(
        order=1, level=1, number="二", title="聚焦项目", start=0, end=7, body_end=20
    )
    return {
        "plan": plan.pk,
        "section": section.pk,
        "task": bobs_task.pk,
        "target": bobs_task.targets.get().pk,
        "department": ndrc.pk,
        "report": reports["submitted"].pk,
    }


BODIES = {
    "api:plan-publish": {},
    "api:report-review": {"decision": "approve"},
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("name", "method", "needs_pk", "permissions"),
    ENDPOINTS,
    ids=[f"{method} {name}" for name, method, _, _ in ENDPOINTS],
)
def test_each_role_gets_what_its_permission_classes_say(
    api, objects, draft_plan, bobs_task, role, name, method, needs_pk, permissions
):
    client = api(PERSONA_OF_ROLE[role])
    kwargs = {}
    if needs_pk:
        basename = name.split(":")[1].rsplit("-", 1)[0]
        kwargs["pk"] = draft_plan.pk if name == "api:plan-publish" else objects[basename]
    url = reverse(name, kwargs=kwargs)
    if method == "GET":
        response = client.get(url)
    else:
        body = BODIES.get(name)
        if name in ("api:report-list", "api:report-submission"):
            target = bobs_task.targets.get()
            body = {"task": bobs_task.pk, "period": "2022-06", "narrative": "矩阵测试"}
            if name == "api:report-list":
                body |= {"target": target.pk, "value": 1}
            else:
                body["values"] = [{"target": target.pk, "value": 1}]
        response = client.post_json(url, body)
    allowed = expected_allowed(role, method, permissions)
    if allowed:
        assert response.status_code in (200, 201), (response.status_code, response.content[:300])
    else:
        assert response.status_code == (401 if role == ANONYMOUS else 403), response.content

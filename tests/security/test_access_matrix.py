"""Every role × every URL pattern of the site, generated from the URL conf (issue 8, item 6).

`EXPECTED` names who may use each pattern. A pattern that is not in it fails
test_every_url_pattern_is_classified, so a new view cannot ship unclassified. Each cell is a real
request: GET for pages, POST (an empty form, no CSRF here: see test_csrf.py) for writes.
Allowed means the view answered (200, 302 elsewhere, or 400 for the empty form); anonymous
callers and token-only callers must be sent to the login page; everyone else gets 403 or 404.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

ROLES = ["anonymous", "token", "viewer", "leader", "liaison_a", "liaison_b", "office"]
MEMBERS = {"viewer", "leader", "liaison_a", "liaison_b", "office"}
EVERYONE = {"anonymous", "token", *MEMBERS}
OFFICE = {"office"}
LEAD = {"liaison_a", "office"}  # bob's department leads the task, the project, the sheet
ONLY_LIAISON_A = {"liaison_a"}  # reporting: the office reviews, it does not report
BULLETIN = {"office", "leader"}  # the office makes the 督查通报, the leaders read it

# url name → (method, roles allowed). Everything not public also needs a login.
EXPECTED: dict[str, tuple[str, set[str]]] = {
    "login": ("GET", EVERYONE),
    "logout": ("POST", EVERYONE),
    "set_language": ("POST", EVERYONE),
    "public:index": ("GET", EVERYONE),
    "public:plan": ("GET", EVERYONE),
    "public:task": ("GET", EVERYONE),
    "public:message": ("GET", EVERYONE),
    "public:evidence": ("GET", EVERYONE),  # only files marked public (test_public_evidence.py)
    "public:evidence_flag": ("POST", OFFICE),
    "public:feedback_queue": ("GET", OFFICE),
    "public:moderate": ("POST", OFFICE),
    "media": ("GET", MEMBERS),
    "tracking:dashboard": ("GET", MEMBERS),
    "tracking:home": ("GET", MEMBERS),
    "tracking:plan": ("GET", MEMBERS),
    "tracking:task": ("GET", MEMBERS),
    "tracking:my_department": ("GET", MEMBERS),
    "tracking:department": ("GET", MEMBERS),
    "tracking:preview": ("GET", OFFICE),
    "tracking:plans": ("GET", MEMBERS),
    "tracking:plan_overview": ("GET", MEMBERS),
    "tracking:plan_state": ("POST", OFFICE),
    "tracking:plan_pace": ("POST", OFFICE),
    "tracking:division": ("GET", MEMBERS),
    "tracking:bulk_assign": ("POST", OFFICE),
    "tracking:publish": ("POST", OFFICE),
    "tracking:merge_task": ("POST", OFFICE),
    "tracking:split_task": ("POST", OFFICE),
    "tracking:drop_task": ("POST", OFFICE),
    "tracking:import": ("GET", OFFICE),
    "tracking:job": ("GET", OFFICE),  # the job's owner and the office of its jurisdiction
    "tracking:review": ("GET", OFFICE),
    "tracking:submit_report": ("POST", ONLY_LIAISON_A),
    "tracking:revise": ("POST", OFFICE),
    "tracking:review_report": ("POST", OFFICE),
    "tracking:appeal": ("POST", ONLY_LIAISON_A),
    "tracking:decide_appeal": ("POST", OFFICE),
    "tracking:close": ("POST", OFFICE),
    "tracking:contribute": ("POST", {"liaison_b"}),
    "tracking:assessment": ("GET", {"leader", "office"}),
    "tracking:burden": ("GET", OFFICE),
    "tracking:instruct": ("POST", {"leader"}),
    "tracking:instruct_department": ("POST", {"leader"}),
    "tracking:answer": ("POST", ONLY_LIAISON_A),
    "tracking:withdraw": ("POST", ONLY_LIAISON_A),
    "tracking:approve_selected": ("POST", OFFICE),
    "tracking:leader": ("GET", {"leader"}),
    "tracking:request_change": ("POST", ONLY_LIAISON_A),
    # LUOSHI_LEADER_APPROVAL on (the objects fixture): a leader overseeing bob's department
    "tracking:decide_change": ("POST", {"leader"}),
    "notices:inbox": ("GET", MEMBERS),
    "notices:mark_read": ("POST", MEMBERS),
    "notices:urge": ("POST", OFFICE),
    "tracking:reopen": ("POST", OFFICE),
    "ledger:list": ("GET", MEMBERS),
    "ledger:project": ("GET", MEMBERS),
    "ledger:move": ("POST", LEAD),
    "ledger:edit": ("POST", LEAD),
    "ledger:new": ("GET", {"liaison_a", "liaison_b", "office"}),  # a department's own projects
    "ledger:pending": ("GET", MEMBERS),
    "ledger:entry": ("POST", OFFICE),
    "ledger:money": ("POST", LEAD),
    "ledger:bind": ("GET", OFFICE),
    "ledger:unbind": ("POST", OFFICE),
    "ledger:funnel": ("GET", MEMBERS),
    "ledger:alerts": ("GET", MEMBERS),
    "ledger:targets": ("GET", MEMBERS),
    "ledger:target": ("GET", MEMBERS),
    "ledger:import": ("GET", OFFICE),
    "ledger:export": ("GET", MEMBERS),
    "ledger:ranking": ("GET", MEMBERS),
    "ledger:import_muju": ("GET", OFFICE),
    "basedata:index": ("GET", OFFICE),
    "basedata:new_department": ("GET", OFFICE),
    "basedata:department": ("GET", OFFICE),
    "basedata:load_departments": ("GET", OFFICE),
    "basedata:new_jurisdiction": ("GET", OFFICE),
    "basedata:jurisdiction": ("GET", OFFICE),
    "basedata:new_person": ("GET", OFFICE),
    "basedata:person": ("GET", OFFICE),
    "basedata:reset_password": ("POST", OFFICE),
    "basedata:set_active": ("POST", OFFICE),
    "exchange:bulletin": ("GET", BULLETIN),
    "exchange:bulletin_issue": ("GET", BULLETIN),
    "exchange:bulletin_download": ("GET", BULLETIN),
    "exchange:progress_workbook_all": ("GET", OFFICE),
    "exchange:progress_workbook_all_page": ("GET", OFFICE),
    "exchange:progress_workbook": ("GET", LEAD),
    "exchange:progress_workbook_download": ("GET", LEAD),
}
# Namespaces with a matrix of their own, or Django's own access rules.
DELEGATED = {
    "api": "tests/api/test_matrix.py: every API endpoint × role, from the URL conf",
    "admin": "test_the_admin_is_for_staff_only below",
}


def walk(patterns, namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from walk(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern):
            yield f"{namespace}{entry.name}", entry


PATTERNS = list(walk(get_resolver().url_patterns))
CHECKED = sorted({name for name, _ in PATTERNS if name.split(":")[0] not in DELEGATED})


def test_every_url_pattern_is_classified():
    missing = [name for name in CHECKED if name not in EXPECTED]
    assert not missing, (
        f"URL patterns without an access rule: {missing}. Add each to EXPECTED in "
        "tests/security/test_access_matrix.py with the roles that may use it."
    )
    stale = sorted(set(EXPECTED) - set(CHECKED))
    assert not stale, f"EXPECTED names patterns that no longer exist: {stale}"
    print(f"\naccess matrix: {len(ROLES)} roles × {len(CHECKED)} URL patterns = "
          f"{len(ROLES) * len(CHECKED)} cells (plus the API's own matrix)")  # fmt: skip


def login_redirect(response):
    return response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", CHECKED)
def test_each_role_gets_what_the_table_says(clients, objects, role, name):
    method, allowed = EXPECTED[name]
    pattern = dict(PATTERNS)[name]
    kwargs = {key: objects[key] for key in pattern.pattern.regex.groupindex}
    url = reverse(name, kwargs=kwargs)
    client = clients(role)
    response = client.post(url, {}) if method == "POST" else client.get(url)
    status = response.status_code
    if role in allowed:
        assert status in (200, 302, 400), (status, url)
        assert allowed == EVERYONE or not login_redirect(response), url  # logout's is expected
    elif role in ("anonymous", "token"):
        assert login_redirect(response), (status, url)
    else:
        assert status in (403, 404), (status, url)


def test_the_admin_is_for_staff_only(clients, objects):
    admin = [
        (name, p)
        for name, p in PATTERNS
        if name.startswith("admin:") and name not in ("admin:login", "admin:logout")
    ]
    arguments = {"object_id": "1", "app_label": "tracking", "content_type_id": "1", "id": "1"}
    checked = 0
    for role in ROLES:
        client = clients(role)
        for name, pattern in admin:
            if name in ("admin:view_on_site", "admin:None"):
                continue  # a redirect to an object's public page (none defined); the catch-all
            kwargs = {key: arguments[key] for key in pattern.pattern.regex.groupindex}
            response = client.get(reverse(name, kwargs=kwargs))
            assert response.status_code in (302, 405), (role, name, response.status_code)
            if response.status_code == 302:
                assert "/admin/login/" in response["Location"], (role, name)
            checked += 1
    print(f"\nadmin: {checked} role × pattern requests, all sent to the admin login")

"""基础数据 without the admin: the office manages departments, people and jurisdictions of its
own jurisdiction and those below it, and nothing else."""

import re

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from luoshi.tracking import basedata
from luoshi.tracking.models import Department, Jurisdiction, Membership
from tests.sample import PASSWORD, make_user


def login(client, user):
    client.login(username=user.username, password=PASSWORD)


@pytest.fixture
def county(city):
    return Jurisdiction.objects.create(name="东丰县", level="county", parent=city)


@pytest.fixture
def elsewhere(db):
    other = Jurisdiction.objects.create(name="通化市")
    return {
        "place": other,
        "department": Department.objects.create(jurisdiction=other, code="fgw", name="通化发改委"),
        "person": make_user("zoe", other, Membership.LIAISON),
    }


def test_the_office_adds_a_department_with_short_names(client, alice, county):
    login(client, alice)
    data = {"jurisdiction": county.pk, "name": "东丰县发展和改革局", "code": "df-fgj",
            "short_names": "县发改局，发改局、 发改局"}  # fmt: skip
    response = client.post(reverse("basedata:new_department"), data)
    assert response.status_code == 302
    department = Department.objects.get(code="df-fgj")
    assert department.jurisdiction == county
    assert department.aliases == ["县发改局", "发改局"]
    page = client.get(reverse("basedata:department", args=[department.pk]))
    assert page.context["form"]["short_names"].value() == "县发改局、发改局"


def test_a_duplicate_department_is_refused(client, alice, ndrc):
    login(client, alice)
    data = {"jurisdiction": ndrc.jurisdiction_id, "name": ndrc.name, "code": "other"}
    response = client.post(reverse("basedata:new_department"), data)
    assert response.status_code == 400
    assert Department.objects.count() == 1


def test_the_office_creates_a_liaison_who_can_sign_in(client, alice, ndrc, monkeypatch):
    monkeypatch.setattr(basedata, "temporary_password", lambda: "Fresh-Pass-4821")
    login(client, alice)
    data = {"username": "wang", "first_name": "王明", "role": "liaison",
            "jurisdiction": ndrc.jurisdiction_id, "department": ndrc.pk}  # fmt: skip
    response = client.post(reverse("basedata:new_person"), data, follow=True)
    user = User.objects.get(username="wang")
    assert user.membership.department == ndrc and user.membership.role == "liaison"
    [message] = [str(m) for m in response.context["messages"]]
    assert "Fresh-Pass-4821" in message  # shown once, to hand over
    assert user.check_password("Fresh-Pass-4821")
    client.logout()
    assert client.login(username="wang", password="Fresh-Pass-4821")


def test_temporary_passwords_pass_the_validators(alice):
    from django.contrib.auth.password_validation import validate_password

    for _ in range(20):
        validate_password(basedata.temporary_password(), alice)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"role": "liaison", "department": ""}, "department"),
        ({"role": "office"}, "role"),  # office accounts are an administrator's
        ({"username": "bob"}, "username"),
        ({"username": "李 四"}, "username"),
    ],
)
def test_bad_people_are_refused(client, alice, bob, ndrc, changes, field):
    login(client, alice)
    data = {"username": "wang", "first_name": "王明", "role": "viewer",
            "jurisdiction": ndrc.jurisdiction_id, **changes}  # fmt: skip
    response = client.post(reverse("basedata:new_person"), data)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not User.objects.filter(first_name="王明").exists()


def test_a_liaison_of_a_county_needs_a_department_of_that_county(client, alice, ndrc, county):
    login(client, alice)
    data = {"username": "li", "first_name": "李", "role": "liaison", "jurisdiction": county.pk,
            "department": ndrc.pk}  # fmt: skip
    response = client.post(reverse("basedata:new_person"), data)
    assert response.status_code == 400
    assert "department" in response.context["form"].errors


def test_reset_password_and_deactivate(client, alice, bob):
    login(client, alice)
    client.post(reverse("basedata:reset_password", args=[bob.pk]))
    bob.refresh_from_db()
    assert not bob.check_password(PASSWORD)
    client.post(reverse("basedata:set_active", args=[bob.pk]), {"active": "0"})
    bob.refresh_from_db()
    assert not bob.is_active
    client.post(reverse("basedata:set_active", args=[bob.pk]), {"active": "1"})
    bob.refresh_from_db()
    assert bob.is_active


def test_the_office_edits_a_persons_role(client, alice, erin, ndrc):
    login(client, alice)
    data = {"first_name": "Erin", "role": "liaison", "jurisdiction": ndrc.jurisdiction_id,
            "department": ndrc.pk}  # fmt: skip
    assert client.post(reverse("basedata:person", args=[erin.pk]), data).status_code == 302
    erin.membership.refresh_from_db()
    assert erin.membership.role == "liaison" and erin.membership.department == ndrc


def test_the_office_sets_a_leaders_portfolio(client, alice, dana, erin, ndrc, commerce):
    login(client, alice)
    place = ndrc.jurisdiction_id
    data = {"first_name": "Dana", "role": "leader", "jurisdiction": place,
            "portfolio": [ndrc.pk, commerce.pk]}  # fmt: skip
    assert client.post(reverse("basedata:person", args=[dana.pk]), data).status_code == 302
    assert set(dana.membership.portfolio.all()) == {ndrc, commerce}
    page = client.get(reverse("basedata:person", args=[dana.pk])).content.decode()
    assert re.search(rf"value=\"{ndrc.pk}\"[^>]*checked", page)
    # Only leaders oversee departments: a viewer's ticks are not kept.
    data = {"first_name": "Erin", "role": "viewer", "jurisdiction": place, "portfolio": [ndrc.pk]}
    assert client.post(reverse("basedata:person", args=[erin.pk]), data).status_code == 302
    assert not erin.membership.portfolio.exists()


def test_nothing_outside_the_offices_reach(client, alice, elsewhere, city):
    login(client, alice)
    zoe = elsewhere["person"]
    for url in [
        reverse("basedata:department", args=[elsewhere["department"].pk]),
        reverse("basedata:jurisdiction", args=[elsewhere["place"].pk]),
        reverse("basedata:person", args=[zoe.pk]),
    ]:
        assert client.get(url).status_code == 404
        assert client.post(url, {"name": "x"}).status_code == 404
    assert client.post(reverse("basedata:reset_password", args=[zoe.pk])).status_code == 404
    assert client.post(reverse("basedata:set_active", args=[zoe.pk])).status_code == 404
    zoe.refresh_from_db()
    assert zoe.is_active and zoe.check_password(PASSWORD)
    # Nor can the office hang things under another city, or put people there.
    data = {"jurisdiction": elsewhere["place"].pk, "name": "新部门", "code": "x"}
    assert client.post(reverse("basedata:new_department"), data).status_code == 400
    data = {"name": "新区", "level": "district", "parent": elsewhere["place"].pk}
    assert client.post(reverse("basedata:new_jurisdiction"), data).status_code == 400
    page = client.get(reverse("basedata:index")).content.decode()
    assert "通化" not in page and "zoe" not in page


def test_other_offices_and_administrators_are_left_alone(client, alice, city):
    other_office = make_user("olga", city, Membership.OFFICE)
    login(client, alice)
    assert client.get(reverse("basedata:person", args=[other_office.pk])).status_code == 404
    assert client.post(reverse("basedata:set_active", args=[alice.pk])).status_code == 404


def test_a_county_office_reaches_only_its_county(client, city, county, ndrc):
    county_office = make_user("kim", county, Membership.OFFICE)
    login(client, county_office)
    assert client.get(reverse("basedata:department", args=[ndrc.pk])).status_code == 404
    assert client.get(reverse("basedata:jurisdiction", args=[city.pk])).status_code == 404
    data = {"name": "东丰县经济开发区", "level": "district", "parent": county.pk}
    assert client.post(reverse("basedata:new_jurisdiction"), data).status_code == 302
    assert Jurisdiction.objects.get(name="东丰县经济开发区").parent == county


def test_a_jurisdiction_cannot_move_under_itself(client, alice, city, county):
    login(client, alice)
    town = Jurisdiction.objects.create(name="东丰镇", level="district", parent=county)
    data = {"name": county.name, "level": "county", "parent": town.pk}
    response = client.post(reverse("basedata:jurisdiction", args=[county.pk]), data)
    assert response.status_code == 400
    county.refresh_from_db()
    assert county.parent == city


def test_the_nav_links_to_the_pages_not_the_admin(client, alice, plan):
    login(client, alice)
    page = client.get(reverse("basedata:index")).content.decode()
    assert reverse("basedata:index") in page and "/admin/" not in page


@pytest.mark.parametrize(
    "name", ["basedata:new_department", "basedata:new_jurisdiction", "basedata:new_person"]
)
def test_every_form_label_is_chinese(client, alice, name):
    import re

    login(client, alice)
    page = client.get(reverse(name), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    labels = re.findall(r"<label[^>]*>([^<]*)</label>", page)
    assert labels
    assert not [label for label in labels if re.search(r"[A-Za-z]{3,}", label)], labels


def test_a_renamed_department_shows_at_once_on_kept_pages(client, alice, bobs_task, ndrc):
    public = reverse("public:task", args=[bobs_task.pk])
    assert ndrc.name in client.get(public).content.decode()  # now kept in the page cache
    login(client, alice)
    data = {"jurisdiction": ndrc.jurisdiction_id, "name": "市发展和改革委员会", "code": ndrc.code}
    assert client.post(reverse("basedata:department", args=[ndrc.pk]), data).status_code == 302
    client.logout()
    assert "市发展和改革委员会" in client.get(public).content.decode()

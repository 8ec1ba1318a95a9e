"""Projects entered on the web: a department's entry waits for the office, amounts in 万元."""

from datetime import date
from decimal import Decimal

from django.urls import reverse

from luoshi.ledger.models import Binding, Project
from luoshi.tracking.models import Target, Task
from tests.ledger.ledger_support import make_project
from tests.sample import PASSWORD


def login(client, user):
    client.login(username=user.username, password=PASSWORD)


def entry(**fields):
    data = {"name": "新建物流园", "total_investment": "6000", "stage": "signed",
            "stage_since": "2022-05-01", "industry": "物流"}  # fmt: skip
    data.update(fields)
    return data


def test_a_liaisons_new_project_waits_for_the_office(client, bob, ndrc, commerce, city):
    login(client, bob)
    # A liaison cannot hand the project to another department: the field is not offered.
    response = client.post(reverse("ledger:new"), entry(department=commerce.pk))
    assert response.status_code == 302
    project = Project.objects.get(name="新建物流园")
    assert project.department == ndrc
    assert project.entry == Project.PENDING
    assert project.total_investment == Decimal(60_000_000)  # 6000 万元, stored in 元
    assert project.signed_on == date(2022, 5, 1) and project.tier == "preliminary"
    assert project.code.startswith("XM2022")
    assert project.changes.get().kind == "created"
    assert not Project.objects.in_reserve().exists()
    listed = client.get(reverse("ledger:list"))
    assert "新建物流园" not in listed.content.decode()
    assert "新建物流园" in client.get(reverse("ledger:pending")).content.decode()


def test_a_new_project_counts_in_a_target_only_once_taken_in(client, alice, bob, plan, ndrc, city):
    task = Task.objects.create(plan=plan, code="T9", order=9, text="签约项目", start=0, end=4,
                               lead=ndrc, original_lead=ndrc)  # fmt: skip
    target = Target.objects.create(task=task, text="签约项目10个", start=0, end=4, value=10,
                                   original_value=10, unit="个")  # fmt: skip
    Binding.objects.create(target=target, stage="signed")
    login(client, bob)
    client.post(reverse("ledger:new"), entry())
    project = Project.objects.get()
    page = reverse("ledger:target", args=[target.pk])
    assert client.get(page).context["lines"][0][1] == 0
    # bob cannot take his own project in.
    decide = reverse("ledger:entry", args=[project.pk])
    assert client.post(decide, {"decision": "approved"}).status_code == 403
    login(client, alice)
    response = client.post(decide, {"decision": "approved"})
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.entry == Project.APPROVED and project.entry_by == alice
    assert client.get(page).context["lines"][0][1] == 1


def test_a_returned_project_needs_a_note_and_goes_back_to_the_queue_when_corrected(
    client, alice, bob, city, ndrc
):
    login(client, bob)
    client.post(reverse("ledger:new"), entry())
    project = Project.objects.get()
    login(client, alice)
    client.post(reverse("ledger:entry", args=[project.pk]), {"decision": "returned"})
    project.refresh_from_db()
    assert project.entry == Project.PENDING  # no note: nothing changed
    client.post(reverse("ledger:entry", args=[project.pk]),
                {"decision": "returned", "note": "请补充总投资依据"})  # fmt: skip
    project.refresh_from_db()
    assert project.entry == Project.RETURNED and project.entry_note == "请补充总投资依据"
    login(client, bob)
    data = {"name": "新建物流园", "total_investment": "6500", "industry": "物流"}
    response = client.post(reverse("ledger:edit", args=[project.pk]), data)
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.entry == Project.PENDING
    assert project.total_investment == Decimal(65_000_000)


def test_the_office_enters_projects_straight_into_the_reserve(client, alice, commerce, city):
    login(client, alice)
    response = client.post(reverse("ledger:new"), entry(department=commerce.pk, code="A-1"))
    assert response.status_code == 302
    project = Project.objects.get(code="A-1")
    assert project.entry == Project.APPROVED and project.department == commerce
    again = client.post(reverse("ledger:new"), entry(code="A-1"))
    assert again.status_code == 400
    assert "A-1" in again.content.decode()
    assert Project.objects.count() == 1


def test_bad_entries_store_nothing_and_say_why(client, bob, city):
    login(client, bob)
    response = client.post(
        reverse("ledger:new"), entry(total_investment="很多", stage_since="2030-01-01")
    )
    assert response.status_code == 400
    assert Project.objects.count() == 0
    form = response.context["form"]
    assert set(form.errors) == {"total_investment", "stage_since"}


def test_leaders_and_viewers_cannot_enter_projects(client, dana, city):
    login(client, dana)
    assert client.get(reverse("ledger:new")).status_code == 403
    assert client.post(reverse("ledger:new"), entry()).status_code == 403
    assert Project.objects.count() == 0


def test_the_edit_form_shows_and_takes_ten_thousand_yuan(client, bob, city, ndrc):
    project = make_project(city, "P1", department=ndrc, wan=6000)
    login(client, bob)
    form = client.get(reverse("ledger:project", args=[project.pk])).context["edit_form"]
    assert form["total_investment"].value() == Decimal(6000)


def test_a_liaison_cannot_edit_another_departments_entry(client, bob, charlie, city):
    login(client, charlie)
    client.post(reverse("ledger:new"), entry())
    project = Project.objects.get()
    login(client, bob)
    response = client.post(reverse("ledger:edit", args=[project.pk]), entry(name="改名"))
    assert response.status_code == 403
    assert "新建物流园" not in client.get(reverse("ledger:pending")).content.decode()


def test_every_label_of_the_new_project_and_binding_forms_is_chinese(client, alice, plan, ndrc):
    import re

    task = Task.objects.create(plan=plan, code="T9", order=9, text="签约项目", start=0, end=4,
                               lead=ndrc, original_lead=ndrc)  # fmt: skip
    target = Target.objects.create(task=task, text="签约项目10个", start=0, end=4, value=10,
                                   original_value=10, unit="个")  # fmt: skip
    login(client, alice)
    for url in (reverse("ledger:new"), reverse("ledger:bind", args=[target.pk])):
        page = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
        labels = re.findall(r"<label[^>]*>([^<]*)</label>", page)
        assert labels, url
        assert not [label for label in labels if re.search(r"[A-Za-z]{3,}", label)], labels


def test_the_offices_kept_queue_shows_a_new_entry_at_once(client, alice, bob, city):
    from django.test import Client

    login(client, alice)
    queue = reverse("ledger:pending")
    client.get(queue)  # sets the CSRF cookie: not kept
    assert "新建物流园" not in client.get(queue).content.decode()  # kept in the page cache
    liaison = Client()
    login(liaison, bob)
    assert liaison.post(reverse("ledger:new"), entry()).status_code == 302
    assert "新建物流园" in client.get(queue).content.decode()


def test_a_liaison_records_a_years_money_in_ten_thousand_yuan(client, bob, charlie, city, ndrc):
    from luoshi.ledger.models import Investment

    project = make_project(city, "P1", department=ndrc, wan=6000)
    url = reverse("ledger:money", args=[project.pk])
    login(client, charlie)  # another department's liaison
    assert client.post(url, {"year": 2022, "kind": "completed", "amount": "10"}).status_code == 403
    login(client, bob)
    response = client.post(url, {"year": 2022, "kind": "completed", "amount": "1500.5"})
    assert response.status_code == 302
    assert Investment.objects.get().amount == Decimal(15_005_000)
    client.post(url, {"year": 2022, "kind": "completed", "amount": "1600"})
    assert Investment.objects.get().amount == Decimal(16_000_000)
    client.post(url, {"year": 2022, "kind": "completed", "amount": "abc"})
    assert Investment.objects.get().amount == Decimal(16_000_000)  # refused, nothing changed
    client.post(url, {"year": 2022, "kind": "completed", "amount": ""})
    assert not Investment.objects.exists()

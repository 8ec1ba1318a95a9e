"""Evidence on the public page: only files the office marked public, of approved reports of
published plans; nothing else of evidence is reachable without a login."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from luoshi.public.evidence import mark
from luoshi.public.models import PublicEvidence
from luoshi.tracking import services
from luoshi.tracking.models import Evidence, Plan
from tests.sample import PASSWORD


@pytest.fixture
def files(settings, tmp_path, reports):
    settings.MEDIA_ROOT = tmp_path

    def attach(report, name):
        return Evidence.objects.create(
            report=report, file=ContentFile(b"%PDF-1.4\n" + name.encode(), name=name),
            name=name, size=9,
        )  # fmt: skip

    return {
        "site": attach(reports["approved"], "site-photo.pdf"),
        "contract": attach(reports["approved"], "contract.pdf"),
        "claim": attach(reports["submitted"], "claim.pdf"),
    }


def login(client, user):
    client.login(username=user.username, password=PASSWORD)


def test_the_office_marks_a_file_public_and_the_timeline_shows_it(client, alice, bobs_task, files):
    login(client, alice)
    task_url = reverse("tracking:task", args=[bobs_task.pk])
    flag = reverse("public:evidence_flag", args=[files["site"].pk])
    response = client.post(flag, {"public": "1", "next": task_url})
    assert response.status_code == 302 and response["Location"] == task_url
    assert PublicEvidence.objects.get().marked_by == alice
    client.logout()
    page = client.get(reverse("public:task", args=[bobs_task.pk])).content.decode()
    link = reverse("public:evidence", args=[files["site"].pk])
    assert link in page and "site-photo.pdf" in page
    assert "contract.pdf" not in page and "/media/" not in page
    download = client.get(link)
    assert download.status_code == 200
    assert b"".join(download.streaming_content).endswith(b"site-photo.pdf")
    assert download["Content-Disposition"].startswith("attachment")


def test_unmarking_takes_the_file_off_at_once(client, alice, bobs_task, files):
    mark(alice, [files["site"]], True)
    link = reverse("public:evidence", args=[files["site"].pk])
    assert client.get(link).status_code == 200
    client.get(reverse("public:task", args=[bobs_task.pk]))  # now in the page cache
    login(client, alice)
    client.post(reverse("public:evidence_flag", args=[files["site"].pk]), {"public": "0"})
    client.logout()
    assert client.get(link).status_code == 404
    page = client.get(reverse("public:task", args=[bobs_task.pk])).content.decode()
    assert "site-photo.pdf" not in page


def test_a_file_of_an_unreviewed_report_waits_for_approval(
    client, alice, bobs_task, files, reports
):
    mark(alice, [files["claim"]], True)  # marked while reviewing, before the decision
    link = reverse("public:evidence", args=[files["claim"].pk])
    assert client.get(link).status_code == 404
    assert (
        "claim.pdf" not in client.get(reverse("public:task", args=[bobs_task.pk])).content.decode()
    )
    services.review_report(alice, reports["submitted"].pk, approve=True)
    assert client.get(link).status_code == 200


def test_a_withdrawn_plan_hides_its_public_files(client, alice, plan, files):
    mark(alice, [files["site"]], True)
    Plan.objects.filter(pk=plan.pk).update(state=Plan.DRAFT)
    assert client.get(reverse("public:evidence", args=[files["site"].pk])).status_code == 404


def test_nothing_else_of_evidence_is_reachable_anonymously(client, alice, bobs_task, files):
    mark(alice, [files["site"]], True)
    for evidence in files.values():
        # The members' download stays behind the login, public file or not.
        response = client.get(reverse("media", args=[evidence.file.name]))
        assert response.status_code == 302 and "/login/" in response["Location"]
    for name in ("contract", "claim"):
        assert client.get(reverse("public:evidence", args=[files[name].pk])).status_code == 404
    assert client.get(reverse("public:evidence", args=[99999])).status_code == 404
    # Nor through the open API, nor by marking: the flag is the office's.
    for path in ("/api/tasks/", f"/api/tasks/{bobs_task.pk}/", "/api/reports/"):
        response = client.get(path)
        assert response.status_code in (200, 401, 403), path
        body = response.content.decode()
        assert "contract.pdf" not in body and "claim.pdf" not in body and "/media/" not in body
    assert client.get(f"/api/tasks/{bobs_task.pk}/").status_code == 200
    response = client.post(
        reverse("public:evidence_flag", args=[files["contract"].pk]), {"public": "1"}
    )
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert PublicEvidence.objects.count() == 1


def test_liaisons_cannot_mark_files_public(client, bob, files):
    login(client, bob)
    response = client.post(
        reverse("public:evidence_flag", args=[files["site"].pk]), {"public": "1"}
    )
    assert response.status_code == 403
    assert not PublicEvidence.objects.exists()


def test_another_citys_office_cannot_mark_our_files(client, files):
    from luoshi.tracking.models import Jurisdiction, Membership
    from tests.sample import make_user

    other = make_user("olga", Jurisdiction.objects.create(name="通化市"), Membership.OFFICE)
    login(client, other)
    response = client.post(
        reverse("public:evidence_flag", args=[files["site"].pk]), {"public": "1"}
    )
    assert response.status_code == 404
    assert not PublicEvidence.objects.exists()


def test_an_outside_next_address_is_not_followed(client, alice, bobs_task, files):
    login(client, alice)
    flag = reverse("public:evidence_flag", args=[files["site"].pk])
    response = client.post(flag, {"public": "1", "next": "https://evil.example/"})
    assert response["Location"] == reverse("tracking:task", args=[bobs_task.pk])


def test_the_task_page_offers_the_flag_to_the_office_only(client, alice, bob, bobs_task, files):
    flag = reverse("public:evidence_flag", args=[files["site"].pk])
    login(client, alice)
    assert flag in client.get(reverse("tracking:task", args=[bobs_task.pk])).content.decode()
    login(client, bob)
    assert flag not in client.get(reverse("tracking:task", args=[bobs_task.pk])).content.decode()


def test_the_review_queue_offers_the_flag_and_returns_to_it(client, alice, bobs_task, files):
    login(client, alice)
    queue = reverse("tracking:review")
    page = client.get(queue).content.decode()
    flag = reverse("public:evidence_flag", args=[files["claim"].pk])
    assert flag in page
    response = client.post(flag, {"public": "1", "next": queue})
    assert response["Location"] == queue
    assert PublicEvidence.objects.get().evidence == files["claim"]

"""Evidence files: served through a permission check, never by path (luoshi.site.media)."""

import pytest
from django.core.files.base import ContentFile

from luoshi.tracking.models import Evidence, Jurisdiction, Membership, Plan, ProgressReport
from tests.sample import PASSWORD, make_user

CONTENT = "合同扫描件\n".encode() + bytes(range(256))


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def evidence(bobs_task, bob):
    report = ProgressReport.objects.create(
        task=bobs_task, period="2022-06", value=120, narrative="已谋划项目120个", submitted_by=bob
    )
    return Evidence.objects.create(
        report=report,
        file=ContentFile(CONTENT, name="合同.pdf"),
        name="合同.pdf",
        size=len(CONTENT),
    )


def get(client, user, url):
    assert client.login(username=user.username, password=PASSWORD)
    return client.get(url)


def test_people_of_the_city_download_the_evidence_as_an_attachment(client, evidence, alice, bob):
    for user in (alice, bob):
        response = get(client, user, evidence.file.url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == CONTENT
        assert response["Content-Disposition"].startswith("attachment")


def test_anonymous_users_are_sent_to_login(client, evidence):
    response = client.get(evidence.file.url)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_another_citys_people_cannot_download_it(client, evidence):
    elsewhere = Jurisdiction.objects.create(name="通化市")
    outsider = make_user("olga", elsewhere, Membership.OFFICE)
    assert get(client, outsider, evidence.file.url).status_code == 404


def test_a_draft_plans_evidence_is_the_offices_only(client, evidence, alice, charlie):
    Plan.objects.filter(pk=evidence.report.task.plan_id).update(state=Plan.DRAFT)
    assert get(client, charlie, evidence.file.url).status_code == 404
    assert get(client, alice, evidence.file.url).status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/media/../pyproject.toml",
        "/media/%2e%2e/%2e%2e/pyproject.toml",
        "/media/evidence/../../../../etc/passwd",
        "/media//etc/passwd",
        "/media/evidence%2f..%2f..%2fsecret.txt",
        "/media/secret.txt",  # a file in the media folder that no record owns
        "/media/evidence/1/1/missing.pdf",
    ],
)
def test_paths_lead_nowhere_but_to_recorded_files(client, evidence, alice, tmp_path, url):
    (tmp_path / "secret.txt").write_text("not evidence")
    assert get(client, alice, url).status_code == 404


def test_a_recorded_file_missing_on_disk_is_not_found(client, evidence, alice):
    url = evidence.file.url
    evidence.file.storage.delete(evidence.file.name)
    assert get(client, alice, url).status_code == 404

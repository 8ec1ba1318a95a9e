"""An office imports plans only into the jurisdiction it manages, and look-alike names are one
jurisdiction (issue 18, item 7)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction

from luoshi.reading import read
from luoshi.tracking.importing import import_document
from luoshi.tracking.models import Jurisdiction, Plan
from luoshi.tracking.names import normal_name

REPORT = "一、重点任务\n新增城镇就业1万人以上。\n".encode()


def post_import(client, jurisdiction):
    data = {"file": SimpleUploadedFile("r.txt", REPORT), "jurisdiction": jurisdiction}
    return client.post("/import/", data | {"year": "2023"})


@pytest.mark.parametrize("name", ["白山市", "辽源市\u200b", "辽源市 "])
def test_an_office_cannot_plant_a_plan_in_another_city(client, alice, city, name):
    client.force_login(alice)
    response = post_import(client, name)
    if normal_name(name) == city.name:
        assert response.status_code == 302  # the office's own city, however pasted
        assert Plan.objects.get().jurisdiction == city
    else:
        assert response.status_code == 400
        assert not Plan.objects.exists()
    names = list(Jurisdiction.objects.values_list("name", flat=True))
    assert "白山市" not in names and all(n == normal_name(n) for n in names)
    assert names.count(city.name) == 1


def test_look_alike_names_are_the_same_jurisdiction(city):
    for look_alike in ["辽源市\u200b", "\ufeff辽源市", "辽源市\u00a0", "辽源市\u2060"]:
        assert normal_name(look_alike) == "辽源市"
        with pytest.raises(IntegrityError), transaction.atomic():
            Jurisdiction.objects.create(name=look_alike)
    assert normal_name("ＡＢＣ市") == "ABC市"


def test_the_library_import_files_a_look_alike_under_the_existing_city(city):
    plan, created = import_document(read(REPORT, name="r.txt"), "辽源市\u200b", 2023)
    assert created and plan.jurisdiction == city
    assert Jurisdiction.objects.filter(name__startswith="辽源").count() == 1


def test_a_cli_import_keeps_the_file_name_not_the_server_path(city, tmp_path):
    report = tmp_path / "secret-folder" / "辽源市报告.txt"
    report.parent.mkdir()
    report.write_bytes(REPORT)
    plan, _ = import_document(read(str(report)), city.name, 2023)
    assert plan.source_name == "辽源市报告.txt"
    windows, _ = import_document(read(REPORT + b" ", name="C:\\报告\\w.txt"), city.name, 2024)
    assert windows.source_name == "w.txt"


def test_the_api_never_shows_a_stored_server_path(client, plan):
    plan.source_name = "/srv/luoshi/imports/辽源市报告.txt"
    plan.save(update_fields=["source_name"])
    [shown] = client.get("/api/plans/").json()["results"]
    assert shown["source_name"] == "辽源市报告.txt"

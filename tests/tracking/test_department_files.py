"""A city's departments file loaded for any jurisdiction of the office (基础数据 and
`luoshi departments`): created or updated by name, nothing deleted, a bad file refused whole."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from luoshi.tracking import department_files
from luoshi.tracking.importing import city_departments
from luoshi.tracking.models import Department, Jurisdiction
from tests.sample import PASSWORD

COUNTY_FILE = """\
city: 东丰县
extends: none
departments:
  - {name: 县发展和改革局, code: DFFGJ, aliases: [县发改局], remit: [项目建设, 梅花鹿产业园]}
  - {name: 县农业农村局, code: DFNYJ, aliases: [县农业局], remit: [农业, 高标准农田]}
units:
  - {name: 东丰镇, code: DFZ, kind: county, aliases: [东丰镇政府]}
scopes:
  - {words: [各乡镇], kinds: [county]}
"""


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def county(city):
    return Jurisdiction.objects.create(name="东丰县", level="county", parent=city)


def upload(text, name="dongfeng.yaml", encoding="utf-8"):
    return SimpleUploadedFile(name, text.encode(encoding), content_type="application/x-yaml")


def post(client, alice, place, file):
    client.login(username=alice.username, password=PASSWORD)
    url = reverse("basedata:load_departments")
    return client.post(
        url, {"jurisdiction": place.pk, "file": file}, HTTP_ACCEPT_LANGUAGE="zh-hans"
    )


def test_the_office_loads_a_file_for_a_county(client, alice, county):
    kept = Department.objects.create(jurisdiction=county, code="df-czj", name="县财政局")
    old = Department.objects.create(
        jurisdiction=county, code="df-nyj", name="县农业农村局", aliases=["农业局"]
    )
    response = post(client, alice, county, upload(COUNTY_FILE))
    assert response.status_code == 200
    summary = response.context["summary"]
    assert summary.created == ["县发展和改革局", "东丰镇"]
    assert summary.updated == ["县农业农村局"]
    assert summary.places == ["东丰镇"]
    page = response.content.decode()
    assert "新增部门 2 个" in page and "县发展和改革局" in page
    old.refresh_from_db()
    assert old.aliases == ["农业局", "县农业局"] and old.code == "df-nyj"  # the office's stay
    assert Department.objects.filter(pk=kept.pk).exists()  # not in the file, not deleted
    new = Department.objects.get(jurisdiction=county, name="县发展和改革局")
    assert new.code == "dffgj" and new.aliases == ["县发改局"]
    assert Jurisdiction.objects.get(name="东丰镇").parent == county
    # Reports imported later for the county are assigned by the file's remits.
    assert "梅花鹿产业园" in city_departments("东丰县").get("县发改局").remit
    # Loading it again changes nothing.
    again = post(client, alice, county, upload(COUNTY_FILE)).context["summary"]
    assert again.created == again.updated == [] and len(again.unchanged) == 3


@pytest.mark.parametrize(
    ("text", "encoding", "message"),
    [
        (COUNTY_FILE.replace("DFNYJ", "dfnyj"), "utf-8", "部门文件无法使用，未保存任何内容"),
        (COUNTY_FILE + "  - [not, a, mapping\n", "utf-8", "部门文件无法使用"),
        ("departments: 3\n", "utf-8", "部门文件无法使用"),
        (COUNTY_FILE, "gb18030", "不是 UTF-8 文本"),
    ],
)
def test_a_bad_file_is_refused_whole(client, alice, county, text, encoding, message):
    before = Department.objects.count(), Jurisdiction.objects.count()
    response = post(client, alice, county, upload(text, encoding=encoding))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert (Department.objects.count(), Jurisdiction.objects.count()) == before
    assert not department_files.stored_path("东丰县").exists()


def test_only_a_jurisdiction_of_the_office(client, alice):
    other = Jurisdiction.objects.create(name="通化市")
    response = post(client, alice, other, upload(COUNTY_FILE))
    assert response.status_code == 400
    assert not Department.objects.filter(jurisdiction=other).exists()


def test_the_command_loads_the_bundled_city_file_for_another_city(db, capsys, tmp_path):
    from luoshi.extraction.departments import bundled_city

    place = Jurisdiction.objects.create(name="通化市")
    call_command("load_departments", str(bundled_city("liaoyuan")), jurisdiction="通化市")
    assert "departments added" in capsys.readouterr().out
    names = set(Department.objects.filter(jurisdiction=place).values_list("name", flat=True))
    assert {"商务局", "东丰县", "辽源高新区"} <= names and "数据局" not in names
    bad = tmp_path / "bad.yaml"
    bad.write_text("departments: 3\n", "utf-8")
    with pytest.raises(CommandError, match=r"bad\.yaml: 'departments' must be a list"):
        call_command("load_departments", str(bad), jurisdiction="长春市")
    assert not Jurisdiction.objects.filter(name="长春市").exists()
    call_command("load_departments", str(bundled_city("liaoyuan")), jurisdiction="长春市")
    assert "长春市 (new)" in capsys.readouterr().out

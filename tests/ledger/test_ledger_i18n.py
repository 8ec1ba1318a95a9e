"""The ledger's Chinese catalog is complete and compiled; pages are Chinese unless English is
chosen."""

import gettext
import re
from importlib import resources

from django.urls import reverse

from tests.sample import PASSWORD

LOCALE = resources.files("luoshi.ledger") / "locale" / "zh_Hans" / "LC_MESSAGES"


def entries():
    found = {}
    for block in (LOCALE / "django.po").read_text("utf-8").split("\n\n"):
        msgid = re.search(r'^msgid ((?:".*"\n?)+)', block, re.M)
        msgstr = re.search(r'^msgstr(?:\[0\])? ((?:".*"\n?)+)', block, re.M)
        if msgid and msgstr:
            join = lambda m: "".join(re.findall(r'"(.*)"', m.group(1)))  # noqa: E731
            found[join(msgid)] = join(msgstr)
    return found


def test_every_ledger_message_has_a_chinese_translation_and_none_is_fuzzy():
    assert [k for k, v in entries().items() if k and not v] == []
    assert "#, fuzzy" not in (LOCALE / "django.po").read_text("utf-8")


def test_the_compiled_ledger_catalog_matches_the_po_file():
    with (LOCALE / "django.mo").open("rb") as mo:
        catalog = gettext.GNUTranslations(mo)
    for msgid, msgstr in entries().items():
        if msgid:
            assert catalog.gettext(msgid) == msgstr, msgid


def test_the_ledger_is_in_chinese_by_default_and_english_on_request(client, dana):
    client.login(username="dana", password=PASSWORD)
    assert "项目储备库" in client.get(reverse("ledger:list")).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "Project ledger" in client.get(reverse("ledger:list")).content.decode()

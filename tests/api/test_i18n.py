"""The public page's and the API's Chinese catalogs are complete and compiled."""

import gettext
from importlib import resources

import pytest

from tests.tracking.test_i18n import po_entries


@pytest.mark.parametrize("app", ["luoshi.api", "luoshi.public"])
def test_every_message_is_translated_and_compiled(app):
    folder = resources.files(app) / "locale" / "zh_Hans" / "LC_MESSAGES"
    text = (folder / "django.po").read_text("utf-8")
    entries = po_entries(text)
    assert [msgid for msgid, msgstr in entries.items() if msgid and not msgstr] == []
    assert "#, fuzzy" not in text
    with (folder / "django.mo").open("rb") as mo:
        catalog = gettext.GNUTranslations(mo)
    for msgid, msgstr in entries.items():
        if msgid:
            assert catalog.gettext(msgid) == msgstr, msgid

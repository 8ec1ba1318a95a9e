"""The exchange app's Chinese catalog is complete, not fuzzy, and compiled from its source."""

import gettext
from importlib import resources

from tests.tracking.test_i18n import po_entries

LOCALE = resources.files("luoshi.exchange") / "locale" / "zh_Hans" / "LC_MESSAGES"


def test_every_exchange_message_is_translated_and_compiled():
    source = (LOCALE / "django.po").read_text("utf-8")
    entries = po_entries(source)
    assert [key for key, msgstr in entries.items() if key[1] and not msgstr] == []
    assert "#, fuzzy" not in source
    with (LOCALE / "django.mo").open("rb") as mo:
        catalog = gettext.GNUTranslations(mo)
    for (context, msgid), msgstr in entries.items():
        if msgid:
            found = catalog.pgettext(context, msgid) if context else catalog.gettext(msgid)
            assert found == msgstr, msgid

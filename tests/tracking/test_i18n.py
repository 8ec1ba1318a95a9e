"""The compiled Chinese catalog is in step with its source, and complete."""

import gettext
import re
from importlib import resources

LOCALE = resources.files("luoshi.tracking") / "locale" / "zh_Hans" / "LC_MESSAGES"


def po_entries(text):
    entries = {}
    for block in text.split("\n\n"):
        context = re.search(r'^msgctxt ((?:".*"\n?)+)', block, re.M)
        msgid = re.search(r'^msgid ((?:".*"\n?)+)', block, re.M)
        msgstr = re.search(r'^msgstr(?:\[0\])? ((?:".*"\n?)+)', block, re.M)
        if msgid and msgstr:
            join = lambda m: "".join(re.findall(r'"(.*)"', m.group(1)))  # noqa: E731
            entries[(join(context) if context else None, join(msgid))] = join(msgstr)
    return entries


def test_every_message_has_a_chinese_translation_and_none_is_fuzzy():
    entries = po_entries((LOCALE / "django.po").read_text("utf-8"))
    untranslated = [key for key, msgstr in entries.items() if key[1] and not msgstr]
    assert untranslated == []
    # msgfmt leaves fuzzy entries out of the .mo: they would show in English.
    assert "#, fuzzy" not in (LOCALE / "django.po").read_text("utf-8")


def assert_catalog_complete(folder):
    """Every message of the folder's django.po is translated, none fuzzy, and the compiled .mo
    gives each translation (messages with a context included)."""
    text = (folder / "django.po").read_text("utf-8")
    entries = po_entries(text)
    assert [key for key, msgstr in entries.items() if key[1] and not msgstr] == []
    # msgfmt leaves fuzzy entries out of the .mo: they would show in English.
    assert "#, fuzzy" not in text
    with (folder / "django.mo").open("rb") as mo:
        catalog = gettext.GNUTranslations(mo)
    for (context, msgid), msgstr in entries.items():
        if msgid:
            found = catalog.pgettext(context, msgid) if context else catalog.gettext(msgid)
            assert found == msgstr, msgid


def test_the_compiled_catalog_matches_the_po_file():
    assert_catalog_complete(LOCALE)

"""The ledger's Chinese catalog is complete and compiled; pages are Chinese unless English is
chosen."""

from importlib import resources

from django.urls import reverse

from tests.sample import PASSWORD
from tests.tracking.test_i18n import assert_catalog_complete

LOCALE = resources.files("luoshi.ledger") / "locale" / "zh_Hans" / "LC_MESSAGES"


def test_every_ledger_message_is_translated_and_compiled():
    assert_catalog_complete(LOCALE)


def test_the_ledger_is_in_chinese_by_default_and_english_on_request(client, dana):
    client.login(username="dana", password=PASSWORD)
    assert "项目储备库" in client.get(reverse("ledger:list")).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "Project ledger" in client.get(reverse("ledger:list")).content.decode()

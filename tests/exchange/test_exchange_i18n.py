"""The exchange app's Chinese catalog is complete, not fuzzy, and compiled from its source."""

from importlib import resources

from tests.tracking.test_i18n import assert_catalog_complete


def test_every_exchange_message_is_translated_and_compiled():
    assert_catalog_complete(
        resources.files("luoshi.exchange") / "locale" / "zh_Hans" / "LC_MESSAGES"
    )

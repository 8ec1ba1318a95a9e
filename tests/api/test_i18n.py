"""The public page's and the API's Chinese catalogs are complete and compiled."""

from importlib import resources

import pytest

from tests.tracking.test_i18n import assert_catalog_complete


@pytest.mark.parametrize("app", ["luoshi.api", "luoshi.public"])
def test_every_message_is_translated_and_compiled(app):
    assert_catalog_complete(resources.files(app) / "locale" / "zh_Hans" / "LC_MESSAGES")

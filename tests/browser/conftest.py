"""Real Chromium (Debian's package) driven by Playwright, against a live test server.

Playwright never downloads a browser here: it launches the system's chromium through
`executable_path`, with flags that keep it off the network, in a fresh profile. The people and
the plan are the shared personas (tests/conftest.py).
"""

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.db import connections
from playwright.sync_api import Page, sync_playwright

from tests.sample import PASSWORD
from tests.tools import require_tool

# Without the background-networking flags Chromium keeps calling home on a closed network.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@dataclass
class Browser:
    """One Chromium page on the live server, and the errors its console reported."""

    page: Page
    base_url: str
    errors: list[str] = field(default_factory=list)

    def go(self, path: str) -> None:
        self.page.goto(self.base_url + path)

    def log_in(self, username: str, lands_on: str = "/") -> None:
        """Logs in; a liaison lands on 我的任务, everyone else on the overview."""
        self.go("/accounts/login/")
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", PASSWORD)
        self.page.get_by_role("button", name="登录").click()
        self.page.wait_for_url(self.base_url + lands_on)

    def log_out(self) -> None:
        self.page.get_by_role("button", name="退出").click()
        self.page.wait_for_url("**/accounts/login/")


@pytest.fixture
def screenshots(tmp_path, capsys) -> Path:
    """Where screenshots go: $LUOSHI_SCREENSHOTS, else a folder in the test's tmp_path."""
    folder = Path(os.environ.get("LUOSHI_SCREENSHOTS") or tmp_path / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    with capsys.disabled():
        print(f"\nscreenshots: {folder}")
    return folder


@pytest.fixture
def browser(live_server, settings, tmp_path, monkeypatch) -> Iterator[Browser]:
    chromium = require_tool("chromium")
    # Playwright's sync API runs an asyncio loop on this thread, and Django refuses ORM calls
    # from a thread with a running loop; the test's own queries are plain synchronous ones.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.LUOSHI_AS_OF = "2022-07-10"
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            tmp_path / "chromium-profile",
            executable_path=chromium,
            args=CHROMIUM_ARGS,
            headless=True,
            locale="zh-CN",  # Accept-Language: the pages' default language
            viewport={"width": 1280, "height": 900},
        )
        context.set_default_timeout(10_000)
        page = context.new_page()
        browser = Browser(page=page, base_url=live_server.url)
        page.on("console", lambda m: browser.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda error: browser.errors.append(str(error)))
        try:
            yield browser
        finally:
            context.close()
            # While the loop runs, Django's connections live in another context than the test
            # database's own; left open, PostgreSQL refuses to drop the test database.
            connections.close_all()

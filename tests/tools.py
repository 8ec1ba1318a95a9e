"""External tools that some tests need (LibreOffice, a browser, PostgreSQL).

A test calls `require_tool("soffice")`: it skips when the tool is absent, unless
LUOSHI_REQUIRE_TOOLS=1 is set (as CI sets it), where a missing tool fails the test instead of
hiding it.
"""

import os
import shutil

import pytest


def require_tool(name: str) -> str:
    """The tool's path; skip (or fail under LUOSHI_REQUIRE_TOOLS=1) when it is not installed."""
    path = shutil.which(name)
    if path is not None:
        return path
    message = f"{name} is not installed"
    if os.environ.get("LUOSHI_REQUIRE_TOOLS") == "1":
        pytest.fail(f"{message}, and LUOSHI_REQUIRE_TOOLS=1 requires it")
    pytest.skip(message)

"""Front-end files the app serves itself (no CDN): Apache ECharts, from a PyPI package.

The pinned excel-chart-echarts wheel (pyproject.toml) carries ECharts' standalone build as
xlsx2echarts/static/echarts.min.js: the dist/echarts.min.js of the published ECharts 5.6.0,
unchanged (same SHA-256). EChartsFinder serves that one file as the static file
echarts/echarts.min.js, to runserver, collectstatic and so WhiteNoise; the package's other files
(its converter, map JSON and runtime script) are not served. The wheel has no copy of ECharts'
LICENSE and NOTICE, which Apache-2.0 asks to pass on: tracking/static/echarts/ serves them
beside the file, as published with ECharts 5.6.0 (LICENSE-d3.txt is its licenses/LICENSE-d3).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal, overload

from django.contrib.staticfiles import utils
from django.contrib.staticfiles.finders import BaseFinder
from django.core.checks import CheckMessage, Error
from django.core.files.storage import FileSystemStorage

STATIC_PATH = "echarts/echarts.min.js"
PACKAGE = "xlsx2echarts"  # the import name of the excel-chart-echarts distribution


@cache
def echarts_file() -> Path:
    """The installed echarts.min.js; OSError (or ImportError) when it is not there."""
    resource = resources.files(PACKAGE).joinpath("static", "echarts.min.js")
    if not isinstance(resource, Path) or not resource.is_file():
        # A zipped install has no file to serve; pip installs the wheel as plain files.
        raise FileNotFoundError(f"{PACKAGE}/static/echarts.min.js is not a file: {resource}")
    return resource


class EChartsFinder(BaseFinder):
    """Finds only echarts/echarts.min.js, in the excel-chart-echarts package."""

    def check(self, **kwargs: Any) -> list[CheckMessage]:
        try:
            echarts_file()
        except (ImportError, OSError) as error:
            hint = "Install the app's dependencies again (make install)."
            return [Error(f"ECharts is missing: {error}", hint=hint, id="luoshi.E001")]
        return []

    @overload
    def find(self, path: str, find_all: Literal[False] = False) -> str | None: ...
    @overload
    def find(self, path: str, find_all: Literal[True]) -> list[str]: ...
    def find(self, path: str, find_all: bool = False, **kwargs: Any) -> str | list[str] | None:
        found = [str(echarts_file())] if path == STATIC_PATH else []
        # `all` is Django 5.2's deprecated name for find_all. No match is [] either way, as in
        # Django's own finders: finders.find() reads a None as a match.
        return found[0] if found and not (find_all or kwargs.get("all")) else found

    def list(self, ignore_patterns: Iterable[str] | None) -> Iterator[tuple[str, Any]]:
        source = echarts_file()
        if utils.matches_patterns(source.name, ignore_patterns or ()):
            return
        storage = FileSystemStorage(location=source.parent)
        storage.prefix = STATIC_PATH.rsplit("/", 1)[0]  # type: ignore[attr-defined]  # as staticfiles sets it; not in the stubs
        yield source.name, storage

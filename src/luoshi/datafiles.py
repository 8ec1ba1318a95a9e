"""Read luoshi's YAML data files: rules, units, lexicons, department remits, stages, settings.

Every data file is a mapping at the top level. `load` reads a file bundled in a package, `read`
a file at a given path and `parse` YAML text; each raises `RuleError` naming the file when the
file cannot be used. What an entry must hold is for the caller to check, raising `RuleError`
with the file and the entry. Nothing is cached here: callers keep the objects they build.
Pure Python: no Django.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

import yaml


class RuleError(ValueError):
    """A data file that cannot be used; the message names the file and the entry at fault."""


def parse(text: str, name: str) -> dict[str, Any]:
    """The top-level mapping of YAML `text`; `name` is the file it came from, for errors."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise RuleError(f"{name}: not valid YAML: {error}") from None
    if not isinstance(data, dict):
        raise RuleError(f"{name}: expected a mapping at the top level")
    return data


def load(package: str, *path: str) -> dict[str, Any]:
    """A file bundled in `package`, e.g. load("luoshi.extraction", "data", "units.yaml")."""
    file = resources.files(package)
    for part in path:
        file = file.joinpath(part)
    return parse(file.read_text("utf-8"), path[-1])


def read(path: str | Path, name: str | None = None) -> dict[str, Any]:
    """A file at `path`; errors name it by `name`, else by its file name."""
    return parse(Path(path).read_text("utf-8"), name or Path(path).name)

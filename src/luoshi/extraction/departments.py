"""The departments of a city government, with their remits: a validated data file.

`load_departments()` reads the generic prefecture-level city (data/departments.yaml);
`load_departments(path)` reads a city's own file, which extends the generic one unless it says
`extends: none`. Every error names the file and the entry, so the office can fix its file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from luoshi import datafiles
from luoshi.datafiles import RuleError

UNIT_KINDS = {"department", "county", "district", "zone"}
_CODE = re.compile(r"^[A-Z][A-Z0-9]{1,7}$")
_FIELDS = {
    "name", "code", "kind", "aliases", "remit", "objects",
    "add_aliases", "add_remit", "add_objects",
}  # fmt: skip


@dataclass(frozen=True)
class Department:
    name: str  # canonical name, as shown in the 分工方案
    code: str  # short, unique (FGW, SWJ)
    kind: str = "department"  # or "county", "district", "zone"
    aliases: tuple[str, ...] = ()
    remit: tuple[str, ...] = ()  # longest first
    # The things it owns, counted or built (家庭农场, 书院, 口袋公园): named as a target's object
    # or in a task they outweigh remit words (see luoshi.extraction.suggest).
    objects: tuple[str, ...] = ()


@dataclass(frozen=True)
class Scope:
    words: tuple[str, ...]  # 各县(区), 县(区)…
    kinds: tuple[str, ...]  # the unit kinds a task with one of the words applies to


@dataclass(frozen=True, eq=False)
class Departments:
    city: str | None
    departments: tuple[Department, ...]
    units: tuple[Department, ...]  # counties, districts, development zones
    scopes: tuple[Scope, ...]
    # Words that hide a shorter remit word inside them and point to no department: 高质量 is
    # not 质量 (市场监管), 新能源汽车 is not 新能源 (能源).
    neutral: tuple[str, ...] = ()
    # Remit words that count in a sentence but never say what a target counts or builds: in
    # 实施重点项目40个 or 招引投资亿元级项目10个, 项目 and 投资 leave the lead to the sentence.
    incidental: tuple[str, ...] = ()

    def get(self, name: str) -> Department | None:
        """The first department or unit whose name, code or alias is `name`."""
        return _by_word(self).get(name)


@cache
def _by_word(departments: Departments) -> dict[str, Department]:
    table: dict[str, Department] = {}
    for entry in (*departments.departments, *departments.units):
        for word in (entry.name, entry.code, *entry.aliases):
            table.setdefault(word, entry)
    return table


def load_departments(path: str | Path | None = None) -> Departments:
    """The generic departments, or a city's file over them (see the module docstring)."""
    if path is None:
        return _default()
    where = Path(path).name
    try:
        data = datafiles.read(path)
    except OSError as error:
        raise RuleError(f"{where}: cannot read the departments file: {error.strerror}") from None
    return _over_default(data, where)


def parse_departments(text: str, name: str) -> Departments:
    """A city's file given as YAML `text` (an upload); errors name it by `name`."""
    return _over_default(datafiles.parse(text, name), name)


def _over_default(data: dict[str, Any], where: str) -> Departments:
    unknown = set(data) - {
        "city", "extends", "departments", "units", "scopes", "remove", "neutral", "incidental",
    }  # fmt: skip
    if unknown:
        raise RuleError(f"{where}: unknown top-level keys {sorted(unknown)}")
    if data.get("extends", "default") in (None, "none"):
        return _build(data, where, base=None)
    if data.get("extends", "default") != "default":
        raise RuleError(f"{where}: 'extends' must be 'default' or 'none'")
    return _build(data, where, base=_default())


@cache
def _default() -> Departments:
    data = datafiles.load("luoshi.extraction", "data", "departments.yaml")
    return _build(data, "departments.yaml", base=None)


def _build(data: dict[str, Any], where: str, base: Departments | None) -> Departments:
    departments = {d.name: d for d in base.departments} if base else {}
    units = {u.name: u for u in base.units} if base else {}
    for name in _words(data.get("remove") or [], where, "remove", allow_empty=True):
        if departments.pop(name, None) is None and units.pop(name, None) is None:
            raise RuleError(f"{where}: 'remove' names '{name}', which is not a department")
    for key, table, default_kind in (
        ("departments", departments, "department"),
        ("units", units, "county"),
    ):
        entries = data.get(key) or []
        if not isinstance(entries, list):
            raise RuleError(f"{where}: '{key}' must be a list of entries")
        for entry in entries:
            unit = _entry(entry, where, table, default_kind)
            table[unit.name] = unit
    if base is None and not departments:
        raise RuleError(f"{where}: 'departments' must list at least one department")
    scopes = _scopes(data, where) if "scopes" in data or base is None else base.scopes
    neutral = _words(data.get("neutral") or [], where, "neutral", allow_empty=True)
    incidental = _words(data.get("incidental") or [], where, "incidental", allow_empty=True)
    result = Departments(
        data.get("city"),
        tuple(departments.values()),
        tuple(units.values()),
        scopes,
        tuple(dict.fromkeys((*(base.neutral if base else ()), *neutral))),
        tuple(dict.fromkeys((*(base.incidental if base else ()), *incidental))),
    )
    _check_unique(result, where)
    return result


def _entry(entry: Any, where: str, table: dict[str, Department], kind: str) -> Department:
    if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) or not entry["name"]:
        raise RuleError(f"{where}: entry {entry!r} needs a 'name'")
    name = entry["name"]
    label = f"{where}: department '{name}'"
    unknown = set(entry) - _FIELDS
    if unknown:
        raise RuleError(f"{label}: unknown fields {sorted(unknown)}")
    old = table.get(name)
    code = entry.get("code", old.code if old else None)
    if not isinstance(code, str) or not _CODE.match(code):
        raise RuleError(f"{label}: 'code' must be 2–8 capital letters or digits, got {code!r}")
    kind = entry.get("kind", old.kind if old else kind)
    if kind not in UNIT_KINDS:
        raise RuleError(f"{label}: 'kind' must be one of {sorted(UNIT_KINDS)}, got {kind!r}")
    aliases = _words(entry.get("aliases", old.aliases if old else []), label, "aliases", True)
    remit = _words(entry.get("remit", old.remit if old else []), label, "remit", True)
    aliases += _words(entry.get("add_aliases", []), label, "add_aliases", True)
    remit += _words(entry.get("add_remit", []), label, "add_remit", True)
    objects = _words(entry.get("objects", old.objects if old else []), label, "objects", True)
    objects += _words(entry.get("add_objects", []), label, "add_objects", True)
    if kind == "department" and not remit:
        raise RuleError(f"{label}: 'remit' must be a non-empty list of words")
    base = old or Department(name, code)
    return replace(
        base,
        code=code,
        kind=kind,
        aliases=tuple(dict.fromkeys(aliases)),
        remit=tuple(sorted(dict.fromkeys(remit), key=len, reverse=True)),
        objects=tuple(sorted(dict.fromkeys(objects), key=len, reverse=True)),
    )


def _words(value: Any, label: str, key: str, allow_empty: bool = False) -> tuple[str, ...]:
    if not isinstance(value, list | tuple) or (not value and not allow_empty):
        raise RuleError(f"{label}: '{key}' must be a list of words")
    for word in value:
        if not isinstance(word, str) or not word.strip():
            raise RuleError(f"{label}: '{key}' has an entry that is not a word: {word!r}")
    return tuple(value)


def _scopes(data: dict[str, Any], where: str) -> tuple[Scope, ...]:
    scopes = []
    for index, entry in enumerate(data.get("scopes") or [], 1):
        label = f"{where}: scope {index}"
        if not isinstance(entry, dict):
            raise RuleError(f"{label} must be a mapping with 'words' and 'kinds'")
        kinds = _words(entry.get("kinds"), label, "kinds")
        if set(kinds) - UNIT_KINDS:
            raise RuleError(f"{label}: 'kinds' must be among {sorted(UNIT_KINDS - {'department'})}")
        words = _words(entry.get("words"), label, "words")
        scopes.append(Scope(tuple(sorted(words, key=len, reverse=True)), kinds))
    return tuple(scopes)


def _check_unique(result: Departments, where: str) -> None:
    seen: dict[str, str] = {}
    for entry in (*result.departments, *result.units):
        if entry.code in seen:
            raise RuleError(
                f"{where}: department '{entry.name}' has code {entry.code}, "
                f"already used by '{seen[entry.code]}'"
            )
        seen[entry.code] = entry.name


def bundled_city(name: str) -> Path:
    """The path of a city file shipped with luoshi (data/cities/NAME.yaml)."""
    data = resources.files("luoshi.extraction").joinpath("data", "cities")
    return Path(str(data.joinpath(f"{name}.yaml")))

"""The level of government of a place (全国, 广东省, 保定市, 高阳县), from data/levels.yaml."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from luoshi.datafiles import RuleError, load

_FILE = "levels.yaml"


@dataclass(frozen=True)
class Levels:
    order: tuple[str, ...]
    labels: dict[str, str]
    names: dict[str, str]
    endings: dict[str, str]
    file_names: dict[str, tuple[str, str]]  # pinyin → (level, the place's name)

    def rank(self, level: str) -> int:
        """0 for the top level (national), larger further down."""
        return self.order.index(level)


def parse_levels(data: dict[str, object]) -> Levels:
    order = data.get("order")
    if not isinstance(order, list) or not order:
        raise RuleError(f"{_FILE}: `order` must be a non-empty list")
    maps: dict[str, dict[str, str]] = {}
    for key in ("labels", "names", "endings"):
        value = data.get(key) or {}
        if not isinstance(value, dict):
            raise RuleError(f"{_FILE}: `{key}` must be a mapping")
        maps[key] = {str(k): str(v) for k, v in value.items()}
        if key != "labels":
            bad = sorted(k for k, v in maps[key].items() if v not in order)
            if bad:
                raise RuleError(f"{_FILE}: {key}: {bad[0]}: the level is not in `order`")
    file_names: dict[str, tuple[str, str]] = {}
    for key, entry in (data.get("file_names") or {}).items():  # type: ignore[attr-defined]  # untyped YAML; each entry is checked
        if not isinstance(entry, dict) or entry.get("level") not in order or not entry.get("name"):
            raise RuleError(f"{_FILE}: file_names: {key}: needs a `level` of `order` and a `name`")
        file_names[str(key).lower()] = (str(entry["level"]), str(entry["name"]))
    return Levels(tuple(str(o) for o in order), file_names=file_names, **maps)


@cache
def levels() -> Levels:
    return parse_levels(load("luoshi.research", "data", _FILE))


def level_of(place: str | None) -> str | None:
    """national / province / city / county for a place name or a file name's place; else None."""
    if not place:
        return None
    table = levels()
    if place in table.names:
        return table.names[place]
    if place.lower() in table.file_names:
        return table.file_names[place.lower()][0]
    ending = max((e for e in table.endings if place.endswith(e)), key=len, default=None)
    return table.endings[ending] if ending else None


def place_name(text_place: str | None, name_place: str) -> str:
    """The place a report speaks for: the text's, unless it is only an ending (自治区, 省) or
    missing; then the file name's, written in Chinese when the name is a known pinyin one."""
    table = levels()
    if text_place and text_place not in table.endings:
        return text_place
    known = table.file_names.get(name_place.lower())
    return known[1] if known else (text_place or name_place)


def level_label(level: str | None) -> str:
    if level is None:
        return "?"
    return levels().labels.get(level, level)

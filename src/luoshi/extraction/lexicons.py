"""Load and validate the extractor's word lists: numerals, units, cues, lexicon and task words.

Each file is checked when loaded; a bad entry raises `RuleError` (luoshi.datafiles) naming the
file and the entry, so a broken rule never silently changes results.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from luoshi import datafiles
from luoshi.datafiles import RuleError

COMPARATORS = {">=", "<=", "=", "~"}
UNIT_CLASSES = {"count", "measure", "money", "period", "date"}


@dataclass(frozen=True)
class Unit:
    text: str  # as written in the report
    unit: str  # canonical unit reported
    unit_class: str
    factor: Decimal  # exact (分 → 0.01 元), so that values stay exact decimals


@dataclass(frozen=True, eq=False)  # hashed by identity: compiled patterns are cached per rule set
class Rules:
    digits: dict[str, int]
    small_units: dict[str, int]
    large_units: dict[str, int]
    magnitudes: dict[str, int]
    bare_multipliers: tuple[str, ...]
    fraction_words: dict[str, str]
    range_separators: tuple[str, ...]
    units: tuple[Unit, ...]  # longest text first
    comparators_after: dict[str, str]
    comparators_before: dict[str, str]
    comparators_between: dict[str, str]
    increase: tuple[str, ...]
    decrease: tuple[str, ...]
    level: tuple[str, ...]
    count_cues: tuple[str, ...]
    each_before: tuple[str, ...]
    set_phrases: tuple[str, ...]
    ordinal_prefixes: tuple[str, ...]
    name_suffixes: tuple[str, ...]
    phase_units: tuple[str, ...]
    structure_nouns: tuple[str, ...]
    qualifier_links: tuple[str, ...]
    review_markers: tuple[str, ...]
    review_headings: tuple[str, ...]
    plan_headings: tuple[str, ...]
    review_openings: tuple[str, ...]
    plan_openings: tuple[str, ...]
    plan_markers: tuple[str, ...]
    heading_periods: tuple[str, ...]
    situation_markers: tuple[str, ...]
    plan_periods: dict[str, int]
    baseline_prefixes: tuple[str, ...]
    slogan_nouns: tuple[str, ...]
    capacity_units: tuple[str, ...]
    capacity_specs: tuple[str, ...]
    project_nouns: tuple[str, ...]
    restatement_markers: tuple[str, ...]
    size_words: tuple[str, ...]
    goal_nouns: tuple[str, ...]
    goal_count_links: tuple[str, ...]
    qualifier_nouns: tuple[str, ...]
    each_units: tuple[str, ...]
    people_nouns: tuple[str, ...]


def _load(name: str, directory: Path | None) -> dict[str, Any]:
    if directory is None:
        return datafiles.load("luoshi.extraction", "data", name)
    return datafiles.read(directory / name)


def _words(data: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = data.get(key)
    if not isinstance(value, list) or not value:
        raise RuleError(f"{where}: rule '{key}' must be a non-empty list of words")
    for word in value:
        if not isinstance(word, str) or not word.strip():
            raise RuleError(f"{where}: rule '{key}' has an entry that is not a word: {word!r}")
    return tuple(sorted(value, key=len, reverse=True))


def _mapping(data: dict[str, Any], key: str, where: str, allowed: set[Any] | None = None) -> dict:
    value = data.get(key)
    if not isinstance(value, dict) or not value:
        raise RuleError(f"{where}: rule '{key}' must be a non-empty mapping")
    for word, target in value.items():
        if not isinstance(word, str) or not word:
            raise RuleError(f"{where}: rule '{key}' has a key that is not a word: {word!r}")
        if allowed is not None and target not in allowed:
            raise RuleError(f"{where}: rule '{key}': '{word}' maps to {target!r}, not {allowed}")
    return dict(sorted(value.items(), key=lambda item: len(item[0]), reverse=True))


def _years(data: dict[str, Any], key: str, where: str) -> dict[str, int]:
    value = _mapping(data, key, where)
    for word, year in value.items():
        if not isinstance(year, int) or isinstance(year, bool):
            raise RuleError(f"{where}: rule '{key}': '{word}' must map to a year")
    return value


def _units(data: dict[str, Any]) -> tuple[Unit, ...]:
    entries = data.get("units")
    if not isinstance(entries, list) or not entries:
        raise RuleError("units.yaml: rule 'units' must be a non-empty list")
    units = []
    for entry in entries:
        if not isinstance(entry, dict) or not isinstance(entry.get("text"), str):
            raise RuleError(f"units.yaml: unit {entry!r} needs a 'text'")
        name = entry["text"]
        unit_class = entry.get("class")
        if unit_class not in UNIT_CLASSES:
            raise RuleError(
                f"units.yaml: unit '{name}' has class {unit_class!r}, not one of "
                f"{sorted(UNIT_CLASSES)}"
            )
        factor = entry.get("factor", 1)
        if not isinstance(factor, int | float) or factor <= 0:
            raise RuleError(f"units.yaml: unit '{name}' has a factor that is not a positive number")
        units.append(Unit(name, str(entry.get("unit", name)), unit_class, Decimal(str(factor))))
    return tuple(sorted(units, key=lambda u: len(u.text), reverse=True))


def _bare_multipliers(numerals: dict[str, Any]) -> tuple[str, ...]:
    words = _words(numerals, "bare_multipliers", "numerals.yaml")
    for word in words:
        if word not in (numerals.get("small_units") or {}):
            raise RuleError(f"numerals.yaml: bare multiplier '{word}' is not a small unit")
    return words


def load_rules(directory: Path | None = None) -> Rules:
    """Read and validate every data file; `directory` overrides the bundled data (for tests)."""
    numerals = _load("numerals.yaml", directory)
    units = _load("units.yaml", directory)
    cues = _load("cues.yaml", directory)
    lexicon = _load("lexicon.yaml", directory)
    ints = {int}
    comparators = cues.get("comparators") or {}
    changes = cues.get("changes") or {}
    each = cues.get("each") or {}
    if not isinstance(comparators, dict) or not isinstance(changes, dict):
        raise RuleError("cues.yaml: 'comparators' and 'changes' must be mappings")
    for name in ("digits", "small_units", "large_units", "magnitudes"):
        for word, value in (numerals.get(name) or {}).items():
            if type(value) not in ints:
                raise RuleError(f"numerals.yaml: rule '{name}': '{word}' is not an integer")
    return Rules(
        digits=_mapping(numerals, "digits", "numerals.yaml"),
        small_units=_mapping(numerals, "small_units", "numerals.yaml"),
        large_units=_mapping(numerals, "large_units", "numerals.yaml"),
        magnitudes=_mapping(numerals, "magnitudes", "numerals.yaml"),
        bare_multipliers=_bare_multipliers(numerals),
        fraction_words=_mapping(numerals, "fraction_words", "numerals.yaml", {"%", "‰"}),
        range_separators=_words(numerals, "range_separators", "numerals.yaml"),
        units=_units(units),
        comparators_after=_mapping(comparators, "after", "cues.yaml", COMPARATORS),
        comparators_before=_mapping(comparators, "before", "cues.yaml", COMPARATORS),
        comparators_between=_mapping(comparators, "between", "cues.yaml", COMPARATORS),
        increase=_words(changes, "increase", "cues.yaml"),
        decrease=_words(changes, "decrease", "cues.yaml"),
        level=_words(changes, "level", "cues.yaml"),
        count_cues=_words(changes, "count_cues", "cues.yaml"),
        each_before=_words(each, "before", "cues.yaml"),
        set_phrases=_words(lexicon, "set_phrases", "lexicon.yaml"),
        ordinal_prefixes=_words(lexicon, "ordinal_prefixes", "lexicon.yaml"),
        name_suffixes=_words(lexicon, "name_suffixes", "lexicon.yaml"),
        phase_units=_words(lexicon, "phase_units", "lexicon.yaml"),
        structure_nouns=_words(lexicon, "structure_nouns", "lexicon.yaml"),
        qualifier_links=_words(lexicon, "qualifier_links", "lexicon.yaml"),
        review_markers=_words(lexicon, "review_markers", "lexicon.yaml"),
        review_headings=_words(lexicon, "review_headings", "lexicon.yaml"),
        plan_headings=_words(lexicon, "plan_headings", "lexicon.yaml"),
        review_openings=_words(lexicon, "review_openings", "lexicon.yaml"),
        plan_openings=_words(lexicon, "plan_openings", "lexicon.yaml"),
        plan_markers=_words(lexicon, "plan_markers", "lexicon.yaml"),
        heading_periods=_words(lexicon, "heading_periods", "lexicon.yaml"),
        situation_markers=_words(lexicon, "situation_markers", "lexicon.yaml"),
        plan_periods=_years(lexicon, "plan_periods", "lexicon.yaml"),
        baseline_prefixes=_words(lexicon, "baseline_prefixes", "lexicon.yaml"),
        slogan_nouns=_words(lexicon, "slogan_nouns", "lexicon.yaml"),
        capacity_units=_words(lexicon, "capacity_units", "lexicon.yaml"),
        capacity_specs=_words(lexicon, "capacity_specs", "lexicon.yaml"),
        project_nouns=_words(lexicon, "project_nouns", "lexicon.yaml"),
        restatement_markers=_words(lexicon, "restatement_markers", "lexicon.yaml"),
        size_words=_words(lexicon, "size_words", "lexicon.yaml"),
        goal_nouns=_words(lexicon, "goal_nouns", "lexicon.yaml"),
        goal_count_links=_words(lexicon, "goal_count_links", "lexicon.yaml"),
        qualifier_nouns=_words(lexicon, "qualifier_nouns", "lexicon.yaml"),
        each_units=_words(lexicon, "each_units", "lexicon.yaml"),
        people_nouns=_words(lexicon, "people_nouns", "lexicon.yaml"),
    )


@cache
def rules() -> Rules:
    """The bundled rules, loaded once."""
    return load_rules()


# --- tasks.yaml: the words that tell a task from ceremony ------------------------------------

_LISTS = (
    "action_verbs",
    "scope_words",
    "non_task_openings",
    "non_task_phrases",
    "closing_openings",
    "glossary_headings",
    "named_list_nouns",
    "attach_openings",
    "project_words",
    "reform_words",
    "item_verbs",
    "framing_openings",
    "commitment_markers",
)


@dataclass(frozen=True, eq=False)  # hashed by identity, as Rules
class TaskRules:
    action_verbs: tuple[str, ...]
    scope_words: tuple[str, ...]
    non_task_openings: tuple[str, ...]
    non_task_phrases: tuple[str, ...]
    closing_openings: tuple[str, ...]
    glossary_headings: tuple[str, ...]
    named_list_nouns: tuple[str, ...]
    attach_openings: tuple[str, ...]
    project_words: tuple[str, ...]
    reform_words: tuple[str, ...]
    item_verbs: tuple[str, ...]
    framing_openings: tuple[str, ...]
    commitment_markers: tuple[str, ...]


@cache
def task_rules() -> TaskRules:
    """The bundled task words (tasks.yaml), validated and loaded once."""
    data = datafiles.load("luoshi.extraction", "data", "tasks.yaml")
    values = {key: _words(data, key, "tasks.yaml") for key in _LISTS}
    return TaskRules(**values)

"""Which indicator a figure measures, in comparable terms (pure Python, no Django).

A figure is a target or an achievement of the extractor, read again for comparison: the
indicator it names (from the synonym table in data/indicators.yaml, or its own normalized
name), its unit family, whether it is a change rate or a level, and its value signed and in
the family's base unit (能耗降低3% is -3; 1.3万亿斤 is 6.5亿吨).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from luoshi.datafiles import RuleError, load
from luoshi.extraction.model import Target

_FILE = "indicators.yaml"
_CLAUSE_END = re.compile(r"[，。；！？：,;!?:\n]")
# Words around a name that say how it moves rather than what it is: 增长, 达到, 预计, 全年.
_NAME_NOISE = re.compile(
    r"^(?:预计|今年|全年|力争|确保|实现|完成|推动|其中|全省|全市|全区|全县|全国)+"
    r"|(?:实际)?(?:增长|增速|下降|降低|提高|上升|上涨|涨幅|降幅|达到|达|突破|超过|超|为|约|"
    r"平均|分别|保持在|控制在|稳定在|以上|以内|左右|到|至|预期目标)+$"
)
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)年")
_MEASURES = ("change", "level")
_BETTER = ("higher", "lower")


@dataclass(frozen=True)
class Indicator:
    id: str
    label: str
    names: tuple[re.Pattern[str], ...]
    exclude: tuple[re.Pattern[str], ...]
    unit: str
    measure: str
    better: str
    across_levels: bool


@dataclass(frozen=True)
class UnitFamily:
    family: str
    factor: float
    base: str  # the unit the values are converted to


@dataclass(frozen=True)
class Table:
    indicators: tuple[Indicator, ...]
    units: dict[str, UnitFamily]
    change_words: re.Pattern[str]
    level_words: re.Pattern[str]
    fall_words: re.Pattern[str]
    period_words: re.Pattern[str]
    period_headings: re.Pattern[str]
    plan_openers: re.Pattern[str]
    generic_names: frozenset[str]
    vague_names: re.Pattern[str]
    several_years: re.Pattern[str]
    one_year: str  # a pattern with {year} for the year reviewed
    points: float
    relative: float

    def by_id(self, indicator_id: str) -> Indicator | None:
        return next((i for i in self.indicators if i.id == indicator_id), None)


@dataclass(frozen=True)
class Figure:
    """A target or an achievement, ready to be compared with another report's figures."""

    kind: str  # "target" or "achievement"
    indicator: str | None  # the id in the synonym table, None when the table knows it not
    name: str  # the normalized indicator name: the key when the table knows it not
    label: str  # what tables show
    family: str | None  # unit family; None for a unit that has none (then only equal units)
    unit: str  # the unit of `value`: the family's base unit, else the extractor's unit
    measure: str  # "change" or "level"
    value: float  # signed, in the family's base unit
    upper: float | None  # the other end of a range, signed likewise
    comparator: str  # ">=", "<=", "=", "~" on the signed value
    text: str
    start: int
    end: int
    context: str  # the clause that ends with the span: 社会消费品零售总额实现…、增长2.8%
    section: str | None
    from_clause: bool  # the indicator was told by the clause, not by the figure's own words
    years: tuple[int, ...]  # the years its clause names (到2025年, 从2020年的53.2%)
    periodic: bool  # several years' worth (年均, 累计, 五年): not the figure of one year
    better: str | None  # "higher" or "lower", from the table

    @property
    def key(self) -> tuple[str, str | None, str]:
        """What two figures must share to be the same thing measured."""
        return (self.indicator or f"name:{self.name}", self.family or self.unit, self.measure)

    def to_dict(self) -> dict[str, Any]:
        return {
            "indicator": self.indicator,
            "label": self.label,
            "value": self.value,
            "upper": self.upper,
            "comparator": self.comparator,
            "unit": self.unit,
            "measure": self.measure,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "context": self.context,
        }


def _patterns(entry: dict[str, Any], key: str, where: str) -> tuple[re.Pattern[str], ...]:
    values = entry.get(key, [])
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise RuleError(f"{_FILE}: {where}: `{key}` must be a list of strings")
    try:
        return tuple(re.compile(v) for v in values)
    except re.error as error:
        raise RuleError(f"{_FILE}: {where}: `{key}` has a bad pattern: {error}") from None


def _one_pattern(data: dict[str, Any], key: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p.pattern})" for p in _patterns(data, key, key)) or "(?!)")


def parse_table(data: dict[str, Any]) -> Table:
    """The synonym table from the YAML mapping `data`; RuleError names the entry at fault."""
    entries = data.get("indicators")
    if not isinstance(entries, dict) or not entries:
        raise RuleError(f"{_FILE}: `indicators` must be a non-empty mapping")
    units: dict[str, UnitFamily] = {}
    for unit, spec in (data.get("units") or {}).items():
        if not isinstance(spec, dict) or not isinstance(spec.get("family"), str):
            raise RuleError(f"{_FILE}: units: {unit}: needs a `family`")
        units[str(unit)] = UnitFamily(
            spec["family"], float(spec.get("factor", 1)), str(spec.get("base", unit))
        )
    families = {u.family for u in units.values()}
    indicators = []
    for key, entry in entries.items():
        where = f"indicators: {key}"
        if not isinstance(entry, dict):
            raise RuleError(f"{_FILE}: {where}: must be a mapping")
        names = _patterns(entry, "names", where)
        if not names:
            raise RuleError(f"{_FILE}: {where}: needs at least one name")
        if entry.get("measure") not in _MEASURES:
            raise RuleError(f"{_FILE}: {where}: `measure` must be one of {_MEASURES}")
        if entry.get("better") not in _BETTER:
            raise RuleError(f"{_FILE}: {where}: `better` must be one of {_BETTER}")
        if entry.get("unit") not in families:
            raise RuleError(f"{_FILE}: {where}: unit family {entry.get('unit')!r} is not in units")
        indicators.append(
            Indicator(
                id=str(key),
                label=str(entry.get("label") or key),
                names=names,
                exclude=_patterns(entry, "exclude", where),
                unit=entry["unit"],
                measure=entry["measure"],
                better=entry["better"],
                across_levels=bool(entry.get("across_levels", False)),
            )
        )
    tolerance = data.get("tolerance") or {}
    markers = data.get("review_markers") or {}
    if not isinstance(markers, dict):
        raise RuleError(f"{_FILE}: `review_markers` must be a mapping")
    return Table(
        indicators=tuple(indicators),
        units=units,
        change_words=_one_pattern(data, "change_words"),
        level_words=_one_pattern(data, "level_words"),
        fall_words=_one_pattern(data, "fall_words"),
        period_words=_one_pattern(data, "period_words"),
        period_headings=_one_pattern(data, "period_headings"),
        plan_openers=_one_pattern(data, "plan_openers"),
        generic_names=frozenset(str(n) for n in data.get("generic_names", [])),
        vague_names=_one_pattern(data, "vague_names"),
        several_years=_one_pattern(markers, "several_years"),
        one_year="|".join(f"(?:{p.pattern})" for p in _patterns(markers, "one_year", "one_year")),
        points=float(tolerance.get("points", 0.2)),
        relative=float(tolerance.get("relative", 0.02)),
    )


def one_year_marker(rules: Table, year: int) -> re.Pattern[str]:
    """The markers that start the review of `year` (过去一年, 刚刚过去的2025年)."""
    return re.compile(rules.one_year.replace("{year}", str(year)))


@cache
def table() -> Table:
    """The bundled synonym table, loaded once."""
    return parse_table(load("luoshi.research", "data", _FILE))


def normalize(name: str) -> str:
    """An indicator name without the words of how it moves: 城镇新增就业达到 → 城镇新增就业."""
    name = re.sub(r"[\s“”\"'「」]", "", name)
    previous = None
    while previous != name:
        previous, name = name, _NAME_NOISE.sub("", name)
    return name


def clause_before(text: str, start: int, end: int) -> str:
    """The clause that holds the span [start, end): back to the last comma or full stop."""
    begin = start
    while begin > 0 and not _CLAUSE_END.match(text[begin - 1]):
        begin -= 1
    return text[begin:end]


def identify(
    name: str, family: str | None, measure: str, rules: Table, reach: int = 0
) -> Indicator | None:
    """The table's indicator that `name` names with this unit family and measure, if any.

    The most specific wins: the one whose name matches the longest stretch (单位国内生产总值能耗
    over 国内生产总值). A match must end after `reach` (when `name` is a clause, the start of the
    figure's own words: a subject before the figure's own name is another figure's subject).
    """
    best: Indicator | None = None
    best_length = 0
    for indicator in rules.indicators:
        if indicator.unit != family or indicator.measure != measure:
            continue
        if any(p.search(name) for p in indicator.exclude):
            continue
        for pattern in indicator.names:
            for match in pattern.finditer(name):
                length = match.end() - match.start()
                if match.end() > reach and length > best_length:
                    best, best_length = indicator, length
    return best


def figure(target: Target, text: str, rules: Table | None = None) -> Figure:
    """Read one extracted target (or achievement) of the document `text` as a Figure."""
    rules = rules or table()
    spec = rules.units.get(target.unit)
    family = spec.family if spec else None
    factor = spec.factor if spec else 1.0
    clause = clause_before(text, target.start, target.end)
    words = target.indicator + target.text
    is_change = (target.change is not None or bool(rules.change_words.search(words))) and not (
        rules.level_words.search(target.text)
    )
    measure = "change" if is_change and family == "percent" else "level"
    name = normalize(target.indicator)
    if rules.vague_names.search(name):
        name = ""
    own = target.indicator
    if "分别" in own and "、" in own:  # A、B分别增长8%、6%: this value is A's
        own = own.split("、", 1)[0]
    # "分别增长8.9%、7.7%": the second value has no name of its own and is not the first's.
    before = text[max(0, target.start - 1) : target.start]
    respectively = not target.indicator.strip() and before in ("、", "和")
    indicator = None
    from_clause = False
    if not respectively:
        if name in rules.generic_names:  # 增长3.9%: the subject is earlier in the clause
            indicator = identify(clause, family, measure, rules)
            from_clause = True
        else:  # 增加值增长3% after 规模以上工业企业达7.6万家: its name runs on from the clause
            indicator = identify(own, family, measure, rules)
            if indicator is None and own == target.indicator:
                reach = len(clause) - len(target.text) + 1
                indicator = identify(clause, family, measure, rules, reach=reach)
                from_clause = indicator is not None
    falls = measure == "change" and (
        target.change == "decrease"
        or (target.change is None and bool(rules.fall_words.search(words)))
    )
    sign = -1.0 if falls else 1.0
    value = sign * target.value * factor
    upper = sign * target.upper * factor if target.upper is not None else None
    comparator = target.comparator
    if falls and comparator in (">=", "<="):  # 降幅超过3%: a fall of at least 3, so <= -3
        comparator = "<=" if comparator == ">=" else ">="
    if upper is not None and upper < value:
        value, upper = upper, value
    return Figure(
        kind=target.kind,
        indicator=indicator.id if indicator else None,
        name=name if not respectively else "",
        label=indicator.label if indicator else (name or target.text),
        family=family,
        unit=spec.base if spec else target.unit,
        measure=measure,
        value=value,
        upper=upper,
        comparator=comparator,
        text=target.text,
        start=target.start,
        end=target.end,
        context=clause,
        from_clause=from_clause,
        section=target.section,
        years=tuple(int(y) for y in _YEAR.findall(clause)),
        periodic=bool(rules.period_words.search(clause)),
        better=indicator.better if indicator else ("lower" if falls else None),
    )


def show_number(value: float) -> str:
    """A value as reports write it: 149.4万, 1.4万亿, 5.5."""
    for size, word in ((1e12, "万亿"), (1e8, "亿"), (1e4, "万")):
        if abs(value) >= size:
            return f"{round(value / size, 4):g}{word}"
    return f"{round(value, 4):g}"


def show(figure: Figure) -> str:
    """A figure's value with its comparator and unit: ≥110万人, 4.5—5%, 约5%, 下降≥3%."""
    return show_bound(figure.value, figure.comparator, figure.unit, figure.upper)


def show_bound(value: float, comparator: str, unit: str, upper: float | None = None) -> str:
    """≥110万人; a fall (a negative change) as 下降 with the comparator turned: ≤-3% → 下降≥3%."""
    falls = value < 0 and (upper is None or upper <= 0)
    if falls:
        value, upper = -value, (-upper if upper is not None else None)
        comparator = {">=": "<=", "<=": ">="}.get(comparator, comparator)
        if upper is not None:
            value, upper = upper, value
    prefix = "下降" if falls else ""
    sign = {">=": "≥", "<=": "≤", "~": "约"}.get(comparator, "")
    if upper is not None:
        return f"{prefix}{show_number(value)}—{show_number(upper)}{unit}"
    return f"{prefix}{sign}{show_number(value)}{unit}"

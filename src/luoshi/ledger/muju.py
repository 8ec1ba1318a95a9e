"""亩均 evaluation (亩均论英雄): per-mu figures, a weighted score and A/B/C/D classes.

Pure functions of an enterprise's yearly figures and the settings in data/muju.yaml.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from luoshi import datafiles
from luoshi.datafiles import RuleError

INDICATORS = (
    "tax_per_mu",
    "output_per_mu",
    "energy_per_output",
    "rd_intensity",
    "output_per_employee",
)


@dataclass(frozen=True)
class Figures:
    land_mu: float
    tax: float  # 万元
    output: float  # 万元
    energy: float  # 吨标煤
    rd: float  # 万元
    employees: int


@dataclass(frozen=True)
class Indicator:
    code: str
    name: str
    unit: str
    weight: float
    benchmark: float | None  # None: the mean of the enterprises evaluated
    lower_is_better: bool = False


@dataclass(frozen=True)
class Grade:
    code: str
    name: str
    min_score: float


@dataclass(frozen=True)
class Settings:
    cap: float
    indicators: tuple[Indicator, ...]
    classes: tuple[Grade, ...]


@dataclass
class Scored:
    key: Any
    values: dict[str, float | None]
    points: dict[str, float]
    score: float
    grade: str
    rank: int = 0


def values(f: Figures) -> dict[str, float | None]:
    def ratio(a: float, b: float, scale: float = 1.0) -> float | None:
        return a / b * scale if b else None

    return {
        "tax_per_mu": ratio(f.tax, f.land_mu),
        "output_per_mu": ratio(f.output, f.land_mu),
        "energy_per_output": ratio(f.energy, f.output),
        "rd_intensity": ratio(f.rd, f.output, 100.0),
        "output_per_employee": ratio(f.output, f.employees),
    }


def benchmarks(settings: Settings, rows: list[dict[str, float | None]]) -> dict[str, float]:
    found = {}
    for indicator in settings.indicators:
        if indicator.benchmark is not None:
            found[indicator.code] = indicator.benchmark
            continue
        known = [value for row in rows if (value := row[indicator.code]) is not None]
        found[indicator.code] = sum(known) / len(known) if known else 0.0
    return found


def points(indicator: Indicator, value: float | None, benchmark: float, cap: float) -> float:
    if value is None:
        return 0.0  # no output, no land or no staff: the figure cannot earn points
    if benchmark <= 0:
        share = 1.0
    elif indicator.lower_is_better:
        share = benchmark / value if value > 0 else cap
    else:
        share = value / benchmark
    return indicator.weight * max(0.0, min(cap, share))


def grade(settings: Settings, score: float) -> str:
    for item in settings.classes:
        if score >= item.min_score:
            return item.code
    return settings.classes[-1].code


def evaluate(settings: Settings, enterprises: list[tuple[Any, Figures]]) -> list[Scored]:
    """Score and rank enterprises (one year's figures each), best first."""
    rows = [values(figures) for _, figures in enterprises]
    bench = benchmarks(settings, rows)
    scored = []
    for (key, _), row in zip(enterprises, rows, strict=True):
        earned = {
            i.code: points(i, row[i.code], bench[i.code], settings.cap) for i in settings.indicators
        }
        total = round(sum(earned.values()), 2)
        scored.append(Scored(key, row, earned, total, grade(settings, total)))
    scored.sort(key=lambda s: -s.score)
    for rank, item in enumerate(scored, start=1):
        item.rank = rank
    return scored


def parse(data: Any, source: str = "muju.yaml") -> Settings:
    try:
        indicators = []
        for item in data["indicators"]:
            if item["code"] not in INDICATORS:
                raise RuleError(f"{source}: unknown indicator {item['code']!r}")
            bench = item.get("benchmark", "mean")
            if bench != "mean" and not isinstance(bench, int | float):
                raise RuleError(f"{source}: {item['code']}: benchmark must be a number or mean")
            indicators.append(
                Indicator(
                    item["code"],
                    str(item["name"]),
                    str(item.get("unit", "")),
                    float(item["weight"]),
                    None if bench == "mean" else float(bench),
                    bool(item.get("lower_is_better", False)),
                )
            )
        classes = tuple(
            Grade(str(c["code"]), str(c["name"]), float(c["min_score"])) for c in data["classes"]
        )
        cap = float(data.get("cap", 1.5))
    except (KeyError, TypeError) as error:
        raise RuleError(f"{source}: missing or malformed field {error}") from None
    if [c.min_score for c in classes] != sorted((c.min_score for c in classes), reverse=True):
        raise RuleError(f"{source}: classes must be listed from the highest min_score down")
    if not classes or cap <= 0:
        raise RuleError(f"{source}: needs at least one class and a positive cap")
    return Settings(cap, tuple(indicators), classes)


def load(path: str | Path) -> Settings:
    return parse(datafiles.read(path, str(path)), str(path))


@cache
def settings() -> Settings:
    return parse(datafiles.load("luoshi.ledger", "data", "muju.yaml"))

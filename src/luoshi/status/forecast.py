"""预测: where a quantitative target will stand at its deadline, by a method a staffer can read.

Pure functions (no Django). With at least `minimum_points` reported values (data/status.yaml):
- with last year's monthly pattern (cumulative share of the year's total reached by each month),
  the latest value divided by that month's share;
- otherwise the least-squares line through the values by month (for accruing targets the
  cumulative series, anchored at 0 before January), read at the deadline's month.
The forecast warns (预警) when the projection misses the target.
"""

from __future__ import annotations

from dataclasses import dataclass

from luoshi.status.facts import TargetFacts
from luoshi.status.kinds import met, settings
from luoshi.status.words import Text, month, same, say


@dataclass(frozen=True)
class Forecast:
    value: float
    method: Text
    warning: bool


def _index(period: str) -> int:
    year, number = (int(part) for part in period.split("-"))
    return year * 12 + number


def _fit(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Slope and intercept of the least-squares line through `points`."""
    n = len(points)
    mean_x = sum(x for x, _ in points) / n
    mean_y = sum(y for _, y in points) / n
    spread = sum((x - mean_x) ** 2 for x, _ in points)
    if spread == 0:
        return 0.0, mean_y
    slope = sum((x - mean_x) * (y - mean_y) for x, y in points) / spread
    return slope, mean_y - slope * mean_x


def project(
    target: TargetFacts,
    series: list[tuple[str, float]],
    end_period: str,
    accrues: bool,
    pattern: tuple[float, ...] = (),
) -> Forecast | None:
    """The value at `end_period` ("YYYY-MM") from `series` [(period, value)], one per period."""
    values = dict(series)
    if len(values) < int(settings()["forecast"]["minimum_points"]):
        return None
    periods = sorted(values)
    first, last = periods[0], periods[-1]
    latest_month = int(last[5:])
    if pattern and accrues and len(pattern) >= latest_month and pattern[latest_month - 1] > 0:
        value = values[last] / pattern[latest_month - 1]
        method = say("method_pattern")
    else:
        base = _index(f"{first[:4]}-01") - 1  # December before: cumulative values start at 0
        points = [(float(_index(p) - base), values[p]) for p in periods]
        if accrues:
            points.insert(0, (0.0, 0.0))
        slope, intercept = _fit(points)
        value = slope * (_index(end_period) - base) + intercept
        key = "method_trend" if accrues else "method_level_trend"
        method = say(key, first=month(first), last=month(last))
    return Forecast(value, method, not met(target, value))


def sentence(
    forecast: Forecast, target: TargetFacts, goal: str, at: Text, accrues: bool = True
) -> Text:
    """按当前进度预计年底完成X（目标Y，按…推算）, or for a level 按当前趋势预计年底为X, with
    预警 in front when it misses."""
    value = same(f"{_round(forecast.value)}{target.unit}")
    key = "forecast" if accrues else "forecast_level"
    text = say(key, at=at, value=value, target=goal, method=forecast.method)
    return say("forecast_warning") + text if forecast.warning else text


def _round(value: float) -> str:
    digits = 0 if abs(value) >= 100 else 1 if abs(value) >= 10 else 2
    text = f"{value:.{digits}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text

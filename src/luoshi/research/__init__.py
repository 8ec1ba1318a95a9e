"""Research across reports (pure Python, no Django): promises kept across years, levels compared.

    from luoshi.research import compare, load_report
    pair = compare(load_report("guangdong-2025.txt"), load_report("guangdong-2026.txt"))
    for outcome in pair.outcomes:
        print(outcome.target.label, outcome.verdict, outcome.reason)

`continuity` matches a report's targets to the next year's results (承诺兑现); `levels` puts the
targets of one year's national, provincial, city and county reports side by side (层层加码). The
synonym table of indicators and the level names live in data/*.yaml.
"""

from __future__ import annotations

from luoshi.research.continuity import Outcome, Pair, compare, pair_reports
from luoshi.research.indicators import Figure, Indicator, figure, table
from luoshi.research.reports import Report, ResearchError, load_report, load_reports

__all__ = [
    "Figure",
    "Indicator",
    "Outcome",
    "Pair",
    "Report",
    "ResearchError",
    "compare",
    "figure",
    "load_report",
    "load_reports",
    "pair_reports",
    "table",
]

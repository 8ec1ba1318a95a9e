"""Promises kept across years (承诺兑现): a report's targets against the next report's results.

    from luoshi.research import compare, load_report
    outcomes = compare(load_report("guangdong-2025.txt"), load_report("guangdong-2026.txt"))

Each target of the earlier report's plan part is matched to the first result of the same
indicator (synonym table, else the same normalized name; same unit family; a change rate with a
change rate) in the next report's review part, and judged 兑现 / 未兑现 / 无法判断 from the
value against the target and its comparator. Pure Python, no Django.
"""

from __future__ import annotations

import csv
import os
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from luoshi.research.indicators import Figure, Table, show, show_bound, table
from luoshi.research.reports import Report, display_name

KEPT, MISSED, UNKNOWN = "kept", "missed", "unknown"
VERDICTS = {KEPT: "兑现", MISSED: "未兑现", UNKNOWN: "无法判断"}
# A name that is this short says too little to match on without the synonym table (比重, 总量).
MIN_NAME = 4
_EPSILON = 1e-9
NO_RESULT = "下一年报告的回顾部分未见该指标的结果"
WORDS_ONLY = "下一年报告的回顾部分未见该年的数字，提到该指标处："
_CLAUSE = re.compile(r"[^，。；！？：,;!?:\n]*")


@dataclass
class Outcome:
    target: Figure  # of the earlier report
    result: Figure | None  # of the next report's review part; None when it states none
    verdict: str  # KEPT, MISSED or UNKNOWN
    reason: str  # in Chinese, for the table
    # Without a result: where the next report's review names the indicator without the year's
    # figure (粮食总产量创2006年以来新高), as a span of the next report: (start, end, text).
    mention: tuple[int, int, str] | None = None

    @property
    def main(self) -> bool:
        """A target of an indicator of the synonym table (the report's main targets)."""
        return self.target.indicator is not None


@dataclass
class Pair:
    earlier: Report
    next: Report
    outcomes: list[Outcome]

    def summary(self) -> dict[str, int]:
        main = [o for o in self.outcomes if o.main]
        counts = {key: sum(1 for o in self.outcomes if o.verdict == key) for key in VERDICTS}
        return {
            "main_targets": len(main),
            "main_matched": sum(1 for o in main if o.result is not None),
            "matched": sum(1 for o in self.outcomes if o.result is not None),
            "no_result": sum(1 for o in self.outcomes if o.result is None),
            **counts,
        }


def candidate_targets(report: Report) -> list[Figure]:
    """The earlier report's yearly targets, the first of each indicator (the 主要预期目标 one)."""
    seen: set[tuple[str, str | None, str]] = set()
    chosen = []
    for target in report.targets:
        if target.periodic or (target.indicator is None and len(target.name) < MIN_NAME):
            continue
        if report.year is not None and any(y != report.year for y in target.years):  # 到2030年
            continue
        if target.key in seen:
            continue
        seen.add(target.key)
        chosen.append(target)
    return chosen


def results_by_key(
    report: Report, year: int | None = None
) -> dict[tuple[str, str | None, str], Figure]:
    """The first result of each indicator in the review part of `report` for `year` (the year
    reviewed: a clause naming another year, 从2020年的53.2%, is not that year's result)."""
    found: dict[tuple[str, str | None, str], Figure] = {}
    for result in report.achievements:
        if result.periodic or (result.indicator is None and len(result.name) < MIN_NAME):
            continue
        if year is not None and any(y != year for y in result.years):
            continue
        found.setdefault(result.key, result)
    return found


def _bounds(target: Figure, rules: Table) -> tuple[float | None, float | None]:
    """The values of the result that keep the promise: [low, high], either end open."""
    better = target.better or ("lower" if target.comparator == "<=" else "higher")
    value = target.value
    if target.upper is not None:
        return (value, None) if better == "higher" else (None, target.upper)
    if target.comparator == ">=":
        return value, None
    if target.comparator == "<=":
        return None, value
    if target.comparator == "~":
        band = rules.points if target.family == "percent" else rules.relative * abs(value)
        return (value - band, None) if better == "higher" else (None, value + band)
    return (value, None) if better == "higher" else (None, value)


def judge(target: Figure, result: Figure, rules: Table | None = None) -> tuple[str, str]:
    """The verdict on `target` given `result`, and its reason."""
    rules = rules or table()
    low, high = _bounds(target, rules)
    # What the result says of the true value: exactly a value, at least one, at most one.
    at_least, at_most = result.value, result.value
    if result.upper is not None:
        at_most = result.upper
    elif result.comparator == ">=":
        at_most = float("inf")
    elif result.comparator == "<=":
        at_least = float("-inf")
    wanted = _wanted(low, high, target)
    if target.comparator == "~" and target.upper is None:  # say where the band comes from
        wanted += f"（{show(target)}左右，容差{_band(target, rules)}）".replace("约", "")
    above_low = low is None or at_least >= low - _EPSILON
    below_high = high is None or at_most <= high + _EPSILON
    if above_low and below_high:
        return KEPT, f"实际{show(result)}，{wanted}"
    fails_low = low is not None and at_most < low - _EPSILON
    fails_high = high is not None and at_least > high + _EPSILON
    if fails_low or fails_high:
        return MISSED, f"实际{show(result)}，{wanted}"
    return UNKNOWN, f"实际{show(result)}，不足以判断是否{wanted}"


def _band(target: Figure, rules: Table) -> str:
    if target.family == "percent":
        return f"{rules.points:g}个百分点"
    return f"{rules.relative:.0%}"


def _wanted(low: float | None, high: float | None, target: Figure) -> str:
    if low is not None and high is not None:
        return f"目标要求{show_bound(low, '=', target.unit, high)}"
    if low is not None:
        return f"目标要求{show_bound(low, '>=', target.unit)}"
    return f"目标要求{show_bound(high if high is not None else 0.0, '<=', target.unit)}"


def mention_of(indicator_id: str, report: Report, rules: Table) -> tuple[int, int, str] | None:
    """The first clause of the review part of `report` that names the indicator, if any."""
    indicator = rules.by_id(indicator_id)
    if indicator is None:
        return None
    for start, end in report.review:
        part = report.text[start:end]
        for pattern in indicator.names:
            for match in pattern.finditer(part):
                begin = part.rfind("\n", 0, match.start()) + 1
                for mark in "，。；！？：,;!?:":
                    begin = max(begin, part.rfind(mark, 0, match.start()) + 1)
                clause = _CLAUSE.match(part, begin)
                stop = clause.end() if clause else match.end()
                words = part[begin:stop]
                if any(p.search(words) for p in indicator.exclude):
                    continue
                return start + begin, start + stop, words
    return None


def compare(earlier: Report, next_report: Report, rules: Table | None = None) -> Pair:
    """Every yearly target of `earlier` judged against the review part of `next_report`.

    Targets of the synonym table (the main targets) are listed even when the next report states
    no result for them (无法判断); other targets only when a result of the same name is found.
    """
    rules = rules or table()
    reviewed = earlier.year or (next_report.year - 1 if next_report.year else None)
    results = results_by_key(next_report, reviewed)
    outcomes = []
    for target in candidate_targets(earlier):
        result = results.get(target.key)
        if result is None:
            if target.indicator is not None:
                mention = mention_of(target.indicator, next_report, rules)
                reason = f"{WORDS_ONLY}“{mention[2]}”" if mention else NO_RESULT
                outcomes.append(Outcome(target, None, UNKNOWN, reason, mention))
            continue
        verdict, reason = judge(target, result, rules)
        outcomes.append(Outcome(target, result, verdict, reason))
    return Pair(earlier, next_report, outcomes)


def pair_reports(reports: list[Report]) -> list[tuple[Report, Report]]:
    """Reports of one place in consecutive years: (2025, 2026), (2026, 2027), …"""
    by_place: dict[str, dict[int, Report]] = defaultdict(dict)
    for report in reports:
        if report.year is not None:
            by_place[report.key].setdefault(report.year, report)
    pairs: list[tuple[Report, Report]] = []
    for key in sorted(by_place):
        years = by_place[key]
        pairs.extend((years[y], years[y + 1]) for y in sorted(years) if y + 1 in years)
    return pairs


COLUMNS = [
    "place",
    "earlier_file",
    "earlier_year",
    "next_file",
    "next_year",
    "indicator",
    "label",
    "target_text",
    "target_start",
    "target_end",
    "result_text",
    "result_start",
    "result_end",
    "mention_text",
    "mention_start",
    "mention_end",
    "verdict",
    "verdict_label",
    "reason",
]


def rows(pairs: list[Pair]) -> list[dict[str, Any]]:
    """One flat row per outcome of every pair (the corpus table)."""
    flat = []
    for pair in pairs:
        for o in pair.outcomes:
            flat.append(
                {
                    "place": pair.earlier.place,
                    "earlier_file": pair.earlier.file,
                    "earlier_year": pair.earlier.year,
                    "next_file": pair.next.file,
                    "next_year": pair.next.year,
                    "indicator": o.target.indicator or "",
                    "label": o.target.label,
                    "target_text": o.target.text,
                    "target_start": o.target.start,
                    "target_end": o.target.end,
                    "result_text": o.result.text if o.result else "",
                    "result_start": o.result.start if o.result else None,
                    "result_end": o.result.end if o.result else None,
                    "mention_text": o.mention[2] if o.mention else "",
                    "mention_start": o.mention[0] if o.mention else None,
                    "mention_end": o.mention[1] if o.mention else None,
                    "verdict": o.verdict,
                    "verdict_label": VERDICTS[o.verdict],
                    "reason": o.reason,
                }
            )
    return flat


def _report_json(report: Report) -> dict[str, Any]:
    return {"file": report.file, "place": report.place, "year": report.year}


def to_json(pair: Pair) -> dict[str, Any]:
    return {
        "earlier": _report_json(pair.earlier),
        "next": _report_json(pair.next),
        "summary": pair.summary(),
        "outcomes": [
            {
                "target": o.target.to_dict(),
                "result": o.result.to_dict() if o.result else None,
                "main": o.main,
                "verdict": o.verdict,
                "verdict_label": VERDICTS[o.verdict],
                "reason": o.reason,
                "mention": (
                    {"start": o.mention[0], "end": o.mention[1], "text": o.mention[2]}
                    if o.mention
                    else None
                ),
            }
            for o in pair.outcomes
        ],
    }


QUOTE_CHARS = 40


def quote(figure: Figure) -> str:
    """The figure's own words, or when the clause named it, the clause (at most 40 chars)."""
    if not figure.from_clause:
        return figure.text
    if len(figure.context) <= QUOTE_CHARS:
        return figure.context
    return "…" + figure.context[-QUOTE_CHARS:]


def markdown(pair: Pair) -> str:
    """The pair as a Markdown table (it reads as well in a terminal)."""

    lines = [
        f"{display_name(pair.earlier)} → {display_name(pair.next)}",
        "",
        "| 指标 | 上年目标（原文） | 本年回顾（原文） | 判断 | 说明 |",
        "|---|---|---|---|---|",
    ]
    for o in pair.outcomes:
        lines.append(
            f"| {_cell(o.target.label)} | {_cell(quote(o.target))} | "
            f"{_cell(quote(o.result)) if o.result else '—'} | {VERDICTS[o.verdict]} | "
            f"{_cell(o.reason)} |"
        )
    lines += ["", _summary_line(pair.summary())]
    return "\n".join(lines)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _summary_line(s: dict[str, int]) -> str:
    return (
        f"主要目标 {s['main_targets']} 项，找到结果 {s['main_matched']} 项；"
        f"共比对 {s['matched']} 对：兑现 {s[KEPT]}，未兑现 {s[MISSED]}，"
        f"无法判断 {s[UNKNOWN] - s['no_result']}；未见结果 {s['no_result']}"
    )


def corpus_markdown(pairs: list[Pair]) -> str:
    """Every pair's outcomes in one Markdown table, with the totals."""
    lines = [
        "| 地区 | 年份 | 指标 | 上年目标（原文） | 本年回顾（原文） | 判断 |",
        "|---|---|---|---|---|---|",
    ]
    for pair in pairs:
        years = f"{pair.earlier.year}→{pair.next.year}"
        for o in pair.outcomes:
            result = _cell(quote(o.result)) if o.result else "—"
            lines.append(
                f"| {pair.earlier.place} | {years} | {_cell(o.target.label)} | "
                f"{_cell(quote(o.target))} | {result} | {VERDICTS[o.verdict]} |"
            )
    totals = {key: sum(p.summary()[key] for p in pairs) for key in pairs[0].summary()}
    lines += ["", f"{len(pairs)} 对报告；" + _summary_line(totals)]
    return "\n".join(lines)


def write_csv(flat: list[dict[str, Any]], path: str | os.PathLike[str]) -> None:
    """The corpus table as CSV, UTF-8 with BOM (Excel opens it directly), as `luoshi corpus`."""
    with open(path, "w", encoding="utf-8-sig", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(flat)

"""`luoshi bench`: the extractor's speed and F1 beside peers that find quantities in Chinese text.

Peers are optional benchmark extras (`pip install -e '.[bench]'`), never runtime dependencies; a
peer that cannot be imported is reported as skipped with the reason. Every quantity a peer
returns is scored as if it were a target, on the same gold files as luoshi.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from luoshi.extraction import extract, extract_targets
from luoshi.extraction.evaluate import Score, load_gold, score
from luoshi.extraction.model import Target

Finder = Callable[[str], list[Target]]


@dataclass
class Row:
    tool: str
    chars_per_second: float | None
    score: Score | None
    note: str = ""


def _quantity(text: str, start: int, end: int, value: float, unit: str) -> Target:
    return Target(text[start:end], start, end, None, "", value, unit, "=", None, "target", "peer")


def luoshi_finder(text: str) -> list[Target]:
    return extract_targets(text).targets


def full_finder(text: str) -> list[Target]:
    """The whole parse (structure, targets, tasks, department suggestions); its targets."""
    return extract(text).targets


def parse_seconds(reports: Path) -> tuple[float, int, int]:
    """CPU seconds for the whole parse (structure, targets, tasks, suggestions) of every report."""
    texts = [path.read_text("utf-8") for path in sorted(reports.glob("*.txt"))]
    extract("新增城镇就业1万人。")  # load rules and departments outside the timing
    started = time.process_time()
    tasks = sum(len(extract(text).tasks) for text in texts)
    return time.process_time() - started, len(texts), tasks


def scaling(reports: Path, sizes_mb: Iterable[float]) -> list[tuple[float, float, float]]:
    """(MB, targets seconds, full-parse seconds) on one text of each size, in CPU time.

    The text is the reports joined and repeated: time must grow linearly with its size.
    """
    base = "\n".join(path.read_text("utf-8") for path in sorted(reports.glob("*.txt")))
    rows = []
    for size in sizes_mb:
        chars = int(size * 1_000_000)
        text = (base * (chars // max(len(base), 1) + 1))[:chars]
        seconds = []
        for find in (extract_targets, extract):
            started = time.process_time()
            find(text)
            seconds.append(time.process_time() - started)
        rows.append((size, seconds[0], seconds[1]))
    return rows


def scaling_table(rows: list[tuple[float, float, float]]) -> str:
    lines = [
        "| text size | targets (s) | targets chars/s | full parse (s) | full parse chars/s |",
        "|---:|---:|---:|---:|---:|",
    ]
    for size, fast, full in rows:
        chars = size * 1_000_000
        lines.append(
            f"| {size:g} MB | {fast:.2f} | {chars / max(fast, 1e-9):,.0f} "
            f"| {full:.2f} | {chars / max(full, 1e-9):,.0f} |"
        )
    return "\n".join(lines)


_DIGITS = re.compile(r"\d+(?:\.\d+)?%?")


def regex_finder(text: str) -> list[Target]:
    """The floor: every run of digits, with % when it follows."""
    found = []
    for match in _DIGITS.finditer(text):
        number = match.group()
        unit = "%" if number.endswith("%") else ""
        found.append(_quantity(text, match.start(), match.end(), float(number.rstrip("%")), unit))
    return found


def chinese2digits_finder() -> Finder:
    import chinese2digits  # type: ignore[import-not-found,unused-ignore]  # bench extra, untyped

    def find(text: str) -> list[Target]:
        found = []
        result = chinese2digits.takeNumberFromString(text)
        position = 0
        for words, digits in zip(
            result["CHNumberStringList"], result["digitsStringList"], strict=False
        ):
            start = text.find(words, position)
            if start < 0:
                continue
            end = start + len(words)
            position = end
            try:
                value = float(digits)
            except ValueError:
                continue
            unit = ""
            if words.startswith("百分之") or text[end : end + 1] == "%":
                unit, value = "%", value * 100 if words.startswith("百分之") else value
            found.append(_quantity(text, start, end, value, unit))
        return found

    return find


def recognizers_finder() -> Finder:
    from recognizers_suite import (  # type: ignore[import-not-found,unused-ignore]  # bench extra
        Culture,
        recognize_currency,
        recognize_number,
        recognize_percentage,
    )

    def find(text: str) -> list[Target]:
        found = []
        for recognize, unit in (
            (recognize_percentage, "%"),
            (recognize_currency, "元"),
            (recognize_number, ""),
        ):
            for result in recognize(text, Culture.Chinese):
                resolution = result.resolution or {}
                raw = str(resolution.get("value", "")).rstrip("%")
                try:
                    value = float(raw)
                except ValueError:
                    continue
                end = result.end + 1  # Recognizers-Text ends are inclusive
                found.append(_quantity(text, result.start, end, value, unit))
        return found

    return find


def duckling_finder() -> Finder:
    try:
        import duckling  # type: ignore[import-not-found,unused-ignore]  # pyduckling-native: no wheel
    except ImportError:
        raise RuntimeError(
            "not installed: PyPI has only an sdist (no wheel for this Python); building it "
            "needs GHC and Duckling's Haskell sources"
        ) from None

    context = duckling.Context(
        duckling.parse_ref_time(
            duckling.load_time_zones("/usr/share/zoneinfo"), "Asia/Shanghai", 0
        ),
        duckling.parse_locale("ZH_CN", None),
    )
    dimensions = duckling.parse_dimensions(["number", "quantity", "amount-of-money"])

    def find(text: str) -> list[Target]:
        found = []
        for item in duckling.parse(text, context, dimensions, False):
            value = item["value"].get("value")
            if isinstance(value, int | float):
                unit = item["value"].get("unit") or ""
                found.append(_quantity(text, item["start"], item["end"], float(value), unit))
        return found

    return find


PEERS: list[tuple[str, Callable[[], Finder]]] = [
    ("pyduckling-native", duckling_finder),
    ("Recognizers-Text (zh)", recognizers_finder),
    ("chinese2digits", chinese2digits_finder),
    ("digits regex (floor)", lambda: regex_finder),
]


def _speed(find: Finder, texts: list[str], budget: float) -> float:
    """Chars per second of CPU time over the texts (best of up to three passes, within budget).

    CPU time, not wall time, so that other work on the machine does not count against a tool.
    """
    best = 0.0
    deadline = time.perf_counter() + budget
    for _ in range(3):
        done = 0
        started = time.process_time()
        for text in texts:
            find(text)
            done += len(text)
            if time.perf_counter() > deadline:
                break
        best = max(best, done / max(time.process_time() - started, 1e-9))
        if time.perf_counter() > deadline:
            break
    return best


def _combined(scores: Iterable[Score]) -> Score:
    total = Score(0, 0, 0, 0, 0)
    for item in scores:
        total.gold += item.gold
        total.predicted += item.predicted
        total.matched += item.matched
        total.comparator_correct += item.comparator_correct
        total.review_errors += item.review_errors
    return total


def run(reports: Path, gold: Path, budget: float = 20.0) -> list[Row]:
    texts = [path.read_text("utf-8") for path in sorted(reports.glob("*.txt"))]
    pairs = [
        (load_gold(path), (reports / f"{path.stem}.txt").read_text("utf-8"))
        for path in sorted(gold.glob("*.jsonl"))
        if (reports / f"{path.stem}.txt").exists()
    ]
    rows = []
    ours = [
        ("luoshi (targets)", lambda: luoshi_finder),
        ("luoshi (full parse)", lambda: full_finder),
    ]
    for name, make in [*ours, *PEERS]:
        try:
            find = make()
            find("新增城镇就业1万人。")
        except Exception as error:  # a peer that cannot load is reported, not hidden
            rows.append(Row(name, None, None, f"skipped: {type(error).__name__}: {error}"[:90]))
            continue
        speed = _speed(find, texts, budget)
        scores = [score(find(text), items, header) for (header, items), text in pairs]
        rows.append(Row(name, speed, _combined(scores)))
    return rows


def table(rows: list[Row], chars: int) -> str:
    lines = [
        f"{chars:,} chars in the reports; F1 over the gold files (value, unit and span must agree)",
        "",
        "| tool | chars/s | × luoshi | precision | recall | F1 |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    ours = rows[0].chars_per_second or 1.0
    for row in rows:
        if row.score is None or row.chars_per_second is None:
            lines.append(f"| {row.tool} | – | – | – | – | {row.note} |")
            continue
        s = row.score
        lines.append(
            f"| {row.tool} | {row.chars_per_second:,.0f} | {row.chars_per_second / ours:.3f} "
            f"| {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} |"
        )
    return "\n".join(lines)

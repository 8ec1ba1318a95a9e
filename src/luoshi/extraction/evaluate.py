"""Score predicted targets against a gold file, as ../gold/GUIDELINES.md defines it."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from luoshi.extraction.model import Target


@dataclass
class Score:
    gold: int
    predicted: int
    matched: int
    comparator_correct: int
    review_errors: int  # targets predicted inside the review part
    misses: list[dict[str, Any]] = field(default_factory=list)
    false_positives: list[Target] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def comparator_accuracy(self) -> float:
        return self.comparator_correct / self.matched if self.matched else 1.0


def load_gold(path: str | Path) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The header (region/review, may be empty) and the gold targets of a .jsonl file."""
    header: dict[str, Any] = {}
    targets = []
    lines = Path(path).read_text("utf-8").splitlines()
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as error:
            raise ValueError(f"{path}:{number}: not a JSON line ({error.msg})") from None
        if "region" in item and "value" not in item:
            header = item
        else:
            targets.append(item)
    return header, targets


def _same_value(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def score(predicted: list[Target], gold: list[dict[str, Any]], header: dict[str, Any]) -> Score:
    region = header.get("region")
    review = header.get("review")
    candidates = [t for t in predicted if t.kind == "target"]
    review_errors = 0
    if review:
        review_errors = sum(1 for t in candidates if review[0] <= t.start < review[1])
    if region:
        candidates = [t for t in candidates if region[0] <= t.start < region[1]]
    unmatched = list(candidates)
    matched = comparator_correct = 0
    misses = []
    for item in gold:
        hit = next(
            (
                t
                for t in unmatched
                if _same_value(t.value, float(item["value"]))
                and t.unit == item["unit"]
                and t.start < item["end"]
                and item["start"] < t.end
            ),
            None,
        )
        if hit is None:
            misses.append(item)
            continue
        unmatched.remove(hit)
        matched += 1
        comparator_correct += hit.comparator == item["comparator"]
    return Score(
        gold=len(gold),
        predicted=len(candidates),
        matched=matched,
        comparator_correct=comparator_correct,
        review_errors=review_errors,
        misses=misses,
        false_positives=unmatched,
    )

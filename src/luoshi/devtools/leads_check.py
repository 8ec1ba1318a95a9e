"""How good the suggested leads are: plausible-lead share on an annotated sample, and the share
of tasks left without a lead on each report.

A sample is a YAML list of rows `{report, at, target, leads}`: the target that starts at offset
`at` of the report (tests/data/leads_blind.yaml), with the departments that could rightly lead
it. The lead of a target is its own (a main indicator's) when it has one, else its task's.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from luoshi.extraction import extract
from luoshi.extraction.departments import Departments
from luoshi.extraction.model import Extraction


@dataclass
class SampleScore:
    rows: int = 0
    plausible: int = 0
    wrong: list[str] = field(default_factory=list)

    @property
    def share(self) -> float:
        return self.plausible / self.rows if self.rows else 1.0


@dataclass
class EmptyLeads:
    report: str
    tasks: int
    empty: int

    @property
    def share(self) -> float:
        return self.empty / self.tasks if self.tasks else 0.0


def target_lead(extraction: Extraction, at: int, end: int) -> str | None:
    """The lead for the target spanning [at, end): the indicator's own, else its task's."""
    index = next(
        (i for i, t in enumerate(extraction.targets) if t.start < end and at < t.end), None
    )
    task = next(
        (t for t in extraction.tasks if index is not None and index in t.targets),
        None,
    ) or next((t for t in extraction.tasks if t.start <= at < t.end), None)
    if task is None:
        return None
    own = [a for a in task.assignments if a.role == "lead" and a.target == index]
    general = [a for a in task.assignments if a.role == "lead" and a.target is None]
    chosen = own if index is not None and own else general
    return chosen[0].department if chosen else None


def score_sample(
    rows: Iterable[dict[str, Any]], reports: Path, departments: Departments | None = None
) -> dict[str, SampleScore]:
    """Plausible-lead share per report of the sample rows, and in all (key "")."""
    extractions: dict[str, Extraction] = {}
    scores: dict[str, SampleScore] = {"": SampleScore()}
    for row in rows:
        stem = row["report"]
        if stem not in extractions:
            text = (reports / f"{stem}.txt").read_text("utf-8")
            extractions[stem] = extract(text, departments=departments)
        extraction = extractions[stem]
        at, target = int(row["at"]), row["target"]
        if extraction.text[at : at + len(target)] != target:
            raise ValueError(f"{stem}: the sample's target {target!r} is not at offset {at}")
        lead = target_lead(extraction, at, at + len(target))
        for key in ("", stem):
            score = scores.setdefault(key, SampleScore())
            score.rows += 1
            if lead in row["leads"]:
                score.plausible += 1
            elif key:
                score.wrong.append(f"{target} → {lead} (want {'/'.join(row['leads'])})")
    return scores


def load_sample(path: Path) -> list[dict[str, Any]]:
    rows = yaml.safe_load(path.read_text("utf-8"))
    if not isinstance(rows, list):
        raise ValueError(f"{path}: a sample is a list of rows")
    return rows


def empty_leads(paths: Iterable[Path], departments: Departments | None = None) -> list[EmptyLeads]:
    """For each report, how many of its tasks got no suggested lead; worst first."""
    result = []
    for path in paths:
        extraction = extract(path.read_text("utf-8"), departments=departments)
        empty = sum(1 for t in extraction.tasks if not any(a.role == "lead" for a in t.assignments))
        result.append(EmptyLeads(path.stem, len(extraction.tasks), empty))
    return sorted(result, key=lambda r: (-r.share, r.report))

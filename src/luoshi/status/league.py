"""The league table of departments: who keeps pace with their tasks (no Django)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from luoshi.status.labels import GOOD, STATUSES

K = TypeVar("K", bound=Hashable)


@dataclass
class LeagueRow(Generic[K]):
    key: K  # the department (or its id or name, as the caller keys them)
    tally: Counter[str] = field(default_factory=Counter)  # status → number of tasks

    @property
    def total(self) -> int:
        return sum(self.tally.values())

    @property
    def good(self) -> int:
        return sum(self.tally[s] for s in GOOD)

    @property
    def share(self) -> float:
        """序时推进率: tasks complete, ahead or on track, of all the department leads."""
        return self.good / self.total if self.total else 0.0

    @property
    def counts(self) -> list[int]:
        """The tally in the order of STATUSES."""
        return [self.tally[s] for s in STATUSES]


def league(tallies: Mapping[K, Mapping[str, int]]) -> list[LeagueRow[K]]:
    """Departments by their 序时推进率, then by the number of tasks they lead; ties keep the
    order of `tallies`."""
    rows = [LeagueRow(key, Counter(dict(tally))) for key, tally in tallies.items()]
    rows.sort(key=lambda row: (-row.share, -row.total))
    return rows


def tally(pairs: Iterable[tuple[K, str]]) -> dict[K, Counter[str]]:
    """(department, status) pairs counted per department, in order of first appearance."""
    found: dict[K, Counter[str]] = {}
    for key, status in pairs:
        found.setdefault(key, Counter())[status] += 1
    return found

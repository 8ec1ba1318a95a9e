"""What the extractor returns: plain dataclasses with spans into the input text."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Target:
    text: str  # the source span, == input[start:end]
    start: int
    end: int
    section: str | None
    indicator: str
    value: float
    unit: str
    comparator: str  # ">=", "<=", "=", "~"
    change: str | None  # None, "increase", "decrease"
    kind: str  # "target" or "achievement"
    rule: str
    upper: float | None = None
    each: list[str] | None = None
    qualifier: str | None = None
    named_items: list[str] | None = None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("upper", "each", "qualifier", "named_items"):
            if data[key] is None:
                del data[key]
        for key in ("value", "upper"):
            if key in data and float(data[key]).is_integer() and abs(data[key]) < 2**53:
                data[key] = int(data[key])
        return data


@dataclass
class Section:
    level: int  # 1 for 一、, 2 for （一） and 一是, 3 for 1.
    number: str  # the ordinal as written (二, （一）, 1.)
    title: str
    start: int  # span of the heading
    end: int
    body_end: int  # where the section's text ends


@dataclass
class Part:
    kind: str  # "review" or "plan"
    start: int
    end: int


@dataclass
class Extraction:
    text: str
    year: int | None
    title: str | None
    parts: list[Part] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)

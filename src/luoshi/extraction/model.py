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
    baseline: float | None = None  # the level it starts from (从75%提高到100%, 现行16%)
    restated: list[tuple[int, int]] | None = None  # later spans that state it again

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("upper", "each", "qualifier", "named_items", "baseline", "restated"):
            if data[key] is None:
                del data[key]
        if "restated" in data:
            data["restated"] = [{"start": s, "end": e} for s, e in data["restated"]]
        for key in ("value", "upper", "baseline"):
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
class Subheading:
    """A short lead sentence (全力抓好项目招商。) that groups the sentences after it."""

    title: str  # without the closing 。
    start: int  # span of the title
    end: int
    body_end: int  # where the sentences it groups end


@dataclass
class Part:
    kind: str  # "review", "plan", or "glossary" (definitions at the end)
    start: int
    end: int
    rule: str = "part.whole"  # how the part was found (part.heading_words, part.opening, …)


@dataclass
class Assignment:
    """A suggested department for a task, with the words that matched its remit."""

    department: str  # the department's canonical name (as in the departments data file)
    role: str  # "lead" or "support"
    reason: str  # e.g. "匹配职责关键词：招商、项目"
    # The index (into Extraction.targets) of the one indicator this assignment is for, when a
    # task lists several main indicators that each have their own lead (主要预期目标); None for
    # the task as a whole.
    target: int | None = None


@dataclass
class Task:
    """One actionable commitment: a sentence, or a clause of a sentence with several."""

    id: str  # stable within one extraction: "T001", "T002", …
    text: str  # == input[start:end]
    start: int
    end: int
    section: str | None  # title of the enclosing section
    subheading: str | None  # the short lead sentence grouping it (全力抓好项目招商。)
    kind: str  # "target" (quantitative), "project", "reform" or "qualitative"
    targets: list[int] = field(default_factory=list)  # indexes into Extraction.targets
    named_items: list[str] = field(default_factory=list)
    assignments: list[Assignment] = field(default_factory=list)
    deadline: str | None = None  # ISO date, e.g. "2022-12-31"
    nodes: list[str] = field(default_factory=list)  # ISO dates of checkpoints
    section_number: str | None = None  # the enclosing section's ordinal as written (四, （二）)
    rule: str = "task.sentence"  # how the span was cut: a sentence, or a clause of one


@dataclass
class Extraction:
    text: str
    year: int | None
    title: str | None
    parts: list[Part] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    subheadings: list[Subheading] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)  # spans, end mark included

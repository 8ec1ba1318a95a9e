"""An extraction as plain JSON-ready data: what `luoshi parse --json` prints."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from luoshi.extraction.model import Extraction, Task
from luoshi.extraction.parts import warnings
from luoshi.extraction.text import fold


def parse_payload(extraction: Extraction, *, with_sentences: bool = False) -> dict[str, Any]:
    """Structure, targets, tasks and suggestions; every offset points into `extraction.text`."""
    payload: dict[str, Any] = {
        "title": extraction.title,
        "year": extraction.year,
        "parts": [asdict(p) for p in extraction.parts],
        "sections": [asdict(s) for s in extraction.sections],
        "subheadings": [asdict(s) for s in extraction.subheadings],
        "targets": [t.to_dict() for t in extraction.targets],
        "tasks": [_task(t) for t in extraction.tasks],
        "warnings": warnings(fold(extraction.text), _planned(extraction)),
    }
    if with_sentences:
        payload["sentences"] = [{"start": s, "end": e} for s, e in extraction.sentences]
    return payload


def _task(task: Task) -> dict[str, Any]:
    """A task; an assignment names its `target` only when it is one indicator's own."""
    data = asdict(task)
    for assignment in data["assignments"]:
        if assignment["target"] is None:
            del assignment["target"]
    return data


def _planned(extraction: Extraction) -> int:
    return sum(1 for t in extraction.targets if t.kind == "target")

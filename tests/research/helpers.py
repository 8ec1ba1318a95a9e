"""Figures and reports made by hand, for tests that need no extraction."""

from luoshi.extraction.model import Target
from luoshi.research.indicators import Figure, figure
from luoshi.research.reports import Report


def make_figure(
    sentence: str,
    span: str,
    indicator: str,
    value: float,
    unit: str = "%",
    comparator: str = "=",
    change: str | None = None,
    kind: str = "target",
    upper: float | None = None,
) -> Figure:
    """The figure of `span` (which must occur in `sentence`) as the extractor would give it."""
    start = sentence.index(span)
    target = Target(
        text=span,
        start=start,
        end=start + len(span),
        section=None,
        indicator=indicator,
        value=value,
        unit=unit,
        comparator=comparator,
        change=change,
        kind=kind,
        rule="test",
        upper=upper,
    )
    return figure(target, sentence)


def make_report(place: str, year: int, level: str | None, figures: list[Figure], text: str = ""):
    return Report(
        file=f"{place}-{year}.txt",
        place=place,
        key=place,
        year=year,
        level=level,
        figures=figures,
        text=text,
    )

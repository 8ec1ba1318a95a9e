"""Target precision and recall on county reports, against the blind samples' plan targets.

The blind lead samples (tests/data/leads_blind*.yaml) list every plan target of three county
reports (高唐县 2022, 涞源县 2025, 涞水县 2021), annotated from the target and its sentence before
the suggester ran; spans the annotators found to be no targets were left out. A predicted plan
target is right when it overlaps an annotated one (a project's size and its count, annotated as
two rows, are one target with its qualifier now).
"""

from pathlib import Path

import yaml

from luoshi.extraction import extract

DATA = Path(__file__).parent.parent / "data"
COUNTIES = {"gaotang-2022", "laiyuan-2025", "laishui-2021"}


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _scores() -> tuple[float, float, list[str]]:
    right = predicted = found = annotated = 0
    wrong: list[str] = []
    for sample in sorted(DATA.glob("leads_blind*.yaml")):
        rows = yaml.safe_load(sample.read_text("utf-8"))
        for report in dict.fromkeys(r["report"] for r in rows if r["report"] in COUNTIES):
            text = (DATA / "leads_reports" / f"{report}.txt").read_text("utf-8")
            gold = [(r["at"], r["at"] + len(r["target"])) for r in rows if r["report"] == report]
            spans = [(t.start, t.end) for t in extract(text).targets if t.kind == "target"]
            for span in spans:
                if any(_overlap(span, g) for g in gold):
                    right += 1
                else:
                    wrong.append(f"{report}: {text[span[0] : span[1]]}")
            predicted += len(spans)
            annotated += len(gold)
            found += sum(any(_overlap(s, g) for s in spans) for g in gold)
    return right / predicted, found / annotated, wrong


def test_county_reports_reach_the_precision_goal():
    precision, recall, wrong = _scores()
    assert precision >= 0.95, wrong
    assert recall >= 0.95

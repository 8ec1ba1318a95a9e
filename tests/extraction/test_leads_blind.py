"""Plausible leads on the blind samples (data/leads_blind*.yaml) and no report left without leads.

Each sample was annotated before the suggester ran on its two reports (a city's and a county's);
the floor is the goal for reports the remits were never tuned on.
"""

from pathlib import Path

import pytest
import yaml

from luoshi.devtools.leads_check import empty_leads, score_sample
from luoshi.extraction import load_departments

DATA = Path(__file__).parent.parent / "data"
REPORTS = DATA / "leads_reports"
SAMPLES = {
    "leads_blind.yaml": {"baoding-2021", "gaotang-2022"},
    "leads_blind_2.yaml": {"baoding-2014", "laiyuan-2025"},
    "leads_blind_3.yaml": {"baoding-2026", "laishui-2021"},
}
PLAUSIBLE_FLOOR = 0.9
EMPTY_CEILING = 0.03


def sample(name):
    return yaml.safe_load((DATA / name).read_text("utf-8"))


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_a_sample_holds_the_targets_of_a_city_and_a_county_report(name):
    departments = load_departments()
    rows = sample(name)
    assert {row["report"] for row in rows} == SAMPLES[name]
    assert len(rows) >= 40
    for row in rows:
        text = (REPORTS / f"{row['report']}.txt").read_text("utf-8")
        assert text[row["at"] : row["at"] + len(row["target"])] == row["target"], row
        assert row["leads"] and all(departments.get(name) for name in row["leads"]), row


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_plausible_leads_on_a_blind_sample(name):
    scores = score_sample(sample(name), REPORTS)
    lines = [f"{key or 'all'}: {s.share:.1%} ({s.plausible}/{s.rows})" for key, s in scores.items()]
    wrong = [line for score in scores.values() for line in score.wrong]
    print(*lines, *wrong, sep="\n  ")
    for score in scores.values():
        assert score.share >= PLAUSIBLE_FLOOR, "\n  ".join([*lines, *wrong])


ALL_REPORTS = sorted([*(DATA / "reports").glob("*.txt"), *REPORTS.glob("*.txt")])


@pytest.mark.parametrize("path", ALL_REPORTS, ids=lambda p: p.stem)
def test_almost_every_task_of_a_report_has_a_lead(path):
    (row,) = empty_leads([path])
    stem = path.stem
    assert row.tasks > 0
    assert row.share < EMPTY_CEILING, f"{stem}: {row.empty} of {row.tasks} tasks without a lead"

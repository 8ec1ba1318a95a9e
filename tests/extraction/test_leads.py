"""Lead accuracy on a hand-checked table of task sentences from many reports (data/leads.yaml)."""

from functools import cache
from pathlib import Path

import yaml

from luoshi.extraction import extract, load_departments
from luoshi.extraction.model import Task
from luoshi.extraction.suggest import assign

DATA = Path(__file__).parent.parent / "data"
TABLE = yaml.safe_load((DATA / "leads.yaml").read_text("utf-8"))
ACCURACY_FLOOR = 0.9


@cache
def report(stem):
    return extract((DATA / "reports" / f"{stem}.txt").read_text("utf-8"))


def as_in_report(stem, sentence):
    """The sentence as a task, with the section and sub-heading it has in its report."""
    extraction = report(stem)
    at = extraction.text.index(sentence)
    holder = next((t for t in extraction.tasks if t.start <= at < t.end), None)
    section = holder.section if holder else None
    subheading = holder.subheading if holder else None
    return Task("T001", sentence, 0, len(sentence), section, subheading, "qualitative")


def test_the_table_is_hand_checked_data_from_several_reports():
    departments = load_departments()
    assert len(TABLE) >= 60 and len({row["report"] for row in TABLE}) >= 10
    for row in TABLE:
        assert all(departments.get(name) for name in row["leads"]), row


def test_lead_accuracy_on_the_hand_checked_table():
    departments = load_departments()
    wrong = []
    for row in TABLE:
        assignments = assign(as_in_report(row["report"], row["sentence"]), departments)
        lead = next((a.department for a in assignments if a.role == "lead"), None)
        if lead not in row["leads"]:
            wrong.append(f"{row['sentence'][:40]} → {lead} (want {'/'.join(row['leads'])})")
    accuracy = 1 - len(wrong) / len(TABLE)
    summary = f"lead accuracy {accuracy:.1%} ({len(TABLE) - len(wrong)}/{len(TABLE)})"
    print(summary, *wrong, sep="\n  ")
    assert accuracy >= ACCURACY_FLOOR, "\n  ".join([summary, *wrong])

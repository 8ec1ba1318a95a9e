"""Text that starts like a formula is written as text by every export (issue 18, item 3).

A liaison can put `=HYPERLINK(...)` or `=cmd|' /C calc'!A0` in their project or narrative, and
a report's sentences are whatever the report says. Each writer (项目台账, 台账, 分工方案, corpus
CSV) gets such strings and is read back: no cell is a formula, and the text is kept.
"""

import csv
import dataclasses
import io

import openpyxl
import pytest

from luoshi.corpus import COLUMNS, write_csv
from luoshi.documents import progress_workbook
from luoshi.documents.division import write_plan
from luoshi.extraction import extract
from luoshi.ledger.models import Project

HOSTILE = [
    '=HYPERLINK("http://evil.example/","点击")',
    "=cmd|' /C calc'!A0",
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
]


def cells(book):
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


def assert_plain_text(book, strings):
    found = cells(book)
    assert not [c.coordinate for c in found if c.data_type == "f"], "a cell is a formula"
    values = {c.value for c in found}
    missing = [s for s in strings if s not in values]
    assert not missing, missing


@pytest.fixture(autouse=True)
def as_of(settings):
    settings.LUOSHI_AS_OF = "2022-07-10"


def test_the_project_ledger_export_writes_formula_text_as_text(client, bob, ndrc, city):
    for n, text in enumerate(HOSTILE):
        Project.objects.create(
            jurisdiction=city, code=f"P{n:03}", name=text, department=ndrc, industry=text,
            leader=text, total_investment=1000, stage="planning", stage_since="2022-01-10",
            tier="reserve", planning_on="2022-01-10",
        )  # fmt: skip
    client.force_login(bob)
    response = client.get("/ledger/export/")
    assert response.status_code == 200
    assert_plain_text(openpyxl.load_workbook(io.BytesIO(response.content)), HOSTILE)


def test_the_progress_workbook_writes_formula_text_as_text(client, bob, ndrc, bobs_task):
    bobs_task.text = HOSTILE[1]
    bobs_task.save(update_fields=["text"])
    target = bobs_task.targets.get()
    target.text = HOSTILE[0]
    target.save(update_fields=["text"])
    client.force_login(bob)
    response = client.get(
        f"/exchange/progress-workbook/{ndrc.pk}/sheet.xlsx", {"period": "2022-06"}
    )
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert_plain_text(book, HOSTILE[1:2])
    # The 量化指标 column writes the target with its unit after it, as text.
    labels = [c.value for c in cells(book) if isinstance(c.value, str)]
    assert any(label.startswith(HOSTILE[0]) for label in labels)
    # And the sheet still reads back as luoshi's own.
    assert progress_workbook.read_workbook(response.content).checksum_ok


def test_the_division_workbook_writes_formula_text_as_text(tmp_path):
    extraction = extract("一、重点任务\n新增城镇就业1万人以上。\n", year=2022)
    assert extraction.tasks
    tasks = [
        dataclasses.replace(t, text=HOSTILE[n % len(HOSTILE)])
        for n, t in enumerate(extraction.tasks)
    ]
    path = write_plan(
        dataclasses.replace(extraction, tasks=tasks), tmp_path / "plan.xlsx", HOSTILE[4]
    )
    assert_plain_text(openpyxl.load_workbook(path), [HOSTILE[4], HOSTILE[0]])


def test_the_corpus_csv_neutralizes_formula_text(tmp_path):
    rows = [dict.fromkeys(COLUMNS, "") | {"text": text, "comparator": "="} for text in HOSTILE]
    path = tmp_path / "targets.csv"
    write_csv(rows, path)
    with open(path, encoding="utf-8-sig", newline="") as f:
        read = list(csv.DictReader(f))
    assert [row["text"] for row in read] == ["'" + text for text in HOSTILE]
    assert {row["comparator"] for row in read} == {"="}  # one character is not a formula

"""The 分工方案 workbook and the `luoshi parse` / `luoshi plan` commands, through CliRunner."""

import json
import subprocess
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from luoshi.cli import main
from luoshi.documents.division import task_rows
from luoshi.extraction import extract_document, load_departments
from luoshi.extraction.departments import bundled_city
from luoshi.reading import read
from tests.tools import require_tool

SEED = Path(__file__).parent.parent / "data" / "reports" / "liaoyuan-2022-part2.txt"
CITY = str(bundled_city("liaoyuan"))


@pytest.fixture(scope="module")
def workbook(tmp_path_factory):
    out = tmp_path_factory.mktemp("plan") / "plan.xlsx"
    args = ["plan", str(SEED), "--xlsx", str(out), "--year", "2022", "--departments", CITY]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    return openpyxl.load_workbook(out).active


def test_the_workbook_has_a_title_and_the_conventional_header(workbook):
    assert "分工方案" in workbook.cell(1, 1).value
    header = [workbook.cell(2, c).value for c in range(1, 7)]
    assert header == ["序号", "工作任务", "量化指标", "牵头单位", "配合单位", "完成时限"]


def test_the_workbook_prints_on_a4_landscape_with_a_frozen_repeated_header(workbook):
    assert workbook.page_setup.orientation == "landscape"
    assert int(workbook.page_setup.paperSize) == int(workbook.PAPERSIZE_A4)
    assert workbook.freeze_panes == "A3"
    assert workbook.print_title_rows == "$1:$2"
    assert workbook.cell(3, 2).alignment.wrap_text or workbook.cell(4, 2).alignment.wrap_text
    assert workbook.column_dimensions["B"].width >= 50


def test_the_workbook_has_one_row_per_task_and_a_group_row_per_section(workbook):
    rows = list(workbook.iter_rows(min_row=3, values_only=True))
    tasks = [r for r in rows if isinstance(r[0], int)]
    groups = [r[0] for r in rows if isinstance(r[0], str)]
    assert [r[0] for r in tasks] == list(range(1, len(tasks) + 1))
    assert len(groups) == 8 and groups[1].startswith("四是聚焦夯实发展基础")
    row = next(r for r in tasks if "开复工500万元以上项目354个" in r[1])
    assert row[2] == "开复工500万元以上项目354个"
    assert row[3] == "发展和改革委员会" and row[5] == "2022年底前"


def test_parse_prints_structure_tasks_and_suggestions_as_json():
    args = ["parse", str(SEED), "--json", "--year", "2022", "--departments", CITY]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    original = SEED.read_text("utf-8")
    assert payload["year"] == 2022 and len(payload["sections"]) == 8
    task = next(t for t in payload["tasks"] if "招商活动各不少于100次" in t["text"])
    assert original[task["start"] : task["end"]] == task["text"]  # offsets into the original
    assert task["assignments"][0] == {
        "department": "商务局",
        "role": "lead",
        "reason": "对象：招商活动 → 商务局",
    }
    assert {a["department"] for a in task["assignments"]} >= {"东丰县", "辽源高新区"}
    for target in payload["targets"]:
        assert original[target["start"] : target["end"]] == target["text"]


def test_parse_says_in_chinese_which_departments_entry_is_wrong(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("departments:\n  - {name: 商务局, code: x}\n", "utf-8")
    result = CliRunner().invoke(main, ["parse", str(SEED), "--departments", str(bad)])
    assert result.exit_code != 0
    assert "部门配置文件有误" in result.output and "商务局" in result.output
    assert "Traceback" not in result.output


def test_libreoffice_opens_the_workbook_with_one_row_per_task_and_indicator(tmp_path):
    soffice = require_tool("soffice")
    out = tmp_path / "plan.xlsx"
    args = ["plan", str(SEED), "--xlsx", str(out), "--year", "2022", "--departments", CITY]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    profile = (tmp_path / "profile").as_uri()  # a fresh profile: no lock, no first-run state
    convert = ["--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(out)]
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", *convert],
        check=True,
        timeout=180,
        capture_output=True,
    )
    pdf = tmp_path / "plan.pdf"
    assert pdf.exists() and pdf.stat().st_size > 1000
    assert pdf.read_bytes().startswith(b"%PDF")
    seed = extract_document(read(str(SEED)), year=2022, departments=load_departments(CITY))
    sheet = openpyxl.load_workbook(out).active
    numbered = [r for r in sheet.iter_rows(min_row=3, values_only=True) if isinstance(r[0], int)]
    assert len(numbered) == sum(len(task_rows(task, seed)) for task in seed.tasks)

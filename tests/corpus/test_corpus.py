import csv
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from luoshi import corpus
from luoshi.cli import main
from luoshi.extraction import extract_document
from luoshi.reading import read

REPORTS = Path(__file__).parent.parent / "data" / "reports"
REPORT_FILES = sorted(REPORTS.glob("*.txt"))
# A few reports for the checks that extract again in the test.
SMALL = ["liaoyuan-2022-part2.txt", "hebei-2026.txt", "jilin-2025.txt"]


def run(*args: str):
    return CliRunner().invoke(main, ["corpus", *args])


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as rows:
        return list(csv.DictReader(rows))


@pytest.fixture(scope="module")
def reports_csv(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("corpus") / "targets.csv"
    result = run(str(REPORTS), "--out", str(out), "--jobs", "2")
    assert result.exit_code == 0, result.output
    return out


def test_the_reports_become_one_row_per_target_with_exact_offsets(reports_csv):
    rows = read_csv(reports_csv)
    assert {row["file"] for row in rows} == {str(path) for path in REPORT_FILES}
    for path in REPORT_FILES:
        original = read(path).original
        mine = [row for row in rows if row["file"] == str(path)]
        assert mine, path.name
        for row in mine:
            assert original[int(row["start"]) : int(row["end"])] == row["text"]
            assert row["jurisdiction"] and row["year"].isdigit()


@pytest.mark.parametrize("name", SMALL)
def test_each_target_of_a_report_is_one_row(reports_csv, name):
    targets = extract_document(read(REPORTS / name)).targets
    mine = [row for row in read_csv(reports_csv) if row["file"] == str(REPORTS / name)]
    assert [(row["start"], row["end"], row["rule"]) for row in mine] == [
        (str(t.start), str(t.end), t.rule) for t in targets
    ]


def test_rows_name_the_task_that_holds_their_target(reports_csv):
    rows = read_csv(reports_csv)
    path = REPORTS / "liaoyuan-2022-part2.txt"
    extraction = extract_document(read(path))
    expected = {i: task.id for task in extraction.tasks for i in task.targets}
    mine = [row["task"] for row in rows if row["file"] == str(path)]
    assert mine == [expected.get(i, "") for i in range(len(extraction.targets))]


def test_the_csv_starts_with_a_bom_so_that_excel_reads_it_as_utf8(reports_csv):
    assert reports_csv.read_bytes().startswith("\ufefffile,jurisdiction,year".encode())


@pytest.mark.parametrize(
    ("name", "jurisdiction", "year"),
    [
        ("zhejiang-2025.txt", "浙江省", "2025"),  # from the title
        ("guangdong-2026.txt", "广东省", "2026"),  # title 政府工作报告: from the opening
        ("shanghai-2022.txt", "上海市", "2022"),  # no title: 我代表上海市人民政府
        ("national-2019.txt", "全国", "2019"),  # 我代表国务院
        ("liaoyuan-2022-part2.txt", "辽源市", "2022"),  # no year in the text: the file name
    ],
)
def test_jurisdiction_and_year_come_from_the_text_else_the_file_name(
    reports_csv, name, jurisdiction, year
):
    row = next(row for row in read_csv(reports_csv) if row["file"] == str(REPORTS / name))
    assert (row["jurisdiction"], row["year"]) == (jurisdiction, year)


def test_a_file_whose_text_names_no_place_takes_its_jurisdiction_from_its_name():
    assert corpus.jurisdiction_of("政府工作报告", "各位代表：\n现在，我向大会报告工作。") is None
    assert corpus.name_parts("data/zhejiang-2025.txt") == ("zhejiang", 2025)
    assert corpus.name_parts("liaoyuan-2022-part2.txt") == ("liaoyuan", 2022)
    assert corpus.name_parts("report.txt") == ("report", None)


def test_year_from_name_overrides_the_year_in_the_text(tmp_path):
    shutil.copy(REPORTS / "hebei-2026.txt", tmp_path / "hebei-2030.txt")
    plain, _ = corpus.build([tmp_path], jobs=1)
    named, _ = corpus.build([tmp_path], jobs=1, year_from_name=True)
    assert {row["year"] for row in plain} == {2026}
    assert {row["year"] for row in named} == {2030}


def test_parquet_round_trips_with_the_same_rows_as_csv(reports_csv, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "targets.parquet"
    files = [str(REPORTS / name) for name in SMALL]
    result = run(*files, "--out", str(out), "--jobs", "1")
    assert result.exit_code == 0, result.output
    table = pq.read_table(out)
    assert table.column_names == list(corpus.COLUMNS)
    as_text = [
        {key: "" if value is None else str(value) for key, value in row.items()}
        for row in table.to_pylist()
    ]
    by_file = [row for name in files for row in read_csv(reports_csv) if row["file"] == name]
    assert as_text == by_file


def test_jobs_1_and_jobs_2_write_identical_rows(reports_csv, tmp_path):
    out = tmp_path / "one.csv"
    assert run(str(REPORTS), "--out", str(out), "--jobs", "1").exit_code == 0
    assert out.read_bytes() == reports_csv.read_bytes()


def test_broken_files_are_listed_with_their_reason_and_the_others_written(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(REPORTS / "hebei-2026.txt", folder)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "junk.txt").write_bytes(bytes(range(256)) * 20)
    (folder / "notes.md").write_text("not a report")  # not walked
    out = tmp_path / "targets.csv"
    result = run(str(folder), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert f"skipped {folder / 'empty.txt'}: the file is empty" in result.output
    assert f"skipped {folder / 'junk.txt'}: " in result.output
    assert "1 files read, 2 skipped" in result.output
    assert {row["file"] for row in read_csv(out)} == {str(folder / "hebei-2026.txt")}


def test_no_readable_file_exits_non_zero_with_a_one_line_message(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    out = tmp_path / "targets.csv"
    result = run(str(tmp_path / "empty.txt"), str(tmp_path / "missing.txt"), "--out", str(out))
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == (
        "Error: none of the 2 files could be read; nothing written"
    )
    assert not out.exists()


def test_a_folder_without_reports_exits_non_zero(tmp_path):
    result = run(str(tmp_path), "--out", str(tmp_path / "t.csv"))
    assert result.exit_code == 1
    assert "no .txt, .docx, .pdf or .html report found" in result.output


def test_an_unknown_output_format_is_refused_before_any_work(tmp_path):
    result = run(str(REPORTS), "--out", str(tmp_path / "targets.xlsx"))
    assert result.exit_code == 1
    assert "name the file .csv or .parquet" in result.output
    assert "reports" not in result.output.replace(str(REPORTS), "")


def test_parquet_without_pyarrow_says_to_install_the_extra_or_use_csv(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # makes `import pyarrow` fail
    result = run(str(REPORTS), "--out", str(tmp_path / "targets.parquet"))
    assert result.exit_code == 1
    assert "pip install 'luoshi[corpus]'" in result.output
    assert ".csv" in result.output


def test_the_python_api_returns_rows_and_skipped_files(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    rows, skipped = corpus.build([REPORTS / "liaoyuan-2022-part2.txt", tmp_path], jobs=2)
    assert rows and all(row["jurisdiction"] == "辽源市" for row in rows)
    assert skipped == [corpus.Skipped(str(tmp_path / "empty.txt"), skipped[0].reason)]
    assert "empty" in skipped[0].reason


def test_the_corpus_module_does_not_import_django():
    code = "import sys, luoshi.corpus; assert 'django' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)

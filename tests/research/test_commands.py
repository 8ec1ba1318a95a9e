import csv
import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from luoshi.cli import main

REPORTS = Path(__file__).parent.parent / "data" / "reports"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_continuity_of_two_reports_is_a_table_of_verdicts():
    result = run(
        "continuity", str(REPORTS / "national-2024.txt"), str(REPORTS / "national-2025.txt")
    )
    assert result.exit_code == 0, result.output
    assert "全国 2024 → 全国 2025" in result.output
    assert (
        "| 单位地区生产总值能耗降低 | 单位国内生产总值能耗降低2.5%左右 | "
        "单位国内生产总值能耗降幅超过3% | 兑现 |" in result.output
    )


def test_continuity_as_json_keeps_both_spans():
    result = run(
        "continuity",
        str(REPORTS / "guangdong-2025.txt"),
        str(REPORTS / "guangdong-2026.txt"),
        "--json",
    )
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    growth = next(o for o in payload["outcomes"] if o["target"]["indicator"] == "gdp_growth")
    assert growth["verdict"] == "missed" and growth["verdict_label"] == "未兑现"
    text = (REPORTS / "guangdong-2026.txt").read_text("utf-8")
    assert text[growth["result"]["start"] : growth["result"]["end"]] == growth["result"]["text"]
    assert payload["summary"]["main_targets"] >= 8


def test_continuity_over_a_folder_pairs_consecutive_years_into_one_csv(tmp_path):
    for name in (
        "guangdong-2025.txt",
        "guangdong-2026.txt",
        "national-2024.txt",
        "national-2025.txt",
        "zhejiang-2025.txt",
    ):
        shutil.copy(REPORTS / name, tmp_path / name)
    out = tmp_path / "kept.csv"
    result = run("continuity", str(tmp_path), "--out", str(out), "--jobs", "1")
    assert result.exit_code == 0, result.output
    with open(out, encoding="utf-8-sig", newline="") as table:
        rows = list(csv.DictReader(table))
    assert {(r["place"], r["earlier_year"], r["next_year"]) for r in rows} == {
        ("广东省", "2025", "2026"),
        ("全国", "2024", "2025"),
    }
    assert {r["verdict_label"] for r in rows} <= {"兑现", "未兑现", "无法判断"}


def test_continuity_without_a_pair_says_so(tmp_path):
    shutil.copy(REPORTS / "zhejiang-2025.txt", tmp_path / "zhejiang-2025.txt")
    shutil.copy(REPORTS / "gansu-2025.txt", tmp_path / "gansu-2025.txt")
    shutil.copy(REPORTS / "jilin-2025.txt", tmp_path / "jilin-2025.txt")
    result = run("continuity", str(tmp_path), "--jobs", "1")
    assert result.exit_code != 0
    assert "no two reports of one place in consecutive years" in result.output


def test_continuity_of_a_missing_file_is_an_error_not_a_traceback(tmp_path):
    result = run("continuity", str(tmp_path / "none-2025.txt"), str(REPORTS / "national-2025.txt"))
    assert result.exit_code == 1
    assert "Traceback" not in result.output and "none-2025.txt" in result.output


def test_continuity_refuses_an_output_that_is_not_csv(tmp_path):
    result = run("continuity", str(REPORTS), "--out", str(tmp_path / "x.xlsx"))
    assert result.exit_code != 0 and "FILE.csv" in result.output


def test_levels_sets_the_provinces_against_the_nation():
    files = [
        str(REPORTS / f) for f in ("national-2025.txt", "zhejiang-2025.txt", "liaoning-2025.txt")
    ]
    result = run("levels", *files)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("| 报告 | 层级 | 上级 | 地区生产总值增长")
    assert any(
        line.startswith("| 浙江省 2025 | 省级 | 全国 2025 |") and "加码+0.5" in line
        for line in lines
    )


def test_levels_as_json_names_each_report_s_parent():
    files = [str(REPORTS / f) for f in ("national-2025.txt", "gansu-2025.txt")]
    result = run("levels", *files, "--json")
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    gansu = next(r for r in payload["reports"] if r["place"] == "甘肃省")
    assert gansu["parent"].endswith("national-2025.txt")
    assert gansu["targets"]["gdp_growth"]["flag"] == "higher"


def test_levels_takes_the_level_the_user_gives(tmp_path):
    copy = tmp_path / "somewhere-2025.txt"
    text = (REPORTS / "zhejiang-2025.txt").read_text("utf-8")
    copy.write_text(text.replace("浙江省", "某某").replace("浙江", "某某"), "utf-8")
    national = str(REPORTS / "national-2025.txt")
    refused = run("levels", national, str(copy))
    assert refused.exit_code != 0 and "--level" in refused.output
    result = run("levels", national, str(copy), "--level", "somewhere-2025=province")
    assert result.exit_code == 0, result.output
    assert "| 省级 | 全国 2025 |" in result.output


def test_levels_refuses_a_level_it_does_not_know():
    result = run("levels", str(REPORTS / "national-2025.txt"), "--level", "national-2025=village")
    assert result.exit_code == 2
    assert "FILE=national|province|city|county" in result.output

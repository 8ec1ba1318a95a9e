import json
from pathlib import Path

from click.testing import CliRunner

from luoshi.cli import main

DATA = Path(__file__).parents[1] / "data"
SEED = DATA / "reports" / "liaoyuan-2022-part2.txt"


def test_targets_json_follows_the_contract():
    result = CliRunner().invoke(main, ["targets", str(SEED), "--json"])
    assert result.exit_code == 0, result.output
    targets = json.loads(result.stdout)
    original = SEED.read_text("utf-8")
    assert len(targets) == 42
    for item in targets:
        assert original[item["start"] : item["end"]] == item["text"]
        for key in ("section", "indicator", "value", "unit", "comparator", "change", "kind"):
            assert key in item
        assert item["kind"] == "target"
        assert item["rule"].startswith("target.")
    by_text = {item["text"]: item for item in targets}
    assert by_text["新增城镇就业1万人"]["value"] == 10000


def test_eval_prints_precision_recall_and_f1():
    gold = DATA / "gold" / "national-2022.jsonl"
    report = DATA / "reports" / "national-2022.txt"
    result = CliRunner().invoke(main, ["eval", str(gold), str(report)])
    assert result.exit_code == 0, result.output
    assert "precision" in result.output and "F1" in result.output
    assert "review errors 0" in result.output


def test_targets_of_a_missing_file_is_a_one_line_error(tmp_path):
    result = CliRunner().invoke(main, ["targets", str(tmp_path / "nope.txt")])
    assert result.exit_code != 0
    assert "nope.txt" in result.output
    assert "Traceback" not in result.output


def test_eval_with_a_broken_gold_file_names_the_line(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"region": [0, 10]}\nnot json\n', "utf-8")
    result = CliRunner().invoke(main, ["eval", str(gold), str(SEED)])
    assert result.exit_code != 0
    assert "gold.jsonl:2" in result.output

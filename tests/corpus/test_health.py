"""The corpus health check: every report's goals give targets, every opening review is found.

Runs on the bundled reports (tests/data/reports and tests/data/corpus), and on the broad dev
corpus (../shared/reports) when it is there.
"""

from pathlib import Path

import pytest
from click.testing import CliRunner

from luoshi import corpus
from luoshi.cli import main
from luoshi.extraction.parts import has_goals

DATA = Path(__file__).parent.parent / "data"
BUNDLED = sorted([*(DATA / "reports").glob("*.txt"), *(DATA / "corpus").glob("*.txt")])
SHARED = Path(__file__).parents[2].parent / "shared" / "reports"


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_a_bundled_report_is_healthy(path):
    health = corpus.check_file(str(path))
    assert isinstance(health, corpus.Health)
    assert health.problems == [], health
    if health.opens_with_review:
        assert health.achievements > 0


@pytest.mark.skipif(
    not SHARED.is_dir(), reason="the broad dev corpus (../shared/reports) is absent"
)
def test_every_report_of_the_dev_corpus_is_healthy():
    results = corpus.check([SHARED])
    failing = [h for h in results if isinstance(h, corpus.Skipped) or h.problems]
    assert failing == []
    assert len(results) >= 100


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("今年经济社会发展主要预期目标是：地区生产总值增长5.5%左右", True),  # hunan-2025
        ("“十四五”时期主要目标是：生产总值年均增长8%以上", True),  # baoding-2021
        # yixian-2017 and shanghai-2022: goals of the past, in the review.
        ("完成了“十二五”预期目标，实现了“十三五”良好开局。全县生产总值年均增长8.2%", False),
        ("城镇调查失业率明显低于年初预期目标，新增就业岗位63.5万个，增长5%", False),
        ("努力实现以下主要目标:综合经济实力再上一个大台阶。", False),  # hebei-2008: no figure
    ],
)
def test_a_goals_paragraph_sets_figures_for_the_years_ahead(text, expected):
    assert has_goals(text) is expected


def test_a_report_with_goals_and_no_targets_fails_the_check(tmp_path):
    bad = tmp_path / "bad.txt"
    # The goals sit inside what was taken as the review: they come out as past results.
    bad.write_text(
        "一、2024年工作回顾\n过去一年，生产总值增长5%。预期目标是：增长5%左右。\n", "utf-8"
    )
    good = tmp_path / "good.txt"
    good.write_text(
        "一、2024年工作回顾\n过去一年，生产总值增长5%。\n二、2025年工作安排\n"
        "预期目标是：生产总值增长5%左右。\n",
        "utf-8",
    )
    health = corpus.check_file(str(good))
    assert isinstance(health, corpus.Health)
    assert (health.targets, health.achievements, health.review) == (1, 1, True)
    result = CliRunner().invoke(main, ["corpus", str(tmp_path), "--check"])
    assert result.exit_code == 1, result.output
    lines = {line.split("\t")[0]: line for line in result.output.splitlines()}
    assert "no targets" not in lines[str(good)]
    assert lines[str(bad)].endswith("a goals paragraph (预期目标/主要目标) but no targets")


def test_corpus_needs_an_output_or_the_check(tmp_path):
    (tmp_path / "a.txt").write_text("新增城镇就业1万人。\n", "utf-8")
    result = CliRunner().invoke(main, ["corpus", str(tmp_path)])
    assert result.exit_code == 2
    assert "--check" in result.output

"""The extractor against the hand-checked gold files (../shared/gold, copied to tests/data)."""

from pathlib import Path

import pytest

from luoshi.extraction import extract
from luoshi.extraction.evaluate import load_gold, score

DATA = Path(__file__).parent.parent / "data"
THRESHOLDS = {"liaoyuan-2022-part2": 0.97, "national-2022": 0.93, "zhejiang-2025": 0.93}


@pytest.mark.parametrize("name", sorted(THRESHOLDS))
def test_it_reaches_the_f1_goal_on_each_gold_file(name):
    text = (DATA / "reports" / f"{name}.txt").read_text("utf-8")
    header, gold = load_gold(DATA / "gold" / f"{name}.jsonl")
    result = score(extract(text).targets, gold, header)
    assert result.f1 >= THRESHOLDS[name], (result.misses, [t.text for t in result.false_positives])
    assert result.comparator_accuracy >= 0.97
    assert result.review_errors == 0


@pytest.mark.parametrize("path", sorted((DATA / "reports").glob("*.txt")), ids=lambda p: p.stem)
def test_every_span_is_exact(path):
    text = path.read_text("utf-8")
    for target in extract(text).targets:
        assert text[target.start : target.end] == target.text
        assert target.start <= target.end
        assert target.rule


def test_no_target_lies_on_a_listed_non_target():
    import json

    text = (DATA / "reports" / "liaoyuan-2022-part2.txt").read_text("utf-8")
    phrases = json.loads((DATA / "gold" / "liaoyuan-2022-part2.non_targets.json").read_text())
    targets = extract(text).targets
    for phrase in phrases:
        position = text.find(phrase)
        assert position >= 0, phrase
        for target in targets:
            number_inside = any(ch.isdigit() for ch in target.text)
            assert (
                not (position <= target.start and target.end <= position + len(phrase))
                or not number_inside
            ), (phrase, target.text)

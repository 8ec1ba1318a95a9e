import shutil
from pathlib import Path

import pytest

from luoshi.extraction import RuleError, extract, load_rules

DATA = Path(__file__).parents[2] / "src" / "luoshi" / "extraction" / "data"


@pytest.fixture
def rule_dir(tmp_path):
    for path in DATA.glob("*.yaml"):
        shutil.copy(path, tmp_path / path.name)
    return tmp_path


def test_the_bundled_rules_load():
    rules = load_rules()
    assert any(unit.text == "个百分点" for unit in rules.units)


def test_a_unit_with_an_unknown_class_is_refused_by_name(rule_dir):
    path = rule_dir / "units.yaml"
    path.write_text(path.read_text("utf-8").replace("class: count}", "class: counted}", 1))
    with pytest.raises(RuleError, match=r"units\.yaml: unit '个'"):
        load_rules(rule_dir)


def test_a_comparator_that_is_not_one_of_the_four_is_refused_by_name(rule_dir):
    path = rule_dir / "cues.yaml"
    path.write_text(path.read_text("utf-8").replace('以上: ">="', '以上: "=>"'))
    with pytest.raises(RuleError, match="rule 'after': '以上'"):
        load_rules(rule_dir)


def test_broken_yaml_names_the_file(rule_dir):
    (rule_dir / "lexicon.yaml").write_text("set_phrases: [unclosed", "utf-8")
    with pytest.raises(RuleError, match=r"lexicon\.yaml: not valid YAML"):
        load_rules(rule_dir)


def test_an_empty_word_list_is_refused_by_name(rule_dir):
    path = rule_dir / "lexicon.yaml"
    text = path.read_text("utf-8")
    start = text.index("ordinal_prefixes:")
    end = text.index("\n", start)
    path.write_text(text[:start] + "ordinal_prefixes: []" + text[end:], "utf-8")
    with pytest.raises(RuleError, match="rule 'ordinal_prefixes'"):
        load_rules(rule_dir)


def test_a_changed_rule_set_changes_the_result(rule_dir):
    path = rule_dir / "units.yaml"
    path.write_text(path.read_text("utf-8").replace('  - {text: "亩", class: measure}\n', ""))
    text = "新建良田20.4万亩。"
    assert [t.unit for t in extract(text).targets] == ["亩"]
    assert extract(text, rule_set=load_rules(rule_dir)).targets == []

"""The review/plan split and the plan year, on report shapes seen in real reports.

Each text is built from real report sentences (the report is named); what is checked is the
kind of the targets in each part and the id of the rule that set it.
"""

import pytest

from luoshi.extraction import extract_targets
from luoshi.reading import read

REVIEW = "过去一年，全县生产总值增长6.2%，新增城镇就业2470人。"  # the review, as reports write it
PLAN = "今年经济社会发展主要预期目标是：地区生产总值增长5.5%左右，规模工业增加值增长6.5%以上。"


def kinds(text, year=None):
    result = extract_targets(text, year=year)
    return [(t.text, t.kind) for t in result.targets], result


def plan_texts(text, year=None):
    found, _ = kinds(text, year)
    return [t for t, kind in found if kind == "target"]


@pytest.mark.parametrize(
    ("review_heading", "plan_heading"),
    [
        # hunan-2025: a plan heading named by its year
        ("一、2024年工作回顾", "二、关于2025年工作"),
        ("一、2019年工作回顾", "二、2020年工作"),  # tangxian-2020
        ("一、2023年工作回顾", "二、2024年工作谋划"),  # xushui-2024
        ("一、2014年工作回顾", "二、2015年工作总体部署"),  # national-2015
        ("一、2019年工作回顾", "二、2020年发展思路和工作重点"),  # anguo-2020
        ("一、“九五”回顾", "二、关于“十五”计划"),  # hebei-2001, a handover year
        # laiyuan-2021
        ("一、回顾“十三五”，我们以脱贫攻坚为统揽", "二、展望“十四五”，我们站在新的历史起点"),
    ],
)
def test_a_plan_heading_named_by_its_year_or_its_words_opens_the_plan(review_heading, plan_heading):
    text = f"{review_heading}\n{REVIEW}\n{plan_heading}\n{PLAN}\n"
    found, result = kinds(text, year=2025)
    assert [kind for _, kind in found] == ["achievement", "achievement", "target", "target"]
    assert [(p.kind, p.rule) for p in result.parts][-1][0] == "plan"


def test_a_handover_year_plans_five_years_then_this_year():
    # hebei-2023: 过去五年工作回顾, 今后五年政府工作总体安排, 2023年目标任务和主要工作.
    text = (
        "一、过去五年工作回顾\n过去五年，全省生产总值年均增长5.9%。\n"
        "二、今后五年政府工作总体安排\n今后五年，全省生产总值年均增长6%左右。\n"
        "三、2023年目标任务和主要工作\n今年经济社会发展的主要预期目标是：地区生产总值增长6%左右。\n"
    )
    found, result = kinds(text)
    assert [kind for _, kind in found] == ["achievement", "target", "target"]
    assert result.year == 2023
    assert [p.kind for p in result.parts] == ["review", "plan"]


def test_a_heading_with_both_kinds_of_words_is_what_its_later_words_say():
    # national-2021: “十三五”时期发展成就和“十四五”时期主要目标任务 is a plan;
    # heilongjiang-2026: 2025年工作回顾和“十四五”时期发展成就 is a review.
    text = (
        "一、2025年工作回顾和“十四五”时期发展成就\n" + REVIEW + "\n"
        "二、“十四五”时期发展成就和“十五五”时期主要目标任务\n" + PLAN + "\n"
    )
    found, result = kinds(text)
    assert [kind for _, kind in found] == ["achievement", "achievement", "target", "target"]
    assert result.parts[-1].rule == "part.heading_words"


def test_unnumbered_heading_lines_split_the_parts():
    # gaotang-2021 and baoding-2023: the part headings carry no number.
    text = (
        "各位代表：\n“十三五”时期和2020年工作回顾\n" + REVIEW + "\n"
        "一、防疫情稳增长，经济运行持续向好\n全年生产总值增长4.1%。\n"
        "2021年主要工作\n一、聚焦产业兴县，坚定不移培育壮大优强企业\n" + PLAN + "\n"
    )
    found, result = kinds(text)
    assert [kind for _, kind in found] == ["achievement"] * 3 + ["target"] * 2
    assert result.year == 2021


def test_a_plan_that_opens_without_a_heading_starts_at_its_opening_paragraph():
    # hebei-2004: 2003年工作回顾 is a line of its own; the plan opens at 今年是….
    text = (
        "2003年工作回顾\n刚刚过去的一年，全省生产总值增长11.6%。\n"
        "今年是实现“十五”计划的关键一年。全省生产总值增长10%左右。\n"
    )
    found, result = kinds(text)
    assert [kind for _, kind in found] == ["achievement", "target"]
    assert result.parts[-1].rule == "part.opening"
    assert result.year == 2004


def test_a_heading_that_names_nothing_plans_when_its_text_sets_the_goals():
    # fujian-2025: 二、牢记历史使命，在中国式现代化建设中奋勇争先 holds the year's goals.
    text = (
        "一、牢记殷殷嘱托，在接续奋斗中新福建建设取得新成效\n" + REVIEW + "\n"
        "二、牢记历史使命，在中国式现代化建设中奋勇争先\n" + PLAN + "\n"
        "三、牢记人民至上，在建设服务型政府中践行初心使命\n全年新增城镇就业50万人。\n"
    )
    found, result = kinds(text, year=2025)
    assert [kind for _, kind in found] == ["achievement"] * 2 + ["target"] * 3
    assert [p.rule for p in result.parts][-1] == "part.plan_body"


def test_a_heading_that_names_nothing_reviews_when_its_text_opens_on_the_past_year():
    # fujian-2026: 一、一年接着一年干，… opens with 2025年是…收官之年。一年来，我们…
    text = (
        "一、一年接着一年干，新福建建设持续取得新进展\n"
        "2025年是收官之年。一年来，我们扎实工作。全省生产总值增长5%，新增城镇就业52万人。\n"
        "二、一张蓝图绘到底，奋力谱写新篇章\n" + PLAN + "\n"
    )
    found, result = kinds(text, year=2026)
    assert [kind for _, kind in found] == ["achievement"] * 2 + ["target"] * 2
    assert [p.rule for p in result.parts] == ["part.review_body", "part.plan_body"]


def test_a_heading_that_names_nothing_stays_plan_when_its_text_opens_on_this_year():
    text = "一、一年接着一年干\n2026年是开局之年。全年新增城镇就业50万人。\n"
    found, _ = kinds(text, year=2026)
    assert [kind for _, kind in found] == ["target"]


def test_a_heading_followed_by_its_text_on_the_same_line_is_found():
    # hebei-2005: "二、2005年主要任务 今年是全面实现…" on one line.
    text = (
        "一、2004年工作回顾\n" + REVIEW + "\n"
        "二、2005年主要任务 今年是全面实现“十五”计划目标的重要一年。全省生产总值增长10%。\n"
    )
    found, result = kinds(text)
    assert [s.title for s in result.sections] == ["2004年工作回顾", "2005年主要任务"]
    assert [kind for _, kind in found] == ["achievement", "achievement", "target"]
    assert result.year == 2005


def test_a_text_joined_by_single_spaces_finds_its_headings_inline():
    # As some portals publish a report: paragraphs joined by one space (see shanghai-2022).
    text = (
        "各位代表： 现在，我代表市人民政府，向大会报告工作，请予审议。 一、2021年工作回顾 "
        + REVIEW
        + " 二、2022年主要任务 "
        + PLAN
    )
    found, result = kinds(text)
    assert [s.number for s in result.sections if s.level == 1] == ["一", "二"]
    assert result.year == 2022
    assert [kind for _, kind in found] == ["achievement", "achievement", "target", "target"]


def test_a_review_without_a_plan_is_all_past_results():
    text = "一、过去五年工作回顾\n过去五年，全县生产总值年均增长8.2%。\n"
    found, _ = kinds(text)
    assert [kind for _, kind in found] == ["achievement"]


def test_a_plan_only_excerpt_is_all_plan():
    found, result = kinds("二、扎实推进项目建设\n开复工500万元以上项目354个。\n", year=2022)
    assert [kind for _, kind in found] == ["target"]
    assert [(p.kind, p.rule) for p in result.parts] == [("plan", "part.whole")]


def test_a_date_line_is_not_a_part_heading():
    # anguo-2022: ——2022年1月27日在安国市第八届人民代表大会第二次会议上 is above the review.
    text = "——2022年1月27日在安国市第八届人民代表大会第二次会议上\n一、2021年工作回顾\n" + REVIEW
    _, result = kinds(text)
    assert [p.kind for p in result.parts] == ["review"]


def test_a_data_vendors_escaped_line_breaks_are_read_as_breaks():
    # 马克数据网 cells (anxin-2024, lixian-2020): one line with literal \r\n and &nbsp;.
    raw = r"各位代表：\r\n&nbsp; 现在，我代表县人民政府，向大会报告工作。\r\n"
    raw += r"一、2023年工作回顾\r\n\r\n"
    raw += r"一年来，全年生产总值同比增长2%。\r\n二、2024年政府工作安排\r\n全县生产总值增长6%左右。"
    document = read(raw.encode("utf-8"), name="anxin.txt")
    assert "\\r" not in document.text and "&nbsp;" not in document.text
    assert document.text.splitlines()[:3] == [
        "各位代表：",
        "现在，我代表县人民政府，向大会报告工作。",
        "一、2023年工作回顾",
    ]
    result = extract_targets(document.text)
    assert [t.kind for t in result.targets] == ["achievement", "target"]
    start, end = document.to_original(0, 5)
    assert document.original[start:end] == "各位代表："


def test_parse_says_how_the_split_was_found_and_warns_of_goals_without_targets(tmp_path):
    from click.testing import CliRunner

    from luoshi.cli import main

    report = tmp_path / "report.txt"
    # The goals sit in what is taken as the review, so no target is found: a warning says so.
    report.write_text("一、2024年工作回顾\n" + REVIEW + PLAN + "\n", "utf-8")
    result = CliRunner().invoke(main, ["parse", str(report)])
    assert result.exit_code == 0, result.output
    assert "[review 0–" in result.output and "found by part.heading_words]" in result.output
    assert "warning: a 预期目标/主要目标 paragraph but no targets found" in result.output
    result = CliRunner().invoke(main, ["parse", "--json", str(report)])
    assert '"rule": "part.heading_words"' in result.output and '"warnings": [' in result.output


def test_a_collectors_header_gives_the_title_and_no_part():
    # baoding-2023: the collector's header lines, then the report.
    text = (
        "标题：2023年保定市政府工作报告\n发文单位：保定市人民政府\n发文时间：未知\n正文：\n"
        "2022年政府工作回顾\n" + REVIEW + "\n2023年主要工作\n" + PLAN + "\n"
    )
    found, result = kinds(text)
    assert result.title == "2023年保定市政府工作报告"
    assert result.year == 2023
    assert [kind for _, kind in found] == ["achievement", "achievement", "target", "target"]


def test_a_glossary_heading_spaced_letter_by_letter_ends_the_plan():
    # fuping-2021: 名 词 解 释, then numbered notes full of figures
    text = (
        "一、2020年工作回顾\n" + REVIEW + "\n二、2021年工作安排\n" + PLAN + "\n"
        "名 词 解 释\n〔1〕防贫基金：由银行捐赠出资1000万元、县政府出资500万元设立。\n"
    )
    found, result = kinds(text, year=2021)
    assert [kind for _, kind in found if kind == "target"] == ["target"] * 2
    assert result.parts[-1].kind == "glossary"


def test_numbered_notes_at_the_end_are_a_glossary_even_without_a_heading():
    # fuping-2020: the reader drops its repeated 名词解释 line; the notes follow the closing words
    notes = "".join(
        f"〔{n}〕{word}：由银行出资{n}000万元设立的基金。\n" for n, word in enumerate("甲乙丙丁", 1)
    )
    text = (
        "一、2019年工作回顾\n" + REVIEW + "\n二、2020年工作安排\n" + PLAN + "\n"
        "各位代表！让我们团结奋斗！\n" + notes
    )
    found, result = kinds(text, year=2020)
    assert [t for t, kind in found if kind == "target"] == plan_texts(PLAN, year=2020)
    assert result.parts[-1].kind == "glossary"


def test_a_note_mark_inside_the_plan_opens_no_glossary():
    text = "二、2020年工作安排\n" + PLAN + "\n打造1个美丽街区〔23〕：全年建成。\n" + PLAN
    _, result = kinds(text, year=2020)
    assert [p.kind for p in result.parts] == ["plan"]


@pytest.mark.parametrize(("year", "kind"), [(2021, "target"), (2026, "achievement")])
def test_a_sentence_opening_on_a_five_year_period_plans_within_it_and_reviews_after(year, kind):
    # yixian-2021: “十四五”时期，全县生产总值年均增长9%左右 (its goals); in 2026, the results
    text = f"二、{year}年工作安排\n“十四五”时期，全县生产总值年均增长9%左右。\n"
    found, _ = kinds(text, year=year)
    assert [k for t, k in found if "9%" in t] == [kind]

"""One number format everywhere: money in 万元/亿元 as the report wrote it, comparators as words."""

from types import SimpleNamespace

import pytest
from django.utils import translation

from luoshi.tracking.templatetags.amounts import amount, comparator, goal, plain


def target(value, unit, comparator=">=", text="", upper=None):
    return SimpleNamespace(value=value, unit=unit, comparator=comparator, text=text, upper=upper)


@pytest.mark.parametrize(
    ("value", "unit", "shown"),
    [
        (9819230907, "元", "98.19亿元"),
        (52000000, "元", "5,200万元"),
        (8500, "元", "8,500元"),
        (120, "个", "120个"),
        (91.5, "%", "91.5%"),
        (1234567, "人", "1,234,567人"),
        (None, "个", "—"),
    ],
)
def test_an_amount_is_grouped_and_money_is_scaled(value, unit, shown):
    assert amount(value, unit) == shown


def test_money_is_shown_in_the_unit_the_report_wrote():
    goal_in_wan = target(50000000, "元", text="新增投资5000万元以上")
    assert amount(150000000, goal_in_wan) == "15,000万元"
    assert goal(target(15000000000, "元", text="落地资金不少于150亿元")) == "不少于150亿元"


def test_comparators_are_words_in_chinese_and_in_english():
    assert comparator(">=") == "不少于" and comparator("~") == "约" and comparator("=") == ""
    assert goal(target(3, "个", "=", upper=5)) == "3—5个"
    with translation.override("en"):
        assert goal(target(91, "%", ">=")) == "at least 91%"
        assert comparator("<=") == "at most"


def test_plain_numbers_drop_trailing_zeros():
    assert plain(2.50) == "2.5" and plain(3.0) == "3" and plain(0.125, 2) == "0.12"

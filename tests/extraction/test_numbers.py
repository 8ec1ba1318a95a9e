import pytest

from luoshi.extraction.lexicons import rules
from luoshi.extraction.numbers import find_numbers, parse_chinese


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("三百五十四", 354),
        ("两", 2),
        ("十", 10),
        ("十二万", 120000),
        ("二十万", 200000),
        ("三千五百亿", 350000000000),
        ("一万亿", 1000000000000),
        ("二〇二二", 2022),
        ("一百零五", 105),
    ],
)
def test_it_reads_chinese_numerals(words, value):
    assert parse_chinese(words, rules()) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("新增城镇就业1万人", 10000),
        ("新建良田20.4万亩", 204000),
        ("粮食产量1.3万亿斤", 1.3e12),
        ("百分之五", 5),
        ("新增１２个", 12),
    ],
)
def test_it_finds_the_number_in_a_phrase(text, value):
    from luoshi.extraction.text import fold

    numbers = find_numbers(fold(text), rules())
    assert [n.value for n in numbers] == [value]


def test_a_magnitude_that_starts_a_unit_stays_with_the_unit():
    from luoshi.extraction.text import fold

    text = fold("新增电力装机2000万千瓦以上")
    (number,) = find_numbers(text, rules())
    assert number.value == 20000000
    assert text[number.end :].startswith("千瓦")

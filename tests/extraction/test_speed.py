"""Time grows linearly with the text: many sections, sentences and targets, no quadratic step."""

import time
from pathlib import Path

from luoshi.devtools import extractor_bench as bench
from luoshi.extraction import extract

REPORTS = Path(__file__).parent.parent / "data" / "reports"
SECTION = (
    "（{n}）加快第{i}批项目建设\n新增城镇就业1万人，完成投资5亿元。各位代表，我们要真抓实干。\n"
)
DIGITS = "一二三四五六七八九"


def many_sections(count):
    head = "一、2021年工作回顾\n过去一年，生产总值增长6%。\n二、2022年主要任务\n"
    return head + "".join(SECTION.format(n=DIGITS[i % 9], i=i) for i in range(count))


def cpu_seconds(text, repeats):
    best = float("inf")
    for _ in range(repeats):
        started = time.process_time()
        extract(text)
        best = min(best, time.process_time() - started)
    return best


def test_the_full_parse_is_linear_in_the_number_of_sections():
    # Sixteen times the text: linear time gives a ratio of 16 to 20, the former quadratic steps
    # gave 12.7 for four times the text (about 150 here). The wide gap keeps a busy machine's
    # noise far from the bound; the speed goals themselves are measured by `luoshi bench`.
    small, large = many_sections(1000), many_sections(16000)
    assert len(extract(small).sections) == 1002
    ratio = cpu_seconds(large, 2) / cpu_seconds(small, 5)
    assert ratio < 40, ratio


def test_the_bench_measures_both_paths_on_texts_of_each_size():
    rows = bench.scaling(REPORTS, [0.05, 0.2])
    assert [size for size, _, _ in rows] == [0.05, 0.2]
    assert all(fast > 0 and full > 0 for _, fast, full in rows)  # times, not compared here
    table = bench.scaling_table(rows)
    assert "| 0.2 MB |" in table and "full parse chars/s" in table

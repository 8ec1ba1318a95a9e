"""亩均 evaluation against a hand-computed table, and the enterprise sheet's checks."""

from datetime import date

import pytest

from luoshi.datafiles import RuleError
from luoshi.ledger import muju
from luoshi.ledger.enterprises import COLUMNS, import_enterprises, ranking
from luoshi.ledger.models import Enterprise
from tests.ledger.ledger_support import TODAY, xlsx

FIXED = muju.parse(
    {
        "cap": 1.5,
        "indicators": [
            {"code": "tax_per_mu", "name": "亩均税收", "weight": 40, "benchmark": 10},
            {"code": "output_per_mu", "name": "亩均产出", "weight": 20, "benchmark": 100},
            {
                "code": "energy_per_output",
                "name": "单位产出能耗",
                "weight": 15,
                "benchmark": 0.5,
                "lower_is_better": True,
            },
            {"code": "rd_intensity", "name": "研发投入强度", "weight": 15, "benchmark": 2},
            {
                "code": "output_per_employee",
                "name": "全员劳动生产率",
                "weight": 10,
                "benchmark": 50,
            },
        ],
        "classes": [
            {"code": "A", "name": "A", "min_score": 110},
            {"code": "B", "name": "B", "min_score": 80},
            {"code": "C", "name": "C", "min_score": 50},
            {"code": "D", "name": "D", "min_score": 0},
        ],
    }
)

# land 亩, tax 万元, output 万元, energy 吨标煤, R&D 万元, employees → points by indicator, total.
TABLE = [
    # X: 15/10×40=60 (capped at 1.5), 100/100×20=20, 0.5/0.4×15=18.75, 3/2×15=22.5, 50/50×10=10
    ("X", muju.Figures(10, 150, 1000, 400, 30, 20), [60, 20, 18.75, 22.5, 10], 131.25, "A"),
    # Z: 20/10 capped 1.5×40=60, 40/100×20=8, 0.5/0.25 capped 1.5×15=22.5, 1/2×15=7.5, 10
    ("Z", muju.Figures(5, 100, 200, 50, 2, 4), [60, 8, 22.5, 7.5, 10], 108.0, "B"),
    # Y: 5/10×40=20, 50/100×20=10, 0.5/1×15=7.5, 1/2×15=7.5, 20/50×10=4
    ("Y", muju.Figures(20, 100, 1000, 1000, 10, 50), [20, 10, 7.5, 7.5, 4], 49.0, "D"),
]


def test_scores_and_classes_match_the_hand_computed_table():
    scored = muju.evaluate(FIXED, [(name, figures) for name, figures, *_ in reversed(TABLE)])
    assert [s.key for s in scored] == ["X", "Z", "Y"]
    for result, (name, _, points, total, grade) in zip(scored, TABLE, strict=True):
        assert list(result.points.values()) == pytest.approx(points), name
        assert (result.score, result.grade) == (total, grade)
    assert [s.rank for s in scored] == [1, 2, 3]


def test_a_mean_benchmark_is_the_average_of_the_enterprises_evaluated():
    mean = muju.Settings(
        1.5, (muju.Indicator("tax_per_mu", "亩均税收", "", 40, None),), FIXED.classes
    )
    scored = muju.evaluate(
        mean, [("a", muju.Figures(1, 10, 1, 1, 0, 1)), ("b", muju.Figures(1, 30, 1, 1, 0, 1))]
    )
    assert [s.score for s in scored] == [60.0, 20.0]  # 30/20 = 1.5, 10/20 = 0.5


def test_an_enterprise_without_output_earns_no_points_for_output_ratios():
    values = muju.values(muju.Figures(10, 5, 0, 3, 0, 0))
    assert values["energy_per_output"] is None and values["output_per_employee"] is None
    assert muju.points(FIXED.indicators[2], None, 0.5, 1.5) == 0.0


def test_the_bundled_settings_load_and_a_bad_indicator_is_named():
    assert sum(i.weight for i in muju.settings().indicators) == 100
    with pytest.raises(RuleError, match="unknown indicator 'profit'"):
        muju.parse({"indicators": [{"code": "profit", "name": "x", "weight": 1}], "classes": []})


def workbook(*rows):
    return xlsx(COLUMNS, *rows)


GOOD = ("91220400MA0Y000001", "辽源袜业甲公司", "龙山区", "纺织", 2021, 10, 150, 1000, 400, 30, 20)


def test_a_sheet_with_five_kinds_of_bad_enterprise_rows_stores_nothing(city):
    bad = [
        ("12345", "乙公司", "龙山区", "", 2021, 10, 1, 1, 1, 1, 1),  # credit code
        ("91220400MA0Y000003", "丙公司", "东北县", "", 2021, 10, 1, 1, 1, 1, 1),  # district
        ("91220400MA0Y000004", "丁公司", "龙山区", "", 2023, 10, 1, 1, 1, 1, 1),  # future year
        ("91220400MA0Y000005", "戊公司", "龙山区", "", 2021, 0, 1, 1, 1, 1, 1),  # no land
        ("91220400MA0Y000006", "己公司", "龙山区", "", 2021, 10, "很多", 1, 1, 1, 1),  # tax
    ]
    result = import_enterprises(workbook(GOOD, *bad), city, today=TODAY)
    assert Enterprise.objects.count() == 0
    assert [(p.row, p.column) for p in result.problems] == [
        (3, "统一社会信用代码"),
        (4, "县（区）"),
        (5, "年度"),
        (6, "用地面积（亩）"),
        (7, "税收（万元）"),
    ]


def test_imported_enterprises_are_ranked_for_their_year(city):
    other = (
        "91220400MA0Y000002",
        "辽源袜业乙公司",
        "西安区",
        "纺织",
        2021,
        20,
        100,
        1000,
        1000,
        10,
        50,
    )
    result = import_enterprises(workbook(GOOD, other), city, today=date(2022, 7, 10))
    assert result.problems == [] and result.stored == 2
    scored = ranking(city, 2021)
    assert [s.key.name for s in scored] == ["辽源袜业甲公司", "辽源袜业乙公司"]
    again = import_enterprises(workbook(GOOD), city, today=TODAY)
    assert again.stored == 1 and Enterprise.objects.count() == 2

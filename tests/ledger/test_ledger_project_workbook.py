"""The 项目台账 workbook: every row checked before anything is stored, and a round trip."""

import io
from datetime import date
from decimal import Decimal

from openpyxl import Workbook, load_workbook

from luoshi.ledger.models import Investment, Project, StageChange
from luoshi.ledger.project_workbook import COLUMNS, export_projects, import_projects
from tests.ledger.ledger_support import TODAY, xlsx

HEADER = [
    "项目编号",
    "项目名称",
    "县（区）",
    "牵头部门",
    "是否招商引资",
    "总投资（万元）",
    "当前阶段",
    "谋划日期",
    "签约日期",
    "开工日期",
    "2022年到位资金（万元）",
]


def sheet(*rows):
    return xlsx(HEADER, *rows)


GOOD = (
    "P001",
    "新能源汽车配套产业园",
    "东丰县",
    "商务局",
    "是",
    120000,
    "签约",
    "2021-10-01",
    "2022-03-15",
    None,
    5000,
)
SECOND = (
    "P002",
    "梅花鹿产业园",
    "市本级",
    "",
    "否",
    "800",
    "开工",
    None,
    date(2022, 1, 5),
    "2022年4月1日",
    None,
)


def test_a_good_sheet_is_stored_with_its_stage_dates_and_money(city, commerce):
    result = import_projects(sheet(GOOD, SECOND), city, today=TODAY)
    assert result.problems == []
    assert (result.created, result.updated) == (2, 0)
    p1 = Project.objects.get(code="P001")
    assert p1.district.name == "东丰县" and p1.department == commerce and p1.attracted
    assert p1.total_investment == Decimal(12) * 10**8
    assert (p1.stage, p1.tier, p1.signed_on, p1.stage_since) == (
        "signed",
        "preliminary",
        date(2022, 3, 15),
        date(2022, 3, 15),
    )
    assert Investment.objects.get(project=p1).amount == Decimal(5 * 10**7)
    p2 = Project.objects.get(code="P002")
    assert p2.district is None and p2.started_on == date(2022, 4, 1)
    assert StageChange.objects.filter(kind="created").count() == 2


def test_a_sheet_with_five_kinds_of_bad_rows_stores_nothing_and_lists_all_five(city, commerce):
    bad = [
        ("P003", "甲", "东北县", "", "否", 100, "签约", None, "2022-01-01", None, None),  # district
        ("P004", "乙", "东丰县", "", "否", 100, "动工", None, None, None, None),  # stage
        (
            "P005",
            "丙",
            "东丰县",
            "",
            "否",
            "一百万",
            "谋划",
            "2022-01-01",
            None,
            None,
            None,
        ),  # amount
        ("P006", "丁", "东丰县", "", "否", 100, "签约", None, "2023-01-01", None, None),  # future
        ("P007", "戊", "东丰县", "", "也许", 100, "谋划", None, None, None, None),  # yes/no
    ]
    result = import_projects(sheet(GOOD, *bad), city, today=TODAY)
    assert Project.objects.count() == 0
    assert [(p.row, p.column) for p in result.problems] == [
        (3, "县（区）"),
        (4, "当前阶段"),
        (5, "总投资（万元）"),
        (6, "签约日期"),
        (7, "是否招商引资"),
    ]
    messages = [str(p) for p in result.problems]
    assert "第3行 “县（区）”：“东北县”不是辽源市的县（区）" in messages[0]
    assert "不在阶段列表中" in messages[1]
    assert "不是数字" in messages[2]
    assert "晚于今天" in messages[3]
    assert "请填写“是”或“否”" in messages[4]


def test_partial_import_stores_the_good_rows(city, commerce):
    bad = ("P009", "己", "东丰县", "", "否", -5, "谋划", None, None, None, None)
    result = import_projects(sheet(GOOD, bad), city, today=TODAY, partial=True)
    assert result.created == 1 and len(result.problems) == 1
    assert list(Project.objects.values_list("code", flat=True)) == ["P001"]


def test_a_duplicate_number_and_a_later_stage_date_are_refused(city, commerce):
    late = ("P001", "重复", "东丰县", "", "否", 100, "谋划", None, "2022-01-01", None, None)
    result = import_projects(sheet(GOOD, late), city, today=TODAY)
    assert [(p.row, p.column) for p in result.problems] == [(3, "签约日期"), (3, "项目编号")]


def test_a_missing_column_is_named(city):
    book = Workbook()
    book.active.append(["项目名称"])
    data = io.BytesIO()
    book.save(data)
    data.seek(0)
    result = import_projects(data, city, today=TODAY)
    assert {p.column for p in result.problems} == {"项目编号", "总投资（万元）", "当前阶段"}


def test_a_file_that_is_not_a_workbook_is_explained(city):
    result = import_projects(io.BytesIO(b"not a workbook"), city, today=TODAY)
    assert "xlsx" in str(result.problems[0])


def test_importing_again_moves_a_project_by_the_rules(city, commerce):
    import_projects(sheet(GOOD), city, today=TODAY)
    moved = (*GOOD[:6], "开工", "2021-10-01", "2022-03-15", "2022-06-01", 5000)
    result = import_projects(sheet(moved), city, today=TODAY)
    assert [p.message for p in result.problems] == ["从“签约”到“开工”属于跨阶段变更，请填写原因。"]
    assert Project.objects.get().stage == "signed"


def test_an_exported_ledger_imports_back_unchanged(city, commerce):
    import_projects(sheet(GOOD, SECOND), city, today=TODAY)
    out = io.BytesIO()
    export_projects(Project.objects.all(), out, [2022])
    out.seek(0)
    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    assert list(rows[0][: len(COLUMNS)]) == COLUMNS
    assert rows[1][:3] == ("P001", "新能源汽车配套产业园", "东丰县")
    out.seek(0)
    result = import_projects(out, city, today=TODAY)
    assert result.problems == [] and (result.created, result.updated, result.moved) == (0, 2, 0)

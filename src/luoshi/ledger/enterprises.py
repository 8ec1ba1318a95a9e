"""Enterprises for 亩均 evaluation: their .xlsx import (checked like the project ledger) and
the scores of one year out of the database."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import IO

from django.db import transaction
from django.utils.translation import gettext as _

from luoshi.documents import spreadsheet
from luoshi.ledger import muju
from luoshi.ledger.cells import CellError, Problem, header_map, number, text, whole
from luoshi.ledger.models import Enterprise, EnterpriseYear
from luoshi.ledger.project_workbook import CITY_LEVEL, _Row
from luoshi.tracking import pagecache, uploads
from luoshi.tracking.models import Jurisdiction

CREDIT_CODE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{18}$")
NUMBERS = {
    "用地面积（亩）": "land_mu",
    "税收（万元）": "tax",
    "产值（万元）": "output",
    "能耗（吨标煤）": "energy",
    "研发投入（万元）": "rd",
}
COLUMNS = [
    "统一社会信用代码",
    "企业名称",
    "县（区）",
    "所属行业",
    "年度",
    *NUMBERS,
    "从业人员（人）",
]


@dataclass
class ImportResult:
    rows: int = 0
    stored: int = 0
    problems: list[Problem] = field(default_factory=list)


def _year(value: object, today: date) -> int:
    year = whole(value)
    if not 2000 <= year <= today.year:
        raise CellError(f"{year}不是有效年度（2000—{today.year}）。")
    return year


def import_enterprises(
    stream: IO[bytes] | str, city: Jurisdiction, *, today: date, partial: bool = False
) -> ImportResult:
    result = ImportResult()
    try:
        rows = iter(spreadsheet.read_rows(stream))
    except spreadsheet.SpreadsheetError as error:
        what = _("亩均 data sheet")
        result.problems.append(Problem(0, "文件", uploads.sheet_problem(error, what)))
        return result
    columns, missing = header_map(next(rows, (1, ()))[1], [c for c in COLUMNS if c != "所属行业"])
    if missing:
        result.problems += [Problem(1, name, "表头缺少此列。") for name in missing]
        return result
    districts = {d.name: d for d in Jurisdiction.objects.filter(parent=city)}
    good: list[tuple[Enterprise, EnterpriseYear]] = []
    seen: dict[tuple[str, int], int] = {}
    for at, cells in rows:
        if not any(text(c) for c in cells):
            continue
        result.rows += 1
        row = _Row(at, cells, columns)
        code = text(row.raw("统一社会信用代码")).upper()
        if not CREDIT_CODE.match(code):
            row.fail("统一社会信用代码", f"“{code}”不是18位统一社会信用代码。")
        name = text(row.raw("企业名称"))
        if not name:
            row.fail("企业名称", "不能为空。")
        place = text(row.raw("县（区）"))
        if place and place != CITY_LEVEL and place not in districts:
            row.fail("县（区）", f"“{place}”不是{city.name}的县（区）。")
        year = row.get("年度", _year, today)
        amounts = {key: row.get(column, number) for column, key in NUMBERS.items()}
        if amounts["land_mu"] is not None and amounts["land_mu"] <= 0:
            row.fail("用地面积（亩）", "用地面积须大于0。")
        employees = row.get("从业人员（人）", whole)
        if year is not None and (code, year) in seen:
            row.fail("年度", f"与第{seen[(code, year)]}行重复（同一企业同一年度）。")
        seen.setdefault((code, year), at)
        result.problems += row.problems
        if row.problems:
            continue
        enterprise = Enterprise(
            jurisdiction=city,
            district=districts.get(place),
            credit_code=code,
            name=name,
            industry=text(row.raw("所属行业")),
        )
        good.append((enterprise, EnterpriseYear(year=year, employees=employees, **amounts)))
    if result.problems and not partial:
        return result
    with transaction.atomic():
        known = {e.credit_code: e for e in Enterprise.objects.filter(jurisdiction=city)}
        fresh = {e.credit_code: e for e, _ in good if e.credit_code not in known}
        Enterprise.objects.bulk_create(list(fresh.values()))
        known.update(fresh)
        years = []
        for enterprise, figures in good:
            figures.enterprise = known[enterprise.credit_code]
            years.append(figures)
        EnterpriseYear.objects.bulk_create(
            years,
            update_conflicts=True,
            unique_fields=["enterprise", "year"],
            update_fields=[*NUMBERS.values(), "employees"],
        )
        pagecache.touch({city.pk})  # the 亩均 ranking
    result.stored = len(good)
    return result


def ranking(city: Jurisdiction, year: int) -> list[muju.Scored]:
    """Every enterprise of `city` with figures for `year`, scored and ranked."""
    rows = EnterpriseYear.objects.filter(enterprise__jurisdiction=city, year=year).select_related(
        "enterprise__district"
    )
    return muju.evaluate(
        muju.settings(),
        [
            (
                row.enterprise,
                muju.Figures(
                    float(row.land_mu),
                    float(row.tax),
                    float(row.output),
                    float(row.energy),
                    float(row.rd),
                    row.employees,
                ),
            )
            for row in rows
        ],
    )

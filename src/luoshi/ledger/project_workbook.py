"""The 项目台账 workbook: export the ledger, and import it back with every row checked first.

Import is all or nothing by default: one bad cell and nothing is stored, and the answer lists
every problem (row, column, what to write). With `partial=True` the good rows are stored.
Amounts are in 万元 in the sheet, as such sheets are kept, and in 元 in the database.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import IO, Any

from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook

from luoshi.documents import spreadsheet
from luoshi.documents.cells import safe_row
from luoshi.ledger.cells import (
    LARGEST_YUAN,
    CellError,
    Problem,
    day,
    header_map,
    normal,
    number,
    text,
    yes_no,
)
from luoshi.ledger.models import MONEY_CHOICES, REACHED, Investment, Project, StageChange
from luoshi.ledger.stages import MOVE_FIELDS, apply_move, entered
from luoshi.ledger.transitions import STAGES, MoveRefused, rules
from luoshi.tracking import services, uploads
from luoshi.tracking.models import Department, Jurisdiction

WAN = Decimal(10000)
CITY_LEVEL = "市本级"
MONEY_NAMES = {
    "plan": "计划投资",
    "signed": "签约额",
    "completed": "完成投资",
    "arrived": "到位资金",
}
MONEY_RE = re.compile(r"^(\d{4})年(计划投资|签约额|完成投资|到位资金)\(万元\)$")
STAGE_DATE = {stage.code: f"{stage.name}日期" for stage in rules().stages}
COLUMNS = [
    "项目编号",
    "项目名称",
    "县（区）",
    "牵头部门",
    "所属行业",
    "是否招商引资",
    "总投资（万元）",
    "当前阶段",
    "储备梯次",
    "包保领导",
    "项目秘书",
    *STAGE_DATE.values(),
    "阶段变更原因",
]
REQUIRED = ["项目编号", "项目名称", "总投资（万元）", "当前阶段"]
UPDATE_FIELDS = [
    "name",
    "district",
    "department",
    "industry",
    "attracted",
    "total_investment",
    "leader",
    "secretary",
]


@dataclass
class ImportResult:
    rows: int = 0
    created: int = 0
    updated: int = 0
    moved: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def stored(self) -> bool:
        return self.created + self.updated > 0


def _places(city: Jurisdiction) -> tuple[dict[str, Jurisdiction], dict[str, Department]]:
    districts = {d.name: d for d in Jurisdiction.objects.filter(parent=city)}
    departments: dict[str, Department] = {}
    for unit in Department.objects.filter(jurisdiction=city):
        for alias in [unit.name, *(unit.aliases or [])]:
            departments.setdefault(alias, unit)
    return districts, departments


class _Row:
    """One sheet row being checked; `get` records a Problem instead of raising."""

    def __init__(self, number: int, cells: tuple[Any, ...], columns: dict[str, int]) -> None:
        self.number, self.cells, self.columns = number, cells, columns
        self.problems: list[Problem] = []

    def raw(self, column: str) -> Any:
        at = self.columns.get(normal(column))
        return self.cells[at] if at is not None and at < len(self.cells) else None

    def get(self, column: str, read: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return read(self.raw(column), *args, **kwargs)
        except CellError as error:
            self.problems.append(Problem(self.number, column, str(error)))
            return None

    def fail(self, column: str, message: str) -> None:
        self.problems.append(Problem(self.number, column, message))


def _check_row(
    row: _Row,
    city: Jurisdiction,
    districts: dict[str, Jurisdiction],
    departments: dict[str, Department],
    money_columns: dict[str, tuple[int, str]],
    today: date,
) -> tuple[Project, dict[tuple[int, str], Decimal], str] | None:
    code, name = text(row.raw("项目编号")), text(row.raw("项目名称"))
    if not code:
        row.fail("项目编号", "不能为空。")
    if not name:
        row.fail("项目名称", "不能为空。")
    district_name = text(row.raw("县（区）"))
    district = None
    if district_name and district_name != CITY_LEVEL:
        district = districts.get(district_name)
        if district is None:
            known = "、".join([*districts, CITY_LEVEL])
            row.fail("县（区）", f"“{district_name}”不是{city.name}的县（区），可填：{known}。")
    department_name = text(row.raw("牵头部门"))
    department = departments.get(department_name) if department_name else None
    if department_name and department is None:
        row.fail("牵头部门", f"没有名为“{department_name}”的部门，请按部门全称填写。")
    stage_name = text(row.raw("当前阶段"))
    stage = rules().by_name(stage_name)
    if stage is None:
        names = "、".join(s.name for s in rules().stages)
        row.fail("当前阶段", f"“{stage_name}”不在阶段列表中，可填：{names}。")
    total = row.get("总投资（万元）", number, scale=WAN, largest=LARGEST_YUAN)
    attracted = row.get("是否招商引资", yes_no)
    reached = {s: row.get(column, day, today) for s, column in STAGE_DATE.items()}
    money: dict[tuple[int, str], Decimal] = {}
    for column, key in money_columns.items():
        amount = row.get(column, number, scale=WAN, required=False, largest=LARGEST_YUAN)
        if amount is not None:
            money[key] = amount
    if stage is not None:
        at = STAGES.index(stage)
        for later in STAGES[at + 1 :]:
            if reached[later] is not None:
                row.fail(STAGE_DATE[later], f"当前阶段为“{stage_name}”，不应填写此后阶段的日期。")
        dated = [(s, d) for s, d in reached.items() if d is not None and STAGES.index(s) <= at]
        for (s1, d1), (s2, d2) in itertools.pairwise(dated):
            if d2 < d1:
                row.fail(STAGE_DATE[s2], f"{d2:%Y-%m-%d}早于{STAGE_DATE[s1]}{d1:%Y-%m-%d}。")
    if row.problems:
        return None
    assert stage is not None and total is not None
    since = reached.get(stage) or max((d for d in reached.values() if d), default=today)
    project = Project(
        jurisdiction=city,
        district=district,
        code=code,
        name=name,
        department=department,
        industry=text(row.raw("所属行业")),
        attracted=bool(attracted),
        total_investment=total,
        stage=stage,
        stage_since=since,
        tier=rules().stage(stage).tier,
        leader=text(row.raw("包保领导")),
        secretary=text(row.raw("项目秘书")),
        **{REACHED[s]: d for s, d in reached.items()},
    )
    return project, money, text(row.raw("阶段变更原因"))


def import_projects(
    stream: IO[bytes] | str,
    city: Jurisdiction,
    *,
    today: date,
    actor: Any = None,
    partial: bool = False,
) -> ImportResult:
    """Check every row, then store (all or nothing unless `partial`)."""
    result = ImportResult()
    try:
        numbered = spreadsheet.read_rows(stream)
    except spreadsheet.SpreadsheetError as error:
        result.problems.append(
            Problem(0, "文件", uploads.sheet_problem(error, _("project ledger")))
        )
        return result
    rows = iter(numbered)
    header = next(rows, (1, ()))[1]
    columns, missing = header_map(header, REQUIRED)
    if missing:
        result.problems += [Problem(1, name, "表头缺少此列。") for name in missing]
        return result
    money_columns: dict[str, tuple[int, str]] = {}
    kinds = {name: kind for kind, name in MONEY_NAMES.items()}
    for name in columns:
        match = MONEY_RE.match(name)
        if match:
            money_columns[name] = (int(match.group(1)), kinds[match.group(2)])
    districts, departments = _places(city)
    checked: list[tuple[int, Project, dict[tuple[int, str], Decimal], str]] = []
    seen: dict[str, int] = {}
    for number_, cells in rows:
        if not any(text(c) for c in cells):
            continue
        result.rows += 1
        row = _Row(number_, cells, columns)
        found = _check_row(row, city, districts, departments, money_columns, today)
        code = text(row.raw("项目编号"))
        if code and code in seen:
            row.fail("项目编号", f"与第{seen[code]}行重复。")
            found = None
        seen.setdefault(code, number_)
        result.problems += row.problems
        if found is not None:
            checked.append((number_, *found))
    if result.problems and not partial:
        return result
    _store(checked, city, result, today, actor, partial)
    return result


@transaction.atomic
def _store(
    checked: list[tuple[int, Project, dict[tuple[int, str], Decimal], str]],
    city: Jurisdiction,
    result: ImportResult,
    today: date,
    actor: Any,
    partial: bool,
) -> None:
    codes = [project.code for _, project, _, _ in checked]
    existing = {p.code: p for p in Project.objects.filter(jurisdiction=city, code__in=codes)}
    new: list[Project] = []
    changed: list[Project] = []
    changes: list[StageChange] = []
    for number_, project, _money, reason in checked:
        old = existing.get(project.code)
        if old is None:
            new.append(project)
            continue
        for name in UPDATE_FIELDS:
            setattr(old, name, getattr(project, name))
        if old.stage != project.stage:
            try:
                change = apply_move(old, project.stage, project.stage_since, reason, today)
            except MoveRefused as refused:
                result.problems.append(Problem(number_, "当前阶段", str(refused)))
                continue
            change.actor = actor
            changes.append(change)
        changed.append(old)
    if result.problems and not partial:
        return  # a refused move is found only against the stored ledger: it cancels the run
    Project.objects.bulk_create(new, batch_size=1000)
    Project.objects.bulk_update(changed, UPDATE_FIELDS + MOVE_FIELDS, batch_size=1000)
    StageChange.objects.bulk_create(
        changes + [entered(p, actor, "台账导入") for p in new], batch_size=1000
    )
    by_code = {p.code: p for p in [*new, *changed]}
    amounts = [
        Investment(project=by_code[p.code], year=year, kind=kind, amount=amount)
        for _, p, money, _ in checked
        if p.code in by_code
        for (year, kind), amount in money.items()
    ]
    Investment.objects.bulk_create(
        amounts,
        batch_size=1000,
        update_conflicts=True,
        unique_fields=["project", "year", "kind"],
        update_fields=["amount"],
    )
    result.created, result.updated, result.moved = len(new), len(changed), len(changes)
    services.live_values_changed({city.pk})  # the targets measured from the ledger


def export_projects(projects: Any, out: IO[bytes] | str, years: list[int]) -> None:
    """Write `projects` (a queryset) as a 项目台账 workbook with money columns for `years`."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("项目台账")
    money_kinds = [kind for kind, _ in MONEY_CHOICES]
    money_header = [f"{y}年{MONEY_NAMES[k]}（万元）" for y in years for k in money_kinds]
    sheet.append(safe_row(sheet, [*COLUMNS, *money_header]))
    names = {s.code: s.name for s in rules().stages}
    tiers = rules().tiers
    amounts: dict[int, dict[tuple[int, str], Decimal]] = {}
    money = Investment.objects.filter(project__in=projects, year__in=years)
    for project_id, year, kind, amount in money.values_list("project_id", "year", "kind", "amount"):
        amounts.setdefault(project_id, {})[(year, kind)] = amount
    for p in projects.select_related("district", "department"):
        mine = amounts.get(p.pk, {})
        sheet.append(
            safe_row(
                sheet,
                [
                    p.code,
                    p.name,
                    p.district.name if p.district else CITY_LEVEL,
                    p.department.name if p.department else "",
                    p.industry,
                    "是" if p.attracted else "否",
                    float(p.total_investment / WAN),
                    names[p.stage],
                    tiers[p.tier],
                    p.leader,
                    p.secretary,
                    *[p.reached(s) for s in STAGES],
                    "",
                    *[
                        float(mine[(y, k)] / WAN) if (y, k) in mine else None
                        for y in years
                        for k in money_kinds
                    ],
                ],
            )
        )
    book.save(out)

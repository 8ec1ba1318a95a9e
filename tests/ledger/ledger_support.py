"""What the ledger's tests import: the day they run on, a project with its stage history, and an
.xlsx upload in memory."""

import io
from datetime import date
from decimal import Decimal

from openpyxl import Workbook

from luoshi.ledger import stages
from luoshi.ledger.models import Project
from luoshi.ledger.transitions import rules
from luoshi.tracking.models import Jurisdiction

TODAY = date(2022, 7, 10)


def make_project(
    city,
    code,
    *,
    district=None,
    department=None,
    wan=1000,
    attracted=False,
    path=(),
    start="planning",
    since=date(2021, 10, 1),
    **fields,
):
    """A project that entered the ledger at `start` on `since`, then moved along `path`
    [(stage, date), ...] (forward moves; skips take a reason)."""
    district_row = Jurisdiction.objects.get(name=district) if district else None
    project = Project(
        jurisdiction=city,
        district=district_row,
        code=code,
        name=f"项目{code}",
        department=department,
        total_investment=Decimal(wan) * 10000,
        attracted=attracted,
        stage=start,
        stage_since=since,
        tier=rules().stage(start).tier,
        **{f"{start}_on": since},
        **fields,
    )
    project.save()
    stages.entered(project).save()
    for stage, on in path:
        stages.move(project, stage, on, reason="测试", today=TODAY)
    return project


def xlsx(header, *rows):
    """An .xlsx upload in memory: a header row, then `rows`."""
    book = Workbook()
    book.active.append(list(header))
    for row in rows:
        book.active.append(list(row))
    data = io.BytesIO()
    book.save(data)
    data.seek(0)
    return data

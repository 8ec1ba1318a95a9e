"""Reading spreadsheet cells the way people fill them in: every problem is a sentence that names
the row and the column, so a whole sheet can be checked before anything is stored."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

DATE_RE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
YES, NO = {"是", "Y", "y", "yes", "1", "√"}, {"否", "N", "n", "no", "0", ""}


class CellError(ValueError):
    """A cell that cannot be read; the message says what to write instead."""


@dataclass(frozen=True)
class Problem:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"第{self.row}行 “{self.column}”：{self.message}"


def text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


# Below what the ledger's decimal columns hold (12 digits with 2 decimals for 亩均 figures; the
# project amounts in 元 pass a larger bound that fits their 16 digits).
LARGEST = Decimal(10) ** 10
LARGEST_YUAN = Decimal(10) ** 14


def number(
    value: Any,
    *,
    scale: Decimal = Decimal(1),
    required: bool = True,
    largest: Decimal = LARGEST,
) -> Decimal | None:
    """A non-negative amount below `largest` once scaled; `scale` converts units (万元 → 元)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise CellError("不能为空，请填写数字。")
        return None
    if isinstance(value, bool):
        raise CellError(f"“{value}”不是数字。")
    try:
        amount = Decimal(str(value).strip().replace(",", "").replace("，", ""))
    except InvalidOperation:
        raise CellError(f"“{text(value)}”不是数字，请只填写数字（不带单位）。") from None
    if not amount.is_finite():
        raise CellError(f"“{text(value)}”不是数字。")
    if amount < 0:
        raise CellError(f"{text(value)}为负数，金额和数量不能为负。")
    if amount * scale >= largest:
        raise CellError(f"{text(value)}超出合理范围，请核对数值和单位。")
    return amount * scale


def whole(value: Any) -> int:
    amount = number(value)
    assert amount is not None
    if amount != amount.to_integral_value():
        raise CellError(f"“{text(value)}”不是整数。")
    return int(amount)


def day(value: Any, today: date, *, required: bool = False) -> date | None:
    """A date not after `today`: a date cell, or text like 2022-03-01, 2022/3/1, 2022年3月1日."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise CellError("不能为空，请填写日期，如 2022-03-01。")
        return None
    if isinstance(value, datetime):
        found = value.date()
    elif isinstance(value, date):
        found = value
    else:
        match = DATE_RE.match(text(value))
        if not match:
            raise CellError(f"“{text(value)}”不是日期，请写成 2022-03-01 的形式。")
        try:
            found = date(*(int(part) for part in match.groups()))
        except ValueError:
            raise CellError(f"“{text(value)}”不是有效日期。") from None
    if found > today:
        raise CellError(f"{found:%Y-%m-%d}晚于今天（{today:%Y-%m-%d}），请填写已发生的日期。")
    return found


def yes_no(value: Any) -> bool:
    word = text(value)
    if word in YES:
        return True
    if word in NO:
        return False
    raise CellError(f"“{word}”无法识别，请填写“是”或“否”。")


def header_map(header: tuple[Any, ...], required: list[str]) -> tuple[dict[str, int], list[str]]:
    """Column positions by name (spaces and full/half-width brackets ignored), and the
    required columns that are missing."""
    positions = {normal(text(name)): at for at, name in enumerate(header) if text(name)}
    missing = [name for name in required if normal(name) not in positions]
    return positions, missing


def normal(name: str) -> str:
    return name.replace(" ", "").replace("（", "(").replace("）", ")")

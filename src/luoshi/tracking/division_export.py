"""The 分工方案 workbook of a plan as it stands: the tasks after the 分工 editor (merged, split,
dropped), their current leads, supporting departments and deadlines (revisions included), in
the plan's order and grouped by section as the report writes its headings."""

from __future__ import annotations

import io

from luoshi.documents.division import Row, write_rows
from luoshi.tracking.models import Plan, Target


def heading(plan: Plan) -> str:
    source = plan.title or "政府工作报告"
    draft = "（草案）" if plan.state == Plan.DRAFT else ""
    return f"{plan.year}年《{source}》重点工作任务分工方案{draft}"


def items(plan: Plan) -> list[str | tuple[Row, str | None]]:
    text = plan.source_text
    found: list[str | tuple[Row, str | None]] = []
    current = None
    tasks = (
        plan.tasks.order_by("order", "pk")
        .select_related("lead", "section")
        .prefetch_related("supporting", "targets")
    )
    for task in tasks:
        section = task.section
        group = text[section.start : section.end].strip() or section.title if section else None
        if group and group != current:
            found.append(group)
            current = group
        row = Row(
            text=task.text.replace("\n", ""),
            targets="\n".join(_target(t) for t in task.targets.all()),
            lead=task.lead.name if task.lead else "",
            support="、".join(d.name for d in task.supporting.all() if d.pk != task.lead_id),
        )
        found.append((row, task.deadline.isoformat() if task.deadline else None))
    return found


def _target(target: Target) -> str:
    """The target as the report words it, and its value now if a revision changed it."""
    if target.original_value is None or target.value == target.original_value:
        return target.text
    return f"{target.text}（调整为{target.value:g}{target.unit}）"


def workbook(plan: Plan) -> bytes:
    buffer = io.BytesIO()
    write_rows(items(plan), buffer, heading(plan))
    return buffer.getvalue()

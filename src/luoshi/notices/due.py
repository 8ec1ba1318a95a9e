"""Which reminders are due on a day, from the stored statuses and the 签收 records.

- 临近提醒 (upcoming): in the `LUOSHI_REMIND_DAYS` days before the reporting day
  (`LUOSHI_REPORT_DAY` of the month after the period) while the period is not reported, and in
  the days before a checkpoint of a task not complete;
- 到期未报 (missing): after the reporting day, the period still not reported;
- 逾期 (overdue): past the deadline and not complete;
- 未签收 (unsigned): `LUOSHI_SIGN_DAYS` days after publication, a lead or supporting department
  has not acknowledged the task (once a month);
- 退回待重报 (returned): the period's report was returned and nothing newer was submitted.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings

from luoshi import status
from luoshi.notices.models import Reminder
from luoshi.tracking.measure import nodes
from luoshi.tracking.models import Acknowledgement, Plan, ProgressReport, Task


@dataclass(frozen=True)
class Due:
    task: Task
    department_id: int
    period: str
    kind: str
    message: str


def _month(period: str) -> str:
    return f"{int(period[5:])}月"


MESSAGES = {
    Reminder.UPCOMING: "【临近提醒】{code}：{month}进展请于{day}前报送。",
    Reminder.MISSING: "【到期未报】{code}：{month}进展已过报送期限（{day}），请尽快报送。",
    Reminder.OVERDUE: "【逾期】{code}：已过完成时限（{deadline}）仍未完成，请说明原因并加快推进。",
    "node": "【临近提醒】{code}：节点“{node}”将于{deadline}到期。",
    Reminder.UNSIGNED: "【未签收】{code}：任务已交办，请在“我的任务”中签收并明确责任人。",
    Reminder.RETURNED: "【退回待重报】{code}：{month}进展已退回，请按审核意见修改后重新报送。",
}


def due(on: date) -> Iterator[Due]:
    report_day = settings.LUOSHI_REPORT_DAY
    window = settings.LUOSHI_REMIND_DAYS
    day = f"{on.month}月{report_day}日"
    tasks = list(
        Task.objects.open()
        .filter(plan__state=Plan.PUBLISHED, lead__isnull=False)
        .select_related("plan")
        .defer("plan__source_text", "status_lines", "public_lines")
        .prefetch_related("supporting")
    )
    signed = set(
        Acknowledgement.objects.filter(task__in=tasks).values_list("task_id", "department_id")
    )
    returned = _returned(tasks)
    for task in tasks:
        lead = int(task.lead_id or 0)
        deadline = task.deadline or date(task.plan.year, 12, 31)
        period = status.reference_period(task.plan.year, deadline, on)
        words = {"code": task.code, "day": day, "deadline": f"{deadline:%Y-%m-%d}"}
        if period is not None:
            words["month"] = _month(period)
        if period is not None and task.status == status.MISSING:
            if on.day <= report_day and report_day - on.day <= window:
                yield Due(
                    task,
                    lead,
                    period,
                    Reminder.UPCOMING,
                    MESSAGES[Reminder.UPCOMING].format(**words),
                )
            elif on.day > report_day:
                yield Due(
                    task, lead, period, Reminder.MISSING, MESSAGES[Reminder.MISSING].format(**words)
                )
        if task.status == status.OVERDUE and period is not None:
            yield Due(
                task, lead, period, Reminder.OVERDUE, MESSAGES[Reminder.OVERDUE].format(**words)
            )
        if task.status != status.COMPLETE:
            for node in nodes(task.nodes):
                if on < node.on <= on + timedelta(days=window):
                    words["node"] = node.label or f"{node.on:%m-%d}"
                    words["deadline"] = f"{node.on:%Y-%m-%d}"
                    text = MESSAGES["node"].format(**words)
                    yield Due(task, lead, node.on.isoformat(), Reminder.UPCOMING, text)
        published = task.plan.published_at
        if published is not None and on - published.date() >= timedelta(settings.LUOSHI_SIGN_DAYS):
            for department_id in [lead, *(d.pk for d in task.supporting.all())]:
                if (task.pk, department_id) not in signed:
                    text = MESSAGES[Reminder.UNSIGNED].format(**words)
                    yield Due(task, department_id, f"{on:%Y-%m}", Reminder.UNSIGNED, text)
        if task.pk in returned:
            words["month"] = _month(returned[task.pk])
            text = MESSAGES[Reminder.RETURNED].format(**words)
            yield Due(task, lead, returned[task.pk], Reminder.RETURNED, text)


def _returned(tasks: list[Task]) -> dict[int, str]:
    """Tasks whose latest report for a period was returned and not followed by another."""
    latest: dict[tuple[int, str], tuple[int, str]] = {}
    rows = ProgressReport.objects.filter(task__in=tasks).values_list(
        "task_id", "period", "id", "state"
    )
    for task_id, period, pk, state in rows:
        key = (task_id, period)
        if key not in latest or pk > latest[key][0]:
            latest[key] = (pk, state)
    found: dict[int, str] = {}
    for (task_id, period), (_, state) in sorted(latest.items()):
        if state == ProgressReport.RETURNED:
            found[task_id] = period
    return found

"""存在的主要问题 and 下步工作 of the bulletin: the departments named by what holds them back
(overdue, behind, not reported, returned and not reported again), the delay reasons their
reports give, grouped by the configured categories, and the next steps addressed to them."""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date

from luoshi.documents.bulletin_counts import NUMERALS, BulletinFacts, BulletinOptions, group
from luoshi.documents.bulletin_document import (
    Block,
    Configured,
    Figures,
    Paragraph,
    Quote,
    Span,
    TaskRow,
    chinese_date,
)
from luoshi.status import BEHIND, MISSING, OVERDUE

_CUES = re.compile(r"受|由于|因|原因|困难|问题|制约|尚未|未能|不足|缓慢|延迟|推迟|影响")
_PROBLEM_LABEL = re.compile(r"(?:存在问题|存在的问题|滞后原因|困难和问题)[：:]\s*")


def delay_reasons(narrative: str) -> list[str]:
    """What a report says holds the task back: the part after 存在问题：, else the sentences
    that give a cause (受…影响, 由于…, 资金不足, 尚未…)."""
    text = narrative.strip()
    labelled = _PROBLEM_LABEL.split(text, maxsplit=1)
    if len(labelled) == 2:
        reason = labelled[1].strip()
        return [reason] if reason and reason not in {"无", "无。", "暂无", "暂无。"} else []
    sentences = [s.strip() for s in re.split(r"(?<=[。；;！!])", text) if s.strip()]
    return [s for s in sentences if _CUES.search(s) and "按计划推进" not in s]


def _kinds(facts: BulletinFacts) -> list[tuple[str, str, list[TaskRow]]]:
    """(name for the text, name for the 口径, tasks) of each kind of problem, worst first."""
    tasks = facts.tasks
    return [
        ("逾期任务", f"{OVERDUE}任务", [t for t in tasks if t.status == OVERDUE]),
        ("滞后任务", f"{BEHIND}任务", [t for t in tasks if t.status == BEHIND]),
        ("未报送进展的任务", f"{MISSING}任务", [t for t in tasks if t.status == MISSING]),
        ("进展被退回、尚未重新报送的任务", "退回未重报任务", [t for t in tasks if t.returned]),
    ]


def _departments(tasks: list[TaskRow], basis: str, figures: Figures) -> list[Span]:
    """市发改委（2项）、市商务局（1项）: each department with the count of its tasks."""
    spans: list[Span] = []
    for index, (department, mine) in enumerate(group(tasks, "department").items()):
        if index:
            spans.append("、")
        count = figures.count([t.code for t in mine], f"{department}：{basis}")
        spans += [f"{department}（", count, "）"]
    return spans


def problems(facts: BulletinFacts, figures: Figures, options: BulletinOptions) -> list[Block]:
    blocks: list[Block] = []
    kinds = [(name, basis, tasks) for name, basis, tasks in _kinds(facts) if tasks]
    for index, (name, basis, tasks) in enumerate(kinds):
        count = figures.count([t.code for t in tasks], basis)
        spans: list[Span] = [f"（{NUMERALS[index % 10]}）{name}", count, "，涉及"]
        spans += [*_departments(tasks, basis, figures), "。"]
        blocks.append(Paragraph(spans))
    if facts.unanswered:
        blocks.append(_unanswered(facts, figures, len(kinds)))
    if not kinds and not facts.unanswered:
        blocks.append(Paragraph(["本期无逾期、滞后、未报送或被退回的任务。"]))
    blocks.extend(_reasons(facts, figures, options))
    return blocks


def _unanswered(facts: BulletinFacts, figures: Figures, index: int) -> Paragraph:
    """（N）领导批示尚未办理回复: each department with its unanswered 批示, counted (件)."""
    refs = [
        f"{row.task or row.department}批示（{row.given.month}月{row.given.day}日）"
        for row in facts.unanswered
    ]
    count = figures.count(refs, "领导批示未回复", unit="件")
    spans: list[Span] = [f"（{NUMERALS[index % 10]}）领导批示尚未办理回复", count, "，涉及"]
    by_department: dict[str, list[str]] = defaultdict(list)
    for row, ref in zip(facts.unanswered, refs, strict=True):
        by_department[row.department].append(ref)
    for number, (department, mine) in enumerate(by_department.items()):
        if number:
            spans.append("、")
        spans += [f"{department}（", figures.count(mine, f"{department}：批示未回复", "件"), "）"]
    return Paragraph([*spans, "。"])


def _reasons(facts: BulletinFacts, figures: Figures, options: BulletinOptions) -> list[Block]:
    delayed = [t for t in facts.tasks if t.status in (BEHIND, OVERDUE)]
    chosen: dict[str, list[TaskRow]] = defaultdict(list)
    silent: list[TaskRow] = []
    for task in delayed:
        words = "".join(task.problems)
        if not words:
            silent.append(task)
            continue
        category = next(
            (name for name, keys in options.categories if any(k in words for k in keys)), "其他"
        )
        chosen[category].append(task)
    spans: list[Span] = []
    if chosen:
        spans.append("从各单位报送的原因看，滞后、逾期主要集中在：")
    order = [name for name, _ in options.categories] + ["其他"]
    for index, name in enumerate(n for n in order if n in chosen):
        tasks = chosen[name]
        count = figures.count([t.code for t in tasks], f"存在问题：{name}")
        examples = "；".join(
            f"{t.department}报告“{'；'.join(t.problems).rstrip('。；')}”"
            for t in tasks[: options.examples_per_category]
        )
        spans += ["；" if index else "", f"{name}（", count, "），如", Quote(examples)]
    if chosen:
        spans.append("。")
    if silent:
        count = figures.count([t.code for t in silent], "滞后或逾期但未说明原因的任务")
        spans += ["另有", count, "滞后或逾期任务的报送未说明原因。"]
    return [Paragraph(spans)] if spans else []


def next_report_day(on: date, day: int) -> date:
    """The next day `day` of a month after `on`: when the next monthly report is due."""
    if on.day < day:
        return on.replace(day=day)
    year, month = (on.year + 1, 1) if on.month == 12 else (on.year, on.month + 1)
    return date(year, month, day)


def next_steps(facts: BulletinFacts, figures: Figures, options: BulletinOptions) -> list[Block]:
    """A first paragraph addressed to the departments named above, then the configured ones."""
    issuer = options.issuer or f"{facts.jurisdiction}人民政府督查室"
    due = chinese_date(next_report_day(facts.on, options.report_day))[5:]  # 8月5日
    late = any(t.status in (OVERDUE, BEHIND) for t in facts.tasks)
    silent = any(t.status == MISSING or t.returned for t in facts.tasks)
    parts = []
    if late:
        parts.append(
            "请上述逾期、滞后任务的牵头单位逐项分析原因，制定整改措施，"
            f"于{due}前将整改情况报{issuer}"
        )
    if silent:
        parts.append(f"请未报送和被退回任务的牵头单位于{due}前补报或重新报送进展")
    if facts.unanswered:
        parts.append(f"请尚未回复领导批示的单位于{due}前办理并回复")
    blocks: list[Block] = []
    if parts:
        blocks.append(Paragraph(["（一）限期整改。" + "；".join(parts) + "。"], key="next-named"))
    for text in options.requirements:
        number = f"（{NUMERALS[len(blocks) % 10]}）" if not text.startswith("（") else ""
        blocks.append(Paragraph([number, Configured(text)]))
    return blocks

"""The monthly 督查通报: from plain facts about each task to a document, then to .docx.

`compose(facts, options)` is a pure function: it counts, ranks and words the bulletin, and every
number it writes is a `Figure` with an id (F1, F2, …), what it counts (口径) and the task ids it
counts. The appendix lists them all, so a reader (or a test) can trace each figure of the text to
tasks. Text that is not the bulletin's own counting (task wording, status reasons, report
quotes, the configured 下一步要求) is marked as such (`Quote`, `Configured`) and written in its
own character style, so its digits are never mistaken for figures.

The document model (`Figure`, `Paragraph`, `Table`, `BulletinDocument`) is in
`bulletin_document`; `official_docx.write(document, out)` renders it in the official-document
layout.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

from luoshi import datafiles
from luoshi.datafiles import RuleError
from luoshi.documents.bulletin_document import (
    Block,
    BulletinDocument,
    Cell,
    Configured,
    Figures,
    Paragraph,
    Quote,
    Span,
    Table,
    TargetRow,
    TaskRow,
    chinese_date,
)
from luoshi.status import AHEAD, BEHIND, COMPLETE, GOOD, MISSING, ON_TRACK, OVERDUE, STATUSES
from luoshi.status import league as status_league

__all__ = ["TargetRow", "TaskRow"]  # the rows of the facts, defined with the document

UNASSIGNED = "未明确牵头单位"
NO_SECTION = "—"  # as the dashboard labels tasks outside any section


# --- Facts in ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class BulletinFacts:
    jurisdiction: str
    year: int
    period: str  # "YYYY-MM"
    on: date  # statuses as of this date
    tasks: tuple[TaskRow, ...]


@dataclass(frozen=True)
class BulletinOptions:
    issuer: str = ""  # defaults to "<jurisdiction>人民政府督查室"
    number: str = ""  # 文号; defaults to "〔<year>〕X号", filled in by hand when issued
    addressees: str = ""
    requirements: tuple[str, ...] = ()
    categories: tuple[tuple[str, tuple[str, ...]], ...] = ()  # problem name, keywords
    examples_per_category: int = 3


def defaults() -> dict[str, object]:
    """The bundled defaults (data/bulletin.yaml): 下一步要求 paragraphs and problem categories."""
    data = datafiles.load("luoshi.documents", "data", "bulletin.yaml")
    requirements = data.get("requirements")
    categories = data.get("problem_categories")
    if not isinstance(requirements, list) or not all(isinstance(r, str) for r in requirements):
        raise RuleError("bulletin.yaml: requirements must be a list of paragraphs")
    if not isinstance(categories, list):
        raise RuleError("bulletin.yaml: problem_categories must be a list")
    parsed = []
    for entry in categories:
        name, words = entry.get("name"), entry.get("keywords")
        if not isinstance(name, str) or not isinstance(words, list) or not words:
            raise RuleError(f"bulletin.yaml: problem category {entry!r} needs a name and keywords")
        parsed.append((name, tuple(str(w) for w in words)))
    return {"requirements": tuple(requirements), "categories": tuple(parsed)}


def default_options(**overrides: object) -> BulletinOptions:
    values = defaults() | {k: v for k, v in overrides.items() if v}
    return BulletinOptions(**values)  # type: ignore[arg-type]  # **dict[str, object]; checked on load


# --- Composition ---------------------------------------------------------------------------------

_NUMERALS = "一二三四五六七八九十"


def month_of(period: str) -> int:
    return int(period[5:])


def compose(facts: BulletinFacts, options: BulletinOptions) -> BulletinDocument:
    figures = Figures()
    issuer = options.issuer or f"{facts.jurisdiction}人民政府督查室"
    month = month_of(facts.period)
    body: list[Block] = [
        Paragraph(
            [
                f"按照工作部署，{issuer}对{facts.year}年《政府工作报告》确定的重点工作任务"
                f"{month}月份落实情况进行了调度（状态截至{chinese_date(facts.on)}，"
                "以审核通过的进展为准）。现将有关情况通报如下："
            ]
        )
    ]
    sections = [
        ("总体情况", _overall),
        ("分领域推进情况", _by_section),
        ("各单位推进情况", _by_department),
        ("需要关注的任务", _named_lists),
        ("存在的主要问题", _problems),
    ]
    for number, (heading, part) in enumerate(sections):
        body.append(Paragraph([f"{_NUMERALS[number]}、{heading}"], "h1"))
        body.extend(part(facts, figures, options))
    body.append(Paragraph([f"{_NUMERALS[len(sections)]}、下一步要求"], "h1"))
    body.extend(Paragraph([Configured(text)]) for text in options.requirements)
    return BulletinDocument(
        issuer=issuer,
        number=options.number or f"〔{facts.year}〕X号",
        title=f"关于{facts.year}年《政府工作报告》重点工作任务{month}月份落实情况的通报",
        addressees=options.addressees or f"{facts.jurisdiction}政府各部门：",
        body=body,
        signed=facts.on,
        figures=figures.all,
        tasks=facts.tasks,
    )


def _codes(tasks: list[TaskRow] | tuple[TaskRow, ...], *statuses: str) -> list[str]:
    return [t.code for t in tasks if t.status in statuses]


def _overall(facts: BulletinFacts, figures: Figures, options: BulletinOptions) -> list[Block]:
    tasks = facts.tasks
    total = figures.count(_codes(tasks, *STATUSES), "全部重点任务")
    spans: list[Span] = ["《政府工作报告》确定的重点工作任务共", total, "，其中"]
    for index, name in enumerate(STATUSES):
        spans += [name, figures.count(_codes(tasks, name), f"全部任务中状态为{name}")]
        spans.append("，" if index < len(STATUSES) - 1 else "。")
    good = figures.count(_codes(tasks, *GOOD), "已完成、超进度、序时推进的任务")
    share = figures.share(good, total, "序时推进率（全部任务）")
    spans += ["已完成、超进度和序时推进的任务合计", good, "，占", share, "。"]
    blocks: list[Block] = [Paragraph(spans)]
    targets = [t for task in tasks for t in task.targets]
    if targets:
        refs = [t.ref for t in targets]
        count = figures.count(refs, "全部量化指标", "个")
        groups = [
            ("已完成", (COMPLETE,)),
            ("序时推进（含超进度）", (AHEAD, ON_TRACK)),
            ("滞后或逾期", (BEHIND, OVERDUE)),
            ("未报送", (MISSING,)),
        ]
        spans = ["量化指标共", count, "，其中"]
        for index, (name, wanted) in enumerate(groups):
            chosen = [t.ref for t in targets if t.status in wanted]
            spans += [name, figures.count(chosen, f"量化指标中{name}", "个")]
            spans.append("，" if index < len(groups) - 1 else "。")
        blocks.append(Paragraph(spans))
    return blocks


def _group(tasks: tuple[TaskRow, ...], key: str) -> dict[str, list[TaskRow]]:
    groups: dict[str, list[TaskRow]] = defaultdict(list)
    for task in tasks:  # in plan order, as the dashboard groups them
        groups[getattr(task, key)].append(task)
    return groups


def _by_section(facts: BulletinFacts, figures: Figures, options: BulletinOptions) -> list[Block]:
    rows: list[list[Cell]] = []
    for name, tasks in _group(facts.tasks, "section").items():
        row: list[Cell] = [Quote(name), figures.count(_codes(tasks, *STATUSES), f"{name}：任务数")]
        row += [figures.count(_codes(tasks, s), f"{name}：{s}") for s in STATUSES]
        rows.append(row)
    header = ["领域", "任务数", *STATUSES]
    widths = (4.2, *(1.3,) * 7, 2.3)
    return [
        Paragraph(["各领域任务推进情况如下表（单位：项）："]),
        Table(header, rows, True, widths),
    ]


@dataclass
class LeagueRow:
    department: str
    tasks: list[TaskRow]


def league(tasks: tuple[TaskRow, ...]) -> list[LeagueRow]:
    """Departments in the league table's order (luoshi.status.league), with their tasks."""
    groups = _group(tasks, "department")
    tallies = {name: Counter(t.status for t in group) for name, group in groups.items()}
    return [LeagueRow(row.key, groups[row.key]) for row in status_league(tallies)]


def _by_department(facts: BulletinFacts, figures: Figures, options: BulletinOptions) -> list[Block]:
    rows: list[list[Cell]] = []
    for entry in league(facts.tasks):
        name = entry.department
        total = figures.count(_codes(entry.tasks, *STATUSES), f"{name}：牵头任务")
        good = figures.count(_codes(entry.tasks, *GOOD), f"{name}：序时推进及以上")
        row: list[Cell] = [name, total, good]
        row += [figures.count(_codes(entry.tasks, s), f"{name}：{s}") for s in STATUSES[3:]]
        share = figures.share(good, total, f"{name}：序时推进率")
        rows.append([*row, share])
    header = ["牵头单位", "牵头任务", "序时推进及以上", *STATUSES[3:], "序时推进率"]
    intro = (
        "按序时推进率（已完成、超进度、序时推进的任务占牵头任务的比例）从高到低排列（单位：项）："
    )
    widths = (3.6, 1.4, 1.9, 1.3, 1.3, 1.4, 1.9, 2.3)
    return [Paragraph([intro]), Table(header, rows, True, widths)]


def _named_lists(facts: BulletinFacts, figures: Figures, options: BulletinOptions) -> list[Block]:
    blocks: list[Block] = []
    for index, name in enumerate((OVERDUE, BEHIND, MISSING)):
        chosen = [t for t in facts.tasks if t.status == name]
        count = figures.count([t.code for t in chosen], f"{name}任务")
        blocks.append(Paragraph([f"（{_NUMERALS[index]}）{name}任务（", count, "）"], "h2"))
        if not chosen:
            blocks.append(Paragraph(["无。"]))
            continue
        for department, tasks in _group(tuple(chosen), "department").items():
            mine = figures.count([t.code for t in tasks], f"{department}：{name}任务")
            items = "；".join(f"{t.code} {_short(t.text)}（{t.reason}）" for t in tasks)
            blocks.append(Paragraph([f"{department}（", mine, "）：", Quote(items + "。")]))
    return blocks


def _short(text: str, limit: int = 40) -> str:
    text = re.sub(r"\s+", "", text).rstrip("。；;")
    return text if len(text) <= limit else text[: limit - 1] + "…"


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


def _problems(facts: BulletinFacts, figures: Figures, options: BulletinOptions) -> list[Block]:
    delayed = [t for t in facts.tasks if t.status in (BEHIND, OVERDUE)]
    if not delayed:
        return [Paragraph(["本期无滞后、逾期任务。"])]
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
    blocks: list[Block] = []
    if chosen:
        blocks.append(Paragraph(["从各单位报送的滞后原因看，主要有以下几方面问题："]))
    order = [name for name, _ in options.categories] + ["其他"]
    for index, name in enumerate(n for n in order if n in chosen):
        tasks = chosen[name]
        count = figures.count([t.code for t in tasks], f"存在问题：{name}")
        examples = "；".join(
            f"{t.code}（{t.department}）：{'；'.join(t.problems)}"
            for t in tasks[: options.examples_per_category]
        )
        more = "等" if len(tasks) > options.examples_per_category else ""
        spans: list[Span] = [f"（{_NUMERALS[index % 10]}）{name}（涉及", count, "）。如"]
        blocks.append(Paragraph([*spans, Quote(examples), f"{more}。"]))
    if silent:
        count = figures.count([t.code for t in silent], "滞后或逾期但未说明原因的任务")
        blocks.append(
            Paragraph(["另有", count, "滞后或逾期任务未说明原因，请相关单位在下期报送时说明。"])
        )
    return blocks

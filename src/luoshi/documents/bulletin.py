"""The monthly 督查通报: from plain facts about each task to a document, then to .docx.

`compose(facts, options)` is a pure function: it counts, ranks and words the bulletin, and every
number it writes is a `Figure` with an id (F1, F2, …), what it counts (口径) and the task ids it
counts. The copy that is sent shows the numbers only; the check copy (核对稿) shows each figure's
id beside it and adds the 数据核对表, so a reader (or a test) can trace each figure of the text
to tasks. Text that is not the bulletin's own counting (task wording, status reasons, report
quotes, the configured 下一步要求) is marked as such (`Quote`, `Configured`) and written in its
own character style, so its digits are never mistaken for figures.

The main text is short: overall figures, a table by section, departments named by what holds
them back (存在问题, in `bulletin_problems`) and next steps. The long lists are annexes the
office chooses (`ANNEXES`, in `bulletin_annexes`). The document model is in
`bulletin_document`; `official_docx.write(document, out)` renders it in the official-document
layout.
"""

from __future__ import annotations

from luoshi import datafiles
from luoshi.datafiles import RuleError
from luoshi.documents import bulletin_annexes, bulletin_problems
from luoshi.documents.bulletin_counts import (
    NUMERALS,
    BulletinFacts,
    BulletinOptions,
    codes,
    group,
    league,
    short_section,
)
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
from luoshi.documents.bulletin_problems import delay_reasons
from luoshi.status import AHEAD, BEHIND, COMPLETE, GOOD, MISSING, ON_TRACK, OVERDUE, STATUSES

__all__ = [  # the facts, options and helpers of the bulletin, defined beside it
    "BulletinFacts",
    "BulletinOptions",
    "TargetRow",
    "TaskRow",
    "delay_reasons",
    "league",
]

UNASSIGNED = "未明确牵头单位"
NO_SECTION = "—"  # as the dashboard labels tasks outside any section

# --- Facts in ----------------------------------------------------------------------------------


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
    share, annexes = data.get("low_share"), data.get("annexes")
    if not isinstance(share, int) or not 0 < share <= 100:
        raise RuleError("bulletin.yaml: low_share must be a percentage from 1 to 100")
    if not isinstance(annexes, list) or not set(annexes) <= set(bulletin_annexes.ANNEXES):
        known = "、".join(bulletin_annexes.ANNEXES)
        raise RuleError(f"bulletin.yaml: annexes must be a list of {known}")
    copy_to, day = data.get("copy_to"), data.get("report_day")
    if not isinstance(copy_to, str) or not isinstance(day, int) or not 1 <= day <= 28:
        raise RuleError("bulletin.yaml: copy_to must be a line, report_day a day from 1 to 28")
    return {
        "requirements": tuple(requirements),
        "categories": tuple(parsed),
        "copy_to": copy_to,
        "report_day": day,
        "low_share": share,
        "annexes": tuple(annexes),
    }


def default_options(**overrides: object) -> BulletinOptions:
    """The bundled defaults with `overrides`; an empty text or list means the default, except
    for annexes, where none is a choice the office makes."""
    given = {k: v for k, v in overrides.items() if v or (k == "annexes" and v is not None)}
    values = defaults() | given
    return BulletinOptions(**values)  # type: ignore[arg-type]  # **dict[str, object]; checked on load


# --- Composition ---------------------------------------------------------------------------------


def month_of(period: str) -> int:
    return int(period[5:])


def compose(facts: BulletinFacts, options: BulletinOptions) -> BulletinDocument:
    figures = Figures()
    issuer = options.issuer or f"{facts.jurisdiction}人民政府督查室"
    month = month_of(facts.period)
    intro = (
        f"按照工作部署，{issuer}对{facts.year}年《政府工作报告》确定的重点工作任务"
        f"{month}月份落实情况进行了调度（状态截至{chinese_date(facts.on)}，"
        "以审核通过的进展为准）。现将有关情况通报如下："
    )
    body: list[Block] = [Paragraph([intro], key="intro")]
    sections = [
        ("总体情况", "overall", _overall),
        ("分领域推进情况", "sections", _by_section),
        ("各单位推进情况", "departments", _by_department),
        ("存在的主要问题", "problems", bulletin_problems.problems),
        ("下步工作", "next", bulletin_problems.next_steps),
    ]
    for number, (heading, key, part) in enumerate(sections):
        body.append(Paragraph([f"{NUMERALS[number]}、{heading}"], "h1"))
        blocks = part(facts, figures, options)
        for index, block in enumerate(b for b in blocks if isinstance(b, Paragraph)):
            configured = any(isinstance(span, Configured) for span in block.spans)
            if block.kind == "body" and not block.key and not configured:  # 下一步要求: own box
                block.key = f"{key}-{index + 1}"
        body.extend(blocks)
    chosen = [bulletin_annexes.ANNEXES[k] for k in options.annexes if k in bulletin_annexes.ANNEXES]
    annexes = [annex(facts, figures) for _, annex in chosen]
    jurisdiction = facts.jurisdiction
    return BulletinDocument(
        issuer=issuer,
        number=options.number or f"〔{facts.year}〕X号",
        title=f"关于{facts.year}年《政府工作报告》重点工作任务{month}月份落实情况的通报",
        addressees=options.addressees or f"{jurisdiction}政府各部门：",
        body=body,
        signed=facts.on,
        figures=figures.all,
        tasks=facts.tasks,
        annexes=annexes,
        copy_to=options.copy_to.replace("{jurisdiction}", jurisdiction),
        printed_by=issuer,
    )


def _overall(facts: BulletinFacts, figures: Figures, options: BulletinOptions) -> list[Block]:
    tasks = facts.tasks
    total = figures.count(codes(tasks, *STATUSES), "全部重点任务")
    spans: list[Span] = ["《政府工作报告》确定的重点工作任务共", total, "，其中"]
    for index, name in enumerate(STATUSES):
        spans += [name, figures.count(codes(tasks, name), f"全部任务中状态为{name}")]
        spans.append("，" if index < len(STATUSES) - 1 else "。")
    good = figures.count(codes(tasks, *GOOD), "已完成、超进度、序时推进的任务")
    share = figures.share(good, total, "序时推进率（全部任务）")
    spans += ["已完成、超进度和序时推进的任务合计", good, "，占", share, "。"]
    targets = [t for task in tasks for t in task.targets]
    if targets:  # in the same paragraph: the main text is kept short
        refs = [t.ref for t in targets]
        count = figures.count(refs, "全部量化指标", "个")
        groups = [
            ("已完成", (COMPLETE,)),
            ("序时推进（含超进度）", (AHEAD, ON_TRACK)),
            ("滞后或逾期", (BEHIND, OVERDUE)),
            ("未报送", (MISSING,)),
        ]
        spans += ["量化指标共", count, "，其中"]
        for index, (name, wanted) in enumerate(groups):
            chosen = [t.ref for t in targets if t.status in wanted]
            spans += [name, figures.count(chosen, f"量化指标中{name}", "个")]
            spans.append("，" if index < len(groups) - 1 else "。")
    return [Paragraph(spans)]


def _by_section(facts: BulletinFacts, figures: Figures, options: BulletinOptions) -> list[Block]:
    rows: list[list[Cell]] = []
    for name, tasks in group(facts.tasks, "section").items():
        row: list[Cell] = [
            Quote(short_section(name)),
            figures.count(codes(tasks, *STATUSES), f"{name}：任务数"),
        ]
        row += [figures.count(codes(tasks, s), f"{name}：{s}") for s in STATUSES]
        rows.append(row)
    return [
        Paragraph(["各领域任务推进情况如下表（单位：项）："], key="sections-1"),
        Table(["领域", "任务数", *STATUSES], rows),
    ]


def _by_department(facts: BulletinFacts, figures: Figures, options: BulletinOptions) -> list[Block]:
    """The departments all on track in one sentence, those below the configured share in
    another, worst last; the whole league table is the annex 各单位推进情况一览表."""
    rows = league(facts.tasks)
    clean = [r for r in rows if all(t.status in GOOD for t in r.tasks)]
    spans: list[Span] = []
    if clean:
        units = figures.count([r.department for r in clean], "牵头任务均序时推进及以上的单位", "个")
        count = figures.count([t.code for r in clean for t in r.tasks], "上述单位牵头的任务")
        names = "、".join(r.department for r in clean)
        spans += [f"{names}共", units, "单位牵头的", count, "任务均达到序时进度。"]
    low: list[Span] = []
    for entry in rows:
        good = [t.code for t in entry.tasks if t.status in GOOD]
        if 100 * len(good) >= options.low_share * len(entry.tasks):
            continue
        name = entry.department
        part = figures.count(good, f"{name}：序时推进及以上")
        whole = figures.count([t.code for t in entry.tasks], f"{name}：牵头任务")
        low += ["、" if low else "", f"{name}（", figures.share(part, whole, f"{name}：序时推进率")]
        low.append("）")
    if low:
        spans += ["序时推进率", Configured(f"低于{options.low_share}%"), "的单位有：", *low, "。"]
    if "league" in options.annexes:
        spans.append(f"各单位推进情况见附件{options.annexes.index('league') + 1}。")
    return [Paragraph(spans)] if spans else []

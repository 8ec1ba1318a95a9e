"""Turn a read and extracted report into a draft plan: sections, tasks, targets, departments.

The same document (same text, jurisdiction and year) is imported once: importing it again
returns the plan already there and changes nothing.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import PureWindowsPath
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction

from luoshi.extraction import extract_document, load_departments
from luoshi.extraction.departments import Departments
from luoshi.extraction.indicators import by_indicator
from luoshi.extraction.milestones import milestones
from luoshi.extraction.model import Assignment, Extraction
from luoshi.extraction.model import Target as ExtractedTarget
from luoshi.extraction.model import Task as ExtractedTask
from luoshi.reading import Document
from luoshi.tracking import pagecache, statuses
from luoshi.tracking.department_files import stored
from luoshi.tracking.models import Department, Event, Jurisdiction, Plan, Section, Target, Task
from luoshi.tracking.names import normal_name

BATCH = 500  # rows per INSERT (SQLite allows 32,766 parameters in one statement)


@dataclass
class DraftTask:
    code: str
    text: str
    start: int
    end: int
    kind: str
    subheading: str = ""
    targets: list[ExtractedTarget] = field(default_factory=list)
    lead: str | None = None
    supporting: list[str] = field(default_factory=list)
    reasons: list[dict[str, str]] = field(default_factory=list)
    deadline: str | None = None
    nodes: list[Any] = field(default_factory=list)


def _nodes(task: ExtractedTask, text: str, year: int | None) -> list[Any]:
    """The suggested checkpoints; a task that is not a quantitative target and names dated
    steps (6月底前开工、年底前竣工) is measured by them as milestones."""
    if task.kind == "target" or year is None:
        return list(task.nodes)
    steps = milestones(text, year, task.deadline)
    if not steps:
        return list(task.nodes)
    return [{"on": step.on, "label": step.label, "milestone": True} for step in steps]


def draft_tasks(extraction: Extraction) -> list[DraftTask]:
    """The extractor's tasks, with their suggested departments, as draft rows of a plan.

    A task whose main indicators have their own leads (主要预期目标) gives one draft per such
    indicator (code T005.1, T005.2…), as the 分工方案 does; the sentence keeps a draft of its
    own only for the targets that share its lead.
    """
    drafts = []
    for task in extraction.tasks:
        rest, own = by_indicator(task, extraction.targets)
        general = [a for a in task.assignments if a.target is None]
        if rest or not own:
            other = [i for i in task.targets if i not in own]
            drafts.append(_draft(task, task.id, task.start, task.end, other, general, extraction))
        for number, index in enumerate(own, 1):
            target = extraction.targets[index]
            mine = [a for a in task.assignments if a.target == index]
            code = f"{task.id}.{number}"
            drafts.append(_draft(task, code, target.start, target.end, [index], mine, extraction))
    return drafts


def _draft(
    task: ExtractedTask,
    code: str,
    start: int,
    end: int,
    targets: list[int],
    assignments: list[Assignment],
    extraction: Extraction,
) -> DraftTask:
    leads = [a for a in assignments if a.role == "lead"]
    return DraftTask(
        code=code,
        text=extraction.text[start:end],
        start=start,
        end=end,
        kind=task.kind if code == task.id else "target",
        subheading=task.subheading or "",
        targets=[extraction.targets[i] for i in targets],
        lead=leads[0].department if leads else None,
        supporting=[a.department for a in assignments if a.role == "support"],
        reasons=[
            {"department": a.department, "role": a.role, "reason": a.reason} for a in assignments
        ],
        deadline=task.deadline,
        # An indicator's own row is measured by its value; the sentence's may have milestones.
        nodes=_nodes(task, extraction.text[start:end], extraction.year)
        if code == task.id
        else list(task.nodes),
    )


def sha256_of(document: Document) -> str:
    return hashlib.sha256(document.original.encode("utf-8")).hexdigest()


def city_departments(name: str) -> Departments:
    """The departments file loaded for `name` on the 基础数据 page, else the one bundled for the
    city (over the generic one), else the generic."""
    if (loaded := stored(name)) is not None:
        return loaded
    folder = resources.files("luoshi.extraction").joinpath("data", "cities")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".yaml"):
            departments = load_departments(str(entry))
            if departments.city == name:
                return departments
    return load_departments()


def department(
    jurisdiction: Jurisdiction, name: str, known: Departments | None = None
) -> Department:
    """The department called `name`, made with the code of the departments data if it is new."""
    found = Department.objects.filter(jurisdiction=jurisdiction, name=name).first()
    if found is not None:
        return found
    entry = (known or city_departments(jurisdiction.name)).get(name)
    code = entry.code if entry is not None else ""
    if not code or Department.objects.filter(jurisdiction=jurisdiction, code=code).exists():
        code = "D" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:8].upper()
    aliases = list(entry.aliases) if entry is not None else []
    return Department.objects.create(
        jurisdiction=jurisdiction, name=name, code=code, aliases=aliases
    )


def _department(
    jurisdiction: Jurisdiction, name: str, cache: dict[str, Department], known: Departments
) -> Department:
    if name not in cache:
        cache[name] = department(jurisdiction, name, known)
    return cache[name]


def _add_units(jurisdiction: Jurisdiction, known: Departments) -> None:
    # The city's counties and districts, from its departments file.
    for unit in known.units:
        if unit.kind in ("county", "district"):
            Jurisdiction.objects.get_or_create(
                name=unit.name, defaults={"level": unit.kind, "parent": jurisdiction}
            )


def _sections_at(sections: list[Section], starts: list[int]) -> dict[int, Section | None]:
    """The innermost section holding each offset (the highest level, then the latest start).

    One sweep over the offsets in order, keeping only the sections open at the offset: a
    report of thousands of sections and tasks costs their sum, not their product (a 5 MB
    report spent minutes here comparing every task with every section)."""
    ordered = sorted(sections, key=lambda s: s.start)
    found: dict[int, Section | None] = {}
    open_: list[Section] = []
    index = 0
    for start in sorted(set(starts)):
        while index < len(ordered) and ordered[index].start <= start:
            open_.append(ordered[index])
            index += 1
        open_ = [s for s in open_ if start < s.body_end]
        found[start] = max(open_, key=lambda s: (s.level, s.start)) if open_ else None
    return found


def import_document(
    document: Document,
    jurisdiction_name: str,
    year: int,
    actor: User | None = None,
    extraction: Extraction | None = None,
) -> tuple[Plan, bool]:
    """Save `document` as a draft plan; returns (plan, created). The extraction runs before
    the transaction opens, so a slow report never holds the database's write lock."""
    jurisdiction_name = normal_name(jurisdiction_name)
    if not jurisdiction_name:
        raise ValueError("a plan needs the name of its jurisdiction")
    digest = sha256_of(document)
    known = city_departments(jurisdiction_name)
    existing = Plan.objects.filter(
        jurisdiction__name=jurisdiction_name, year=year, source_sha256=digest
    )
    if plan := existing.first():
        return plan, False
    extraction = extraction or extract_document(document, year=year, departments=known)
    with transaction.atomic():
        jurisdiction, _ = Jurisdiction.objects.get_or_create(name=jurisdiction_name)
        if plan := existing.first():
            return plan, False
        plan = _save(document, jurisdiction, year, digest, known, extraction, actor)
        statuses.refresh_plan(plan)
        pagecache.touch({jurisdiction.pk})
    return plan, True


def _save(
    document: Document,
    jurisdiction: Jurisdiction,
    year: int,
    digest: str,
    known: Departments,
    extraction: Extraction,
    actor: User | None,
) -> Plan:
    _add_units(jurisdiction, known)
    plan = Plan.objects.create(
        jurisdiction=jurisdiction,
        year=year,
        title=extraction.title or "",
        # The file's name only: a CLI import's path names the server's folders, and the
        # name is shown (and published with the plan).
        source_name=PureWindowsPath(document.source).name[:255],
        source_text=document.original,
        source_sha256=digest,
    )
    sections = Section.objects.bulk_create(
        Section(
            plan=plan,
            order=index,
            level=s.level,
            number=s.number,
            title=s.title,
            start=s.start,
            end=s.end,
            body_end=s.body_end,
        )
        for index, s in enumerate(extraction.sections)
    )
    departments: dict[str, Department] = {}
    year_end = date(year, 12, 31)
    drafts = draft_tasks(extraction)
    section_at = _sections_at(sections, [d.start for d in drafts])
    rows = []
    for order, draft in enumerate(drafts, start=1):
        deadline = date.fromisoformat(draft.deadline) if draft.deadline else year_end
        lead = _department(jurisdiction, draft.lead, departments, known) if draft.lead else None
        rows.append(
            Task(
                plan=plan,
                section=section_at[draft.start],
                code=draft.code,
                order=order,
                text=draft.text,
                start=draft.start,
                end=draft.end,
                subheading=draft.subheading[:200],
                kind=draft.kind,
                lead=lead,
                original_lead=lead,
                assignment_reasons=draft.reasons,
                deadline=deadline,
                original_deadline=deadline,
                nodes=draft.nodes,
            )
        )
    # A few statements per thousand rows, not several per task: a large report's tasks are
    # saved in seconds (the primary keys come back from the insert on SQLite and PostgreSQL).
    tasks = Task.objects.bulk_create(rows, batch_size=BATCH)
    Task.supporting.through.objects.bulk_create(
        (
            Task.supporting.through(
                task_id=task.pk,
                department_id=_department(jurisdiction, name, departments, known).pk,
            )
            for task, draft in zip(tasks, drafts, strict=True)
            for name in dict.fromkeys(draft.supporting)
        ),
        batch_size=BATCH,
    )
    Target.objects.bulk_create(
        (
            Target(
                task=task,
                order=index,
                text=t.text[:500],
                start=t.start,
                end=t.end,
                indicator=t.indicator[:200],
                value=t.value,
                original_value=t.value,
                upper=t.upper,
                unit=t.unit,
                comparator=t.comparator,
                change=t.change or "",
                each=t.each,
                qualifier=(t.qualifier or "")[:50],
                rule=t.rule,
                baseline=t.baseline,
            )
            for task, draft in zip(tasks, drafts, strict=True)
            for index, t in enumerate(draft.targets)
        ),
        batch_size=BATCH,
    )
    Event.objects.create(
        actor=actor,
        verb="imported",
        plan=plan,
        payload={
            "source": document.source,
            "sha256": digest,
            "tasks": len(drafts),
            "targets": sum(len(d.targets) for d in drafts),
        },
    )
    return plan

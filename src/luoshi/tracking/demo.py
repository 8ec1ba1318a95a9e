"""Demo set-up: the bundled 辽源市 2022 report, departments, accounts and example progress.

Everything made here is marked as demo data (ProgressReport.is_demo, narratives starting with
【演示数据】, a `demo_data` event). Running it again adds nothing.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime
from importlib import resources
from typing import Any

from django.contrib.auth.models import Permission, User
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from luoshi import status
from luoshi.reading import read
from luoshi.tracking import leaders, statuses
from luoshi.tracking.importing import department, import_document
from luoshi.tracking.measure import measure, tasks_for_status
from luoshi.tracking.models import (
    Acknowledgement,
    ChangeRequest,
    Department,
    Event,
    Jurisdiction,
    Membership,
    Plan,
    ProgressReport,
    StatusMonth,
    Target,
    Task,
)

CITY = "辽源市"
YEAR = 2022
AS_OF = "2022-07-10"  # the demo's "today": half a year of reports to look at
PASSWORD = "luoshi-demo-2022"
SAMPLE = "liaoyuan-2022-part2.txt"
COUNTIES = [
    ("东丰县", "county"),
    ("东辽县", "county"),
    ("龙山区", "district"),
    ("西安区", "district"),
]
# (login, canonical name as in the extractor's departments data, demo keywords). Their codes come
# from that data, so the extractor's suggestions land on these rows.
DEPARTMENTS = [
    ("FGW", "发展和改革委员会", ["项目", "投资", "开复工", "谋划", "服务业"]),
    ("SWJ", "商务局", ["招商", "签约", "消费", "电商", "物流", "会展"]),
    ("GXJ", "工业和信息化局", ["工业", "企业", "数字化", "制造", "产业", "配套"]),
    ("KJJ", "科学技术局", ["科技", "创新", "科研", "技术"]),
    ("ZJJ", "住房和城乡建设局", ["城市", "路", "桥", "小区", "绿化", "街"]),
    ("STJ", "生态环境局", ["空气", "生态", "污染", "河", "环境"]),
    ("NYJ", "农业农村局", ["农业", "农村", "乡村", "良田", "造林", "乡镇"]),
    ("RSJ", "人力资源和社会保障局", ["就业", "社会保险", "参保", "劳动力"]),
    ("JYJ", "教育局", ["学校", "学位", "教育", "中小学"]),
    ("WJW", "卫生健康委员会", ["医疗", "医保", "中医", "就诊", "养老"]),
    ("ZWJ", "政务服务和数字化建设管理局", ["政务", "审批", "改革", "营商"]),
]


# Milestones of the demo's project tasks (开工 by the end of May, 主体完工 by September).
MILESTONES: list[dict[str, Any]] = [
    {"on": f"{YEAR}-05-31", "label": "开工", "milestone": True},
    {"on": f"{YEAR}-09-30", "label": "主体完工", "milestone": True},
    {"on": f"{YEAR}-12-31", "label": "竣工", "milestone": True},
]
# How fast a task's department goes, against the 序时 pace: most a little ahead of it, some
# behind, a few well ahead, as a real city's month looks.
PACES = [(0.75, 1), (0.88, 2), (1.03, 4), (1.08, 4), (1.12, 3), (1.35, 1), (2.2, 1)]


@dataclass
class Account:
    username: str
    role: str
    department: str | None


def _user(username: str, city: Jurisdiction, role: str, department: Department | None) -> User:
    user, created = User.objects.get_or_create(username=username)
    if created:
        user.set_password(PASSWORD)
        user.is_staff = role == Membership.OFFICE
        user.save()
    Membership.objects.update_or_create(
        user=user, defaults={"jurisdiction": city, "role": role, "department": department}
    )
    return user


def set_up_people(city: Jurisdiction) -> list[Account]:
    departments = {}
    for key, name, _ in DEPARTMENTS:
        departments[key] = department(city, name)
    accounts = [Account("duchashi", Membership.OFFICE, None)]
    office = _user("duchashi", city, Membership.OFFICE, None)
    # The office keeps the departments and group robots (reference data) in the admin as staff
    # with those permissions only, not as a superuser who could change every city's data and
    # accounts.
    office.is_superuser = False
    office.save(update_fields=["is_superuser"])
    reference = {
        "tracking": ["view_department", "add_department", "change_department",
                     "view_jurisdiction"],
        "notices": ["view_hook", "add_hook", "change_hook", "view_delivery"],
    }  # fmt: skip
    for app, codenames in reference.items():
        office.user_permissions.add(
            *Permission.objects.filter(content_type__app_label=app, codename__in=codenames)
        )
    for key, unit in departments.items():
        _user(key.lower(), city, Membership.LIAISON, unit)
        accounts.append(Account(key.lower(), Membership.LIAISON, unit.name))
    _user("lingdao", city, Membership.LEADER, None)
    _user("chakan", city, Membership.VIEWER, None)
    accounts += [Account("lingdao", Membership.LEADER, None), Account("chakan", "viewer", None)]
    return accounts


def _guess_lead(task: Task, departments: list[Department]) -> Department:
    # Demo only: until the extractor suggests departments, pick one by a few keywords.
    words = {name: keys for _, name, keys in DEPARTMENTS}
    scores = [(sum(task.text.count(k) for k in words.get(d.name, [])), d) for d in departments]
    best = max(scores, key=lambda pair: pair[0])
    return best[1] if best[0] else departments[task.order % len(departments)]


@transaction.atomic
def set_up_plan(city: Jurisdiction, office: User) -> Plan:
    sample = resources.files("luoshi.samples") / SAMPLE
    document = read(sample.read_bytes(), name=SAMPLE)
    plan, _ = import_document(document, city.name, YEAR, office)
    if plan.state == Plan.PUBLISHED:
        return plan
    names = [name for _, name, _ in DEPARTMENTS]
    departments = list(Department.objects.filter(jurisdiction=city, name__in=names))
    for task in plan.tasks.filter(lead__isnull=True):
        task.lead = task.original_lead = _guess_lead(task, departments)
        task.save(update_fields=["lead", "original_lead"])
    # A few earlier deadlines, checkpoints with planned shares and milestones, so that every
    # kind of expectation shows up.
    for task in plan.tasks.all()[::11]:
        task.deadline = task.original_deadline = date(YEAR, 6, 30)
        # Its checkpoints end with it (the quarterly reporting dates after June go).
        task.nodes = [n for n in task.nodes if _node_day(n) <= task.deadline]
        task.save(update_fields=["deadline", "original_deadline", "nodes"])
    for task in plan.tasks.filter(kind="target")[3::9]:
        task.nodes = [
            {"on": f"{YEAR}-03-31", "share": 0.2, "label": "一季度完成20%"},
            {"on": f"{YEAR}-06-30", "share": 0.45, "label": "上半年完成45%"},
            {"on": f"{YEAR}-09-30", "share": 0.75, "label": "前三季度完成75%"},
        ]
        task.save(update_fields=["nodes"])
    # Construction milestones only where the task builds something (a list of named enterprises
    # is a "project" task too, but has nothing to 开工).
    builds = Q()
    for word in ("建设", "工程", "开工", "竣工", "新建", "改造"):
        builds |= Q(text__contains=word)
    projects = plan.tasks.filter(builds, kind="project").exclude(deadline=date(YEAR, 6, 30))
    for task in projects[::3]:
        task.nodes = MILESTONES
        task.save(update_fields=["nodes"])
    # Dated in the demo's year, as its reports are: made in January, published after review.
    plan.created_at, published = _moment(1, 18, 9), _moment(1, 20, 10)
    plan.state, plan.published_at = Plan.PUBLISHED, published
    plan.save(update_fields=["state", "published_at", "created_at"])
    Event.objects.create(
        actor=office, verb="published", plan=plan, reason="演示数据", created_at=published
    )
    return plan


def _done(due: str, month: int, pace: float) -> bool:
    """Whether a milestone due on `due` is reported done by the end of `month`: on time at a
    pace on or above 序时, a month late below it."""
    return int(due[5:7]) + (0 if pace >= 1 else 1) <= month


def _value(target_value: float, share: float, level: bool, rng: random.Random) -> float:
    if level:
        return round(target_value * rng.uniform(0.985, 1.04), 1)
    if float(target_value).is_integer():
        return float(round(target_value * share))  # counts: whole projects, schools, people
    return round(target_value * share, 2)


def _node_day(node: Any) -> date:
    return date.fromisoformat(str(node["on"] if isinstance(node, dict) else node))


def set_up_moment() -> datetime:
    """When the demo's data is made: its day, before office hours."""
    on = date.fromisoformat(AS_OF)
    return _moment(on.month, on.day, 8)


def _moment(month: int, day: int, hour: int) -> datetime:
    return datetime(YEAR, month, day, hour, tzinfo=timezone.get_current_timezone())


@transaction.atomic
def add_progress(plan: Plan, office: User) -> int:
    """Reports for January to June; returns how many were made (0 when already there)."""
    if Event.objects.filter(plan=plan, verb="demo_data").exists():
        return 0
    liaisons = {m.department_id: m.user for m in Membership.objects.filter(role="liaison")}
    made = 0
    for task in plan.tasks.select_related("lead").prefetch_related("targets"):
        rng = random.Random(f"{plan.pk}-{task.code}")
        pace = rng.choices([p for p, _ in PACES], weights=[w for _, w in PACES])[0]
        months = 6 if rng.random() > 0.15 else 5  # some tasks skip June: 未报送
        author = liaisons.get(task.lead_id, office)
        targets: list[Target | None] = [*task.targets.all()] or [None]
        for month in range(1, months + 1):
            share = pace * month / 12
            noise = (1.0, 1.08) if share >= 1 else (0.98, 1.03)
            last = month == months
            state = ProgressReport.APPROVED
            if last and rng.random() < 0.2:
                state = ProgressReport.SUBMITTED
            for target in targets:
                level = target is not None and target.unit.endswith("%")
                for unit in (target.each or [""]) if target is not None else [""]:
                    report = ProgressReport(
                        task=task,
                        target=target,
                        each_item=unit,
                        period=f"{YEAR}-{month:02d}",
                        value=_value(target.value, min(share, 1) * rng.uniform(*noise), level, rng)
                        if target is not None
                        else None,
                        percent=None if target is not None else round(min(share, 1) * 100),
                        milestones=[
                            m["label"]
                            for m in MILESTONES
                            if task.nodes == MILESTONES and _done(m["on"], month, pace)
                        ],
                        narrative=f"【演示数据】{month}月进展：按计划推进。",
                        submitted_by=author,
                        state=state,
                        is_demo=True,
                    )
                    # Submitted early the next month, reviewed two days later.
                    report.submitted_at = _moment(month + 1, 5, rng.randint(9, 17))
                    if state == ProgressReport.APPROVED:
                        report.reviewer = office
                        report.reviewed_at = _moment(month + 1, 7, rng.randint(9, 17))
                    report.save()
                    made += 1
        if rng.random() < 0.1:
            first = targets[0]
            ProgressReport.objects.create(
                task=task,
                target=first,
                each_item=(first.each or [""])[0] if first is not None else "",
                period=f"{YEAR}-06",
                value=0 if first is not None else None,
                percent=None if first is not None else 0,
                narrative="【演示数据】6月进展（数据有误）。",
                submitted_by=author,
                is_demo=True,
                state=ProgressReport.RETURNED,
                return_reason="【演示数据】数据与台账不一致，请核实后重报。",
                submitted_at=_moment(7, 3, 10),
                reviewer=office,
                reviewed_at=_moment(7, 4, 15),
            )
            made += 1
    Event.objects.create(
        actor=office,
        verb="demo_data",
        plan=plan,
        payload={"reports": made},
        created_at=_moment(7, 10, 8),
    )
    return made


def liaisons_for_every_lead(plan: Plan) -> list[Account]:
    """A liaison for each department the extractor suggested beyond the demo's own list."""
    accounts = []
    have = set(
        Membership.objects.filter(role=Membership.LIAISON).values_list("department", flat=True)
    )
    leads = Department.objects.filter(led_tasks__plan=plan).distinct().order_by("pk")
    for lead in leads:
        if lead.pk not in have:
            username = f"bm{lead.pk:02d}"
            _user(username, plan.jurisdiction, Membership.LIAISON, lead)
            accounts.append(Account(username, Membership.LIAISON, lead.name))
    return accounts


def set_up() -> tuple[Plan, list[Account], int]:
    city, _ = Jurisdiction.objects.get_or_create(name=CITY, defaults={"level": "city"})
    for name, level in COUNTIES:
        Jurisdiction.objects.get_or_create(name=name, defaults={"level": level, "parent": city})
    accounts = set_up_people(city)
    office = User.objects.get(username="duchashi")
    plan = set_up_plan(city, office)
    extra = liaisons_for_every_lead(plan)
    accounts[-2:-2] = extra
    if not extra:  # a second run: list the accounts made the first time too
        liaisons = Membership.objects.filter(
            role=Membership.LIAISON, user__username__startswith="bm"
        )
        accounts[-2:-2] = [
            Account(m.user.username, m.role, m.department.name if m.department else None)
            for m in liaisons.select_related("user", "department").order_by("user__username")
        ]
    made = add_progress(plan, office)
    acknowledge_most(plan)
    set_up_leader(plan)
    return plan, accounts, made


def set_up_leader(plan: Plan) -> None:
    """lingdao oversees (分管) the four departments leading the most tasks, one of which asks
    for a 延期; each past month's statuses are kept for the trend on the leader's home."""
    leader = Membership.objects.get(user__username="lingdao")
    if not leader.portfolio.exists():
        led = Department.objects.filter(led_tasks__plan=plan).annotate(n=Count("led_tasks"))
        leader.portfolio.set(led.order_by("-n", "name")[:4])
    on = date.fromisoformat(AS_OF)
    rows = list(tasks_for_status(plan.tasks.all()))
    if not StatusMonth.objects.filter(task__plan=plan, period=f"{YEAR}-01").exists():
        for month in range(1, on.month):
            # As the daily refresh saw it at the month's end: the reports submitted by then.
            end = status.month_end(YEAR, month)
            known = _moment(month, end.day, 23)
            seen = measure(rows, end, known_by=known)
            statuses.record_months([(m.task.pk, m.result.status) for m in seen], end)
    if ChangeRequest.objects.filter(task__plan=plan).exists():
        return
    overseen = set(leader.portfolio.values_list("pk", flat=True))
    # The stored statuses are refreshed after the demo's set-up: measured here.
    late = [
        m.task for m in measure(rows, on)
        if m.task.lead_id in overseen and m.task.deadline is not None
        and m.status in (status.BEHIND, status.OVERDUE)
    ]  # fmt: skip
    liaisons = {m.department_id: m.user for m in Membership.objects.filter(role="liaison")}
    task = next((t for t in late if t.lead_id in liaisons), None)
    if task is None or task.deadline is None:
        return
    later = date(task.deadline.year + 1, 6, 30) if task.deadline.month > 6 else date(YEAR, 12, 31)
    data = {
        "kind": ChangeRequest.DEADLINE,
        "deadline": later,
        "reason": "【演示】受审批进度影响，申请延期。",
    }
    leaders.request_change(liaisons[task.lead_id], task, data)  # on the demo's day (the command)


def acknowledge_most(plan: Plan) -> int:
    """签收 by most departments in the plan's first days, as a real month looks: about one task
    in fifteen stays unacknowledged (the 未签收 list and its reminders have something to show)."""
    if Acknowledgement.objects.filter(task__plan=plan).exists():
        return 0
    liaisons = {m.department_id: m.user for m in Membership.objects.filter(role="liaison")}
    made = []
    for task in plan.tasks.prefetch_related("supporting"):
        for department_id in [task.lead_id, *(d.pk for d in task.supporting.all())]:
            user = liaisons.get(department_id)
            if department_id is None:
                continue
            rng = random.Random(f"sign-{task.code}-{department_id}")
            if user is None or rng.random() < 0.07:
                continue
            made.append(
                Acknowledgement(
                    task=task,
                    department_id=department_id,
                    user=user,
                    person="【演示】联络员",
                    phone="0437-0000000",
                    at=_moment(1, 20, rng.randint(9, 17)),
                )
            )
    Acknowledgement.objects.bulk_create(made)
    return len(made)

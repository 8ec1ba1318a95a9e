"""Personas and one object of every kind, for requests to every URL of the site.

alice runs the office, bob is the liaison of 发改委 (lead of bobs_task and of the project),
charlie the 商务局 liaison, dana a leader, erin a viewer; "token" sends erin's API token and no
session, so the web pages treat it as anonymous.
"""

from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from rest_framework.authtoken.models import Token

from luoshi.exchange.models import BulletinIssue
from luoshi.ledger.models import Binding, Project
from luoshi.public.models import Feedback, PublicEvidence
from luoshi.tracking.models import (
    Appeal,
    ChangeRequest,
    Evidence,
    ImportJob,
    Instruction,
    Membership,
    ProgressReport,
    Target,
    Task,
)
from tests.sample import make_user


@pytest.fixture
def clients(alice, bob, charlie, dana, erin):
    users = {
        "viewer": erin,
        "leader": dana,
        "liaison_a": bob,
        "liaison_b": charlie,
        "office": alice,
    }

    def make(role, **options):
        client = Client(**options)
        if role in users:
            client.force_login(users[role])
        elif role == "token":
            token = Token.objects.create(user=erin)
            client.defaults["HTTP_AUTHORIZATION"] = f"Token {token.key}"
        return client

    return make


@pytest.fixture
def objects(settings, tmp_path, plan, bobs_task, alice, bob, ndrc, commerce, dana):
    """URL arguments by name, each naming an object every member of the city may see."""
    settings.MEDIA_ROOT = tmp_path
    settings.LUOSHI_AS_OF = "2022-07-10"
    settings.LUOSHI_LEADER_APPROVAL = True  # change requests are decided by dana, who
    dana.membership.portfolio.add(ndrc)  # oversees bob's department (分管)
    section = plan.sections.create(
        order=1, level=1, number="二", title="聚焦项目", start=0, end=7, body_end=20
    )
    bobs_task.section = section
    bobs_task.save(update_fields=["section"])
    bobs_task.supporting.add(commerce)  # charlie's department supports it (配合单位)
    report = ProgressReport.objects.create(
        task=bobs_task, target=bobs_task.targets.get(), period="2022-06", value=120,
        narrative="已谋划项目120个", submitted_by=bob,
    )  # fmt: skip
    evidence = Evidence.objects.create(
        report=report, file=ContentFile(b"%PDF-1.4\n", name="contract.pdf"),
        name="contract.pdf", size=9,
    )  # fmt: skip
    # An approved May report with a file the office showed on the public page.
    may = ProgressReport.objects.create(
        task=bobs_task, target=bobs_task.targets.get(), period="2022-05", value=60,
        narrative="已谋划项目60个", submitted_by=bob, state=ProgressReport.APPROVED,
    )  # fmt: skip
    shown = Evidence.objects.create(
        report=may, file=ContentFile(b"%PDF-1.4\n", name="site.pdf"), name="site.pdf", size=9
    )
    PublicEvidence.objects.create(evidence=shown)
    project = Project.objects.create(
        jurisdiction=plan.jurisdiction, code="P001", name="测试项目", department=ndrc,
        total_investment=1000, stage="planning", stage_since="2022-01-10", tier="reserve",
        planning_on="2022-01-10",
    )  # fmt: skip
    # A target measured from the ledger, on a task of its own: bob's task stays reportable.
    bound_task = Task.objects.create(
        plan=plan, code="T009", order=9, text="开复工项目10个。", start=0, end=8, kind="target",
        lead=ndrc, original_lead=ndrc, deadline=date(2022, 12, 31),
        original_deadline=date(2022, 12, 31),
    )  # fmt: skip
    target = Target.objects.create(
        task=bound_task, text="开复工项目10个", start=0, end=7, indicator="开复工项目",
        value=10, original_value=10, unit="个", comparator="=",
    )  # fmt: skip
    Binding.objects.create(target=target)
    appeal = Appeal.objects.create(
        task=bobs_task, period="2022-06", computed="滞后", status="序时推进",
        reason="统计口径调整", raised_by=bob,
    )  # fmt: skip
    instruction = Instruction.objects.create(
        task=bobs_task, department=ndrc, author=appeal.raised_by, text="加快推进"
    )
    change = ChangeRequest.objects.create(
        task=bobs_task, kind=ChangeRequest.DEADLINE, deadline=date(2023, 6, 30),
        reason="受审批进度影响", requested_by=bob,
    )  # fmt: skip
    return {
        "change_id": change.pk,
        "instruction_id": instruction.pk,
        "appeal_id": appeal.pk,
        "plan_id": plan.pk,
        "task_id": bobs_task.pk,
        "department_id": ndrc.pk,
        "report_id": report.pk,
        "project_id": project.pk,
        "target_id": target.pk,
        "issue_id": BulletinIssue.objects.create(plan=plan, period="2022-06").pk,
        "jurisdiction_id": plan.jurisdiction_id,
        "user_id": make_user("frank", plan.jurisdiction, Membership.VIEWER).pk,
        "feedback_id": Feedback.objects.create(task=bobs_task, text="请公开项目名单").pk,
        "evidence_id": shown.pk,
        "job_id": ImportJob.objects.create(
            kind=ImportJob.REPORT, owner=alice, jurisdiction=plan.jurisdiction, name="报告.txt"
        ).pk,
        "path": evidence.file.name,
        "evidence": evidence,
    }

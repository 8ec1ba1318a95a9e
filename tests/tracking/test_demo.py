from click.testing import CliRunner
from django.core.management import call_command

from luoshi.tracking.models import Event, Membership, Plan, ProgressReport


def test_the_demo_sets_up_a_published_plan_accounts_and_marked_progress(db):
    call_command("demo", no_serve=True)
    plan = Plan.objects.get(jurisdiction__name="辽源市", year=2022)
    assert plan.state == Plan.PUBLISHED
    assert plan.tasks.filter(lead__isnull=True).count() == 0
    assert Membership.objects.filter(role="office").exists()
    assert Membership.objects.filter(role="liaison").count() >= 3
    reports = ProgressReport.objects.all()
    assert reports.count() > 100
    assert all(r.is_demo and r.narrative.startswith("【演示数据】") for r in reports)


def test_running_the_demo_again_adds_nothing(db):
    call_command("demo", no_serve=True)
    counts = (Plan.objects.count(), ProgressReport.objects.count(), Event.objects.count())
    call_command("demo", no_serve=True)
    assert (Plan.objects.count(), ProgressReport.objects.count(), Event.objects.count()) == counts


def test_the_command_line_imports_a_report_once(db, tmp_path):
    from luoshi.cli import main

    report = tmp_path / "report.txt"
    report.write_text("二是聚焦项目。谋划包装项目200个以上。新增城镇就业1万人。\n", "utf-8")
    runner = CliRunner()
    args = ["import", str(report), "--jurisdiction", "测试市", "--year", "2022"]
    first = runner.invoke(main, args)
    assert first.exit_code == 0, first.output
    assert "draft" in first.output
    again = runner.invoke(main, args)
    assert "nothing added" in again.output
    assert Plan.objects.filter(jurisdiction__name="测试市").count() == 1


def test_the_command_line_explains_an_unreadable_report(db, tmp_path):
    from luoshi.cli import main

    result = CliRunner().invoke(
        main,
        ["import", str(tmp_path / "missing.txt"), "--jurisdiction", "测试市", "--year", "2022"],
    )
    assert result.exit_code != 0
    assert "Traceback" not in result.output


def test_the_demo_starts_a_worker_only_for_the_database_queue(settings, monkeypatch):
    from luoshi.tracking.management.commands import demo as command

    started = []
    monkeypatch.setattr(command.subprocess, "Popen", lambda argv: started.append(argv) or argv)
    assert command.start_worker() is None and started == []
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    command.start_worker()
    assert started and started[0][-3:] == ["-m", "luoshi.cli", "worker"]


def test_every_moment_the_demo_records_is_in_the_demos_year(db):
    from django.apps import apps
    from django.db import models

    call_command("demo", no_serve=True)
    found = {}
    for app in ("tracking", "notices", "ledger", "exchange", "public"):
        for model in apps.get_app_config(app).get_models():
            for field in model._meta.get_fields():
                if isinstance(field, models.DateTimeField):
                    years = {
                        moment.year
                        for moment in model.objects.values_list(field.name, flat=True)
                        if moment is not None
                    }
                    if years - {2022}:
                        found[f"{model.__name__}.{field.name}"] = years
    assert not found, sorted(found)


def test_no_demo_task_has_a_checkpoint_after_its_deadline(db):
    from luoshi.tracking.measure import nodes
    from luoshi.tracking.models import Task

    call_command("demo", no_serve=True)
    late = [
        t.code for t in Task.objects.exclude(deadline=None)
        if any(node.on > t.deadline for node in nodes(t.nodes))
    ]  # fmt: skip
    assert late == []

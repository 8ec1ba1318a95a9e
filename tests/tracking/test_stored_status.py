"""Each task's status is stored on its row by the write that changes it, and refreshed daily."""

from datetime import date

from django.core.management import call_command
from django.urls import reverse

from luoshi import status
from luoshi.tracking import services, statuses
from luoshi.tracking.models import Plan, ProgressReport, Task
from tests.sample import PASSWORD


def stored(task):
    task.refresh_from_db()
    return task.status, task.status_reason, task.public_status


def report(client, task, value, period="2022-06"):
    target = task.targets.get()
    data = {"period": period, "target": target.pk, "value": value, "narrative": "已谋划"}
    return client.post(reverse("tracking:submit_report", args=[task.pk]), data)


def test_a_submission_stores_the_claim_and_leaves_the_public_status(
    client, settings, bob, bobs_task
):
    settings.LUOSHI_AS_OF = "2022-07-10"
    statuses.refresh_plan(bobs_task.plan)
    assert stored(bobs_task)[0] == status.MISSING
    client.login(username="bob", password=PASSWORD)
    assert report(client, bobs_task, 120).status_code == 302
    _, reason, public = stored(bobs_task)
    assert "待审核" in reason and public == status.MISSING
    assert bobs_task.status_on == date(2022, 7, 10)


def test_an_approval_stores_the_verified_status_for_everyone(
    client, settings, alice, bob, bobs_task
):
    settings.LUOSHI_AS_OF = "2022-07-10"
    client.login(username="bob", password=PASSWORD)
    report(client, bobs_task, 200)
    client.login(username="alice", password=PASSWORD)
    pending = ProgressReport.objects.get()
    url = reverse("tracking:review_report", args=[pending.pk])
    client.post(url, {"decision": "approve"})
    assert stored(bobs_task)[::2] == (status.COMPLETE, status.COMPLETE)


def test_a_returned_report_no_longer_counts(client, settings, alice, bob, bobs_task):
    settings.LUOSHI_AS_OF = "2022-07-10"
    client.login(username="bob", password=PASSWORD)
    report(client, bobs_task, 200)
    client.login(username="alice", password=PASSWORD)
    url = reverse("tracking:review_report", args=[ProgressReport.objects.get().pk])
    client.post(url, {"decision": "return", "reason": "证明材料不全"})
    assert stored(bobs_task)[0] == status.MISSING


def test_a_revised_target_is_measured_again(client, settings, alice, bob, bobs_task):
    settings.LUOSHI_AS_OF = "2022-07-10"
    target = bobs_task.targets.get()
    data = {"target_obj": target, "period": "2022-06", "value": 150.0, "narrative": "x"}
    report_ = services.submit_report(bob, bobs_task, data)
    services.review_report(alice, report_.pk, approve=True)
    assert stored(bobs_task)[0] != status.COMPLETE
    client.login(username="alice", password=PASSWORD)
    url = reverse("tracking:revise", args=[bobs_task.pk])
    data = {"kind": "target_revised", "target": target.pk, "value": "150", "reason": "市政府调整"}
    assert client.post(url, data).status_code == 302
    assert stored(bobs_task)[0] == status.COMPLETE


def test_the_api_stores_what_it_submits(client, settings, bob, bobs_task):
    settings.LUOSHI_AS_OF = "2022-07-10"
    client.login(username="bob", password=PASSWORD)
    target = bobs_task.targets.get()
    body = {"task": bobs_task.pk, "target": target.pk, "period": "2022-06", "value": 200}
    response = client.post("/api/reports/", body | {"narrative": "已完成"}, "application/json")
    assert response.status_code == 201, response.content
    bobs_task.refresh_from_db()
    assert bobs_task.status_claimed == 1.0


def test_lists_filter_and_count_by_the_stored_status(
    client, settings, alice, bobs_task, charlies_task
):
    settings.LUOSHI_AS_OF = "2022-07-10"
    statuses.refresh_plan(bobs_task.plan)
    Task.objects.filter(pk=charlies_task.pk).update(status=status.BEHIND)
    client.login(username="alice", password=PASSWORD)
    page = client.get(reverse("tracking:plan", args=[bobs_task.plan_id]), {"status": "滞后"})
    assert [row["task"].pk for row in page.context["rows"]] == [charlies_task.pk]
    api = client.get("/api/tasks/", {"status": "滞后"}).json()
    assert [row["id"] for row in api["results"]] == [charlies_task.pk]


def test_the_first_request_of_a_day_recomputes_the_expected_share(
    client, settings, alice, bobs_task
):
    settings.LUOSHI_AS_OF = "2022-03-10"
    statuses.refresh_plan(bobs_task.plan)
    bobs_task.refresh_from_db()
    march = bobs_task.status_expected
    settings.LUOSHI_AS_OF = "2022-09-10"
    client.login(username="alice", password=PASSWORD)
    client.get(reverse("tracking:dashboard"))
    bobs_task.refresh_from_db()
    assert bobs_task.status_on == date(2022, 9, 10) and bobs_task.status_expected > march
    assert Plan.objects.get().status_on == date(2022, 9, 10)


def test_refresh_status_recomputes_every_plan_for_today(settings, bobs_task, capsys):
    settings.LUOSHI_AS_OF = "2022-05-10"
    call_command("refresh_status")
    bobs_task.refresh_from_db()
    assert bobs_task.status_on == date(2022, 5, 10)
    assert "statuses as of 2022-05-10: 1 changed" in capsys.readouterr().out
    call_command("refresh_status")
    assert "0 changed" in capsys.readouterr().out  # nothing left to do today


def test_a_report_imported_from_the_command_line_has_its_statuses(db, settings, tmp_path):
    from click.testing import CliRunner

    from luoshi.cli import main

    settings.LUOSHI_AS_OF = "2022-07-10"
    report_file = tmp_path / "report.txt"
    report_file.write_text(
        "2022年政府工作报告\n二、2022年主要工作\n（一）全力抓好项目建设。新开工项目100个以上。\n",
        "utf-8",
    )
    runner = CliRunner()
    result = runner.invoke(
        main, ["import", str(report_file), "--jurisdiction", "某市", "--year", "2022"]
    )
    assert result.exit_code == 0, result.output
    plan = Plan.objects.get(jurisdiction__name="某市")
    assert plan.status_on == date(2022, 7, 10)
    assert set(plan.tasks.values_list("status", flat=True)) == {status.MISSING}


def test_an_admin_edit_of_a_report_stores_the_new_status(client, settings, bob, bobs_task):
    from django.contrib.auth.models import User

    settings.LUOSHI_AS_OF = "2022-07-10"
    target = bobs_task.targets.get()
    data = {"target_obj": target, "period": "2022-06", "value": 200.0, "narrative": "x"}
    pending = services.submit_report(bob, bobs_task, data)
    root = User.objects.create_superuser("root", "root@example.org", "x" * 12)
    client.force_login(root)
    url = reverse("admin:tracking_progressreport_delete", args=[pending.pk])
    assert client.post(url, {"post": "yes"}).status_code == 302
    assert stored(bobs_task)[0] == status.MISSING

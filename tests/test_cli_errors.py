"""Command-line mistakes end in a sentence, not a traceback (issue 18, items 9 and 11)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from luoshi.cli import main

LUOSHI = str(Path(sys.executable).parent / "luoshi")
REPORT = "一、重点任务\n新增城镇就业1万人以上。\n"


@pytest.mark.parametrize("command", ["read", "targets", "parse", "plan"])
def test_every_reading_command_takes_the_max_mb_its_message_names(tmp_path, command):
    report = tmp_path / "big.txt"
    report.write_text(REPORT * 2000, "utf-8")
    extra = ["--xlsx", str(tmp_path / "p.xlsx")] if command == "plan" else []
    refused = CliRunner().invoke(main, [command, str(report), *extra, "--max-mb", "0.01"])
    assert refused.exit_code == 1 and "--max-mb" in refused.output
    allowed = CliRunner().invoke(main, [command, str(report), *extra, "--max-mb", "5"])
    assert allowed.exit_code == 0, allowed.output


def run(args, data_dir):
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL"}}
    env["LUOSHI_DATA_DIR"] = str(data_dir)
    return subprocess.run([LUOSHI, *args], env=env, capture_output=True, text=True, timeout=300)


def test_import_into_a_fresh_data_folder_sets_it_up(tmp_path):
    report = tmp_path / "r.txt"
    report.write_text(REPORT, "utf-8")
    done = run(["import", str(report), "--jurisdiction", "测试市", "--year", "2023"], tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and "draft" in done.stdout


def test_bulletin_refuses_a_period_outside_the_plan_year_and_reads_any_encoding(
    plan, tmp_path, settings
):
    settings.LUOSHI_AS_OF = "2022-07-10"
    out = str(tmp_path / "b.docx")
    wrong_year = CliRunner().invoke(
        main, ["bulletin", "--plan", str(plan.pk), "--period", "2021-06", "--out", out]
    )
    assert wrong_year.exit_code == 1 and "计划年度" in wrong_year.output
    requirements = tmp_path / "req.txt"
    requirements.write_bytes("各单位要压实责任。\n".encode("gb18030"))
    args = ["bulletin", "--plan", str(plan.pk), "--period", "2022-06", "--out", out]
    done = CliRunner().invoke(main, [*args, "--requirements", str(requirements)])
    assert done.exception is None or isinstance(done.exception, SystemExit), done.output
    assert "Traceback" not in done.output

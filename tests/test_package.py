import subprocess
import sys

from click.testing import CliRunner

from luoshi.cli import main


def test_library_packages_do_not_import_django():
    code = (
        "import sys, luoshi.reading, luoshi.extraction, luoshi.status; "
        "assert 'django' not in sys.modules, sorted(m for m in sys.modules if 'django' in m)"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_command_lists_its_subcommands():
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    for command in ("read", "targets", "eval"):
        assert command in result.output


def test_django_system_checks_pass():
    from django.core.management import call_command

    call_command("check")


def test_the_database_is_the_one_database_url_names():
    import os

    from django.db import connection

    url = os.environ.get("DATABASE_URL", "")
    expected = "postgresql" if url.startswith(("postgres://", "postgresql://")) else "sqlite"
    assert connection.vendor == expected


def test_every_command_is_documented_in_the_readme():
    from pathlib import Path

    readme = (Path(__file__).parents[1] / "README.md").read_text("utf-8")
    missing = [name for name in main.commands if f"luoshi {name}" not in readme]
    assert not missing, f"add these commands to the README's command table: {missing}"

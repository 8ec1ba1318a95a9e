import re
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from luoshi.cli import main

ROOT = Path(__file__).parents[1]
SRC = ROOT / "src" / "luoshi"
MAX_LINES = 400  # STYLE.md: split a module before ~400 lines

# An environment read names its variable in a string: settings.py's env_str/env_int/env_bool/
# env_list, os.environ[...], os.environ.get/setdefault, os.getenv.
ENV_READ = re.compile(
    r"(?:\benv_\w+\(|\benviron(?:\[|\.get\(|\.setdefault\()|\bgetenv\()"
    r"""\s*["'](LUOSHI_[A-Z_]+)["']"""
)


def test_library_packages_do_not_import_django():
    code = (
        "import sys, luoshi.reading, luoshi.extraction, luoshi.status; "
        "assert 'django' not in sys.modules, sorted(m for m in sys.modules if 'django' in m)"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_command_imports_neither_django_nor_the_web_app():
    code = (
        "import sys, luoshi.cli; "
        "assert not [m for m in sys.modules if m.startswith(('django', 'luoshi.tracking'))]"
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


def test_every_environment_variable_is_in_the_readme_table():
    read = {
        name for path in SRC.rglob("*.py") for name in ENV_READ.findall(path.read_text("utf-8"))
    }
    assert "LUOSHI_DATA_DIR" in read, "the pattern no longer finds the settings' reads"
    readme = (ROOT / "README.md").read_text("utf-8")
    table = {
        name
        for line in readme.splitlines()
        if line.startswith("| `")
        for name in re.findall(r"`(LUOSHI_[A-Z_]+)`", line.split("|")[1])
    }
    missing = sorted(read - table)
    assert not missing, f"add these variables to the README's table (Production): {missing}"


def test_no_module_is_over_400_lines():
    long = {
        str(path.relative_to(SRC)): lines
        for path in sorted(SRC.rglob("*.py"))
        if "migrations" not in path.parts
        and (lines := len(path.read_text("utf-8").splitlines())) > MAX_LINES
    }
    assert not long, f"split these modules (lines): {long}"


def test_every_type_ignore_says_why():
    bare = re.compile(r"# type: ignore(?:\[[\w,-]+\])?\s*$")
    found = [
        f"{path.relative_to(SRC)}:{number}"
        for path in sorted(SRC.rglob("*.py"))
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if bare.search(line)
    ]
    assert not found, f"say why after the ignore: {found}"

"""The production settings, read afresh in a subprocess with the environment a deployment sets."""

import os
import secrets
import subprocess
import sys

import pytest

CHECK = "from django.core.management import call_command; call_command('check', deploy=True)"
SHOW = "from django.conf import settings as s; print(s.DEBUG, s.SESSION_ENGINE, s.STORAGES)"


def run(code, tmp_path, **env):
    environment = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY"}}
    environment.pop("DATABASE_URL", None)  # never touch a real database from here
    environment.update(
        DJANGO_SETTINGS_MODULE="luoshi.site.settings",
        LUOSHI_DATA_DIR=str(tmp_path),
        LUOSHI_ENV="production",
        SECRET_KEY=secrets.token_urlsafe(50),
    )
    environment.update(env)
    environment = {k: v for k, v in environment.items() if v is not None}
    script = f"import django; django.setup(); {code}"
    return subprocess.run(
        [sys.executable, "-c", script], env=environment, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_finds_nothing_with_the_production_settings(tmp_path):
    result = run(CHECK, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout + result.stderr
    assert "WARNING" not in result.stderr


def test_check_deploy_warns_when_https_is_switched_off(tmp_path):
    result = run(CHECK, tmp_path, LUOSHI_HTTPS="0")
    assert "security.W008" in result.stderr  # no redirect to HTTPS
    assert "security.W012" in result.stderr  # session cookie not secure-only


@pytest.mark.parametrize(
    "key",
    [
        None,
        "luoshi-development-key-not-for-production",
        "short",
        "abcde" * 10,  # long enough, five characters (issue 18, item 16)
        "0123456789abcdefghijklmnopqrstuvwxyz" * 2,  # many characters, one pattern repeated
    ],
)
def test_production_refuses_the_development_key_or_a_weak_one(tmp_path, key):
    result = run("print('started')", tmp_path, SECRET_KEY=key)
    assert result.returncode != 0
    assert "started" not in result.stdout
    assert "SECRET_KEY" in result.stderr
    assert "secrets.token_urlsafe" in result.stderr  # says how to make one


def test_production_turns_debug_off_and_uses_hashed_compressed_static_files(tmp_path):
    result = run(SHOW, tmp_path, DEBUG="1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("False django.contrib.sessions.backends.db")
    assert "CompressedManifestStaticFilesStorage" in result.stdout


def test_development_keeps_the_defaults(tmp_path):
    result = run(SHOW, tmp_path, LUOSHI_ENV=None, SECRET_KEY=None)
    assert result.returncode == 0, result.stderr
    assert "Manifest" not in result.stdout


TASKS = "from django.conf import settings as s; print(s.TASKS['default']['BACKEND'])"


@pytest.mark.parametrize(
    ("environment", "backend"),
    [
        ({}, "django_tasks_db.DatabaseBackend"),  # imports wait for `luoshi worker`
        ({"LUOSHI_TASKS": "immediate"}, "django_tasks.backends.immediate.ImmediateBackend"),
        ({"LUOSHI_ENV": None}, "django_tasks.backends.immediate.ImmediateBackend"),
    ],
)
def test_production_queues_background_work_for_the_worker(tmp_path, environment, backend):
    env = {"LUOSHI_TASKS": None, **environment}
    if environment.get("LUOSHI_ENV", "production") is None:
        env["SECRET_KEY"] = None
    result = run(TASKS, tmp_path, **env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == backend

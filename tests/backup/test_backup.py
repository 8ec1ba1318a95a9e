"""Back up the demo data and its files, restore them into an empty database, compare everything."""

import io
import json
import tarfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from django.apps import apps
from django.core import serializers
from django.core.files.base import ContentFile
from django.core.management import call_command

from luoshi.backup import BackupError, backup, model_counts, restore
from luoshi.cli import main
from luoshi.tracking import demo
from luoshi.tracking.models import Evidence, Plan, ProgressReport

pytestmark = pytest.mark.django_db(transaction=True)

FILES = {
    "合同.pdf": b"%PDF-1.4 " + bytes(range(256)) * 40,
    "进度照片.jpg": b"\xff\xd8\xff" + b"\0" * 999,
}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return settings.MEDIA_ROOT


@pytest.fixture
def data(media):
    """The demo (plan, accounts, progress, events) and evidence files on two reports."""
    demo.set_up()
    for report, (name, content) in zip(
        ProgressReport.objects.all()[:2], FILES.items(), strict=True
    ):
        Evidence.objects.create(
            report=report, file=ContentFile(content, name=name), name=name, size=len(content)
        )


def rows() -> dict[str, str]:
    """Every model's rows as JSON, foreign keys by natural key (content type ids may differ)."""
    out = {}
    for model in apps.get_models():
        label = model._meta.label_lower
        if label.split(".")[0] in {"contenttypes", "sessions"} or label in {
            "auth.permission",
        }:
            continue
        rows = model._default_manager.order_by("pk")
        out[label] = serializers.serialize("json", rows, use_natural_foreign_keys=True)
    return out


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def wipe(media: Path) -> None:
    """A fresh database and an empty upload folder, as on a new server."""
    call_command("flush", interactive=False, verbosity=0)
    for path in sorted(media.rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    assert not any(model_counts().values())


def test_a_backup_restores_every_row_and_every_file_byte_for_byte(data, media, tmp_path):
    before_rows, before_files = rows(), files(media)
    assert len(before_files) == 2 and sum(1 for v in before_rows.values() if v != "[]") >= 8
    archive = tmp_path / "luoshi.tar.gz"
    summary = backup(archive)
    assert summary.files == 2 and summary.rows["tracking.progressreport"] > 100
    wipe(media)
    restored = restore(archive)
    assert restored.rows == summary.rows
    assert rows() == before_rows
    assert files(media) == before_files


def test_the_manifest_counts_rows_and_checksums_every_member(data, tmp_path):
    archive = tmp_path / "b.tar.gz"
    backup(archive)
    with tarfile.open(archive) as tar:
        names = tar.getnames()
        manifest = json.load(tar.extractfile("manifest.json"))
    assert names[:2] == ["manifest.json", "data.jsonl"]
    assert set(manifest["files"]) == set(names) - {"manifest.json"}
    assert manifest["models"]["tracking.plan"] == Plan.objects.count()
    assert all(len(entry["sha256"]) == 64 for entry in manifest["files"].values())


def test_restoring_into_a_database_with_data_is_refused_without_force(data, media, tmp_path):
    archive = tmp_path / "b.tar.gz"
    backup(archive)
    Plan.objects.filter(year=2022).update(title="改过的标题")
    with pytest.raises(BackupError, match="--force"):
        restore(archive)
    assert Plan.objects.get(year=2022).title == "改过的标题"
    restore(archive, force=True)
    assert Plan.objects.get(year=2022).title != "改过的标题"


def test_restore_with_force_removes_the_replaced_datas_uploads(data, media, tmp_path):
    """Issue 18, item 15: the uploads of the data a forced restore replaces do not stay."""
    archive = tmp_path / "b.tar.gz"
    backup(archive)
    report = ProgressReport.objects.exclude(evidence__isnull=False).first()
    later = Evidence.objects.create(
        report=report, file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="later.pdf"),
        name="later.pdf", size=15,
    )  # fmt: skip
    left = Path(later.file.path)
    assert left.exists()
    restore(archive, force=True)
    assert not left.exists()
    assert set(files(media)) == {
        str(Path(e.file.path).relative_to(media)) for e in Evidence.objects.all()
    }


def _rewrite(archive: Path, out: Path, change) -> None:
    """Copy a backup, letting `change(name, data)` alter members (returns new bytes or None)."""
    with tarfile.open(archive) as tar, tarfile.open(out, "w:gz") as new:
        for member in tar.getmembers():
            content = tar.extractfile(member).read()
            content = change(member.name, content) or content
            member.size = len(content)
            new.addfile(member, io.BytesIO(content))


def test_a_damaged_backup_is_refused_before_the_database_is_touched(data, media, tmp_path):
    archive, damaged = tmp_path / "b.tar.gz", tmp_path / "damaged.tar.gz"
    backup(archive)
    wipe(media)
    _rewrite(
        archive,
        damaged,
        lambda name, data: data.replace(b"2022", b"2023", 1) if name == "data.jsonl" else None,
    )
    with pytest.raises(BackupError, match="校验和不符"):
        restore(damaged)
    assert not any(model_counts().values())


def test_a_count_that_does_not_match_undoes_the_whole_restore(data, media, tmp_path):
    archive, wrong = tmp_path / "b.tar.gz", tmp_path / "wrong.tar.gz"
    backup(archive)
    wipe(media)

    def miscount(name, content):
        if name == "manifest.json":
            manifest = json.loads(content)
            manifest["models"]["tracking.event"] += 1
            return json.dumps(manifest).encode()
        return None

    _rewrite(archive, wrong, miscount)
    with pytest.raises(BackupError, match=r"tracking\.event"):
        restore(wrong)
    assert not any(model_counts().values())
    assert files(media) == {}


def test_an_archive_with_a_path_outside_is_refused(db, tmp_path):
    evil = tmp_path / "evil.tar.gz"
    with tarfile.open(evil, "w:gz") as tar:
        info = tarfile.TarInfo("media/../../escaped.txt")
        info.size = 1
        tar.addfile(info, io.BytesIO(b"x"))
    with pytest.raises(BackupError, match="不应出现"):
        restore(evil)
    assert not (tmp_path / "escaped.txt").exists()


def test_the_commands_back_up_and_explain_a_refusal(data, tmp_path):
    archive = tmp_path / "cli.tar.gz"
    made = CliRunner().invoke(main, ["backup", str(archive)])
    assert made.exit_code == 0, made.output
    assert "rows in" in made.output and archive.exists()
    refused = CliRunner().invoke(main, ["restore", str(archive)])
    assert refused.exit_code == 1
    assert "数据库不是空的" in refused.output and "Traceback" not in refused.output


def test_a_timestamp_comes_back_to_the_microsecond(data, tmp_path):
    from datetime import UTC, datetime

    from luoshi.tracking.models import Event

    instant = datetime(2022, 7, 1, 9, 30, 0, 500, tzinfo=UTC)  # under a millisecond
    Event.objects.create(verb="demo_data", created_at=instant)
    archive = tmp_path / "b.tar.gz"
    backup(archive)
    call_command("flush", interactive=False, verbosity=0)
    restore(archive)
    assert Event.objects.filter(created_at=instant).exists()


def test_a_backup_of_format_version_1_still_restores(data, media, tmp_path):
    """Version 1 kept the rows as one JSON array in data.json; version 2 as JSON Lines."""
    import hashlib

    archive, old = tmp_path / "b.tar.gz", tmp_path / "v1.tar.gz"
    backup(archive)
    before = rows()
    with tarfile.open(archive) as tar, tarfile.open(old, "w:gz") as out:
        members = {m.name: tar.extractfile(m).read() for m in tar.getmembers()}
        lines = members.pop("data.jsonl").decode().splitlines()
        array = ("[" + ",".join(lines) + "]").encode()
        manifest = json.loads(members.pop("manifest.json"))
        manifest["version"] = 1
        del manifest["files"]["data.jsonl"]
        manifest["files"]["data.json"] = {
            "bytes": len(array),
            "sha256": hashlib.sha256(array).hexdigest(),
        }
        for name, content in [
            ("manifest.json", json.dumps(manifest).encode()),
            ("data.json", array),
            *members.items(),
        ]:
            info = tarfile.TarInfo(name)
            info.size = len(content)
            out.addfile(info, io.BytesIO(content))
    wipe(media)
    restore(old)
    assert rows() == before and len(files(media)) == 2

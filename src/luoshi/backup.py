"""Back up and restore the whole tracker: every model's rows and every uploaded file.

A backup is a .tar.gz holding `manifest.json` (row counts per model, size and SHA-256 of every
other member), `data.json` (Django's dumpdata with natural foreign keys, so it loads on SQLite and
PostgreSQL alike) and `media/…` (the uploads). Restoring checks every checksum before touching the
database, then loads everything in one transaction and compares the row counts: all or nothing.
Call these after Django is set up (the `luoshi backup` and `luoshi restore` commands do that).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path, PurePosixPath
from typing import Any

FORMAT = "luoshi-backup"
FORMAT_VERSION = 1
# Made afresh by `migrate` (content types, permissions), or not worth keeping (logins, the
# cache's data version, which a restore changes).
EXCLUDED = ("contenttypes", "auth.permission", "sessions")


class BackupError(Exception):
    """A backup cannot be written or restored; the message says why and what to do."""


@dataclass(frozen=True)
class Summary:
    rows: dict[str, int]
    files: int
    bytes: int

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _excluded(label: str) -> bool:
    return label in EXCLUDED or label.split(".")[0] in EXCLUDED


def model_counts() -> dict[str, int]:
    """Rows per model (app_label.model), the excluded ones left out."""
    from django.apps import apps

    counts = {}
    for model in apps.get_models():
        label = model._meta.label_lower
        if not _excluded(label) and model._meta.managed and not model._meta.proxy:
            counts[label] = model._default_manager.count()
    return counts


def _media_files(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink())


@contextmanager
def _snapshot() -> Iterator[None]:
    """One consistent view of the database while dumping (PostgreSQL: repeatable read)."""
    from django.db import connection, transaction

    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        yield


def backup(out: Path) -> Summary:
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data.json"
        with _snapshot():
            call_command(
                "dumpdata",
                format="fulljson",  # Django's JSON, times to the microsecond
                natural_foreign=True,
                exclude=list(EXCLUDED),
                output=str(data),
                verbosity=0,
            )
            rows = model_counts()
        media = _media_files(media_root)
        files: dict[str, dict[str, Any]] = {
            "data.json": {"bytes": data.stat().st_size, "sha256": _sha256(data)}
        }
        for path in media:
            name = "media/" + path.relative_to(media_root).as_posix()
            files[name] = {"bytes": path.stat().st_size, "sha256": _sha256(path)}
        manifest = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "created": datetime.now(UTC).isoformat(timespec="seconds"),
            "luoshi": version("luoshi"),
            "database": connection.vendor,
            "models": rows,
            "files": files,
        }
        manifest_path = Path(tmp) / "manifest.json"
        manifest_path.write_text(json.dumps(manifest, ensure_ascii=False, indent=1), "utf-8")
        partial = out.with_name(out.name + ".partial")
        try:
            with tarfile.open(partial, "w:gz") as tar:
                tar.add(manifest_path, "manifest.json")
                tar.add(data, "data.json")
                for path in media:
                    tar.add(path, "media/" + path.relative_to(media_root).as_posix())
            partial.replace(out)  # a crash never leaves a half-written file under the real name
        except OSError as error:
            partial.unlink(missing_ok=True)
            raise BackupError(f"无法写入备份文件 {out}：{error.strerror}") from None
    return Summary(rows, len(media), sum(int(f["bytes"]) for f in files.values()))


def _unpack(archive: Path, into: Path) -> dict[str, Any]:
    """Extract and verify the archive; returns its manifest."""
    try:
        with tarfile.open(archive, "r:gz") as tar:
            for member in tar.getmembers():
                name = PurePosixPath(member.name)
                allowed = member.name in {"manifest.json", "data.json"} or (
                    name.parts[0] == "media" and len(name.parts) > 1
                )
                if not member.isfile() or not allowed or ".." in name.parts or name.is_absolute():
                    raise BackupError(
                        f"{archive}：备份中有不应出现的条目 {member.name!r}，拒绝恢复。"
                    )
            tar.extractall(into, filter="data")
    except (tarfile.TarError, EOFError, OSError) as error:
        raise BackupError(f"{archive}：不是可读的 luoshi 备份文件（{error}）。") from None
    try:
        manifest: dict[str, Any] = json.loads((into / "manifest.json").read_text("utf-8"))
    except (OSError, ValueError):
        raise BackupError(f"{archive}：备份缺少有效的 manifest.json，拒绝恢复。") from None
    if manifest.get("format") != FORMAT or manifest.get("version") != FORMAT_VERSION:
        raise BackupError(f"{archive}：不是本版本 luoshi 的备份格式，拒绝恢复。")
    present = {p.relative_to(into).as_posix() for p in into.rglob("*") if p.is_file()} - {
        "manifest.json"
    }
    listed = set(manifest.get("files", {}))
    if present != listed:
        odd = sorted(present ^ listed)[:3]
        raise BackupError(f"{archive}：文件与清单不符（{', '.join(odd)}），备份可能不完整。")
    for name, entry in manifest["files"].items():
        if _sha256(into / name) != entry["sha256"]:
            raise BackupError(f"{archive}：{name} 的校验和不符，备份已损坏，拒绝恢复。")
    return manifest


def restore(archive: Path, *, force: bool = False) -> Summary:
    """Restore a backup into an empty database (`force` first deletes what is there)."""
    from django.conf import settings
    from django.core.management import call_command
    from django.db import transaction

    from luoshi.tracking import pagecache, statuses

    media_root = Path(settings.MEDIA_ROOT)
    written: list[Path] = []
    before = set(_media_files(media_root))  # the replaced data's uploads, removed once committed
    with tempfile.TemporaryDirectory() as tmp:
        unpacked = Path(tmp)
        manifest = _unpack(archive, unpacked)
        call_command("migrate", interactive=False, verbosity=0)
        try:
            with transaction.atomic():
                present = {label: n for label, n in model_counts().items() if n}
                if present and not force:
                    label, count = next(iter(present.items()))
                    raise BackupError(
                        f"数据库不是空的（例如 {label} 有 {count} 行）。"
                        "请恢复到新建的空数据库；确需覆盖现有全部数据时加 --force。"
                    )
                if present:
                    call_command("flush", interactive=False, verbosity=0)
                call_command("loaddata", str(unpacked / "data.json"), verbosity=0)
                rows = model_counts()
                expected: dict[str, int] = manifest["models"]
                for label in sorted(set(rows) | set(expected)):
                    if rows.get(label, 0) != expected.get(label, 0):
                        raise BackupError(
                            f"恢复后 {label} 有 {rows.get(label, 0)} 行，备份中为 "
                            f"{expected.get(label, 0)} 行；已全部撤销。"
                        )
                for name in manifest["files"]:
                    if name.startswith("media/"):
                        target = media_root / name.removeprefix("media/")
                        target.parent.mkdir(parents=True, exist_ok=True)
                        shutil.copyfile(unpacked / name, target)
                        written.append(target)
                statuses.refresh_stale()  # a backup's statuses may be of another day
                pagecache.touch(None)  # no page kept before the restore is shown again
        except BackupError:
            raise
        except Exception as error:
            for path in written:
                path.unlink(missing_ok=True)
            raise BackupError(f"恢复失败，数据库未作任何改动：{error}") from error
    for stale in before - set(written):  # no row names them any more
        stale.unlink(missing_ok=True)
    files = [e for n, e in manifest["files"].items() if n.startswith("media/")]
    return Summary(rows, len(files), sum(int(e["bytes"]) for e in files))

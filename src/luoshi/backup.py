"""Back up and restore the whole tracker: every model's rows and every uploaded file.

A backup is a .tar.gz holding `manifest.json` first (row counts per model, size and SHA-256 of
every other member), `data.jsonl` (Django's dumpdata as JSON Lines with natural foreign keys, so
it loads on SQLite and PostgreSQL alike; `data.json` in format version 1) and `media/…` (the
uploads). Restoring checks every checksum before touching the database, then loads everything in
one transaction and compares the row counts: all or nothing.

Both directions stream: the archive is read in one pass and copied in blocks, and the rows are
loaded a line at a time, so a restore needs memory for one row, not for the data (it once held
about six times the data's size).
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
FORMAT_VERSION = 2
READABLE = {1: "data.json", 2: "data.jsonl"}  # format version → its data member
BLOCK = 1 << 20
MANIFEST_MAX = 64 << 20  # a million files' sizes and checksums
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
        for block in iter(lambda: stream.read(BLOCK), b""):
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
        data = Path(tmp) / READABLE[FORMAT_VERSION]
        with _snapshot():
            call_command(
                "dumpdata",
                format="fulljsonl",  # Django's JSON Lines, times to the microsecond
                natural_foreign=True,
                exclude=list(EXCLUDED),
                output=str(data),
                verbosity=0,
            )
            rows = model_counts()
        media = _media_files(media_root)
        files: dict[str, dict[str, Any]] = {
            data.name: {"bytes": data.stat().st_size, "sha256": _sha256(data)}
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
                tar.add(data, data.name)
                for path in media:
                    tar.add(path, "media/" + path.relative_to(media_root).as_posix())
            partial.replace(out)  # a crash never leaves a half-written file under the real name
        except OSError as error:
            partial.unlink(missing_ok=True)
            raise BackupError(f"无法写入备份文件 {out}：{error.strerror}") from None
    return Summary(rows, len(media), sum(int(f["bytes"]) for f in files.values()))


def _allowed(name: str) -> bool:
    path = PurePosixPath(name)
    return (
        name in {"manifest.json", *READABLE.values()}
        or (path.parts[0] == "media" and len(path.parts) > 1)
    ) and ".." not in path.parts and not path.is_absolute()  # fmt: skip


def _manifest(archive: Path, member: tarfile.TarInfo, stream: Any) -> dict[str, Any]:
    try:
        if member.size > MANIFEST_MAX:
            raise ValueError("too large")
        manifest: dict[str, Any] = json.loads(stream.read())  # read(n) would allocate n
    except (OSError, ValueError):
        raise BackupError(f"{archive}：备份缺少有效的 manifest.json，拒绝恢复。") from None
    if manifest.get("format") != FORMAT or manifest.get("version") not in READABLE:
        raise BackupError(f"{archive}：不是本版本 luoshi 的备份格式，拒绝恢复。")
    return manifest


def _copy(stream: Any, target: Path) -> str:
    """`stream` into `target` in blocks; returns the SHA-256 of what was written."""
    digest = hashlib.sha256()
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as out:
        for block in iter(lambda: stream.read(BLOCK), b""):
            digest.update(block)
            out.write(block)
    return digest.hexdigest()


def _unpack(archive: Path, into: Path) -> dict[str, Any]:
    """Extract and verify the archive in one streaming pass; returns its manifest."""
    manifest: dict[str, Any] | None = None
    present: set[str] = set()
    try:
        with tarfile.open(archive, "r|gz") as tar:  # a stream: no seeking, no member list
            for member in tar:
                if not member.isfile() or not _allowed(member.name) or member.name in present:
                    raise BackupError(
                        f"{archive}：备份中有不应出现的条目 {member.name!r}，拒绝恢复。"
                    )
                present.add(member.name)
                stream = tar.extractfile(member)
                if member.name == "manifest.json":
                    manifest = _manifest(archive, member, stream)
                    continue
                entry = (manifest or {}).get("files", {}).get(member.name)
                if entry is None:  # not listed, or listed in no manifest before it
                    raise BackupError(
                        f"{archive}：文件与清单不符（{member.name}），备份可能不完整。"
                    )
                if _copy(stream, into / member.name) != entry["sha256"]:
                    raise BackupError(
                        f"{archive}：{member.name} 的校验和不符，备份已损坏，拒绝恢复。"
                    )
    except (tarfile.TarError, EOFError, OSError) as error:
        raise BackupError(f"{archive}：不是可读的 luoshi 备份文件（{error}）。") from None
    if manifest is None:
        raise BackupError(f"{archive}：备份缺少有效的 manifest.json，拒绝恢复。")
    missing = sorted(set(manifest.get("files", {})) - present)
    if missing:
        raise BackupError(
            f"{archive}：文件与清单不符（{', '.join(missing[:3])}），备份可能不完整。"
        )
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
                data = unpacked / READABLE[manifest["version"]]
                call_command("loaddata", str(data), verbosity=0)  # .jsonl: a row at a time
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
                        shutil.move(unpacked / name, target)  # a rename, or a copy in blocks
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

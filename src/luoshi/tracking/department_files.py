"""A city's departments file (the format of luoshi/extraction/data/cities/*.yaml), loaded for a
jurisdiction: its departments and units become the jurisdiction's departments, created or updated
by name (nothing is deleted), its counties and districts jurisdictions below it, and the file is
kept so that the reports imported later for the jurisdiction are assigned by its remits.

Used by the 基础数据 page and by `luoshi departments`."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from luoshi.datafiles import RuleError
from luoshi.extraction.departments import Departments, parse_departments
from luoshi.tracking import pagecache
from luoshi.tracking.models import Department, Jurisdiction

MAX_BYTES = 1024 * 1024  # a city's file is a few KB


class FileRejected(ValueError):
    """A departments file that cannot be used; the message is in the user's language."""


@dataclass
class Summary:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)  # counties and districts added below


def read_upload(data: bytes, name: str) -> tuple[Departments, str]:
    """The departments of the file's bytes, with its text; raises `FileRejected`."""
    if len(data) > MAX_BYTES:
        raise FileRejected(_("The departments file is larger than 1 MB."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileRejected(
            _("The departments file is not UTF-8 text (save it as UTF-8 YAML).")
        ) from None
    try:
        return parse_departments(text, name), text
    except RuleError as error:
        raise FileRejected(
            _("The departments file cannot be used, nothing was saved: %(error)s")
            % {"error": error}
        ) from None


def stored_path(jurisdiction_name: str) -> Path:
    digest = hashlib.sha1(jurisdiction_name.encode("utf-8")).hexdigest()[:16]
    return Path(settings.MEDIA_ROOT) / "departments" / f"{digest}.yaml"


def stored(jurisdiction_name: str) -> Departments | None:
    """The departments file last loaded for the jurisdiction, if any."""
    path = stored_path(jurisdiction_name)
    try:
        text = path.read_text("utf-8")
    except OSError:
        return None
    try:
        return parse_departments(text, path.name)
    except RuleError:
        return None  # a file that no longer reads (a newer generic file): the bundled one holds


def _free_code(jurisdiction: Jurisdiction, code: str, name: str) -> str:
    code = code.lower()
    if Department.objects.filter(jurisdiction=jurisdiction, code=code).exists():
        return "D" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:8].upper()
    return code


def load(jurisdiction: Jurisdiction, departments: Departments, text: str) -> Summary:
    """Create or update the jurisdiction's departments from the file, all or nothing."""
    summary = Summary()
    path = stored_path(jurisdiction.name)
    with transaction.atomic():
        for entry in (*departments.departments, *departments.units):
            found = Department.objects.filter(jurisdiction=jurisdiction, name=entry.name).first()
            if found is None:
                code = _free_code(jurisdiction, entry.code, entry.name)
                Department.objects.create(
                    jurisdiction=jurisdiction, name=entry.name, code=code,
                    aliases=list(entry.aliases),
                )  # fmt: skip
                summary.created.append(entry.name)
                continue
            # The office's own short names stay; the file's are added after them.
            aliases = list(dict.fromkeys([*(found.aliases or []), *entry.aliases]))
            if aliases == (found.aliases or []):
                summary.unchanged.append(entry.name)
                continue
            found.aliases = aliases
            found.save(update_fields=["aliases"])
            summary.updated.append(entry.name)
        for unit in departments.units:
            if unit.kind in ("county", "district"):
                _, made = Jurisdiction.objects.get_or_create(
                    name=unit.name, defaults={"level": unit.kind, "parent": jurisdiction}
                )
                if made:
                    summary.places.append(unit.name)
        # Last, so that a failure here undoes the rows above as well.
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".part")
        partial.write_text(text, "utf-8")
        os.replace(partial, path)
    pagecache.touch(None)
    return summary

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from luoshi.tracking import department_files
from luoshi.tracking.models import Jurisdiction
from luoshi.tracking.names import normal_name


class Command(BaseCommand):
    help = (
        "Load a city's departments file (YAML) for a jurisdiction: departments are created or "
        "updated by name, none is deleted; a new jurisdiction is made at the top."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file")
        parser.add_argument("--jurisdiction", required=True, help="e.g. 东丰县")

    def handle(self, *args: Any, **options: Any) -> None:
        name = normal_name(options["jurisdiction"])
        if not name:
            raise CommandError("--jurisdiction: a name is needed")
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"{path.name}: cannot read the file: {error.strerror}") from None
        try:
            departments, text = department_files.read_upload(data, path.name)
        except department_files.FileRejected as error:
            raise CommandError(str(error)) from None
        # As `luoshi import` does, a jurisdiction not there yet is made (a city, at the top).
        place, made = Jurisdiction.objects.get_or_create(name=name)
        summary = department_files.load(place, departments, text)
        self.stdout.write(
            f"{place}{' (new)' if made else ''}: {len(summary.created)} departments added, "
            f"{len(summary.updated)} updated, "
            f"{len(summary.unchanged)} unchanged; {len(summary.places)} counties or districts "
            "added below it. Nothing was deleted."
        )

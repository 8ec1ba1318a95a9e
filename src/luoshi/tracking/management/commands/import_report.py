from typing import Any

from django.core.management.base import BaseCommand, CommandError

from luoshi.reading import ReadError, read
from luoshi.tracking.importing import import_document


class Command(BaseCommand):
    help = "Read a work report and save it as a draft plan (importing it again adds nothing)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file")
        parser.add_argument("--jurisdiction", required=True, help="e.g. 辽源市")
        parser.add_argument("--year", type=int, required=True, help="the plan year")
        parser.add_argument("--max-mb", type=float, default=None, help="size limit in MB")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            limit = options.get("max_mb")
            document = read(options["file"], max_bytes=int(limit * 1024 * 1024) if limit else None)
        except ReadError as error:
            raise CommandError(str(error)) from None
        try:
            plan, created = import_document(document, options["jurisdiction"], options["year"])
        except ValueError as error:
            raise CommandError(f"--jurisdiction: {error}") from None
        if created:
            tasks, targets = plan.tasks.count(), sum(t.targets.count() for t in plan.tasks.all())
            self.stdout.write(f"Imported {plan} as a draft: {tasks} tasks, {targets} targets.")
        else:
            self.stdout.write(f"Already imported as {plan} (id {plan.pk}); nothing added.")

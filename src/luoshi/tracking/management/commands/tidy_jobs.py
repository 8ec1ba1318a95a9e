"""`luoshi manage tidy_jobs` (also run by `luoshi worker` as it starts): imports whose worker died
are marked failed, finished imports older than LUOSHI_JOB_KEEP_DAYS are deleted, and so are the
database queue's finished task results of that age (django-tasks-db's own pruning)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from luoshi.tracking import jobs


class Command(BaseCommand):
    help = "Mark imports left unfinished by a dead worker as failed; delete old finished ones."

    def handle(self, *args: Any, **options: Any) -> None:
        failed = jobs.fail_stale()
        pruned = jobs.prune()
        self.stdout.write(
            f"import jobs: {failed} stale (no progress for "
            f"{settings.LUOSHI_JOB_STALE_MINUTES} min) marked failed, {pruned} finished more "
            f"than {settings.LUOSHI_JOB_KEEP_DAYS} days ago deleted"
        )
        if settings.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend":
            call_command(
                "prune_db_task_results",
                min_age_days=settings.LUOSHI_JOB_KEEP_DAYS,
                queue_name="*",
                stdout=self.stdout,
            )

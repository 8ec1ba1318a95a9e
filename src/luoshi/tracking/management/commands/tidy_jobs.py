"""`luoshi manage tidy_jobs` (also run by `luoshi worker` as it starts): imports whose worker died
are marked failed, finished imports older than LUOSHI_JOB_KEEP_DAYS are deleted."""

from __future__ import annotations

from typing import Any

from django.conf import settings
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

"""`luoshi refresh-status`: every plan's statuses as of today (序时 moves with the calendar)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from luoshi.tracking import statuses


class Command(BaseCommand):
    help = "Recompute and store the status of every task as of today (run daily from cron)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--all", action="store_true", help="also plans already computed for today"
        )
        parser.add_argument("--on", type=date.fromisoformat, help="another day (YYYY-MM-DD)")

    def handle(self, *args: Any, **options: Any) -> None:
        on = options["on"] or statuses.today()
        refresh = (
            statuses.refresh_all if options["all"] or options["on"] else statuses.refresh_stale
        )
        done = refresh(on)
        self.stdout.write(f"statuses as of {on.isoformat()}: {done} changed")

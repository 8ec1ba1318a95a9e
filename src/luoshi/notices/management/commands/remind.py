"""`luoshi remind`: record and send the reminders due today (run daily from cron, after
`luoshi refresh-status`); a second run the same day sends nothing."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from luoshi.notices.send import remind
from luoshi.tracking import statuses


class Command(BaseCommand):
    help = "Send the reminders due today (临近提醒, 到期未报, 逾期, 未签收, 退回待重报)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--on", type=date.fromisoformat, help="another day (YYYY-MM-DD)")

    def handle(self, *args: Any, **options: Any) -> None:
        on = options["on"] or statuses.today()
        statuses.refresh_stale(on)
        sent = remind(on)
        self.stdout.write(
            f"reminders as of {on.isoformat()}: {sent.reminders} sent, {sent.notices} messages"
        )

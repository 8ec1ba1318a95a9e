import signal
import subprocess
import sys
from typing import Any

import time_machine
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from luoshi.tracking import demo


class Command(BaseCommand):
    help = "Set up the demo (辽源市 2022, accounts, example progress) and serve it on 127.0.0.1."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--no-serve", action="store_true", help="Set up only; do not serve.")

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        out = self.stdout
        # The demo's data is made on the demo's day (what is not dated otherwise: the import,
        # the month's reminders and messages, the ledger's entries), not in today's year.
        with time_machine.travel(demo.set_up_moment(), tick=True):
            plan, accounts, made = demo.set_up()
            # Other apps add their demo data after the tracker's (the project ledger).
            for app in apps.get_app_configs():
                if hasattr(app, "add_demo_data"):
                    out.write(app.add_demo_data(plan))
            call_command("refresh_status", all=True, stdout=out)
            call_command("remind", stdout=out)  # the month's reminders in the message centres
        out.write(f"演示数据 demo data: {plan} — {plan.tasks.count()} tasks, {made} new reports")
        out.write(f"Database: {settings.DATABASES['default']['NAME']}")
        out.write(f"Statuses as of {settings.LUOSHI_AS_OF or 'today'} (LUOSHI_AS_OF)")
        out.write(f"Accounts (password for all: {demo.PASSWORD}):")
        for account in accounts:
            out.write(f"  {account.username:<10} {account.role:<8} {account.department or ''}")
        if options["no_serve"]:
            return
        out.write(f"Open http://127.0.0.1:{options['port']}/ (Ctrl-C stops the server)")
        worker = start_worker()
        if worker is not None:
            out.write(f"Background worker for imports and reminders: process {worker.pid}")
            # `kill` ends the demo as Ctrl-C does, the worker with it (below).
            signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        try:
            call_command(
                "runserver",
                f"127.0.0.1:{options['port']}",
                use_reloader=False,
                insecure_serving=True,  # static files without DEBUG: this is a local demo
            )
        finally:
            if worker is not None:
                worker.terminate()
                worker.wait(timeout=30)


def start_worker() -> subprocess.Popen[bytes] | None:
    """With LUOSHI_TASKS=database, `luoshi worker` beside the server, as production runs it: a
    process of its own (its own database connection; a long import never slows the pages), ended
    with the demo. With tasks run at once (the default) there is nothing to start."""
    backend = settings.TASKS["default"]["BACKEND"]
    if not backend.startswith("django_tasks_db."):
        return None
    return subprocess.Popen([sys.executable, "-m", "luoshi.cli", "worker"])

"""`dangvu jobs`: only the background jobs of `core.background` (imports, PDF conversions), for
`make run`; in production `dangvu worker` runs them with the reminders and the outbox.
`dangvu jobs --purge [--days N]` deletes the jobs finished more than N days ago (default
DANGVU_JOB_KEEP_DAYS) with their files, and exits."""

from __future__ import annotations

import signal
import threading
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections, connection

from dangvu.core import background


class Command(BaseCommand):
    help = "Run the background jobs (large imports, PDF conversions) until stopped."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="Run the due jobs and exit.")
        parser.add_argument("--sleep", type=float, default=30.0, help="Longest sleep, seconds.")
        parser.add_argument(
            "--purge",
            action="store_true",
            help="Delete the jobs finished more than --days days ago (and their files), then exit.",
        )
        parser.add_argument(
            "--days", type=int, default=None, help="With --purge: days (DANGVU_JOB_KEEP_DAYS)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["purge"]:
            days = options["days"] if options["days"] is not None else background.keep_days()
            count = background.purge(days=days)
            self.stdout.write(f"{count} finished job(s) older than {days} day(s) purged.")
            return
        stop = threading.Event()
        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGTERM, lambda signum, frame: stop.set())
            signal.signal(signal.SIGINT, lambda signum, frame: stop.set())
        while True:
            self._refresh_connection()
            purged = background.purge_if_due()
            if purged:
                self.stdout.write(purged)
            for line in background.run_pending():
                self.stdout.write(line)
            self._refresh_connection()
            if options["once"] or background.wait_for_work(stop, options["sleep"]):
                break

    @staticmethod
    def _refresh_connection() -> None:
        """Drop a broken or aged connection between passes, never inside a transaction."""
        if not connection.in_atomic_block:
            close_old_connections()

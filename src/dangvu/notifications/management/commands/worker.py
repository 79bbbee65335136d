"""`dangvu worker`: the background worker (reminders), without Redis.

Loops: claim the due jobs (a conditional UPDATE, so several workers may run side by side), run
them, sleep. `--once` runs one pass and exits (tests, cron). SIGTERM or Ctrl-C stop it cleanly
between passes (a pass in progress finishes first)."""

from __future__ import annotations

import datetime as dt
import signal
import threading
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import close_old_connections, connection

from dangvu.core import background, policy
from dangvu.notifications import jobs, outbox
from dangvu.notifications.services import reminders_send
from dangvu.portal import services as portal_services


class Command(BaseCommand):
    help = "Run the background worker: the daily reminders (đôn đốc), at DANGVU_REMINDER_HOUR."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="Run one pass and exit.")
        parser.add_argument(
            "--sleep", type=float, default=60.0, help="Seconds between passes (default 60)."
        )
        parser.add_argument(
            "--reminders-on",
            metavar="YYYY-MM-DD",
            help="Send the reminders due on this day now, then exit (catch-up, demo).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["reminders_on"]:
            try:
                day = dt.date.fromisoformat(options["reminders_on"])
            except ValueError:
                raise CommandError("--reminders-on takes a date, YYYY-MM-DD.") from None
            self.stdout.write(str(reminders_send(by=policy.WORKER, day=day)))
            outbox.deliver()
            return
        stop = threading.Event()

        def request_stop(signum: int, frame: Any) -> None:
            self.stdout.write("Stopping after this pass.")
            stop.set()

        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGTERM, request_stop)
            signal.signal(signal.SIGINT, request_stop)
        jobs.schedule_ensure()
        if not options["once"]:
            self.stdout.write(
                f"Worker started: reminders daily at {jobs.reminder_hour()}:00 "
                f"({jobs.local_zone().key}); one pass every {options['sleep']:g} s."
            )
        while True:
            self._refresh_connection()
            for line in jobs.run_due_jobs():
                self.stdout.write(line)
            # The portal's scheduled publishing (Wagtail's go-live and expiry), every pass: no cron.
            published = portal_services.scheduled_publish(by=policy.WORKER)
            if published:
                self.stdout.write(published)
            for line in background.run_pending():  # imports, PDF conversions (core.background)
                self.stdout.write(line)
            purged = background.purge_if_due()  # finished jobs after DANGVU_JOB_KEEP_DAYS
            if purged:
                self.stdout.write(purged)
            sent, failed = outbox.deliver()  # the mails the jobs left, and earlier failures
            if sent or failed:
                self.stdout.write(f"outbox: {sent} sent, {failed} to retry")
            self._refresh_connection()
            if options["once"] or background.wait_for_work(stop, options["sleep"]):
                break
        self.stdout.write("Worker stopped.")

    @staticmethod
    def _refresh_connection() -> None:
        """Drop a broken or aged connection between passes, as a request would; never inside a
        transaction (a test, or a caller's atomic block)."""
        if not connection.in_atomic_block:
            close_old_connections()

"""`dangvu bench_tasks`: the speed figures of issue 5 on the synthesized data (`dangvu synth`).

- the task list (filtered, paginated) and the statistics dashboard: median server time over
  `--requests` requests through Django's test Client, logged in as the office user at the city
  root, and the SQL queries of one request (they must not grow with the data: compare the small
  and city scales);
- the reminder pass over all tasks: the day's pass, and a pass in which every open task is due
  (every day before the deadline and every day after it), each timed, with the process's peak
  RSS (`resource.getrusage`) and the peak of Python allocations (`tracemalloc`).

Everything the reminder passes write is rolled back; no e-mail leaves (locmem backend)."""

from __future__ import annotations

import datetime as dt
import platform
import resource
import statistics
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from dangvu.accounts.models import User
from dangvu.assignments.models import ProgressReport, Task
from dangvu.core import policy
from dangvu.core.dates import today
from dangvu.demo import synth
from dangvu.notifications.services import ReminderRun, reminders_send

PAGES = [
    ("task list, all, page 1", "/tasks/"),
    ("task list, overdue, page 2", "/tasks/?status=overdue&page=2"),
    ("task list, within deadline, page 3", "/tasks/?status=within_deadline&page=3"),
    ("statistics by lead unit", "/tasks/statistics/"),
    ("statistics by month", "/tasks/statistics/?group=month"),
    ("statistics by committee", "/tasks/statistics/?group=committee"),
    # A day in the past: every task counted live (the kept counts of closed tasks answer only
    # as of today or later).
    ("statistics by lead unit, as of 90 days ago", "/tasks/statistics/?on={past}"),
]


class RollbackError(Exception):
    pass


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Command(BaseCommand):
    help = "Time the task list, the statistics dashboard and the reminder pass on synthetic data."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--requests", type=int, default=20)
        parser.add_argument("--skip-reminders", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=synth.OFFICE_USERNAME).first()
        if user is None:
            raise CommandError("No synthetic data here: run `dangvu synth --scale city` first.")
        tasks, reports = Task.objects.count(), ProgressReport.objects.count()
        self.stdout.write(
            f"bench_tasks on {connection.vendor}, {tasks} tasks, {reports} progress reports, "
            f"as of {today().isoformat()}; Python {platform.python_version()}, "
            f"{platform.machine()}"
        )
        if not options["skip_reminders"]:
            self._reminders()
        self._pages(user, options["requests"])

    def _rolled_back(self, fn: Callable[[], ReminderRun]) -> tuple[ReminderRun, float]:
        holder: list[ReminderRun] = []
        started = time.perf_counter()
        try:
            with (
                override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"),
                transaction.atomic(),
            ):
                holder.append(fn())
                # Run the e-mails' on-commit hooks as a commit would, then undo everything.
                hooks: list[Any] = connection.run_on_commit
                connection.run_on_commit = []
                for entry in hooks:
                    entry[1]()
                raise RollbackError
        except RollbackError:
            pass
        return holder[0], time.perf_counter() - started

    def _reminders(self) -> None:
        day = today()
        run, seconds = self._rolled_back(lambda: reminders_send(by=policy.WORKER, day=day))
        self.stdout.write(f"reminders, the day's pass: {seconds:.2f} s ({run})")

        def everything() -> ReminderRun:
            return reminders_send(
                by=policy.SYSTEM, day=day, days_before=range(1, 1200), repeat_every=1
            )

        run, seconds = self._rolled_back(everything)
        self.stdout.write(
            f"reminders, every open task due: {seconds:.2f} s ({run}); "
            f"peak RSS {peak_rss_mb():.0f} MB"
        )
        tracemalloc.start()
        self._rolled_back(everything)
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        self.stdout.write(
            f"reminders, every open task due: Python allocations peak {peak / 2**20:.0f} MB"
        )

    def _pages(self, user: User, requests: int) -> None:
        client = Client()
        client.force_login(user)
        past = (today() - dt.timedelta(days=90)).isoformat()
        for label, template in PAGES:
            url = template.format(past=past)
            for _ in range(2):  # warm-up: caches, first connection, template loading
                response = client.get(url, HTTP_HOST="localhost")
                if response.status_code != 200:
                    raise CommandError(f"{url} answered {response.status_code}")
            times = []
            for _ in range(requests):
                started = time.perf_counter()
                client.get(url, HTTP_HOST="localhost")
                times.append((time.perf_counter() - started) * 1000)
            with CaptureQueriesContext(connection) as queries:
                client.get(url, HTTP_HOST="localhost")
            self.stdout.write(
                f"{label}: median {statistics.median(times):.0f} ms "
                f"(min {min(times):.0f}, max {max(times):.0f}, n={requests}), "
                f"{len(queries.captured_queries)} queries  [{url}]"
            )

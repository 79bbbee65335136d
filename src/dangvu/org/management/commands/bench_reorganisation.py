"""Time a synthetic city reorganisation (600 former wards in 30 districts into 130 new wards,
900 links) through the workbook's preview and confirm, the hand-over of 20,000 open tasks,
the task statistics by unit after it, then the tree of about 3,000 organisations (first page,
collapsed) and a name search.
Everything is rolled back."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from dangvu.accounts.models import User
from dangvu.assignments.models import Task
from dangvu.org import handover, imports, synthetic
from dangvu.org.enums import OrgKind
from dangvu.org.models import Organisation


class RollbackError(Exception):
    pass


class Command(BaseCommand):
    help = "Time the reorganisation import and the tree at city size (rolled back)."

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            with transaction.atomic():
                self._run()
                raise RollbackError
        except RollbackError:
            pass

    def _line(self, label: str, seconds: float, target: float, queries: int | None = None) -> None:
        mark = "ok" if seconds <= target else "OVER"
        extra = f", {queries} queries" if queries is not None else ""
        self.stdout.write(
            f"{label:<46} {seconds * 1000:9.0f} ms (target {target * 1000:.0f}){extra} {mark}"
        )

    def _handover(self, admin: User, act: Any) -> None:
        """20,000 open tasks of the ended wards: the plan page, then carrying out the hand-over
        (split wards handed to their first successor in bulk, the others automatically)."""
        city = Organisation.objects.get(code="b-tu")
        wards = list(
            Organisation.objects.filter(code__regex=r"^b-p[0-9]+$").values_list("pk", flat=True)
        )
        published = timezone.now()
        Task.objects.bulk_create(
            (
                Task(
                    committee=city,
                    content=f"Nhiệm vụ thử {n}",
                    issued_on=dt.date(2025, 3, 1),
                    lead_unit_id=wards[n % len(wards)],
                    deadline=dt.date(2025, 12, 31),
                    published_at=published,
                )
                for n in range(20_000)
            ),
            batch_size=2000,
        )
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(admin)
        url = f"/org/reorganisations/{act.pk}/handover/"
        connection.queries_log.clear()
        started = time.perf_counter()
        handover.handover_plan(act)
        self._line("hand-over plan (the selector alone)", time.perf_counter() - started, 1)
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url)
            elapsed = time.perf_counter() - started
        if response.status_code != 200:
            raise CommandError(f"the plan page answered {response.status_code}")
        self._line("hand-over plan page (20,000 open tasks)", elapsed, 1, len(queries))
        plans = handover.handover_plan(act)
        bulk = {p.unit.pk: p.successors[0] for p in plans if p.automatic is None}
        started = time.perf_counter()
        counts = handover.handover_carry_out(act=act, by=admin, bulk=bulk)
        self._line(
            f"carrying out the hand-over ({counts['tasks']} tasks)",
            time.perf_counter() - started,
            30,
        )

    def _statistics(self, admin: User) -> None:
        """The task statistics by unit after the hand-over, as of a day after the merge and as
        of today: each lead unit placed in the tree of the day (`org.selectors.placements`, the
        900 links read once), every row what its drill-down counts."""
        from dangvu.assignments.selectors import TaskFilters, statistics_queryset
        from dangvu.assignments.statistics import task_statistics

        # 5,000 tasks the former wards completed before the merge: they stay theirs, and count
        # under the wards' successors from 1/7/2025 (not under the abolished districts).
        city = Organisation.objects.get(code="b-tu")
        wards = list(
            Organisation.objects.filter(code__regex=r"^b-p[0-9]+$").values_list("pk", flat=True)
        )
        Task.objects.bulk_create(
            (
                Task(
                    committee=city,
                    content=f"Nhiệm vụ đã xong {n}",
                    issued_on=dt.date(2025, 1, 10),
                    lead_unit_id=wards[n % len(wards)],
                    deadline=dt.date(2025, 6, 1),
                    completed_on=dt.date(2025, 5, 2),
                    published_at=timezone.now(),
                )
                for n in range(5_000)
            ),
            batch_size=2000,
        )
        for label, day in (("15/8/2025", dt.date(2025, 8, 15)), ("today", timezone.localdate())):
            filters = TaskFilters(on=day)
            task_statistics(admin, filters)  # warm
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                rows, total = task_statistics(admin, filters)
                elapsed = time.perf_counter() - started
            if total.assigned != statistics_queryset(admin, filters).count():
                raise CommandError("the statistics rows do not add up to the tasks")
            self._line(
                f"statistics by unit, {label} ({len(rows)} rows, {total.assigned} tasks)",
                elapsed,
                1,
                len(queries),
            )

    def _run(self) -> None:
        self.stdout.write(f"database: {connection.vendor}")
        synthetic.build_city(prefix="b", districts=30, wards=600)
        admin = User.objects.create_user(username="bench-reorg", password=None, is_superuser=True)
        data = synthetic.workbook_bytes(synthetic.reorganisation_payload(prefix="b"))

        started = time.perf_counter()
        plan = imports.read_workbook(data, by=admin)
        self._line("preview (600 → 130 wards, 900 links)", time.perf_counter() - started, 5)
        if not plan.is_valid:
            self.stderr.write(f"the plan has {plan.error_count} rows with errors")
            return

        started = time.perf_counter()
        result = imports.apply_plan(plan.to_payload(), by=admin)
        self._line(
            f"confirm ({result['organisations']} created, {result['closed']} closed, "
            f"{result['links']} links)",
            time.perf_counter() - started,
            30,
        )

        self._handover(admin, result["reorganisation"])
        self._statistics(admin)

        # Grow the tree of 1/7/2025 to about 3,000 organisations: cells under the new wards.
        wards = list(Organisation.objects.filter(code__startswith="b-n"))
        for ward in wards:
            synthetic._bulk(
                [
                    Organisation(
                        code=f"{ward.code}-cb{i}",
                        name=f"Chi bộ {i} {ward.name}",
                        kind=OrgKind.PARTY,
                        valid_from=synthetic.EFFECTIVE,
                        sort_order=i,
                    )
                    for i in range(22)
                ],
                ward,
            )
        day = synthetic.EFFECTIVE.isoformat()
        total = Organisation.objects.filter(valid_from__lte=synthetic.EFFECTIVE).count()
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(admin)
        client.get("/org/", {"on": day})  # warm the templates
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get("/org/", {"on": day})
            elapsed = time.perf_counter() - started
        if response.status_code != 200:
            raise CommandError(f"the tree answered {response.status_code}")
        self._line(f"tree, first page ({total} organisations)", elapsed, 0.3, len(queries))
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get("/org/", {"q": "PHUONG MOI SO 12"})
            elapsed = time.perf_counter() - started
        if response.status_code != 200:
            raise CommandError(f"the search answered {response.status_code}")
        self._line("name search “PHUONG MOI SO 12” (page)", elapsed, 0.1, len(queries))

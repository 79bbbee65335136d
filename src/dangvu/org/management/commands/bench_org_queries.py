"""Query counts of the reorganisation import, the people import and the hand-over as the city
grows (100, 500, 2,000 former wards; issue 11). Each size runs in its own transaction, rolled
back. The counts should grow with the rows written (each row goes through its service, which
checks, writes and audits it), not with the units already stored: a figure per row that stays
flat from 100 to 2,000 units says there is no N+1."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client
from django.utils import timezone

from dangvu.accounts.models import User
from dangvu.assignments.models import Task
from dangvu.core.policy import SYSTEM
from dangvu.org import handover, imports, synthetic
from dangvu.org.enums import Role
from dangvu.org.models import Membership, Organisation
from dangvu.reports import services as reports
from dangvu.reports.enums import PeriodKind
from dangvu.reports.models import Contribution

SIZES = (100, 500, 2000)
UNUSABLE = "!"  # an unusable password hash: nobody signs in as these users


class RollbackError(Exception):
    pass


class Command(BaseCommand):
    help = "Query counts of the org imports and the hand-over at 100, 500 and 2,000 units."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--sizes", default=",".join(str(s) for s in SIZES))

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"database: {connection.vendor}")
        self.stdout.write(
            f"{'units':>6} {'step':<34} {'rows':>6} {'queries':>8} {'per row':>8} {'ms':>8}"
        )
        for size in (int(s) for s in options["sizes"].split(",")):
            try:
                with transaction.atomic():
                    self._run(size)
                    raise RollbackError
            except RollbackError:
                pass

    def _measure(self, size: int, step: str, rows: int, work: Any) -> Any:
        # Counted by an execute wrapper: Django's query log keeps only the last 9,000.
        count = 0

        def counter(execute: Any, sql: Any, params: Any, many: Any, context: Any) -> Any:
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counter):
            started = time.perf_counter()
            result = work()
            elapsed = time.perf_counter() - started
        per_row = f"{count / rows:8.1f}" if rows else f"{'—':>8}"
        self.stdout.write(
            f"{size:>6} {step:<34} {rows:>6} {count:>8} {per_row} {elapsed * 1000:8.0f}"
        )
        return result

    def _run(self, size: int) -> None:
        prefix = f"g{size}"
        districts = max(5, size // 20)
        new_wards = max(2, size * 130 // 600)
        built = synthetic.build_city(prefix=prefix, districts=districts, wards=size)
        wards: list[Organisation] = built["wards"]
        admin = User.objects.create_user(username=f"{prefix}-admin", is_superuser=True)
        # the open work of the old wards: two open tasks, a contribution and a reporter each
        published = timezone.now()
        Task.objects.bulk_create(
            Task(
                committee=built["city"],
                content=f"Nhiệm vụ {n}",
                issued_on=dt.date(2025, 3, 1),
                lead_unit=wards[n % len(wards)],
                deadline=dt.date(2025, 12, 31),
                published_at=published,
            )
            for n in range(2 * size)
        )
        period = reports.period_create(
            committee=built["city"],
            kind=PeriodKind.HALF_YEAR,
            year=2025,
            number=1,
            due_on=dt.date(2025, 7, 15),
            by=SYSTEM,
        )
        Contribution.objects.bulk_create(Contribution(period=period, unit=w) for w in wards)
        users = User.objects.bulk_create(
            User(username=f"{prefix}-u{i}", password=UNUSABLE) for i in range(size)
        )
        Membership.objects.bulk_create(
            Membership(user=u, organisation=w, role=Role.REPORTER)
            for u, w in zip(users, wards, strict=True)
        )

        payload = synthetic.reorganisation_payload(
            prefix=prefix, districts=districts, wards=size, new_wards=new_wards
        )
        data = synthetic.workbook_bytes(payload)
        rows = len(payload["organisations"]) + len(payload["updates"]) + len(payload["links"]) + 1
        plan = self._measure(
            size, "reorganisation preview", rows, lambda: imports.read_workbook(data, by=admin)
        )
        if not plan.is_valid:
            raise CommandError(f"the plan has {plan.error_count} rows with errors")
        result = self._measure(
            size,
            "reorganisation confirm",
            rows,
            lambda: imports.apply_plan(plan.to_payload(), by=admin),
        )
        act = result["reorganisation"]
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(admin)
        response = self._measure(
            size,
            "hand-over plan page",
            0,
            lambda: client.get(f"/org/reorganisations/{act.pk}/handover/"),
        )
        if response.status_code != 200:
            raise CommandError(f"the plan page answered {response.status_code}")
        plans = handover.handover_plan(act)
        bulk = {p.unit.pk: p.successors[0] for p in plans if p.automatic is None}
        moved = self._measure(
            size,
            "hand-over carried out",
            0,
            lambda: handover.handover_carry_out(act=act, by=admin, bulk=bulk),
        )
        items = moved["tasks"] + moved["contributions"] + moved["memberships"]
        self.stdout.write(
            f"{size:>6} {'  (items handed over)':<34} {items:>6}"
            f"  tasks {moved['tasks']}, contributions {moved['contributions']},"
            f" roles {moved['memberships']}"
        )

        # People of the new wards: a new account, a position and a dated role each.
        people = [
            {
                "full_name": f"Cán bộ Mới {i}",
                "email": f"{prefix}-m{i}@example.org",
                "phone": "",
                "organisation": f"{prefix}-n{i % new_wards}",
                "title": "Văn phòng",
                "valid_from": "1/7/2025",
                "valid_to": "",
                "username": f"{prefix}-m{i}",
                "role": "reporter",
            }
            for i in range(size)
        ]
        book = synthetic.workbook_bytes({"people": people})
        plan = self._measure(
            size, "people preview", size, lambda: imports.read_workbook(book, by=admin)
        )
        if not plan.is_valid:
            raise CommandError(f"the people plan has {plan.error_count} rows with errors")
        self._measure(
            size,
            "people confirm (accounts, roles)",
            size,
            lambda: imports.apply_plan(plan.to_payload(), by=admin),
        )

"""`dangvu bench_reports`: the speed figures of issue 3, in a transaction that is rolled back.

Builds a committee with N contributing units, each writing all 8 topic sections and every
indicator, accepts them, then times consolidating the draft and rendering its DOCX, and counts the
SQL queries of the draft page and the status board at 10 and 60 units (they must be equal)."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dangvu.accounts.models import User
from dangvu.core.policy import SYSTEM
from dangvu.org import services as org_services
from dangvu.org.enums import OrgKind, Role
from dangvu.reports import exports, services
from dangvu.reports.enums import ContributionStatus, PeriodKind
from dangvu.reports.models import Contribution, ContributionEntry, IndicatorValue

PARAGRAPH = (
    "Đơn vị đã triển khai đầy đủ các nhiệm vụ được giao, bám sát chủ đề công tác năm, phối hợp "
    "chặt chẽ với các cơ quan liên quan và đạt kết quả tích cực trên các mặt công tác."
)


class RollbackError(Exception):
    pass


class Command(BaseCommand):
    help = "Time consolidating a 60-unit draft and its DOCX; count the queries of the report pages."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--units", type=int, default=60)

    def _period(self, tag: str, units: int, office: User, committee: Any) -> Any:
        period = services.period_create(
            committee=committee, kind=PeriodKind.NINE_MONTHS, year=2020,
            due_on=dt.date(2020, 9, 5), by=office, title=f"Bench {tag}",
        )  # fmt: skip
        orgs = [
            org_services.organisation_create(
                code=f"bench-{tag}-{i}", name=f"Đơn vị thử {tag} {i}", kind=OrgKind.PARTY,
                parent=committee, valid_from=dt.date(2004, 1, 1), sort_order=i, by=SYSTEM,
            )
            for i in range(units)
        ]  # fmt: skip
        services.contributions_request(period=period, units=orgs, by=office)
        topics = list(period.sections.filter(role="topic"))
        indicators = list(period.indicators.all())
        contributions = list(period.contributions.all())
        # Written in bulk: the bench measures consolidation, not the units' typing.
        ContributionEntry.objects.bulk_create(
            ContributionEntry(
                contribution=c, section=s,
                results=f"<p>{PARAGRAPH}</p><p>{PARAGRAPH}</p>",
                shortcomings=f"<p>Hạn chế của {c.unit_id}.</p>",
                tasks=f"<p>Nhiệm vụ của {c.unit_id}.</p>",
            )
            for c in contributions
            for s in topics
        )  # fmt: skip
        IndicatorValue.objects.bulk_create(
            IndicatorValue(contribution=c, indicator=i, value=n + 1)
            for n, c in enumerate(contributions)
            for i in indicators
        )
        Contribution.objects.filter(period=period).update(
            status=ContributionStatus.ACCEPTED, version=1
        )
        return period

    def handle(self, *args: Any, **options: Any) -> None:
        count = options["units"]
        if count < 10:
            raise CommandError("Use at least 10 units.")
        try:
            with transaction.atomic():
                self._run(count)
                raise RollbackError
        except RollbackError:
            pass

    def _run(self, count: int) -> None:
        hanoi = org_services.organisation_create(
            code="bench-root", name="Thành ủy Thử", kind=OrgKind.PARTY,
            valid_from=dt.date(2004, 1, 1), issuer_code="TU", by=SYSTEM,
        )  # fmt: skip
        committee = org_services.organisation_create(
            code="bench-qu", name="Quận ủy Thử", kind=OrgKind.PARTY, parent=hanoi,
            valid_from=dt.date(2004, 1, 1), issuer_code="QU", by=SYSTEM,
        )  # fmt: skip
        office = User.objects.create_user(username="bench-office", password=None)
        org_services.membership_grant(
            user=office, organisation=committee, role=Role.OFFICE, by=SYSTEM
        )
        large = self._period("large", count, office, committee)
        small = self._period("small", 10, office, committee)

        started = time.perf_counter()
        version = services.draft_consolidate(period=large, by=office)
        consolidated = time.perf_counter()
        document = exports.version_docx(version)
        rendered = time.perf_counter()
        services.draft_consolidate(period=small, by=office)
        paragraphs = sum(len(s["paragraphs"]) for s in version.body)
        self.stdout.write(
            f"{count} units × {large.sections.filter(role='topic').count()} sections, "
            f"{large.indicators.count()} indicators: {paragraphs} paragraphs, "
            f"DOCX {len(document) // 1024} KiB"
        )
        total = rendered - started
        self.stdout.write(
            f"consolidate {consolidated - started:.3f} s + render DOCX "
            f"{rendered - consolidated:.3f} s = {total:.3f} s (target ≤ 1.5 s)"
        )

        client = Client()
        client.force_login(office)
        for name in ("reports:period", "reports:draft"):
            counts = []
            for period in (small, large):
                url = reverse(name, args=[period.pk])
                client.get(url, HTTP_HOST="localhost")
                with CaptureQueriesContext(connection) as queries:
                    response = client.get(url, HTTP_HOST="localhost")
                if response.status_code != 200:
                    raise CommandError(f"{url} answered {response.status_code}")
                counts.append(len(queries))
            same = "equal" if counts[0] == counts[1] else "NOT EQUAL"
            label = "status board" if name == "reports:period" else "draft page"
            self.stdout.write(
                f"{label}: {counts[0]} queries at 10 units, {counts[1]} at {count} units ({same})"
            )
        if total > 1.5:
            self.stdout.write(self.style.WARNING("consolidation + DOCX is over the 1.5 s target"))

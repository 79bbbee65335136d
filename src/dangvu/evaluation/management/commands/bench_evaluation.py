"""`dangvu bench_evaluation`: the roll-up of the latest synthetic nation round (count and share per
grade for organisations and members): the whole country with its provinces, and one province with
its communes; best of 5 runs, with the number of queries."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dangvu.evaluation.models import Round
from dangvu.evaluation.selectors import rollup
from dangvu.evaluation.synth import PREFIX
from dangvu.org.models import Organisation


class Command(BaseCommand):
    help = "Time the evaluation roll-up on the synthetic nation (dangvu synth --scale nation)."

    def handle(self, *args: Any, **options: Any) -> None:
        round_ = Round.objects.filter(committee__code=f"{PREFIX}tw").order_by("-pk").first()
        if round_ is None:
            raise CommandError(
                "No synthetic nation round: run `dangvu synth --scale nation` first."
            )
        province = Organisation.objects.get(code=f"{PREFIX}p1")
        members = round_.evaluations.exclude(member=None).count()
        self.stdout.write(f"{connection.vendor}: round {round_.pk}, {members} members evaluated")
        for label, under in (
            ("country down to provinces", None),
            ("one province down to communes", province),
        ):
            best = float("inf")
            for _ in range(5):
                started = time.perf_counter()
                with CaptureQueriesContext(connection) as queries:
                    figures = rollup(round_, under)
                best = min(best, time.perf_counter() - started)
            self.stdout.write(
                f"  {label}: {best * 1000:.1f} ms, {len(queries)} queries, "
                f"{len(figures.children)} rows, {figures.total.members.total} members"
            )

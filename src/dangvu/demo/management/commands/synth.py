"""`dangvu synth --scale city|small`: a synthetic data set for benchmarks (see demo/synth.py)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from dangvu.demo import synth


class Command(BaseCommand):
    help = (
        "Generate synthetic data: --scale city (3,000 organisations, 5,000 users, 100,000 tasks, "
        "400,000 progress reports) or small. Refuses a database holding other data unless --force."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", choices=[*sorted(synth.SCALES), "nation"], default="small")
        parser.add_argument(
            "--members",
            type=int,
            default=None,
            help="nation scale only: how many members (default 5.6 million).",
        )
        parser.add_argument("--seed", type=int, default=2020)
        parser.add_argument(
            "--force",
            action="store_true",
            help="Add the synthetic data even though the database holds other (real) data.",
        )
        parser.add_argument(
            "--if-missing",
            action="store_true",
            help="Do nothing when a synthetic data set of this scale is already there.",
        )

    def handle(self, *args: Any, scale: str, seed: int, force: bool, **options: Any) -> None:
        if not force and not synth.is_synthetic_only():
            raise CommandError(
                "This database holds data that is not synthetic (organisations or tasks without "
                "the 'syn-' prefix). Use an empty database (e.g. DANGVU_VAR_DIR=var/bench), or "
                "--force to add the synthetic data beside it."
            )
        if scale == "nation":  # evaluation's national shape, PostgreSQL only (evaluation/synth.py)
            from dangvu.evaluation.synth import MEMBERS, nation_exists, synthesize_nation

            if options["if_missing"] and nation_exists():
                self.stdout.write("A synthetic nation is already there.")
                return
            done = synthesize_nation(
                members=options["members"] or MEMBERS, seed=seed, progress=self.stdout.write
            )
            self.stdout.write(
                self.style.SUCCESS(
                    f"Synthesized (nation, {synth.vendor()}) in {done.seconds:.1f} s, peak memory "
                    f"{done.peak_mb:.0f} MB: {done.organisations} organisations, {done.members} "
                    f"members, {done.evaluations} evaluations, {done.summary_rows} summary rows."
                )
            )
            return
        size = synth.SCALES[scale]
        if options["if_missing"] and synth.synthetic_task_count() == size.tasks:
            self.stdout.write(f"A synthetic data set of {size.tasks} tasks is already there.")
            return
        started = time.perf_counter()
        result = synth.synthesize(size, seed=seed, progress=self.stdout.write)
        elapsed = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Synthesized ({scale}, {synth.vendor()}) in {elapsed:.1f} s: "
                f"{result.organisations} organisations, {result.users} users, "
                f"{result.memberships} memberships, {result.tasks} tasks, "
                f"{result.reports} progress reports. Office user: {synth.OFFICE_USERNAME} "
                f"(password {synth.PASSWORD})."
            )
        )

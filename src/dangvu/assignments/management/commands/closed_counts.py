"""`dangvu closed_counts --check | --rebuild`: the closed-task counts the statistics read (kept by
database triggers, see `assignments/closed_counts.py`), compared with a recount or rebuilt."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from dangvu.assignments import closed_counts


class Command(BaseCommand):
    help = "Check the kept counts of closed tasks against a recount, or rebuild them."

    def add_arguments(self, parser: CommandParser) -> None:
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument("--check", action="store_true", help="compare; exit 1 if they differ")
        group.add_argument("--rebuild", action="store_true", help="recount from the tasks")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["rebuild"]:
            with transaction.atomic():
                closed_counts.rebuild()
            self.stdout.write("closed-task counts rebuilt")
            return
        differences = closed_counts.differences()
        for row in differences[:50]:
            self.stdout.write("differs: " + ", ".join(str(value) for value in row))
        if differences:
            raise CommandError(f"{len(differences)} count(s) differ: run --rebuild")
        self.stdout.write("closed-task counts agree with a recount")

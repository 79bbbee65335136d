"""`dangvu members_follow [--on YYYY-MM-DD]`: carry the register through the tree's
reorganisations (see `services.members_follow_reorganisations`); lists the ended organisations
whose members the office must move by hand."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from dangvu.core import policy
from dangvu.core.dates import parse_date
from dangvu.evaluation.services import members_follow_reorganisations


class Command(BaseCommand):
    help = "Move the members of ended organisations to their successors."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--on", default="", help="As of this day (default today).")

    def handle(self, *args: Any, on: str, **options: Any) -> None:
        day = parse_date(on) if on else None
        if on and day is None:
            raise CommandError(f"{on!r} is not a date.")
        result = members_follow_reorganisations(by=policy.SYSTEM, on=day)
        self.stdout.write(f"{result.moved} members moved to their organisation's successor.")
        for org in result.undecided:
            self.stdout.write(f"  to move by hand: {org.name} ({org.code})")

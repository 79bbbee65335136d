from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from dangvu.demo import scenario
from dangvu.org.models import Organisation


class Command(BaseCommand):
    help = "Load the Long Biên 2020 demo scenario and print the demo accounts."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Load only when the database has no organisation yet; otherwise keep the data.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load even with DEBUG off (the demo accounts share a published password).",
        )

    def handle(
        self, *args: Any, if_empty: bool = False, force: bool = False, **options: Any
    ) -> None:
        if not settings.DEBUG and not force:
            # The demo creates a superuser whose password is printed below and in the README.
            raise CommandError(
                "DEBUG is off: this looks like a production database. The demo creates accounts "
                "with a published password (a superuser among them); add --force to load it anyway."
            )
        if scenario.is_loaded():
            if not if_empty:
                raise CommandError(
                    "The database already has data; the demo loads only into an empty one."
                )
            self.stdout.write("The database already has data: kept as it is.")
        else:
            scenario.load()
            self.stdout.write(self.style.SUCCESS("Loaded the Long Biên 2020 demo scenario."))
        self.stdout.write(f"\nDemo accounts (password for all: {scenario.DEMO_PASSWORD}):")
        names = dict(Organisation.objects.values_list("code", "name"))
        for account in scenario.DEMO_ACCOUNTS:
            where = names.get(account.organisation_code, account.organisation_code)
            self.stdout.write(f"  {account.username:<10} {account.role.label} — {where}")

"""``dangvu extract FILE``: print the meeting and tasks of a .txt or .docx conclusion as JSON."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from dangvu.extraction.cli import main


class Command(BaseCommand):
    help = "Extract the meeting and tasks of a Vietnamese conclusion (.txt UTF-8 or .docx) as JSON."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", help="a UTF-8 .txt or a .docx file")

    def handle(self, *args: Any, **options: Any) -> None:
        status = main([options["file"]])
        if status:
            # cli.main already wrote the Vietnamese message to stderr.
            raise SystemExit(status)

"""`dangvu backup FILE`: the database and the uploaded files in one .tar.gz (see core.backup)."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from dangvu.core import backup


class Command(BaseCommand):
    help = "Back up the database and the uploaded files into FILE (.tar.gz)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, file: Path, **options: Any) -> None:
        manifest = backup.backup(file)
        rows = sum(manifest["counts"].values())
        self.stdout.write(
            f"{file}: {rows} rows of {len(manifest['counts'])} tables, "
            f"{len(manifest['files'])} files ({manifest['engine']})"
        )

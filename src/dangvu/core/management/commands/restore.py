"""`dangvu restore FILE [--force]`: load a backup into a migrated, empty database (see
core.backup); `--force` deletes what the database holds first."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from dangvu.core import backup


class Command(BaseCommand):
    help = "Restore the database and the uploaded files from a backup FILE."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--force", action="store_true", help="delete every row of this database first"
        )

    def handle(self, *args: Any, file: Path, force: bool = False, **options: Any) -> None:
        try:
            manifest = backup.restore(file, force=force)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"restored {sum(manifest['counts'].values())} rows and {len(manifest['files'])} "
            f"files from the backup of {manifest['created_at']} ({manifest['engine']})"
        )

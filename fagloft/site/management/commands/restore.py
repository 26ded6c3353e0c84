"""`fagloft restore FILE [--force]`: put a backup archive back (fagloft/site/backup.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from fagloft.site.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = "Restore the database and the uploaded files from an archive made by `fagloft backup`."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", help="Archive made by fagloft backup")
        parser.add_argument("--force", action="store_true", help="Replace a database that already has content.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            manifest = restore_backup(Path(options["file"]), force=options["force"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["rows"].values())
        self.stdout.write(f"Gjenopprettet {rows} rader fra {options['file']} (laget {manifest['created']}).")

"""`fagloft backup [FILE]`: the database and uploaded files in one archive (fagloft/site/backup.py)."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from fagloft.site.backup import BackupError, create_backup


class Command(BaseCommand):
    help = "Back up the database and the uploaded files to one .tar.gz archive."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", nargs="?", help="Archive to write (default: fagloft-backup-<time>.tar.gz)")

    def handle(self, *args: Any, **options: Any) -> None:
        target = Path(options["file"] or f"fagloft-backup-{datetime.datetime.now():%Y%m%d-%H%M%S}.tar.gz")
        try:
            manifest = create_backup(target)
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["rows"].values())
        self.stdout.write(f"Sikkerhetskopi skrevet til {target} ({manifest['engine']}, {rows} rader).")

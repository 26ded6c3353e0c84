from __future__ import annotations

from pathlib import Path
from typing import Any

from fagloft.organizations.importers.run import HISTORY_FILE, import_history
from fagloft.organizations.management.commands._importing import ImportCommand


class Command(ImportCommand):
    help = "Importer tidligere fylker og kommuner (standard: Finnmark til 2019, følger med Fagløft)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", type=Path, nargs="?", default=HISTORY_FILE, help="historikkfil (CSV)")
        parser.add_argument("--no-progress", action="store_true", help="ingen fremdriftslinje")

    def handle(self, *args: Any, **options: Any) -> None:
        self.run_import(options, import_history)

from __future__ import annotations

from typing import Any

from fagloft.organizations.importers.run import import_crosswalk
from fagloft.organizations.management.commands._importing import ImportCommand


class Command(ImportCommand):
    help = "Importer etterfølgere for omnummererte og delte kommuner (kommunenummer-2020-2024.csv)."

    def handle(self, *args: Any, **options: Any) -> None:
        self.run_import(options, import_crosswalk)

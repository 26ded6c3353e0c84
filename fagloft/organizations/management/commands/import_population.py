from __future__ import annotations

from typing import Any

from fagloft.organizations.importers.run import import_population
from fagloft.organizations.management.commands._importing import ImportCommand


class Command(ImportCommand):
    help = "Importer befolkning etter kommune, år og alder (SSB tabell 07459): tidy CSV, SSB-CSV eller JSON-stat2."

    def add_arguments(self, parser: Any) -> None:
        super().add_arguments(parser)
        parser.add_argument("--format", choices=["tidy", "ssb-csv", "jsonstat"], help="ellers gjenkjent fra filen")

    def handle(self, *args: Any, **options: Any) -> None:
        self.run_import(options, import_population, fmt=options["format"])

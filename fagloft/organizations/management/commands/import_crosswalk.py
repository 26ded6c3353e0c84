from __future__ import annotations

from typing import Any

from fagloft.organizations.importers.run import carry_population, import_crosswalk
from fagloft.organizations.management.commands._importing import ImportCommand


class Command(ImportCommand):
    help = "Importer etterfølgere for omnummererte og delte kommuner (kommunenummer-2020-2024.csv)."

    def add_arguments(self, parser: Any) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--carry-population",
            action="store_true",
            help="gi omnummererte kommuner befolkningstallene til kommunen de erstatter",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        self.run_import(options, import_crosswalk)
        if options["carry_population"]:
            self.stdout.write(self.style.SUCCESS(f"Overført {carry_population()}"))

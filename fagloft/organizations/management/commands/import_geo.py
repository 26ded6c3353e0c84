from __future__ import annotations

from typing import Any

from fagloft.organizations.importers.run import import_geo
from fagloft.organizations.management.commands._importing import ImportCommand


class Command(ImportCommand):
    help = "Importer fylker eller kommuner med grenser fra Kartverket-GeoJSON (fagloft import geo FIL)."

    def add_arguments(self, parser: Any) -> None:
        super().add_arguments(parser)
        parser.add_argument("--year", type=int, help="kartåret (ellers fra filnavnet)")
        parser.add_argument("--level", choices=["county", "municipality"], help="fylker eller kommuner")
        parser.add_argument(
            "--partial", action="store_true", help="filen er ikke hele landet: avslutt ingen enheter som mangler"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        self.run_import(options, import_geo, year=options["year"], level=options["level"], partial=options["partial"])

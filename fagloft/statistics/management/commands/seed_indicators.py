"""`fagloft seed indicators [--update]`: create the national indicator catalogue."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from fagloft.statistics.catalogue import seed
from fagloft.statistics.models import Indicator


class Command(BaseCommand):
    help = "Oppretter indikatorkatalogen (Bufdirs kommunemonitor og KOSTRA-nøkkeltall)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--update",
            action="store_true",
            help="Tilbakestill også indikatorer som finnes fra før til katalogens tekst.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        created, updated = seed(Indicator, update=options["update"])
        self.stdout.write(f"Indikatorkatalog: {created} opprettet, {updated} oppdatert.")

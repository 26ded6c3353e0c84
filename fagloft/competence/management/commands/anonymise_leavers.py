"""`fagloft anonymise_leavers`: anonymise staff who left longer ago than the retention period."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from fagloft.competence import services
from fagloft.competence.models import CompetenceSettings


class Command(BaseCommand):
    help = "Anonymiser ansatte som sluttet for mer enn oppbevaringstiden siden."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--date",
            type=datetime.date.fromisoformat,
            default=None,
            help="Regn som om det er denne datoen (ÅÅÅÅ-MM-DD).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        days = CompetenceSettings.current().retention_days
        count = services.anonymise_leavers(None, options["date"])
        self.stdout.write(f"Anonymiserte {count} ansatte som sluttet for mer enn {days} dager siden.")

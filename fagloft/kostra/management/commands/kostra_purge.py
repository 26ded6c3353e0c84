"""`fagloft kostra purge`: delete validation reports older than KOSTRA_REPORT_RETENTION_DAYS (default 7)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from fagloft.kostra.models import retention_days
from fagloft.kostra.services import purge_expired


class Command(BaseCommand):
    help = "Slett rapporter fra KOSTRA 15F-kontroller som er eldre enn oppbevaringstiden."

    def handle(self, *args: Any, **options: Any) -> None:
        deleted = purge_expired()
        self.stdout.write(f"Slettet {deleted} rapporter eldre enn {retention_days()} dager.")

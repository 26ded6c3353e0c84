"""`fagloft analyze_database`: refresh the database's planner statistics (ANALYZE)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand

from fagloft.site.planner import analyze


class Command(BaseCommand):
    help = "Oppdater databasens statistikk for spørringsplanleggeren (ANALYZE), etter store importer."

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        vendor = analyze()
        self.stdout.write(f"ANALYZE ({vendor}) på {time.monotonic() - started:.1f} s")

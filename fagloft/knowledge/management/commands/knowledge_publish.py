"""`fagloft knowledge publish`: publish this year's coverage figures to statistics (nightly)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from fagloft.knowledge.publishing import publish_coverage_job


class Command(BaseCommand):
    help = "Publiser dekningstall for tiltakspyramiden til statistikk"

    def handle(self, *args: Any, **options: Any) -> None:
        written = publish_coverage_job()
        self.stdout.write(f"{written} indikatorverdier skrevet")

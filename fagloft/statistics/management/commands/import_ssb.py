"""`fagloft import ssb FILE --indicator CODE`: import an SSB statistics-bank export (CSV or JSON-stat2)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from fagloft.lib.refusals import Refused
from fagloft.statistics.imports import import_file
from fagloft.statistics.ssb import SsbFileError


class Command(BaseCommand):
    help = (
        "Importerer en eksport fra SSBs statistikkbank (CSV med semikolon, JSON-stat2 eller JSON) som "
        "verdier for én indikator. Alt eller ingenting."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="Filen fra Statistikkbanken")
        parser.add_argument("--indicator", required=True, help="Indikatorkoden, for eksempel kostra-barn-per-arsverk")
        parser.add_argument("--variable", help="Statistikkvariabel når filen har flere (kode eller navn)")
        parser.add_argument("--no-progress", action="store_true", help="Uten fremdriftslinje")

    def handle(self, *args: Any, **options: Any) -> None:
        bar: tqdm | None = None

        def start(total: int) -> None:
            nonlocal bar
            bar = tqdm(
                total=total,
                desc="Lagrer verdier",
                unit=" verdier",
                disable=options["no_progress"],
                file=self.stderr._out,
            )

        try:
            result = import_file(
                None,
                options["file"],
                options["indicator"],
                options.get("variable"),
                progress=lambda n: bar.update(n) if bar else None,
                on_total=start,
            )
        except SsbFileError as error:
            raise CommandError(f"{error} Ingenting ble importert.") from None
        except Refused as error:
            raise CommandError(f"{options['file']}: {error}") from None
        finally:
            if bar is not None:
                bar.close()
        years = f"{result.years[0]}–{result.years[-1]}" if result.years else "–"
        self.stdout.write(
            f"Importerte {result.written} verdier for {options['indicator']} ({years}): "
            f"{result.municipalities} kommuner, {result.counties} fylker, {result.national} for hele landet."
        )

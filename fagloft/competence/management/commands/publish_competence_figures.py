"""`fagloft publish_competence_figures`: the competence figures of every year with data, to statistics.

Scheduled nightly (`fagloft/site/scheduling.py`), so the figures reach the statistics without anyone
pressing the publish button, and past years are filled in and kept up to date with late corrections.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from fagloft.competence import publishing


class Command(BaseCommand):
    help = "Publiserer kompetansetallene for hvert år med data i ansatteregisteret som indikatorverdier."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--date",
            type=datetime.date.fromisoformat,
            default=None,
            help="Regn som om det er denne datoen (ÅÅÅÅ-MM-DD).",
        )
        parser.add_argument("--no-progress", action="store_true", help="Uten fremdriftslinje")

    def handle(self, *args: Any, **options: Any) -> None:
        today = options["date"]
        years = publishing.years_with_data(today)
        stream = self.stderr._out
        # A bar only for a person at a terminal; the scheduler's log gets the summary line alone.
        show = not options["no_progress"] and getattr(stream, "isatty", lambda: False)()
        bar = None
        if show:
            from tqdm import tqdm

            bar = tqdm(total=len(years), desc="Publiserer år", unit=" år", file=stream)
        try:
            written = publishing.publish_every_year(None, today, progress=bar.update if bar else None)
        finally:
            if bar is not None:
                bar.close()
        if not written:
            self.stdout.write("Ingen kompetansedata å publisere.")
            return
        first, last = min(written), max(written)
        self.stdout.write(f"Publiserte {sum(written.values())} verdier for {len(written)} år ({first}–{last}).")

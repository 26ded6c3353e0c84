"""E-mail the owners of agreed actions from dialogue meetings a few days before their deadline.

Run daily (cron or the task worker): `fagloft send_reminders [--days N] [--today YYYY-MM-DD]`.
Each action is reminded once.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from fagloft.assessments.services import send_reminders


class Command(BaseCommand):
    help = "Send påminnelser om frister for avtalt oppfølging etter dialogmøter."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--days", type=int, default=None, help="Antall dager før fristen (standard 7).")
        parser.add_argument("--today", default=None, help="Dato å regne fra, ÅÅÅÅ-MM-DD (for testing).")

    def handle(self, *args: Any, **options: Any) -> None:
        today = None
        if options["today"]:
            try:
                today = datetime.date.fromisoformat(options["today"])
            except ValueError as error:
                raise CommandError(f"--today: ugyldig dato «{options['today']}», bruk ÅÅÅÅ-MM-DD.") from error
        if options["days"] is not None and options["days"] < 0:
            raise CommandError("--days må være 0 eller mer.")
        sent = send_reminders(today=today, days=options["days"])
        self.stdout.write(f"Sendte {sent} påminnelser.")

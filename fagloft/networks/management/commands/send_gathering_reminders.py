"""Send e-mail reminders for gatherings starting soon. Run hourly or daily; each gathering is
reminded once (Gathering.reminder_sent_at)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from fagloft.networks.services import send_gathering_reminders


class Command(BaseCommand):
    help = "E-mails invited and registered people about gatherings starting within --days days (default 3)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--days", type=int, default=3)

    def handle(self, *args, **options) -> None:
        sent = send_gathering_reminders(days_before=options["days"])
        self.stdout.write(f"Sendte {sent} påminnelser om samlinger.")

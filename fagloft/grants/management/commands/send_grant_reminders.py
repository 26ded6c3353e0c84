"""Remind grant holders of the spending deadline. Run daily; each grant is reminded once
(Decision.spending_reminder_sent_on), and not at all once its final report is in."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from fagloft.grants.reminders import send_spending_reminders


class Command(BaseCommand):
    help = "E-mails applicants whose granted funds must be spent within --days days (default 60)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--days", type=int, default=60)

    def handle(self, *args, **options) -> None:
        sent = send_spending_reminders(days_before=options["days"])
        self.stdout.write(f"Sendte {sent} påminnelser om frist for bruk av tilskudd.")

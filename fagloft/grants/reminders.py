"""Reminders before the spending deadline (e-mail), run daily by `manage.py send_grant_reminders`."""

from __future__ import annotations

import datetime

from django.utils import timezone

from fagloft.grants.models import Decision, GrantReport
from fagloft.grants.services import send_spending_reminder


def due_for_reminder(today: datetime.date, days_before: int = 60):
    """Granted decisions whose spending deadline is within `days_before` days, not yet reminded,
    and without a final report."""
    return (
        Decision.objects.filter(
            outcome=Decision.Outcome.GRANTED,
            spending_reminder_sent_on__isnull=True,
            application__call__spending_deadline__gte=today,
            application__call__spending_deadline__lte=today + datetime.timedelta(days=days_before),
        )
        .exclude(application__reports__kind=GrantReport.Kind.FINAL)
        .select_related("application__call", "application__created_by")
    )


def send_spending_reminders(today: datetime.date | None = None, days_before: int = 60) -> int:
    """Each grant in its own transaction (the use case `services.send_spending_reminder`)."""
    today = today or timezone.localdate()
    return sum(send_spending_reminder(decision, today=today) for decision in due_for_reminder(today, days_before))

"""Reminders before the spending deadline (e-mail), run daily by `manage.py send_grant_reminders`."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fagloft.audit.services import record
from fagloft.grants.models import Decision, GrantReport


def due_for_reminder(today: datetime.date, days_before: int = 60):
    """Granted decisions whose spending deadline is within `days_before` days, not yet reminded,
    and without a final report."""
    return Decision.objects.filter(
        outcome=Decision.Outcome.GRANTED, spending_reminder_sent_on__isnull=True,
        application__call__spending_deadline__gte=today,
        application__call__spending_deadline__lte=today + datetime.timedelta(days=days_before),
    ).exclude(application__reports__kind=GrantReport.Kind.FINAL).select_related("application__call",
                                                                                 "application__created_by")


def send_spending_reminders(today: datetime.date | None = None, days_before: int = 60) -> int:
    today = today or timezone.localdate()
    sent = 0
    for decision in due_for_reminder(today, days_before):
        sent += _remind(decision, today)
    return sent


@transaction.atomic
def _remind(decision: Decision, today: datetime.date) -> int:
    application = decision.application
    recipients = sorted({a for a in (application.contact_email, getattr(application.created_by, "email", ""))
                         if a})
    if recipients:
        send_mail(
            _("Påminnelse: tilskuddet til %(title)s må brukes innen %(date)s") % {
                "title": application.title, "date": application.call.spending_deadline.strftime("%d.%m.%Y")},
            _("Innvilget beløp: %(amount)s kr. Husk sluttrapport med hva som er brukt. Ubrukte midler skal "
              "betales tilbake.") % {"amount": decision.amount},
            settings.DEFAULT_FROM_EMAIL, recipients)
    decision.spending_reminder_sent_on = today
    decision.save(update_fields=["spending_reminder_sent_on", "updated_at"])
    record(None, "update", decision, {"spending_reminder": [None, str(today)]})
    return len(recipients)

"""Deadlines in Norwegian time. A deadline date means the end of that day in Europe/Oslo (kl. 23.59),
whatever the server's or the browser's time zone, and across the summer-time switch."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from fagloft.grants.models import Call
from fagloft.lib import formatting


def is_before_deadline(call: Call, moment: datetime.datetime | None = None) -> bool:
    moment = moment or timezone.now()
    return moment < call.closes_at


def has_opened(call: Call, moment: datetime.datetime | None = None) -> bool:
    moment = moment or timezone.now()
    return moment >= call.opens_at


def deadline_label(call: Call) -> str:
    """E.g. "1. november 2026 kl. 23.59 (norsk tid)", in English "1 November 2026 at 23:59 (Norwegian time)".

    The date goes through the one formatting layer (Django's "j. F Y" wrote «1. May 2027» in English)."""
    return _("%(date)s kl. 23.59 (norsk tid)") % {"date": formatting.date(call.deadline, "long")}

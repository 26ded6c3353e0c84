"""Deadlines in Norwegian time. A deadline date means the end of that day in Europe/Oslo (kl. 23.59),
whatever the server's or the browser's time zone, and across the summer-time switch."""

from __future__ import annotations

import datetime

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from fagloft.grants.models import Call


def is_before_deadline(call: Call, moment: datetime.datetime | None = None) -> bool:
    moment = moment or timezone.now()
    return moment < call.closes_at


def has_opened(call: Call, moment: datetime.datetime | None = None) -> bool:
    moment = moment or timezone.now()
    return moment >= call.opens_at


def deadline_label(call: Call) -> str:
    """E.g. "1. november 2026 kl. 23.59 (norsk tid)"."""
    return _("%(date)s kl. 23.59 (norsk tid)") % {"date": formats.date_format(call.deadline, "j. F Y")}

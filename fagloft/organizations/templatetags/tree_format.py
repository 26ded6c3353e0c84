"""`{% period start end %}`: a validity period of the tree as plain text in the active language.

Counties, municipalities, county memberships, districts and agreements have a start and an end that
may each be unknown. Written out as «2020–2023», «fra 2024», «til 2019» (never «?–2019»), with
dates through `fagloft.lib.formatting` when the style is a date style.
"""

from __future__ import annotations

import datetime
from typing import Any

from django import template
from django.utils.translation import gettext as _

from fagloft.lib import formatting

register = template.Library()


def _show(value: datetime.date, style: str) -> str:
    return str(value.year) if style == "year" else formatting.date(value, style)


@register.simple_tag
def period(start: Any, end: Any, style: str = "year") -> str:
    """`style`: "year" (the years only), "short" (01.03.2027) or "long" (1. mars 2027)."""
    if start and end:
        first, last = _show(start, style), _show(end, style)
        return first if first == last else f"{first}\u2013{last}"
    if start:
        return _("fra %(start)s") % {"start": _show(start, style)}
    if end:
        return _("til %(end)s") % {"end": _show(end, style)}
    return ""

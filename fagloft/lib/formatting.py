"""The one formatting layer: money, numbers, percentages, dates and times in the active language.

Templates (the `fagloft_format` filters), letters, exports' display columns and the API's display
fields all call these, so «1 000 000 kr», «28,9 %» and «1. mars 2027» look the same everywhere.
Norwegian (bokmål and nynorsk) groups thousands with a space and uses a decimal comma; English uses
a comma and a point. Machine-readable values (API fields, CSV cells for calculation) stay raw.
"""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.utils import timezone
from django.utils.translation import get_language

# Month names are written here, not taken from the locale files, so every language is complete.
_MONTHS = {
    "nb": [
        "januar",
        "februar",
        "mars",
        "april",
        "mai",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "desember",
    ],
    "nn": [
        "januar",
        "februar",
        "mars",
        "april",
        "mai",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "desember",
    ],
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
}
_SEPARATORS = {"nb": ("\u00a0", ","), "nn": ("\u00a0", ","), "en": (",", ".")}


def _language(language: str | None = None) -> str:
    code = (language or get_language() or "nb").split("-")[0]
    return code if code in _MONTHS else "nb"


def _decimal(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def number(value: Any, decimals: int = 0, language: str | None = None) -> str:
    """A number with grouped thousands and a fixed number of decimals: 12 345,6."""
    amount = _decimal(value)
    if amount is None:
        return "" if value is None else str(value)
    group, point = _SEPARATORS[_language(language)]
    # Half up, as people round by hand (28,95 → 29,0), not Python's banker's rounding.
    amount = amount.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    text = f"{amount:,.{decimals}f}"
    whole, _, fraction = text.partition(".")
    whole = whole.replace(",", group).replace("-", "\u2212")
    return f"{whole}{point}{fraction}" if fraction else whole


def money(value: Any, language: str | None = None, decimals: int = 0) -> str:
    """Whole kroner by default: «1 250 000 kr», in English «NOK 1,250,000»."""
    amount = _decimal(value)
    if amount is None:
        return ""
    text = number(amount, decimals, language)
    return f"NOK {text}" if _language(language) == "en" else f"{text}\u00a0kr"


def percent(value: Any, decimals: int = 1, language: str | None = None, share: bool = False) -> str:
    """«28,9 %» (a share 0–1 with `share=True`); English «28.9%»."""
    amount = _decimal(value)
    if amount is None:
        return ""
    if share:
        amount *= 100
    text = number(amount, decimals, language)
    return f"{text}%" if _language(language) == "en" else f"{text}\u00a0%"


def _as_date(value: Any) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str) and value:
        try:
            return datetime.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def date(value: Any, style: str = "short", language: str | None = None) -> str:
    """`short`: 01.03.2027 (tables, forms, lists); `long`: 1. mars 2027 (running text, letters)."""
    day = _as_date(value)
    if day is None:
        return ""
    code = _language(language)
    if style == "long":
        month = _MONTHS[code][day.month - 1]
        return f"{day.day} {month} {day.year}" if code == "en" else f"{day.day}. {month} {day.year}"
    return f"{day:%d.%m.%Y}" if code != "en" else f"{day:%d/%m/%Y}"


def time(value: Any, language: str | None = None) -> str:
    """«kl. 10.00» in Norwegian, «10:00» in English."""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    if not isinstance(value, (datetime.datetime, datetime.time)):
        return ""
    return f"{value:%H:%M}" if _language(language) == "en" else f"kl.\u00a0{value:%H.%M}"


def datetime_(value: Any, style: str = "short", language: str | None = None) -> str:
    """«01.03.2027 kl. 10.00» / «1. mars 2027 kl. 10.00»."""
    if not isinstance(value, datetime.datetime):
        return date(value, style, language)
    return f"{date(value, style, language)} {time(value, language)}"

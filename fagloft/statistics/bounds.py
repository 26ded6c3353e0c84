"""What an indicator value must be for the database to hold it, and for every page to read it back.

`IndicatorValue.value`, `numerator` and `denominator` are decimals with `max_digits` and
`decimal_places` (16 and 4: up to 999 999 999 999,9999). A figure outside them is not stored as
it was given (SQLite keeps it and every page that reads it fails; PostgreSQL refuses the whole
batch with a database error), so each writer checks it first and names the problem in Norwegian:
the SSB reader with file, line and field (`ssb.parse_number`), everything else in
`publishing.record_values`, before anything is written.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.translation import gettext as _

from fagloft.lib.refusals import Refused

NUMBER_FIELDS = ("value", "numerator", "denominator")
EARLIEST_YEAR, LATEST_YEAR = 1900, 2100
HALVES = (0, 1, 2)


class OutOfBounds(Refused):
    """A figure, year or half year the statistics tables cannot hold."""


def _column() -> Any:
    from fagloft.statistics.models import IndicatorValue

    return IndicatorValue._meta.get_field("value")


def places() -> int:
    return _column().decimal_places


def largest() -> Decimal:
    """The largest magnitude the value columns hold (all three have the same size)."""
    column = _column()
    return Decimal(10) ** (column.max_digits - column.decimal_places) - Decimal(1).scaleb(-column.decimal_places)


def rounded(number: Decimal) -> Decimal:
    """`number` at the column's decimal places, as the database would store it."""
    return number.quantize(Decimal(1).scaleb(-places()), rounding=ROUND_HALF_UP)


def number_problem(number: Any) -> str | None:
    """Why `number` cannot be stored, in Norwegian; None when it can (after rounding to the column's
    decimal places, so 12,345678 is fine and stored as 12,3457)."""
    if number is None:
        return None
    value = number if isinstance(number, Decimal) else Decimal(str(number))
    if not value.is_finite():
        return _("«%(value)s» er ikke et tall.") % {"value": number}
    limit = largest()
    # Compare before rounding too: quantize on a 30-digit number overflows the decimal context.
    if abs(value) > limit or abs(rounded(value)) > limit:
        return _("%(value)s er for stort. Største tillatte tall er %(limit)s (%(digits)s sifre før komma).") % {
            "value": _shown(value),
            "limit": _shown(limit),
            "digits": _column().max_digits - places(),
        }
    return None


def year_problem(year: Any) -> str | None:
    if not isinstance(year, int) or not EARLIEST_YEAR <= year <= LATEST_YEAR:
        return _("Året %(year)s er utenfor %(first)s–%(last)s.") % {
            "year": year,
            "first": EARLIEST_YEAR,
            "last": LATEST_YEAR,
        }
    return None


def problem_in(new: Any) -> tuple[str, str] | None:
    """(field, message) for the first thing in a `publishing.NewValue` out of bounds, else None."""
    problem = year_problem(new.year)
    if problem:
        return "year", problem
    if new.half not in HALVES:
        return "half", _("Halvåret må være 0 (hele året), 1 eller 2, ikke %(half)s.") % {"half": new.half}
    for field in NUMBER_FIELDS:
        problem = number_problem(getattr(new, field))
        if problem:
            return field, problem
    return None


def _shown(value: Decimal) -> str:
    # Plain digits (no exponent), so the user recognises the figure from the file.
    text = format(value.normalize(), "f") if abs(value) >= 1 else str(value)
    return text.replace(".", ",")

"""National identity numbers (fødselsnummer, D-nummer) and DUF numbers, as SSB's control program reads them.

Only used inside the validation run: numbers are never stored, logged or put in a message.
"""

from __future__ import annotations

import calendar
import datetime

SUFFIX_EXCEPTIONS = ("00100", "00200", "99999")
_DUF_WEIGHTS = (4, 6, 3, 2, 4, 6, 3, 2, 7, 5)


def _digits(value: str, length: int) -> bool:
    return len(value) == length and value.isascii() and value.isdigit()


def is_checksum_valid(number: str) -> bool:
    """Both mod-11 check digits are right (the program's "valid social security id")."""
    if not _digits(number, 11):
        return False
    d = [ord(c) - 48 for c in number]  # written out: this runs once per client in big files
    first = 3 * d[0] + 7 * d[1] + 6 * d[2] + d[3] + 8 * d[4] + 9 * d[5] + 4 * d[6] + 5 * d[7] + 2 * d[8] + d[9]
    second = (
        5 * d[0]
        + 4 * d[1]
        + 3 * d[2]
        + 2 * d[3]
        + 7 * d[4]
        + 6 * d[5]
        + 5 * d[6]
        + 4 * d[7]
        + 3 * d[8]
        + 2 * d[9]
        + d[10]
    )
    return first % 11 == 0 and second % 11 == 0


def is_acceptable(number: str, reporting_year: int) -> bool:
    """Checksum-valid, or a readable birth date followed by 00100, 00200 or 99999."""
    if not _digits(number, 11):
        return False
    if is_checksum_valid(number):
        return True
    return number.endswith(SUFFIX_EXCEPTIONS) and birth_date(number, reporting_year) is not None


def _ddmmyy(text: str) -> datetime.date | None:
    # Two-digit years read as 20YY, like java.time's "yy"; a day past the month's end is
    # resolved to its last day, like the lenient default resolver.
    day, month, year = int(text[0:2]), int(text[2:4]), 2000 + int(text[4:6])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return datetime.date(year, month, calendar.monthrange(year, month)[1])


def _minus_years(date: datetime.date, years: int) -> datetime.date:
    try:
        return date.replace(year=date.year - years)
    except ValueError:  # 29 February in a year that has none
        return date.replace(year=date.year - years, day=28)


def birth_date(number: str, reporting_year: int) -> datetime.date | None:
    if not _digits(number, 11):
        return None
    if number.endswith(SUFFIX_EXCEPTIONS):
        date = _ddmmyy(number)
        if date is None:
            return None
        return _minus_years(date, 100) if datetime.date(reporting_year + 1, 12, 31) < date else date
    first = int(number[0])
    converted = str(first - 4 if first > 3 else first) + number[1:]  # D-number
    third = int(converted[2])
    converted = converted[:2] + str(third - 8 if third >= 8 else third) + converted[3:]  # synthetic test numbers
    date = _ddmmyy(converted)
    if date is None:
        return None
    individual, yy = int(converted[6:9]), int(converted[4:6])
    if 500 <= individual <= 999 and yy <= 39:
        return date
    if 500 <= individual <= 749 and yy >= 54:
        return _minus_years(date, 200)
    if individual <= 499 or individual >= 900:
        return _minus_years(date, 100)
    return date


def age_in_years(number: str | None, reporting_year: int) -> int | None:
    """Age at 31 December of the reporting year: reporting year minus birth year."""
    if not number:
        return None
    born = birth_date(number, reporting_year)
    return None if born is None else reporting_year - born.year


def is_valid_duf(duf: str) -> bool:
    if not _digits(duf, 12):
        return False
    total = sum(int(d) * w for d, w in zip(duf[:10], _DUF_WEIGHTS, strict=True)) % 11
    return f"{total:02d}" == duf[10:]

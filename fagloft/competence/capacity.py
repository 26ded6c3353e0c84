"""Recruitment, retention and capacity figures, as plain arithmetic over employment periods.

Turnover in a year = people who left during the year / the average of the headcount on 1 January
and 31 December, in per cent. Someone is employed on a day from `started_on` to `ended_on`, both
inclusive. A vacancy is open from `vacant_from` until the day before `filled_on`.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol, TypeVar

TENURE_BUCKETS: tuple[tuple[str, int, int | None], ...] = (
    ("<1", 0, 1),
    ("1–2", 1, 3),
    ("3–4", 3, 5),
    ("5–9", 5, 10),
    ("10+", 10, None),
)


class Employment(Protocol):
    # Read-only members, so that frozen dataclasses (the plain-value periods of `queries`) match too.
    @property
    def started_on(self) -> datetime.date: ...
    @property
    def ended_on(self) -> datetime.date | None: ...
    @property
    def fte_percent(self) -> Decimal: ...


EmploymentT = TypeVar("EmploymentT", bound=Employment)


class Opening(Protocol):
    vacant_from: datetime.date
    filled_on: datetime.date | None
    fte_percent: Decimal


def employed_on(periods: Iterable[EmploymentT], day: datetime.date) -> list[EmploymentT]:
    return [p for p in periods if p.started_on <= day and (p.ended_on is None or p.ended_on >= day)]


def headcount(periods: Iterable[Employment], day: datetime.date) -> int:
    return len(employed_on(periods, day))


def fte(periods: Iterable[Employment], day: datetime.date) -> Decimal:
    return sum((p.fte_percent for p in employed_on(periods, day)), Decimal(0)) / 100


def leavers(periods: Iterable[Employment], year: int) -> int:
    return sum(1 for p in periods if p.ended_on is not None and p.ended_on.year == year)


def turnover_parts(periods: Sequence[Employment], year: int) -> tuple[int, Decimal]:
    """Leavers in `year` and the average headcount, so several services can be pooled."""
    average = (
        Decimal(headcount(periods, datetime.date(year, 1, 1)) + headcount(periods, datetime.date(year, 12, 31))) / 2
    )
    return leavers(periods, year), average


def turnover_from(parts: Iterable[tuple[int, Decimal]]) -> Decimal | None:
    parts = list(parts)
    average = sum((a for _, a in parts), Decimal(0))
    if average == 0:
        return None
    return (Decimal(sum(n for n, _ in parts)) * 100 / average).quantize(Decimal("0.1"))


def turnover(periods: Sequence[Employment], year: int) -> Decimal | None:
    """Per cent who left during `year`; None when nobody was employed."""
    return turnover_from([turnover_parts(periods, year)])


def tenure_years(period: Employment, day: datetime.date) -> int:
    end = min(day, period.ended_on) if period.ended_on else day
    years = end.year - period.started_on.year
    if (end.month, end.day) < (period.started_on.month, period.started_on.day):
        years -= 1
    return max(years, 0)


def tenure_distribution(periods: Iterable[Employment], day: datetime.date) -> list[dict]:
    """Current staff by completed years in the service."""
    counts = {label: 0 for label, _, _ in TENURE_BUCKETS}
    for period in employed_on(periods, day):
        years = tenure_years(period, day)
        for label, low, high in TENURE_BUCKETS:
            if years >= low and (high is None or years < high):
                counts[label] += 1
                break
    return [{"label": label, "count": count} for label, count in counts.items()]


def open_on(openings: Iterable[Opening], day: datetime.date) -> list[Opening]:
    return [o for o in openings if o.vacant_from <= day and (o.filled_on is None or o.filled_on > day)]


def days_vacant(opening: Opening, day: datetime.date) -> int:
    """Days the position stood (or has so far stood) empty."""
    end = opening.filled_on if opening.filled_on is not None and opening.filled_on <= day else day
    return max((end - opening.vacant_from).days, 0)


@dataclass(frozen=True)
class VacancySummary:
    open_count: int
    open_fte: Decimal
    longest_open_days: int | None
    average_days_to_fill: Decimal | None  # over positions filled during the year


def vacancy_summary(openings: Sequence[Opening], day: datetime.date) -> VacancySummary:
    current = open_on(openings, day)
    filled = [o for o in openings if o.filled_on is not None and o.filled_on.year == day.year and o.filled_on <= day]
    average = (
        (Decimal(sum(days_vacant(o, day) for o in filled)) / len(filled)).quantize(Decimal("0.1")) if filled else None
    )
    return VacancySummary(
        open_count=len(current),
        open_fte=sum((o.fte_percent for o in current), Decimal(0)) / 100,
        longest_open_days=max((days_vacant(o, day) for o in current), default=None),
        average_days_to_fill=average,
    )


def per_thousand_children(fte_value: Decimal, children: int | None) -> Decimal | None:
    if not children:
        return None
    return (fte_value * 1000 / children).quantize(Decimal("0.01"))


def is_small_service(fte_value: Decimal, threshold: Decimal) -> bool:
    return fte_value < threshold

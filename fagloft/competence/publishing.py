"""Publishing the capacity and requirement figures as indicator values in `statistics`.

Values go to services, counties and the nation for the year of `today` (computed on that day).
`publish_every_year` (the nightly job `fagloft publish_competence_figures`) does so for every year
the register has data for: a past year is computed on its 31 December, the current year on today.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from django.db.models import Max, Min
from django.utils import timezone

from fagloft.accounts.use_cases import system_job, use_case
from fagloft.competence import capacity, queries
from fagloft.competence.models import Employee, Vacancy
from fagloft.competence.permissions import PUBLISH_FIGURES
from fagloft.competence.queries import ServiceFigures
from fagloft.organizations.models import County, Service
from fagloft.statistics.publishing import NewValue, record_values

INDICATOR_CODES = (
    "competence-fte",
    "competence-turnover",
    "competence-vacancies",
    "competence-fte-per-1000-children",
    "competence-requirement-share",
)


def _values_for(figures: Iterable[ServiceFigures], year: int, children: int | None, **unit: Any) -> list[NewValue]:
    figures = list(figures)
    fte = sum((f.fte for f in figures), Decimal(0))
    applicable = sum(f.applicable for f in figures)
    meets = sum(f.meets_now for f in figures)
    values = [
        NewValue("competence-fte", year, fte, **unit),
        NewValue(
            "competence-vacancies",
            year,
            sum((f.vacancies.open_fte for f in figures if f.vacancies), Decimal(0)),
            **unit,
        ),
        NewValue(
            "competence-requirement-share",
            year,
            Decimal(meets * 100) / applicable if applicable else None,
            numerator=meets,
            denominator=applicable,
            **unit,
        ),
        NewValue(
            "competence-fte-per-1000-children",
            year,
            capacity.per_thousand_children(fte, children),
            numerator=fte,
            denominator=children,
            **unit,
        ),
    ]
    parts = [f.turnover_parts[year] for f in figures if year in f.turnover_parts]
    leavers = sum(n for n, _ in parts)
    average = sum((a for _, a in parts), Decimal(0))
    values.append(
        NewValue(
            "competence-turnover", year, capacity.turnover_from(parts), numerator=leavers, denominator=average, **unit
        )
    )
    return values


# Bufdir or the admin starts it from the publish page, the demo as the system (actor None), so it is
# a use case rather than a system job.
@use_case(PUBLISH_FIGURES)
def publish_all(actor: Any, today: datetime.date) -> int:
    services = list(Service.objects.prefetch_related("coverages__municipality"))
    figures = queries.figures_for([s.pk for s in services], today)
    children = queries.children_served_many(services, today.year)
    values: list[NewValue] = []
    for service in services:
        values += _values_for([figures[service.pk]], today.year, children[service.pk], service_id=service.pk)
    for county in County.objects.valid_on(today):
        ids = list(queries.services_in_county(county, today).values_list("pk", flat=True))
        if ids:
            values += _values_for(
                [figures[i] for i in ids], today.year, _sum_known(children[i] for i in ids), county_id=county.pk
            )
    values += _values_for(figures.values(), today.year, _sum_known(children.values()), is_national=True)
    return record_values(actor, values, source="computed", source_detail="Beregnet fra ansatteregisteret")


def years_with_data(today: datetime.date | None = None) -> list[int]:
    """The years from the first employment or vacancy in the register to the last year anyone was
    employed or a post stood vacant (the current year while someone is), none after `today`."""
    today = today or timezone.localdate()
    employees = Employee.objects.aggregate(first=Min("started_on"), last=Max("ended_on"))
    vacancies = Vacancy.objects.aggregate(first=Min("vacant_from"), last=Max("filled_on"))
    firsts = [d.year for d in (employees["first"], vacancies["first"]) if d is not None]
    if not firsts:
        return []
    still_open = (
        Employee.objects.filter(ended_on__isnull=True).exists()
        or Vacancy.objects.filter(filled_on__isnull=True).exists()
    )
    lasts = [d.year for d in (employees["last"], vacancies["last"]) if d is not None]
    last = today.year if still_open or not lasts else min(max(lasts), today.year)
    return list(range(min(firsts), last + 1))


def _every_year(actor: Any, today: datetime.date, progress: Callable[[int], Any] | None) -> dict[int, int]:
    written = {}
    for year in years_with_data(today):
        day = today if year == today.year else datetime.date(year, 12, 31)
        written[year] = publish_all(actor, day)
        if progress is not None:
            progress(1)
    return written


@system_job
def publish_every_year(
    actor: Any = None, today: datetime.date | None = None, progress: Callable[[int], Any] | None = None
) -> dict[int, int]:
    """Publish the figures of every year with data ({year: values written}). Idempotent: each run
    replaces the computed values of the same indicator, unit and year. All years or none."""
    return _every_year(actor, today or timezone.localdate(), progress)


@use_case(PUBLISH_FIGURES)
def publish_all_years(actor: Any, today: datetime.date | None = None) -> dict[int, int]:
    """The same as the nightly job, started from the publish page by Bufdir or the admin: every
    year with data, not only the current one."""
    return _every_year(actor, today or timezone.localdate(), None)


def _sum_known(values: Iterable[int | None]) -> int | None:
    known = [v for v in values if v is not None]
    return sum(known) if known else None

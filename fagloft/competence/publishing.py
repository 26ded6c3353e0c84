"""Publishing the capacity and requirement figures as indicator values in `statistics`.

Values go to services, counties and the nation for the year of `today` (computed on that day).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from fagloft.competence import capacity, queries
from fagloft.competence.queries import ServiceFigures
from fagloft.organizations.models import County, Service
from fagloft.statistics.services import NewValue, record_values

INDICATOR_CODES = (
    "competence-fte", "competence-turnover", "competence-vacancies", "competence-fte-per-1000-children",
    "competence-requirement-share",
)


def _values_for(figures: Iterable[ServiceFigures], year: int, children: int | None, **unit: Any) -> list[NewValue]:
    figures = list(figures)
    fte = sum((f.fte for f in figures), Decimal(0))
    applicable = sum(f.applicable for f in figures)
    meets = sum(f.meets_now for f in figures)
    values = [
        NewValue("competence-fte", year, fte, **unit),
        NewValue("competence-vacancies", year, sum((f.vacancies.open_fte for f in figures if f.vacancies),
                                                  Decimal(0)), **unit),
        NewValue("competence-requirement-share", year,
                 Decimal(meets * 100) / applicable if applicable else None, numerator=meets,
                 denominator=applicable, **unit),
        NewValue("competence-fte-per-1000-children", year, capacity.per_thousand_children(fte, children),
                 numerator=fte, denominator=children, **unit),
    ]
    parts = [f.turnover_parts[year] for f in figures if year in f.turnover_parts]
    leavers = sum(n for n, _ in parts)
    average = sum((a for _, a in parts), Decimal(0))
    values.append(NewValue("competence-turnover", year, capacity.turnover_from(parts), numerator=leavers,
                           denominator=average, **unit))
    return values


def publish_all(actor: Any, today: datetime.date) -> int:
    services = list(Service.objects.prefetch_related("coverages__municipality"))
    figures = queries.figures_for([s.pk for s in services], today)
    children = {s.pk: queries.children_served(s, today.year) for s in services}
    values: list[NewValue] = []
    for service in services:
        values += _values_for([figures[service.pk]], today.year, children[service.pk], service_id=service.pk)
    for county in County.objects.valid_on(today):
        ids = list(queries.services_in_county(county, today).values_list("pk", flat=True))
        if ids:
            values += _values_for([figures[i] for i in ids], today.year,
                                  _sum_known(children[i] for i in ids), county_id=county.pk)
    values += _values_for(figures.values(), today.year, _sum_known(children.values()), is_national=True)
    return record_values(actor, values, source="computed", source_detail="Beregnet fra ansatteregisteret")


def _sum_known(values: Iterable[int | None]) -> int | None:
    known = [v for v in values if v is not None]
    return sum(known) if known else None

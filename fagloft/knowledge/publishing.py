"""Publishing coverage figures as indicator values in `statistics`, so the assessment's «measures on
every level» theme (a signal rule on `knowledge-coverage-gaps` or the shares) and other apps read
them without importing this one.

Values go to municipalities, to services (the municipalities they cover, summed), counties and the
nation, for the year of `today`. `publish_coverage_job` is the scheduled system job (`fagloft
knowledge publish`); the page's button runs `publish_coverage` as Bufdir or the administrator.
Idempotent: each run replaces the computed values of the same indicator, unit and year.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.utils import timezone

from fagloft.accounts.use_cases import system_job, use_case
from fagloft.knowledge import coverage as rules
from fagloft.knowledge.permissions import PUBLISH_COVERAGE
from fagloft.knowledge.queries import coverage_for
from fagloft.organizations.models import CountyMembershipPeriod, ServiceCoverage
from fagloft.statistics.publishing import NewValue, record_values

SHARE = "knowledge-coverage-share"
GAPS = "knowledge-coverage-gaps"
LEVEL_CODES = {level: f"knowledge-coverage-{level}" for level in rules.LEVELS}
SOURCE_DETAIL = "Beregnet fra tiltaksbanken"


def _share(numerator: int, denominator: int) -> Decimal | None:
    return Decimal(numerator * 100) / denominator if denominator else None


def _values(items: Iterable[rules.MunicipalityCoverage], year: int, with_gaps: bool, **unit: Any) -> list[NewValue]:
    items = list(items)
    available = sum(c.available for c in items)
    recommended = sum(c.recommended for c in items)
    values = [
        NewValue(SHARE, year, _share(available, recommended), numerator=available, denominator=recommended, **unit)
    ]
    for level, code in LEVEL_CODES.items():
        a = sum(c.levels[level].available for c in items)
        r = sum(len(c.levels[level].recommended) for c in items)
        values.append(NewValue(code, year, _share(a, r), numerator=a, denominator=r, **unit))
    if with_gaps:
        values.append(NewValue(GAPS, year, max((c.gaps for c in items), default=0), **unit))
    return values


def coverage_values(today: datetime.date) -> list[NewValue]:
    figures = coverage_for(None, today)
    year = today.year
    values: list[NewValue] = []
    for municipality_id, item in figures.items():
        values += _values([item], year, True, municipality_id=municipality_id)
    served: dict[int, list[int]] = defaultdict(list)
    for service_id, municipality_id in ServiceCoverage.objects.valid_on(today).values_list(
        "service_id", "municipality_id"
    ):
        served[service_id].append(municipality_id)
    for service_id, ids in served.items():
        values += _values([figures[m] for m in ids if m in figures], year, True, service_id=service_id)
    counties: dict[int, list[int]] = defaultdict(list)
    for county_id, municipality_id in CountyMembershipPeriod.objects.valid_on(today).values_list(
        "county_id", "municipality_id"
    ):
        counties[county_id].append(municipality_id)
    for county_id, ids in counties.items():
        values += _values([figures[m] for m in ids if m in figures], year, False, county_id=county_id)
    if figures:
        values += _values(figures.values(), year, False, is_national=True)
    return values


@use_case(PUBLISH_COVERAGE)
def publish_coverage(actor: Any, today: datetime.date | None = None) -> int:
    today = today or timezone.localdate()
    return record_values(actor, coverage_values(today), source="computed", source_detail=SOURCE_DETAIL)


@system_job
def publish_coverage_job(actor: Any = None, today: datetime.date | None = None) -> int:
    """The nightly job: this year's coverage figures."""
    return publish_coverage(None, today or timezone.localdate())

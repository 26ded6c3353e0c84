"""Publishing indicator values: the one primitive every writer of figures goes through.

SSB imports, a service's KOSTRA 15F figures (kostra), the competence register's FTE, turnover and
vacancies (competence), hand-entered values and computed aggregates all end in `record_values`.
It is not a use case of its own: it runs inside the caller's use case (which has checked who may
publish what, e.g. `imports.import_file` for IMPORT_SSB, kostra's store for the service's own
figures), in the caller's transaction, all or nothing. It checks what every value must satisfy
whoever writes it: a known indicator, one unit, and bounds the database column can hold
(`bounds.py`), so a figure that would break every page afterwards is refused before anything is
written.
"""

from __future__ import annotations

import decimal
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any, cast

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fagloft.audit.models import AuditEvent
from fagloft.audit.services import record
from fagloft.organizations.models import Municipality, Population
from fagloft.organizations.queries import children_0_17
from fagloft.statistics import bounds
from fagloft.statistics.models import Indicator, IndicatorValue


@dataclass(frozen=True)
class NewValue:
    indicator_code: str
    year: int
    value: decimal.Decimal | float | int | None
    service_id: int | None = None
    municipality_id: int | None = None
    county_id: int | None = None
    is_national: bool = False
    half: int = 0
    numerator: decimal.Decimal | float | int | None = None
    denominator: decimal.Decimal | float | int | None = None
    is_preliminary: bool = False

    @property
    def unit_key(self) -> str:
        return IndicatorValue.key_for(self.service_id, self.municipality_id, self.county_id, self.is_national)


def _dec(value: Any) -> decimal.Decimal | None:
    # Rounded to the column's places here, so SQLite stores what PostgreSQL would.
    return None if value is None else bounds.rounded(decimal.Decimal(str(value)))


def record_values(
    actor: Any,
    values: Iterable[NewValue],
    source: str,
    source_detail: str = "",
    progress: Callable[[int], Any] | None = None,
) -> int:
    """Create or replace values (same indicator, unit, period and source). All or nothing.

    Unknown indicator codes raise `Indicator.DoesNotExist` and nothing is written. For indicators
    per 1,000 children 0–17 given only as a value, the numerator and the population denominator are
    filled in, so county and national figures can be computed from them. `progress(n)` is called
    after every n values written (for progress bars).
    """
    values = list(values)
    with transaction.atomic():
        return _record(actor, values, source, source_detail, progress)


def _record(
    actor: Any, values: list[NewValue], source: str, source_detail: str, progress: Callable[[int], Any] | None
) -> int:
    indicators = {i.code: i for i in Indicator.objects.filter(code__in={v.indicator_code for v in values})}
    unknown = sorted({v.indicator_code for v in values} - set(indicators))
    if unknown:
        raise Indicator.DoesNotExist(f"Ukjent indikator: {unknown[0]}")
    if any(not new.unit_key for new in values):
        raise ValueError("En indikatorverdi må høre til en tjeneste, en kommune, et fylke eller hele landet")
    _check_bounds(values)  # before the population fill, which multiplies the value
    values = with_population_denominators(values, indicators)
    _check_bounds(values)  # the numerators it computed
    recorded_by = actor if getattr(actor, "is_authenticated", False) else None
    _upsert(values, indicators, source, source_detail[:300], recorded_by, progress)
    if values and source != IndicatorValue.Source.COMPUTED:
        _audit_batch(actor, values, indicators, source, source_detail)
    return len(values)


def _check_bounds(values: list[NewValue]) -> None:
    """Refuse the whole batch at the first value the tables cannot hold (nothing is written yet)."""
    for number, new in enumerate(values, start=1):
        problem = bounds.problem_in(new)
        if problem is not None:
            field, message = problem
            raise bounds.OutOfBounds(
                _(
                    "Verdi %(n)s av %(total)s (%(indicator)s, %(year)s, felt «%(field)s»): %(message)s "
                    "Ingenting ble lagret."
                )
                % {
                    "n": number,
                    "total": len(values),
                    "indicator": new.indicator_code,
                    "year": new.year,
                    "field": field,
                    "message": message,
                },
                field=field,
            )


def _upsert(
    values: list[NewValue],
    indicators: dict[str, Indicator],
    source: str,
    detail: str,
    recorded_by: Any,
    progress: Callable[[int], Any] | None,
) -> None:
    """Replace existing rows with the same key and create the rest, in bulk (a national import is
    357 municipalities × many years; row-by-row saving would take minutes)."""
    latest = {(indicators[v.indicator_code].pk, v.year, v.half, v.unit_key): v for v in values}  # last one wins
    existing = {
        (row.indicator_id, row.year, row.half, row.unit_key): row
        for row in IndicatorValue.objects.filter(
            source=source,
            indicator__in={k[0] for k in latest},
            year__in={k[1] for k in latest},
            unit_key__in={k[3] for k in latest},
        )
    }
    now = timezone.now()
    to_update: list[IndicatorValue] = []
    to_create: list[IndicatorValue] = []
    for key, new in latest.items():
        row = existing.get(key) or IndicatorValue(
            indicator_id=key[0], year=new.year, half=new.half, unit_key=new.unit_key, source=source
        )
        row.service_id, row.municipality_id, row.county_id = new.service_id, new.municipality_id, new.county_id
        row.is_national = new.is_national
        row.value, row.numerator, row.denominator = _dec(new.value), _dec(new.numerator), _dec(new.denominator)
        row.source_detail, row.is_preliminary, row.recorded_by, row.recorded_at = (
            detail,
            new.is_preliminary,
            recorded_by,
            now,
        )
        (to_update if row.pk else to_create).append(row)
    for start in range(0, max(len(to_update), len(to_create)), BATCH):
        IndicatorValue.objects.bulk_create(to_create[start : start + BATCH])
        IndicatorValue.objects.bulk_update(to_update[start : start + BATCH], UPDATED_FIELDS)
        if progress is not None:
            progress(len(to_create[start : start + BATCH]) + len(to_update[start : start + BATCH]))


BATCH = 500
UPDATED_FIELDS = [
    "service",
    "municipality",
    "county",
    "is_national",
    "value",
    "numerator",
    "denominator",
    "source_detail",
    "is_preliminary",
    "recorded_by",
    "recorded_at",
]


def _audit_batch(
    actor: Any, values: list[NewValue], indicators: dict[str, Indicator], source: str, source_detail: str
) -> None:
    first = values[0]
    record(
        actor,
        AuditEvent.Verb.IMPORT,
        indicators[first.indicator_code],
        {
            "antall": [None, len(values)],
            "år": [None, sorted({v.year for v in values})],
            "indikatorer": [None, sorted(indicators)],
        },
        message=f"{len(values)} indikatorverdier ({source}) {source_detail}"[:500],
        scope={"service_id": first.service_id, "municipality_id": first.municipality_id, "county_id": first.county_id},
    )


def with_population_denominators(values: list[NewValue], indicators: dict[str, Indicator]) -> list[NewValue]:
    """Fill numerator and denominator (children 0–17) for per-children municipality values given as a value."""

    def needs(v: NewValue) -> bool:
        return bool(
            v.municipality_id
            and v.value is not None
            and v.numerator is None
            and indicators[v.indicator_code].aggregation == Indicator.Aggregation.PER_CHILDREN
        )

    wanted = [v for v in values if needs(v)]
    if not wanted:
        return values
    children = {
        (m, y): c
        for m, y, c in Population.objects.filter(
            municipality_id__in={v.municipality_id for v in wanted},
            year__in={v.year for v in wanted},
        ).values_list("municipality_id", "year", "children")
    }
    return [_with_children(v, indicators[v.indicator_code], children) if needs(v) else v for v in values]


def _with_children(new: NewValue, indicator: Indicator, children: dict[tuple[int, int], int]) -> NewValue:
    # Only values that `needs()` picked reach here: a municipality's, with a value.
    municipality_id = cast(int, new.municipality_id)
    count = children.get((municipality_id, new.year))
    if count is None:  # a renumbered municipality: its predecessor's figure
        count = children_0_17(Municipality.objects.get(pk=municipality_id), new.year)
    if not count:
        return new
    numerator = (cast(decimal.Decimal, _dec(new.value)) * count / decimal.Decimal(indicator.scale)).quantize(
        decimal.Decimal("0.0001")
    )
    return replace(new, numerator=numerator, denominator=count)

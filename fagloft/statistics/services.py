"""Writing indicator values. Other apps (kostra, competence) publish their figures through here."""

from __future__ import annotations

import decimal
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fagloft.accounts.access import can
from fagloft.audit.models import AuditEvent
from fagloft.audit.services import record
from fagloft.organizations.models import County, Municipality, Population, Service
from fagloft.organizations.queries import children_0_17
from fagloft.statistics.aggregation import aggregate
from fagloft.statistics.models import Indicator, IndicatorValue
from fagloft.statistics.permissions import ENTER_AREA_VALUES, ENTER_OWN_VALUES


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
    return None if value is None else decimal.Decimal(str(value))


@transaction.atomic
def record_values(actor: Any, values: Iterable[NewValue], source: str, source_detail: str = "",
                  progress: Callable[[int], Any] | None = None) -> int:
    """Create or replace values (same indicator, unit, period and source). All or nothing.

    Unknown indicator codes raise `Indicator.DoesNotExist` and nothing is written. For indicators
    per 1,000 children 0–17 given only as a value, the numerator and the population denominator are
    filled in, so county and national figures can be computed from them. `progress(n)` is called
    after every n values written (for progress bars).
    """
    values = list(values)
    indicators = {i.code: i for i in Indicator.objects.filter(code__in={v.indicator_code for v in values})}
    unknown = sorted({v.indicator_code for v in values} - set(indicators))
    if unknown:
        raise Indicator.DoesNotExist(f"Ukjent indikator: {unknown[0]}")
    values = with_population_denominators(values, indicators)
    if any(not new.unit_key for new in values):
        raise ValueError("En indikatorverdi må høre til en tjeneste, en kommune, et fylke eller hele landet")
    recorded_by = actor if getattr(actor, "is_authenticated", False) else None
    _upsert(values, indicators, source, source_detail[:300], recorded_by, progress)
    if values and source != IndicatorValue.Source.COMPUTED:
        _audit_batch(actor, values, indicators, source, source_detail)
    return len(values)


def _upsert(values: list[NewValue], indicators: dict[str, Indicator], source: str, detail: str,
            recorded_by: Any, progress: Callable[[int], Any] | None) -> None:
    """Replace existing rows with the same key and create the rest, in bulk (a national import is
    357 municipalities × many years; row-by-row saving would take minutes)."""
    latest = {(indicators[v.indicator_code].pk, v.year, v.half, v.unit_key): v for v in values}  # last one wins
    existing = {
        (row.indicator_id, row.year, row.half, row.unit_key): row
        for row in IndicatorValue.objects.filter(
            source=source, indicator__in={k[0] for k in latest}, year__in={k[1] for k in latest},
            unit_key__in={k[3] for k in latest},
        )
    }
    now = timezone.now()
    to_update, to_create = [], []
    for key, new in latest.items():
        row = existing.get(key) or IndicatorValue(indicator_id=key[0], year=new.year, half=new.half,
                                                  unit_key=new.unit_key, source=source)
        row.service_id, row.municipality_id, row.county_id = new.service_id, new.municipality_id, new.county_id
        row.is_national = new.is_national
        row.value, row.numerator, row.denominator = _dec(new.value), _dec(new.numerator), _dec(new.denominator)
        row.source_detail, row.is_preliminary, row.recorded_by, row.recorded_at = detail, new.is_preliminary, \
            recorded_by, now
        (to_update if row.pk else to_create).append(row)
    for start in range(0, max(len(to_update), len(to_create)), BATCH):
        IndicatorValue.objects.bulk_create(to_create[start:start + BATCH])
        IndicatorValue.objects.bulk_update(to_update[start:start + BATCH], UPDATED_FIELDS)
        if progress is not None:
            progress(len(to_create[start:start + BATCH]) + len(to_update[start:start + BATCH]))


BATCH = 500
UPDATED_FIELDS = ["service", "municipality", "county", "is_national", "value", "numerator", "denominator",
                  "source_detail", "is_preliminary", "recorded_by", "recorded_at"]


def _audit_batch(actor: Any, values: list[NewValue], indicators: dict[str, Indicator], source: str,
                 source_detail: str) -> None:
    first = values[0]
    record(actor, AuditEvent.Verb.IMPORT, indicators[first.indicator_code],
           {"antall": [None, len(values)], "år": [None, sorted({v.year for v in values})],
            "indikatorer": [None, sorted(indicators)]},
           message=f"{len(values)} indikatorverdier ({source}) {source_detail}"[:500],
           scope={"service_id": first.service_id, "municipality_id": first.municipality_id,
                  "county_id": first.county_id})


def with_population_denominators(values: list[NewValue], indicators: dict[str, Indicator]) -> list[NewValue]:
    """Fill numerator and denominator (children 0–17) for per-children municipality values given as a value."""
    def needs(v: NewValue) -> bool:
        return bool(v.municipality_id and v.value is not None and v.numerator is None
                    and indicators[v.indicator_code].aggregation == Indicator.Aggregation.PER_CHILDREN)

    wanted = [v for v in values if needs(v)]
    if not wanted:
        return values
    children = {
        (m, y): c for m, y, c in Population.objects.filter(
            municipality_id__in={v.municipality_id for v in wanted}, year__in={v.year for v in wanted},
        ).values_list("municipality_id", "year", "children")
    }
    return [_with_children(v, indicators[v.indicator_code], children) if needs(v) else v for v in values]


def _with_children(new: NewValue, indicator: Indicator, children: dict[tuple[int, int], int]) -> NewValue:
    count = children.get((new.municipality_id, new.year))
    if count is None:  # a renumbered municipality: its predecessor's figure
        count = children_0_17(Municipality.objects.get(pk=new.municipality_id), new.year)
    if not count:
        return new
    numerator = (_dec(new.value) * count / decimal.Decimal(indicator.scale)).quantize(decimal.Decimal("0.0001"))
    return replace(new, numerator=numerator, denominator=count)


def enter_value(actor: Any, *, indicator: Indicator, unit: Service | Municipality | County | None, year: int,
                value: decimal.Decimal | None, half: int = 0, numerator: decimal.Decimal | None = None,
                denominator: decimal.Decimal | None = None) -> IndicatorValue:
    """Enter one value by hand (audited). `unit` None means the nation.

    Service leaders enter their service's own-registration indicators; county advisors, Bufdir and
    admins enter values for counties and municipalities (the nation: Bufdir and admins).
    """
    check_may_enter(actor, indicator, unit)
    if value is None and (numerator is None or not denominator):
        raise ValidationError(_("Oppgi en verdi, eller både teller og nevner."))
    if value is None:
        value = (decimal.Decimal(numerator) / decimal.Decimal(denominator) * indicator.scale).quantize(
            decimal.Decimal("0.0001"))
    new = NewValue(indicator.code, year, value, half=half, numerator=numerator, denominator=denominator,
                   **_unit_fields(unit))
    record_values(actor, [new], IndicatorValue.Source.MANUAL, _("Registrert for hånd"))
    return IndicatorValue.objects.get(indicator=indicator, year=year, half=half, unit_key=new.unit_key,
                                      source=IndicatorValue.Source.MANUAL)


def _unit_fields(unit: Service | Municipality | County | None) -> dict[str, Any]:
    if isinstance(unit, Service):
        return {"service_id": unit.pk}
    if isinstance(unit, Municipality):
        return {"municipality_id": unit.pk}
    if isinstance(unit, County):
        return {"county_id": unit.pk}
    return {"is_national": True}


LEVEL_OF_UNIT = {Service: "service", Municipality: "municipality", County: "county"}


def may_enter(actor: Any, indicator: Indicator, unit: Service | Municipality | County | None) -> bool:
    level = LEVEL_OF_UNIT.get(type(unit), "nation")
    if level not in (indicator.levels or []):
        return False
    if level == "service":
        return indicator.source == Indicator.Source.OWN and can(actor, ENTER_OWN_VALUES, unit)
    if unit is None:
        from fagloft.accounts.access import scope_q

        return can(actor, ENTER_AREA_VALUES) and scope_q(actor, ENTER_AREA_VALUES, IndicatorValue) is None
    return can(actor, ENTER_AREA_VALUES, unit)


def check_may_enter(actor: Any, indicator: Indicator, unit: Service | Municipality | County | None) -> None:
    if not may_enter(actor, indicator, unit):
        raise PermissionDenied(_("Du kan ikke registrere denne indikatoren for denne enheten."))


@transaction.atomic
def store_aggregates(actor: Any, indicators: list[Indicator], counties: Iterable[County]) -> int:
    """Store county and national values computed from municipality values (source "computed")."""
    from fagloft.organizations.queries import municipalities_in_county

    new: list[NewValue] = []
    by_id = {i.pk: i for i in indicators}
    for county in counties:
        for (indicator_id, year, half), agg in aggregate(indicators, municipalities_in_county(county)).items():
            if agg.value is not None:
                new.append(NewValue(by_id[indicator_id].code, year, agg.value, county_id=county.pk, half=half,
                                    numerator=agg.numerator, denominator=agg.denominator))
    for (indicator_id, year, half), agg in aggregate(indicators, None).items():
        if agg.value is not None:
            new.append(NewValue(by_id[indicator_id].code, year, agg.value, is_national=True, half=half,
                                numerator=agg.numerator, denominator=agg.denominator))
    return record_values(actor, new, IndicatorValue.Source.COMPUTED, _("Summert fra kommunenes tall"))

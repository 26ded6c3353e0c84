"""Writing indicator values. Other apps (kostra, competence) publish their figures through here."""

from __future__ import annotations

import decimal
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from fagloft.audit.models import AuditEvent
from fagloft.audit.services import record
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


def _dec(value: Any) -> decimal.Decimal | None:
    return None if value is None else decimal.Decimal(str(value))


@transaction.atomic
def record_values(actor: Any, values: Iterable[NewValue], source: str, source_detail: str = "") -> int:
    """Create or replace values (same indicator, unit, period and source). All or nothing.

    Unknown indicator codes raise `Indicator.DoesNotExist` and nothing is written.
    """
    values = list(values)
    indicators = {i.code: i for i in Indicator.objects.filter(code__in={v.indicator_code for v in values})}
    written = 0
    for new in values:
        indicator = indicators.get(new.indicator_code)
        if indicator is None:
            raise Indicator.DoesNotExist(f"Ukjent indikator: {new.indicator_code}")
        IndicatorValue.objects.update_or_create(
            indicator=indicator, year=new.year, half=new.half, service_id=new.service_id,
            municipality_id=new.municipality_id, county_id=new.county_id, is_national=new.is_national,
            source=source,
            defaults={
                "value": _dec(new.value), "numerator": _dec(new.numerator), "denominator": _dec(new.denominator),
                "source_detail": source_detail[:300], "is_preliminary": new.is_preliminary,
                "recorded_by": actor if getattr(actor, "is_authenticated", False) else None,
            },
        )
        written += 1
    if values and source in (IndicatorValue.Source.MANUAL, IndicatorValue.Source.KOSTRA_15F):
        first = values[0]
        record(actor, AuditEvent.Verb.IMPORT, next(iter(indicators.values())),
               {"antall": [None, written], "år": [None, first.year]},
               message=f"{written} indikatorverdier ({source}) {source_detail}"[:500],
               scope={"service_id": first.service_id, "municipality_id": first.municipality_id,
                      "county_id": first.county_id})
    return written

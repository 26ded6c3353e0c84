"""Writing indicator values: by hand (one use case per level) and the computed county and national
aggregates. Other apps (kostra, competence) publish their figures with `record_values`
(`publishing.py`), re-exported here, inside their own use cases."""

from __future__ import annotations

import decimal
from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _

from fagloft.accounts.access import can
from fagloft.accounts.use_cases import not_a_use_case, system_job, use_case
from fagloft.audit.models import AuditEvent
from fagloft.audit.services import record
from fagloft.lib.refusals import Refused
from fagloft.organizations.models import County, Municipality, Service
from fagloft.statistics import bounds
from fagloft.statistics.aggregation import aggregate
from fagloft.statistics.models import Indicator, IndicatorValue
from fagloft.statistics.permissions import ENTER_AREA_VALUES, ENTER_NATIONAL_VALUES, ENTER_OWN_VALUES
from fagloft.statistics.publishing import NewValue, record_values

__all__ = [
    "NewValue",
    "enter_area_value",
    "enter_national_value",
    "enter_own_value",
    "may_enter",
    "record_values",
    "store_aggregates",
]

Unit = Service | Municipality | County | None
LEVEL_OF_UNIT: dict[type[Unit], str] = {Service: "service", Municipality: "municipality", County: "county"}


def _enter(
    actor: Any,
    indicator: Indicator,
    unit: Unit,
    year: int,
    value: decimal.Decimal | None,
    half: int,
    numerator: decimal.Decimal | None,
    denominator: decimal.Decimal | None,
) -> IndicatorValue:
    """One value by hand (audited), after the indicator's own rules: its levels and, for a service,
    that it is one of the service's own-registration indicators."""
    level = LEVEL_OF_UNIT.get(type(unit), "nation")
    if level not in (indicator.levels or []) or (level == "service" and indicator.source != Indicator.Source.OWN):
        raise Refused(
            _("Indikatoren «%(name)s» kan ikke registreres for denne enheten.") % {"name": indicator.name},
            field="indicator",
        )
    if value is None:
        if numerator is None or not denominator:
            raise Refused(_("Oppgi en verdi, eller både teller og nevner."), field="value")
        quotient = decimal.Decimal(numerator) / decimal.Decimal(denominator) * indicator.scale
        problem = bounds.number_problem(quotient)
        if problem:
            raise bounds.OutOfBounds(
                _("Verdien teller / nevner blir for stor: %(problem)s") % {"problem": problem}, field="numerator"
            )
        value = bounds.rounded(quotient)
    new = NewValue(
        indicator.code, year, value, half=half, numerator=numerator, denominator=denominator, **_unit_fields(unit)
    )
    record_values(actor, [new], IndicatorValue.Source.MANUAL, _("Registrert for hånd"))
    return IndicatorValue.objects.get(
        indicator=indicator, year=year, half=half, unit_key=new.unit_key, source=IndicatorValue.Source.MANUAL
    )


@use_case(ENTER_OWN_VALUES, on="service")
def enter_own_value(
    actor: Any,
    *,
    indicator: Indicator,
    service: Service,
    year: int,
    value: decimal.Decimal | None,
    half: int = 0,
    numerator: decimal.Decimal | None = None,
    denominator: decimal.Decimal | None = None,
) -> IndicatorValue:
    """The service leader enters one of the service's own-registration indicators."""
    return _enter(actor, indicator, service, year, value, half, numerator, denominator)


@use_case(ENTER_AREA_VALUES, on="area")
def enter_area_value(
    actor: Any,
    *,
    indicator: Indicator,
    area: Municipality | County,
    year: int,
    value: decimal.Decimal | None,
    half: int = 0,
    numerator: decimal.Decimal | None = None,
    denominator: decimal.Decimal | None = None,
) -> IndicatorValue:
    """A county advisor (or Bufdir, admin) enters a value for a county or one of its municipalities."""
    return _enter(actor, indicator, area, year, value, half, numerator, denominator)


@use_case(ENTER_NATIONAL_VALUES)
def enter_national_value(
    actor: Any,
    *,
    indicator: Indicator,
    year: int,
    value: decimal.Decimal | None,
    half: int = 0,
    numerator: decimal.Decimal | None = None,
    denominator: decimal.Decimal | None = None,
) -> IndicatorValue:
    """Bufdir (or an admin) enters a value for the whole country."""
    return _enter(actor, indicator, None, year, value, half, numerator, denominator)


def _unit_fields(unit: Unit) -> dict[str, Any]:
    if isinstance(unit, Service):
        return {"service_id": unit.pk}
    if isinstance(unit, Municipality):
        return {"municipality_id": unit.pk}
    if isinstance(unit, County):
        return {"county_id": unit.pk}
    return {"is_national": True}


@not_a_use_case
def may_enter(actor: Any, indicator: Indicator, unit: Unit) -> bool:
    """Whether the entry page should offer `unit` for `indicator` (the use cases decide again)."""
    level = LEVEL_OF_UNIT.get(type(unit), "nation")
    if level not in (indicator.levels or []):
        return False
    if level == "service":
        return indicator.source == Indicator.Source.OWN and can(actor, ENTER_OWN_VALUES, unit)
    if unit is None:
        return can(actor, ENTER_NATIONAL_VALUES)
    return can(actor, ENTER_AREA_VALUES, unit)


@system_job
def store_aggregates(actor: Any, indicators: list[Indicator], counties: Iterable[County]) -> int:
    """Store county and national values computed from municipality values (source "computed")."""
    from fagloft.organizations.queries import municipalities_in_county

    new: list[NewValue] = []
    by_id = {i.pk: i for i in indicators}
    counties = list(counties)
    for county in counties:
        for (indicator_id, year, half), agg in aggregate(indicators, municipalities_in_county(county)).items():
            if agg.value is not None:
                new.append(
                    NewValue(
                        by_id[indicator_id].code,
                        year,
                        agg.value,
                        county_id=county.pk,
                        half=half,
                        numerator=agg.numerator,
                        denominator=agg.denominator,
                    )
                )
    for (indicator_id, year, half), agg in aggregate(indicators, None).items():
        if agg.value is not None:
            new.append(
                NewValue(
                    by_id[indicator_id].code,
                    year,
                    agg.value,
                    is_national=True,
                    half=half,
                    numerator=agg.numerator,
                    denominator=agg.denominator,
                )
            )
    detail = _("Summert fra kommunenes tall")
    stored = record_values(actor, new, IndicatorValue.Source.COMPUTED, detail)
    # `record_values` leaves the computed source to its caller: a run spans every county and the
    # nation, so one event per run says who computed how many values of which indicators, where.
    if new:
        by_code = {i.code: i for i in indicators}
        with_values = {v.county_id for v in new}
        record(
            actor,
            AuditEvent.Verb.IMPORT,
            by_code[new[0].indicator_code],
            {
                "antall": [None, stored],
                "år": [None, sorted({v.year for v in new})],
                "indikatorer": [None, sorted({v.indicator_code for v in new})],
                "fylker": [None, sorted(c.number for c in counties if c.pk in with_values)],
                "hele landet": [None, any(v.is_national for v in new)],
            },
            message=f"{stored} indikatorverdier ({IndicatorValue.Source.COMPUTED}) {detail}"[:500],
            scope={},
        )
    return stored

"""Demo values: ten years of plausible indicator values for the demo county's municipalities, the
county and the nation, and a service's own registrations. Every value says "demodata" as its source
detail, so nobody mistakes it for SSB's figures.
"""

from __future__ import annotations

import math
from typing import Any

from fagloft.organizations.models import Population
from fagloft.statistics.aggregation import aggregate
from fagloft.statistics.models import Indicator, IndicatorValue
from fagloft.statistics.services import NewValue, record_values

DEMO_DETAIL = "demodata"
NATIONAL_CHILDREN = 1_118_608  # SSB, 1 January 2020 (see ../shared/data/README.md)

# code: (typical value, spread between municipalities, yearly trend, denominator per 1,000 children).
# The denominator is only used for ratio indicators; per-children ones divide by the children.
PROFILE: dict[str, tuple[float, float, float, float]] = {
    "kostra-undersokelser-innen-frist": (80, 10, 0.6, 40),
    "kostra-undersokelser-innen-6-mnd": (95, 4, 0.2, 40),
    "kostra-meldinger-innen-frist": (95, 4, 0.2, 50),
    "kostra-tiltaksplan-andel": (85, 8, 0.8, 25),
    "kostra-tiltaksplan-evaluert": (70, 12, 1.0, 20),
    "kostra-barn-med-tiltak-per-1000": (35, 8, -0.5, 0),
    "kostra-barn-med-undersokelse-andel": (4.5, 1, 0, 0),
    "kostra-barn-med-melding": (5, 1.2, 0.05, 0),
    "kostra-hjelpetiltak-i-hjemmet": (70, 8, -0.3, 35),
    "kostra-plassert-utenfor-hjemmet": (12, 3, -0.1, 0),
    "kostra-plasseringer-fosterhjem-familie": (30, 10, 0.8, 8),
    "kostra-akuttvedtak-per-1000": (2.0, 0.8, -0.02, 0),
    "kostra-barn-per-arsverk": (15, 3, -0.2, 3),
    "kostra-flyttinger-per-plassert-barn": (0.3, 0.15, 0, 10),
    "kostra-meldinger-mottatt": (50, 10, 0.5, 0),
    "kostra-barn-med-undersokelse": (45, 10, 0.2, 0),
    "kostra-barn-med-tiltak": (38, 8, -0.4, 0),
    "kostra-barn-med-tiltak-3112": (28, 6, -0.3, 0),
    "kostra-plasseringer-fosterhjem-ellers": (6, 2, -0.05, 0),
    "kostra-plasseringer-institusjon": (1.5, 0.8, 0, 0),
    "ssb-fagstillinger-per-1000": (4.5, 1.2, 0.05, 0),
    "ssb-utgifter-per-barn-0-17": (14000, 3000, 300, 0),
    "ssb-utgifter-per-barn-i-barnevernet": (190000, 40000, 4000, 45),
    "ssb-utgifter-per-barn-plassert": (550000, 100000, 12000, 12),
    "ssb-utgifter-per-barn-tiltak-i-hjemmet": (70000, 20000, 1500, 30),
    "ssb-andel-utgifter-saksbehandling": (30, 6, 0.3, 14_000_000),
    "ssb-andel-kommunens-utgifter": (3.5, 0.8, 0.02, 400_000_000),
    "ssb-forebygging-per-barn": (7000, 1500, 150, 0),
    "ssb-barn-lavinntekt": (10, 3, 0.1, 1000),
}
COUNTS = {
    "kostra-meldinger-mottatt",
    "kostra-barn-med-undersokelse",
    "kostra-barn-med-tiltak",
    "kostra-barn-med-tiltak-3112",
    "kostra-plasseringer-fosterhjem-ellers",
    "kostra-plasseringer-institusjon",
}


def build(ctx: Any) -> None:
    indicators = {i.code: i for i in Indicator.objects.filter(code__in=[*PROFILE, "ssb-barn-0-17"])}
    years = list(range(ctx.year - 9, ctx.year + 1))
    children = _children(ctx.municipalities, years)
    values = []
    for municipality in ctx.municipalities:
        level = {code: ctx.rng.gauss(0, 1) for code in PROFILE}  # each municipality keeps its own level
        for year in years:
            count = children.get((municipality.pk, year)) or 500
            values.extend(_municipality_values(ctx, indicators, municipality.pk, year, count, level))
    record_values(None, values, IndicatorValue.Source.SSB, DEMO_DETAIL)
    _county_values(ctx, list(indicators.values()))
    record_values(None, _national_values(ctx, indicators, years), IndicatorValue.Source.SSB, DEMO_DETAIL)
    _service_values(ctx, years)
    ctx.log(f"  statistikk: {len(values)} kommuneverdier, fylke og land for {years[0]}–{years[-1]} (demodata)")


def _children(municipalities: list[Any], years: list[int]) -> dict[tuple[int, int], int]:
    """Children 0–17 per municipality and year; years after the newest population carry it forward."""
    rows = Population.objects.filter(municipality__in=municipalities).order_by("year")
    known: dict[int, dict[int, int]] = {}
    for m, y, c in rows.values_list("municipality_id", "year", "children"):
        known.setdefault(m, {})[y] = c
    result = {}
    for m in municipalities:
        series = known.get(m.pk, {})
        for year in years:
            earlier = [y for y in series if y <= year]
            chosen = max(earlier) if earlier else min(series, default=None)
            if chosen is not None:
                result[(m.pk, year)] = series[chosen]
    return result


def _value_for(ctx: Any, indicator: Indicator, year: int, level: float, size: int, noise_scale: float = 1.0) -> float:
    base, spread, trend, _ = PROFILE[indicator.code]
    small = min(2.0, math.sqrt(2000 / max(size, 50)))  # small municipalities vary more
    noise = 0.7 * level + 0.3 * small * ctx.rng.gauss(0, 1)
    value = base + trend * (year - ctx.year + 9) + spread * noise_scale * noise
    return max(0.0, min(100.0, value)) if indicator.unit == "prosent" else max(0.0, value)


def _municipality_values(
    ctx: Any, indicators: dict[str, Indicator], municipality_id: int, year: int, children: int, level: dict[str, float]
) -> list[NewValue]:
    values = [NewValue("ssb-barn-0-17", year, children, municipality_id=municipality_id, numerator=children)]
    for code, (_, _, _, per_1000) in PROFILE.items():
        indicator = indicators.get(code)
        if indicator is None:
            continue
        value = _value_for(ctx, indicator, year, level[code], children)
        values.append(_figure(indicator, code, year, value, children, per_1000, municipality_id=municipality_id))
    return values


def _figure(
    indicator: Indicator, code: str, year: int, value: float, children: int, per_1000: float, **unit: Any
) -> NewValue:
    scale = float(indicator.scale)
    if code in COUNTS:
        count = round(value * children / 1000)
        return NewValue(code, year, count, numerator=count, **unit)
    if indicator.aggregation == Indicator.Aggregation.PER_CHILDREN:
        numerator = round(value * children / scale, 2)
        return NewValue(
            code, year, round(numerator / children * scale, 2), numerator=numerator, denominator=children, **unit
        )
    denominator = max(1, round(children * per_1000 / 1000))
    numerator = round(value * denominator / scale, 2)
    if scale == 100:
        numerator = min(denominator, round(numerator))  # counts of children or cases are whole
    return NewValue(
        code, year, round(numerator / denominator * scale, 2), numerator=numerator, denominator=denominator, **unit
    )


def _county_values(ctx: Any, indicators: list[Indicator]) -> None:
    """The county's figures as SSB would publish them: summed from its municipalities."""
    from fagloft.organizations.queries import municipalities_in_county

    by_id = {i.pk: i for i in indicators}
    values = [
        NewValue(
            by_id[indicator_id].code,
            year,
            agg.value,
            county_id=ctx.county.pk,
            half=half,
            numerator=agg.numerator,
            denominator=agg.denominator,
        )
        for (indicator_id, year, half), agg in aggregate(indicators, municipalities_in_county(ctx.county)).items()
        if agg.value is not None
    ]
    record_values(None, values, IndicatorValue.Source.SSB, DEMO_DETAIL)


def _national_values(ctx: Any, indicators: dict[str, Indicator], years: list[int]) -> list[NewValue]:
    values = []
    for year in years:
        values.append(NewValue("ssb-barn-0-17", year, NATIONAL_CHILDREN, is_national=True, numerator=NATIONAL_CHILDREN))
        for code, (_, _, _, per_1000) in PROFILE.items():
            if code in indicators:
                value = _value_for(ctx, indicators[code], year, 0.0, NATIONAL_CHILDREN, noise_scale=0.15)
                values.append(
                    _figure(indicators[code], code, year, value, NATIONAL_CHILDREN, per_1000, is_national=True)
                )
    return values


def _service_values(ctx: Any, years: list[int]) -> None:
    if not ctx.services or not Indicator.objects.filter(code__in=["egen-klager", "egen-avvik"]).count() == 2:
        return
    service = ctx.services[0]
    values = []
    for year in years[-5:]:
        complaints, deviations = ctx.rng.randint(0, 6), ctx.rng.randint(2, 15)
        values.append(NewValue("egen-klager", year, complaints, service_id=service.pk, numerator=complaints))
        values.append(NewValue("egen-avvik", year, deviations, service_id=service.pk, numerator=deviations))
    record_values(ctx.users.get("leder.alta"), values, IndicatorValue.Source.MANUAL, DEMO_DETAIL)

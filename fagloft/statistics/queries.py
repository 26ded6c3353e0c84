"""Reading indicators and values: for the pages, the API and other apps (assessments, reports).

Every function here runs a fixed number of queries, however many municipalities or years there are.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet

from fagloft.accounts.access import Action, can, scope_q, visible
from fagloft.organizations.models import County, Municipality, Population, Service
from fagloft.organizations.queries import municipalities_in_county
from fagloft.statistics.aggregation import SOURCE_PREFERENCE, Aggregate, aggregate
from fagloft.statistics.models import Indicator, IndicatorValue
from fagloft.statistics.permissions import VIEW_STATISTICS

_RANK: dict[str, int] = {source: position for position, source in enumerate(SOURCE_PREFERENCE)}


def active_indicators(level: str | None = None) -> list[Indicator]:
    """The active catalogue, optionally only indicators that exist for `level` (filtered in Python:
    JSON containment is not portable to SQLite, and the catalogue is small)."""
    indicators = list(Indicator.objects.filter(is_active=True))
    return [i for i in indicators if level is None or level in (i.levels or [])]


def visible_values(
    user: Any, action: Action = VIEW_STATISTICS, queryset: QuerySet[IndicatorValue] | None = None
) -> QuerySet[IndicatorValue]:
    """The values `user` may read: those of every unit the user may see with `action`, plus the nation."""
    queryset = queryset if queryset is not None else IndicatorValue.objects.all()
    if not can(user, action):
        return queryset.none()
    if scope_q(user, action, IndicatorValue) is None:
        return queryset  # a global role
    return queryset.filter(
        Q(is_national=True)
        | Q(service__in=visible(user, action, Service.objects.all()).values("pk"))
        | Q(municipality__in=visible(user, action, Municipality.objects.all()).values("pk"))
        | Q(county__in=visible(user, action, County.objects.all()).values("pk"))
    )


@dataclass(frozen=True)
class Point:
    year: int
    half: int
    value: Decimal | None
    source: str = ""
    is_preliminary: bool = False
    source_detail: str = ""

    @property
    def period(self) -> tuple[int, int]:
        return (self.year, self.half)

    @property
    def label(self) -> str:
        return str(self.year) if not self.half else f"{self.year}-{self.half}"

    @property
    def source_label(self) -> str:
        """The source in words («Registrert for hånd»), not its stored code («manual»)."""
        return str(dict(IndicatorValue.Source.choices).get(self.source, self.source))


def preferred(values: Iterable[IndicatorValue]) -> dict[tuple[int, str, int, int], IndicatorValue]:
    """One value per (indicator, unit, year, half): the preferred source (see SOURCE_PREFERENCE)."""
    best: dict[tuple[int, str, int, int], IndicatorValue] = {}
    for value in values:
        key = (value.indicator_id, value.unit_key, value.year, value.half)
        current = best.get(key)
        if current is None or _RANK.get(value.source, 99) < _RANK.get(current.source, 99):
            best[key] = value
    return best


def _aggregate_points(aggregates: dict[tuple[int, int, int], Aggregate]) -> dict[int, list[Point]]:
    series: dict[int, list[Point]] = defaultdict(list)
    for (indicator_id, year, half), agg in sorted(aggregates.items()):
        if agg.value is not None:
            series[indicator_id].append(Point(year, half, agg.value, IndicatorValue.Source.COMPUTED))
    return series


def series_for_unit(unit_key: str, indicators: list[Indicator]) -> dict[int, list[Point]]:
    """{indicator_id: points in time order} for one unit ("m:12", "c:3", "s:5" or "n"), one query.

    Reads plain rows, not model instances: a page shows hundreds of points.
    """
    rows = IndicatorValue.objects.filter(unit_key=unit_key, indicator__in=[i.pk for i in indicators]).values_list(
        "indicator_id", "year", "half", "value", "source", "is_preliminary", "source_detail"
    )
    best: dict[tuple[int, int, int], tuple[int, Point]] = {}
    for indicator_id, year, half, value, source, is_preliminary, detail in rows:
        rank = _RANK.get(source, 99)
        key = (indicator_id, year, half)
        if key not in best or rank < best[key][0]:
            best[key] = (rank, Point(year, half, value, source, is_preliminary, detail))
    series: dict[int, list[Point]] = defaultdict(list)
    for (indicator_id, _year, _half), (_rank, point) in sorted(best.items()):
        series[indicator_id].append(point)
    return series


def series_for_units(unit_keys: Iterable[str], indicators: Iterable[Indicator]) -> dict[str, dict[int, list[Point]]]:
    """{unit_key: series_for_unit(unit_key, indicators)} for many units, one query for them all
    (a list of projects, each measured for its own lead municipality)."""
    keys = sorted(set(unit_keys))
    indicator_ids = sorted({i.pk for i in indicators})
    if not keys or not indicator_ids:
        return {}
    rows = IndicatorValue.objects.filter(unit_key__in=keys, indicator__in=indicator_ids).values_list(
        "unit_key", "indicator_id", "year", "half", "value", "source", "is_preliminary", "source_detail"
    )
    best: dict[tuple[str, int, int, int], tuple[int, Point]] = {}
    for unit_key, indicator_id, year, half, value, source, is_preliminary, detail in rows:
        rank = _RANK.get(source, 99)
        key = (unit_key, indicator_id, year, half)
        if key not in best or rank < best[key][0]:
            best[key] = (rank, Point(year, half, value, source, is_preliminary, detail))
    found: dict[str, dict[int, list[Point]]] = {}
    for (unit_key, indicator_id, _year, _half), (_rank, point) in sorted(best.items()):
        found.setdefault(unit_key, defaultdict(list))[indicator_id].append(point)
    return found


def latest_value(indicator: Indicator, unit_key: str) -> IndicatorValue | None:
    """The newest value of `indicator` for the unit, from the preferred source. One query."""
    values = list(IndicatorValue.objects.filter(indicator=indicator, unit_key=unit_key).order_by("-year", "-half")[:8])
    if not values:
        return None
    newest = (values[0].year, values[0].half)
    return preferred(v for v in values if (v.year, v.half) == newest)[(indicator.pk, unit_key, *newest)]


def _merge(stored: dict[int, list[Point]], computed: dict[int, list[Point]]) -> dict[int, list[Point]]:
    """Stored values (SSB's published county and national figures) win over computed ones."""
    merged: dict[int, list[Point]] = {}
    for indicator_id in set(stored) | set(computed):
        by_period = {p.period: p for p in computed.get(indicator_id, [])}
        by_period.update({p.period: p for p in stored.get(indicator_id, [])})
        merged[indicator_id] = [by_period[k] for k in sorted(by_period)]
    return merged


def _stored_or_computed(
    unit_key: str,
    indicators: list[Indicator],
    members: QuerySet[Municipality] | None,
    wanted: dict[int, list[Point]] | None = None,
) -> dict[int, list[Point]]:
    """A county's or the nation's series: SSB's published figures where stored, the rest computed
    from the municipalities. The sum is only run for indicators whose stored series lacks a period
    in `wanted` (the municipality's own series; None: lacks any), since the national sum is the
    heaviest query a page runs."""
    stored = series_for_unit(unit_key, indicators)

    def lacks(indicator: Indicator) -> bool:
        have = {p.period for p in stored.get(indicator.pk, [])}
        if wanted is None:
            return not have
        return bool({p.period for p in wanted.get(indicator.pk, [])} - have)

    return _merge(stored, _aggregate_points(aggregate([i for i in indicators if lacks(i)], members)))


@dataclass
class Comparison:
    indicator: Indicator
    municipality: list[Point]
    county: list[Point]
    nation: list[Point]
    peers: list[Point]
    # How many other municipalities the peer figures are made from (the municipality itself is
    # never one of its own peers, or a small group would mostly compare it with itself).
    peer_count: int = 0

    @property
    def periods(self) -> list[tuple[int, int]]:
        found = {p.period for s in (self.municipality, self.county, self.nation, self.peers) for p in s}
        return sorted(found)

    @property
    def latest(self) -> Point | None:
        return self.municipality[-1] if self.municipality else None

    def rows(self) -> list[dict[str, Any]]:
        """One row per period with the four values, for the data table beside the chart."""
        lookup = [{p.period: p for p in s} for s in (self.municipality, self.county, self.nation, self.peers)]
        return [{"label": _label(period), "values": [table.get(period) for table in lookup]} for period in self.periods]


def _label(period: tuple[int, int]) -> str:
    year, half = period
    return str(year) if not half else f"{year}-{half}"


def comparison(municipality: Municipality, indicators: list[Indicator] | None = None) -> list[Comparison]:
    """The municipality's indicators against its county, the nation and its KOSTRA peer group.

    At most seven queries, whatever the number of indicators, years or municipalities.
    """
    indicators = indicators if indicators is not None else active_indicators("municipality")
    own = series_for_unit(f"m:{municipality.pk}", indicators)
    county = _stored_or_computed(
        f"c:{municipality.county_id}", indicators, municipalities_in_county(County(pk=municipality.county_id)), own
    )
    nation = _stored_or_computed("n", indicators, None, own)
    peers: dict[int, list[Point]] = {}
    peer_count = 0
    if municipality.kostra_group:
        group = (
            Municipality.objects.valid_on().filter(kostra_group=municipality.kostra_group).exclude(pk=municipality.pk)
        )
        # The ids once: their number is shown, and the sums read them as a list (see `aggregate`).
        peer_ids = list(group.values_list("pk", flat=True))
        peer_count = len(peer_ids)
        peers = _aggregate_points(aggregate(indicators, peer_ids)) if peer_count else {}
    return [
        Comparison(i, own.get(i.pk, []), county.get(i.pk, []), nation.get(i.pk, []), peers.get(i.pk, []), peer_count)
        for i in indicators
    ]


@dataclass
class CountyRow:
    municipality: Municipality
    children: int | None = None
    latest: IndicatorValue | None = None
    previous: IndicatorValue | None = None

    @property
    def change(self) -> Decimal | None:
        if self.latest is None or self.previous is None or self.latest.value is None or self.previous.value is None:
            return None
        return self.latest.value - self.previous.value


@dataclass
class CountyTable:
    indicator: Indicator
    rows: list[CountyRow]
    year: int | None
    county_value: Point | None = None
    nation_value: Point | None = None
    sort: str = "number"
    descending: bool = False
    years: list[int] = field(default_factory=list)


SORT_KEYS: dict[str, Any] = {
    "number": lambda r: r.municipality.number,
    "name": lambda r: r.municipality.name.casefold(),
    "group": lambda r: r.municipality.kostra_group,
    "children": lambda r: r.children,
    "value": lambda r: r.latest.value if r.latest else None,
    "year": lambda r: (r.latest.year, r.latest.half) if r.latest else None,
    "change": lambda r: r.change,
}


def county_table(
    user: Any,
    county: County,
    indicator: Indicator,
    sort: str = "number",
    descending: bool = False,
    day: datetime.date | None = None,
) -> CountyTable:
    """The county's municipalities (those `user` may see) with the indicator's latest value each.

    A fixed number of queries: municipalities with borders, their values, populations, county
    and national figures.
    """
    municipalities = list(
        visible(user, VIEW_STATISTICS, municipalities_in_county(county, day))
        .select_related("border")
        .defer("border__geometry")
    )
    ids = [m.pk for m in municipalities]
    values = preferred(IndicatorValue.objects.filter(indicator=indicator, municipality_id__in=ids))
    per_municipality: dict[int | None, list[IndicatorValue]] = defaultdict(list)
    for value in values.values():
        per_municipality[value.municipality_id].append(value)
    latest_year = max((v.year for v in values.values()), default=None)
    children = _children(ids, latest_year)
    rows = [_county_row(m, per_municipality.get(m.pk, []), children.get(m.pk)) for m in municipalities]
    rows = sort_rows(rows, sort, descending)
    county_series = comparison_series_for_area(indicator, county)
    return CountyTable(
        indicator,
        rows,
        latest_year,
        county_series[0],
        county_series[1],
        sort if sort in SORT_KEYS else "number",
        descending,
    )


def _county_row(municipality: Municipality, values: list[IndicatorValue], children: int | None) -> CountyRow:
    ordered = sorted(values, key=lambda v: (v.year, v.half))
    latest = ordered[-1] if ordered else None
    previous = next(
        (v for v in reversed(ordered) if latest and v.year == latest.year - 1 and v.half == latest.half), None
    )
    return CountyRow(municipality, children, latest, previous)


def _children(municipality_ids: list[int], year: int | None) -> dict[int, int]:
    if year is None:
        return {}
    rows = Population.objects.filter(municipality_id__in=municipality_ids, year__lte=year).order_by("year")
    return {m: c for m, c in rows.values_list("municipality_id", "children")}  # the newest year wins


def sort_rows(rows: list[CountyRow], sort: str, descending: bool) -> list[CountyRow]:
    """Sorted by the column; rows without a value always last, whichever the direction."""
    key = SORT_KEYS.get(sort, SORT_KEYS["number"])
    present = [r for r in rows if key(r) is not None]
    missing = [r for r in rows if key(r) is None]
    return sorted(present, key=key, reverse=descending) + sorted(missing, key=SORT_KEYS["number"])


def comparison_series_for_area(indicator: Indicator, county: County) -> tuple[Point | None, Point | None]:
    """The latest county and national value of `indicator` (stored, or computed from municipalities)."""
    county_points = _stored_or_computed(f"c:{county.pk}", [indicator], municipalities_in_county(county))
    nation_points = _stored_or_computed("n", [indicator], None)
    c = county_points.get(indicator.pk) or []
    n = nation_points.get(indicator.pk) or []
    return (c[-1] if c else None, n[-1] if n else None)


def service_values(service: Service, indicators: list[Indicator] | None = None) -> dict[int, list[Point]]:
    """A service's own values (own registration, its KOSTRA 15F file, figures from competence)."""
    indicators = indicators if indicators is not None else active_indicators("service")
    return series_for_unit(f"s:{service.pk}", indicators)

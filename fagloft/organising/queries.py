"""Reads: the instance for a county from the tree, today's picture, proposals, and the effect of a
proposed service. Other apps are read through their queries only (competence for FTE, assessments for
risk and signals, statistics for published shares, economy for the cost risk)."""

from __future__ import annotations

import datetime
import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.cache import cache
from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from fagloft.accounts.access import visible
from fagloft.organising import cost_cache, model
from fagloft.organising.models import DistanceOverride, Proposal, ProposedService
from fagloft.organising.permissions import VIEW
from fagloft.organizations.models import County, Municipality, Population, ServiceCoverage
from fagloft.organizations.queries import (
    children_0_17,
    latest_population_year,
    municipalities_in_county,
)

NATIONAL_FTE_CODE = "competence-fte-per-1000-children"
REQUIREMENT_SHARE_CODE = "competence-requirement-share"
# Published by the knowledge app when it has it: the share of the service's staff covered by the
# competence pyramid. Read from statistics only (knowledge is a sibling app).
PYRAMID_CODE = "knowledge-pyramid-coverage"
# The «sufficient» judgement's limits (Finnmark's analysis named no numbers; these are shown).
SUFFICIENT_REQUIREMENT_SHARE = 50.0
SUFFICIENT_PYRAMID_COVERAGE = 50.0
VULNERABILITY_KIND = "vulnerability"


def visible_proposals(user: Any) -> QuerySet[Proposal]:
    return visible(user, VIEW, Proposal.objects.select_related("county", "created_by"))


def proposals_for(user: Any, county: County) -> QuerySet[Proposal]:
    return visible_proposals(user).filter(county=county).order_by("-created_at")


def visible_counties(user: Any) -> QuerySet[County]:
    return visible(user, VIEW, County.objects.valid_on()).order_by("number")


def proposal_services(proposal: Proposal) -> list[ProposedService]:
    return list(
        proposal.services.select_related("host", "agreement")
        .prefetch_related(Prefetch("members", queryset=Municipality.objects.order_by("name")))
        .order_by("host__name")
    )


def distance_overrides(user: Any) -> QuerySet[DistanceOverride]:
    return visible(user, VIEW, DistanceOverride.objects.select_related("first", "second"))


# ---------------------------------------------------------------------------------------------
# Inputs from the tree


@dataclass
class Inputs:
    instance: model.Instance
    municipalities: list[Municipality]
    year: int | None
    fte_per_1000: float
    fte_rate_source: str
    # Today's service per municipality id, and how it is organised ("own", "host", "member", "").
    service_of: dict[int, Any] = field(default_factory=dict)
    arrangement: dict[int, str] = field(default_factory=dict)
    service_fte: dict[int, float] = field(default_factory=dict)
    register_services: set[int] = field(default_factory=set)
    figures: dict[int, Any] = field(default_factory=dict)


def national_fte_rate() -> tuple[float, str]:
    """FTE per 1 000 children nationally: the published national figure, else the default."""
    from fagloft.statistics.models import Indicator
    from fagloft.statistics.queries import latest_value

    indicator = Indicator.objects.filter(code=NATIONAL_FTE_CODE).first()
    value = latest_value(indicator, "n") if indicator else None
    if value is not None and value.value:
        return float(value.value), f"statistics:{value.year}"
    return model.DEFAULT_FTE_PER_1000_CHILDREN, "default"


def children_by_municipality(municipalities: Sequence[Municipality], year: int | None) -> dict[int, int]:
    """Children 0–17 for `year` (or the newest year before), one query plus renumbering fallbacks."""
    if year is None:
        return {}
    found: dict[int, int] = {}
    rows = (
        Population.objects.filter(municipality__in=[m.pk for m in municipalities], year__lte=year)
        .order_by("municipality_id", "-year")
        .values_list("municipality_id", "children")
    )
    for municipality_id, children in rows:
        found.setdefault(municipality_id, children)
    for municipality in municipalities:
        if municipality.pk not in found:
            value = children_0_17(municipality, year)
            if value is not None:
                found[municipality.pk] = value
    return found


POINT_CACHE_SECONDS = 24 * 3600


def _point_key(border: Any) -> str:
    # As the county map's drawing (organizations.maps): a border's point changes only with the
    # border, and the key holds its id, map year and extent.
    fingerprint = repr((border.pk, border.year, border.bbox))
    return "organising:point:" + hashlib.sha1(fingerprint.encode()).hexdigest()


def _points(municipalities: Sequence[Municipality]) -> dict[int, tuple[float, float]]:
    """A point inside each municipality's border. The borders may come with their geometry
    deferred: points are cached per border, and geometry is read (one query) only for those the
    cache lacks. Reading and parsing ~50 detailed geometries cost about 8 ms per county page."""
    from fagloft.organizations.models import Border

    borders = {}
    for municipality in municipalities:
        try:
            borders[municipality.pk] = municipality.border
        except Municipality.border.RelatedObjectDoesNotExist:
            continue
    keys = {pk: _point_key(border) for pk, border in borders.items()}
    cached = cache.get_many(list(keys.values()))
    points: dict[int, tuple[float, float]] = {
        pk: (cached[key][0], cached[key][1]) for pk, key in keys.items() if key in cached
    }
    missing = {pk: border for pk, border in borders.items() if pk not in points}
    if missing:
        geometries = {b.pk: b.__dict__["geometry"] for b in missing.values() if "geometry" in b.__dict__}
        unread = [b.pk for b in missing.values() if b.pk not in geometries]
        if unread:
            geometries.update(Border.objects.filter(pk__in=unread).values_list("pk", "geometry"))
        computed = {}
        for pk, border in missing.items():
            try:
                point = model.representative_point(geometries[border.pk])
            except (ValueError, TypeError, AttributeError, KeyError):
                continue  # an unreadable geometry: the municipality gets no point and a message
            points[pk] = point
            computed[keys[pk]] = point
        cache.set_many(computed, POINT_CACHE_SECONDS)
    return points


def overrides_for(municipalities: Sequence[Municipality]) -> dict[tuple[str, str], float]:
    ids = [m.pk for m in municipalities]
    rows = DistanceOverride.objects.filter(first__in=ids, second__in=ids).values_list(
        "first__number", "second__number", "km"
    )
    return {(a, b): float(km) for a, b, km in rows}


def _arrangements(
    municipalities: Sequence[Municipality], day: datetime.date
) -> tuple[dict[int, Any], dict[int, list[int]], dict[int, str]]:
    """Today's service per municipality id, the municipalities each of those services serves, and
    how each municipality is organised ("own", "host", "member", "" for no service). Two queries."""
    ids = [m.pk for m in municipalities]
    coverages = ServiceCoverage.objects.valid_on(day).filter(municipality__in=ids).select_related("service")
    service_of: dict[int, Any] = {}
    served_by: dict[int, list[int]] = defaultdict(list)
    for coverage in coverages:
        if coverage.municipality_id not in service_of:
            service_of[coverage.municipality_id] = coverage.service
    all_served = (
        ServiceCoverage.objects.valid_on(day)
        .filter(service__in={s.pk for s in service_of.values()})
        .values_list("service_id", "municipality_id")
    )
    for service_id, municipality_id in all_served:
        served_by[service_id].append(municipality_id)
    arrangement: dict[int, str] = {}
    for municipality in municipalities:
        service = service_of.get(municipality.pk)
        if service is None:
            arrangement[municipality.pk] = ""
        elif len(served_by[service.pk]) <= 1:
            arrangement[municipality.pk] = "own"
        elif service.host_municipality_id == municipality.pk:
            arrangement[municipality.pk] = "host"
        else:
            arrangement[municipality.pk] = "member"
    return service_of, served_by, arrangement


@dataclass
class Arrangement:
    municipality: Municipality
    service: Any
    arrangement: str


def today_arrangements(county: County) -> list[Arrangement]:
    """How each municipality of the county is organised today, for the map of today beside a
    proposal: only the services (a few queries), not the figures of `today_picture`."""
    day = timezone.localdate()
    municipalities = list(
        municipalities_in_county(county, day).select_related("border", "county").defer("border__geometry")
    )
    service_of, _served_by, arrangement = _arrangements(municipalities, day)
    return [Arrangement(m, service_of.get(m.pk), arrangement.get(m.pk, "")) for m in municipalities]


def _service_figures(service_ids: set[int], day: datetime.date) -> dict[int, Any]:
    """The competence figures of the services. For today from competence's cache of derived figures
    (keyed on its data version; the same entry as its overview of these services): computed, they
    walk every employment period of the services, about 6 ms for a large county on every page."""
    from fagloft.competence import figures_cache
    from fagloft.competence.queries import figures_for

    if day != timezone.localdate():
        return figures_for(service_ids, day)
    return figures_cache.cached("services", service_ids, lambda: figures_for(service_ids), today=day)


def build_inputs(
    municipalities: Sequence[Municipality],
    year: int | None = None,
    *,
    detour: float = model.DEFAULT_DETOUR,
    fte_per_1000: float | None = None,
    day: datetime.date | None = None,
    geography: bool = True,
) -> Inputs:
    """The model's instance for these municipalities: children, FTE (from the staff register where a
    service has one, divided among the municipalities it serves by their children; otherwise
    estimated at the national rate and marked so), points, distances and today's cooperations.
    Without `geography` the units get no points and the instance no distances (today's picture
    shows neither; they cost a query and about 8 ms for a large county)."""
    day = day or timezone.localdate()
    municipalities = list(municipalities)
    year = year if year is not None else latest_population_year()
    if fte_per_1000 is None:
        fte_per_1000, rate_source = national_fte_rate()
    else:
        rate_source = "rules"
    children = children_by_municipality(municipalities, year)
    ids = [m.pk for m in municipalities]
    service_of, served_by, arrangement = _arrangements(municipalities, day)
    figures = _service_figures({s.pk for s in service_of.values()}, day) if service_of else {}
    register = {sid for sid, f in figures.items() if f.headcount > 0}
    # Children of every municipality a register service serves (some may be outside `municipalities`).
    outside = {m for sid in register for m in served_by[sid]} - set(ids)
    if outside:
        children.update(children_by_municipality(list(Municipality.objects.filter(pk__in=outside)), year))
    points = _points(municipalities) if geography else {}
    units = []
    service_fte: dict[int, float] = {}
    for municipality in municipalities:
        kids = children.get(municipality.pk, 0)
        service = service_of.get(municipality.pk)
        if service is not None and service.pk in register:
            total_fte = float(figures[service.pk].fte)
            service_fte[service.pk] = total_fte
            served_children = sum(children.get(m, 0) for m in served_by[service.pk])
            members = len(served_by[service.pk])
            share = kids / served_children if served_children else 1 / max(members, 1)
            fte, estimated = round(total_fte * share, 2), False
        else:
            fte, estimated = model.estimated_fte(kids, fte_per_1000), True
        lon, lat = points.get(municipality.pk, (0.0, 0.0))
        units.append(
            model.Unit(
                municipality.pk,
                municipality.number,
                municipality.name,
                municipality.county.number if municipality.county_id else "",
                kids,
                fte,
                estimated,
                lon,
                lat,
            )
        )
    for service_id, served in served_by.items():
        if service_id not in service_fte:
            service_fte[service_id] = sum(u.fte for u in units if u.id in served)
    index = {u.id: i for i, u in enumerate(units)}
    groups = []
    for served in served_by.values():
        inside = sorted(index[m] for m in served if m in index)
        if len(inside) > 1:
            groups.append(inside)
    distance = model.distance_matrix(units, detour, overrides_for(municipalities)) if geography else []
    return Inputs(
        model.Instance(units, distance, sorted(groups)),
        municipalities,
        year,
        fte_per_1000,
        rate_source,
        service_of,
        arrangement,
        service_fte,
        register,
        figures,
    )


def missing_points(inputs: Inputs) -> list[Municipality]:
    with_point = {u.id for u in inputs.instance.units if (u.lon, u.lat) != (0.0, 0.0)}
    return [m for m in inputs.municipalities if m.pk not in with_point]


def county_municipalities(county: County, day: datetime.date | None = None) -> list[Municipality]:
    # The geometry is read only where a point or the map's drawing is not cached (see `_points`).
    return list(municipalities_in_county(county, day).select_related("border", "county").defer("border__geometry"))


# ---------------------------------------------------------------------------------------------
# Today's picture


@dataclass
class TodayRow:
    municipality: Municipality
    unit: model.Unit
    service: Any
    arrangement: str
    service_fte: float | None
    small: bool
    vulnerable: bool
    risk_level: str
    requirement_share: float | None
    pyramid_coverage: float | None
    cost: Any = None
    failing: list[str] = field(default_factory=list)

    @property
    def sufficient(self) -> bool:
        return not self.failing


@dataclass
class TodayPicture:
    county: County
    rows: list[TodayRow]
    inputs: Inputs
    small_limit: float
    economy_available: bool

    @property
    def sufficient_count(self) -> int:
        return sum(1 for r in self.rows if r.sufficient)


def small_service_limit() -> float:
    from fagloft.competence.queries import CompetenceSettings

    return float(CompetenceSettings.current().small_service_fte)


def _latest_assessments(services: Iterable[Any]) -> dict[int, Any]:
    from fagloft.assessments.queries import latest_assessments
    from fagloft.organizations.models import Service

    ids = {s.pk for s in services}
    return latest_assessments(Service.objects.filter(pk__in=ids)) if ids else {}


def _vulnerability_fired(assessment: Any) -> bool:
    from fagloft.assessments.queries import fired_signals

    return any(s.get("kind") == VULNERABILITY_KIND for s in fired_signals(assessment))


def _statistic(code: str, unit_keys: Iterable[str]) -> dict[str, float]:
    """The newest value of `code` per unit (the preferred source within the newest period, as
    `statistics.queries.latest_value`), for all units in two queries."""
    from fagloft.statistics.models import Indicator, IndicatorValue
    from fagloft.statistics.queries import SOURCE_PREFERENCE

    rank: dict[str, int] = {str(source): position for position, source in enumerate(SOURCE_PREFERENCE)}
    indicator = Indicator.objects.filter(code=code).first()
    keys = list(dict.fromkeys(unit_keys))
    if indicator is None or not keys:
        return {}
    # Plain rows, not model instances: a county's services have hundreds of values over the years.
    newest: dict[str, list[tuple[int, int, Any, str]]] = {}
    rows = (
        IndicatorValue.objects.filter(indicator=indicator, unit_key__in=keys)
        .order_by("unit_key", "-year", "-half")
        .values_list("unit_key", "year", "half", "value", "source")
    )
    for unit_key, year, half, value, source in rows:
        period = newest.setdefault(unit_key, [])
        if not period or (period[0][0], period[0][1]) == (year, half):
            period.append((year, half, value, source))
    found = {}
    for key, period in newest.items():
        # The preferred source within the newest period, as `statistics.queries.preferred` (the
        # first of equal rank wins).
        best = min(period, key=lambda row: rank.get(row[3], 99))
        if best[2] is not None:
            found[key] = float(best[2])
    return found


def economy() -> Any:
    """The economy app's queries module, when it offers the risk functions (it may not yet)."""
    try:
        from fagloft.economy import queries as economy_queries
    except ImportError:
        return None
    if hasattr(economy_queries, "standalone_risk") and hasattr(economy_queries, "pooled_risk"):
        return economy_queries
    return None


def _standalone_all(municipalities: Sequence[Municipality], year: int, runs: int) -> dict[int, Any]:
    """Each municipality's standalone risk (None where it cannot be simulated), the cost models
    read in bulk where economy offers it; the same figures as `_standalone` one by one."""
    econ = economy()
    if econ is None:
        return {}
    if hasattr(econ, "standalone_risks"):
        try:
            return dict(econ.standalone_risks(municipalities, year, runs=runs, seed=1))
        except Exception:  # noqa: BLE001 - as in `_standalone`: fall back to one by one
            pass
    return {municipality.pk: _standalone(municipality, year, runs) for municipality in municipalities}


def _standalone(municipality: Municipality, year: int | None, runs: int) -> Any:
    econ = economy()
    if econ is None or year is None:
        return None
    try:
        return econ.standalone_risk(municipality, year, runs=runs, seed=1)
    except Exception:  # noqa: BLE001 - missing rates or figures: the column shows «ingen tall»
        return None


def today_picture(county: County, *, with_cost: bool = True, runs: int = 2000) -> TodayPicture:
    """Each municipality's service, size, signals, «sufficient» judgement and cost risk today."""
    municipalities = county_municipalities(county)
    inputs = build_inputs(municipalities, geography=False)
    services = {s.pk: s for s in inputs.service_of.values()}
    assessments = _latest_assessments(services.values())
    shares = _statistic(REQUIREMENT_SHARE_CODE, [f"s:{sid}" for sid in services])
    pyramid = _statistic(PYRAMID_CODE, [f"s:{sid}" for sid in services] + [f"m:{m.pk}" for m in municipalities])
    limit = small_service_limit()
    by_id = {u.id: u for u in inputs.instance.units}
    costs: dict[int, Any] = {}
    if with_cost and economy() is not None and inputs.year is not None:
        year = inputs.year
        costs = cost_cache.standalone_risks(
            municipalities, year, runs, lambda chosen: _standalone_all(chosen, year, runs)
        )
    rows = []
    for municipality in municipalities:
        service = inputs.service_of.get(municipality.pk)
        assessment = assessments.get(service.pk) if service else None
        service_fte = inputs.service_fte.get(service.pk) if service else None
        share: float | None = None
        if service is not None:
            figure = inputs.figures.get(service.pk)
            if figure is not None and figure.requirement_share is not None:
                share = float(figure.requirement_share)
            else:
                share = shares.get(f"s:{service.pk}")
        coverage = pyramid.get(f"m:{municipality.pk}")
        if coverage is None and service is not None:
            coverage = pyramid.get(f"s:{service.pk}")
        row = TodayRow(
            municipality,
            by_id[municipality.pk],
            service,
            inputs.arrangement.get(municipality.pk, ""),
            service_fte,
            service_fte is not None and service_fte < limit,
            _vulnerability_fired(assessment),
            assessment.risk_level if assessment else "",
            share,
            coverage,
        )
        row.failing = _failing(row)
        if with_cost:
            row.cost = costs.get(municipality.pk)
        rows.append(row)
    return TodayPicture(county, rows, inputs, limit, economy() is not None)


def _failing(row: TodayRow) -> list[str]:
    """Why a municipality's service is not judged to have sufficient competence, resources and
    measures: each criterion the figures show it misses (unknown figures count as not missed)."""
    from django.utils.translation import gettext as _

    failing = []
    if row.service is None:
        failing.append(_("ingen tjeneste registrert"))
    if row.small:
        failing.append(_("liten tjeneste"))
    if row.vulnerable:
        failing.append(_("sårbarhetssignal"))
    if row.risk_level == "high":
        failing.append(_("høy risiko i vurderingen"))
    if row.requirement_share is not None and row.requirement_share < SUFFICIENT_REQUIREMENT_SHARE:
        failing.append(_("under halvparten oppfyller kompetansekravet 2031"))
    if row.pyramid_coverage is not None and row.pyramid_coverage < SUFFICIENT_PYRAMID_COVERAGE:
        failing.append(_("lav dekning i kompetansepyramiden"))
    return failing


# ---------------------------------------------------------------------------------------------
# The effect of a proposal


def service_effect(
    members: Sequence[Municipality],
    fte: float,
    before: dict[int, dict[str, Any]],
    small_limit: float,
    year: int | None,
    *,
    runs: int = 2000,
) -> dict[str, Any]:
    """Small-service and vulnerability flags before and after, and the pooled cost risk against
    each member standing alone (economy), as plain values for the proposal's page."""
    small_before = sum(1 for m in members if before.get(m.pk, {}).get("small"))
    vulnerable_before = sum(1 for m in members if before.get(m.pk, {}).get("vulnerable"))
    small_after = fte < small_limit
    effect: dict[str, Any] = {
        "small_before": small_before,
        "small_after": len(members) if small_after else 0,
        "vulnerable_before": vulnerable_before,
        # A vulnerability signal rests on few FTE among its factors; a service that is no longer
        # small is taken not to carry it, one that stays small keeps its members' signals.
        "vulnerable_after": vulnerable_before if small_after else 0,
    }
    econ = economy()
    if econ is None or year is None or not members:
        return effect
    try:
        pooled = econ.pooled_risk(list(members), year, key="children", runs=runs, seed=1)
    except Exception:  # noqa: BLE001 - no rates for the year: the page says so
        return effect
    standalone_p99 = sum(float(r.standalone.p99) for r in pooled.members.values())
    standalone_es99 = sum(float(r.standalone.es99) for r in pooled.members.values())
    effect["risk"] = {
        "pooled_p99": float(pooled.total.p99),
        "pooled_es99": float(pooled.total.es99),
        "pooled_mean": float(pooled.total.mean),
        "standalone_p99": standalone_p99,
        "standalone_es99": standalone_es99,
        "members": {
            str(mid): {
                "standalone_p99": float(r.standalone.p99),
                "standalone_es99": float(r.standalone.es99),
                "pooled_p99": float(r.pooled_share.p99),
                "pooled_es99": float(r.pooled_share.es99),
            }
            for mid, r in pooled.members.items()
        },
    }
    return effect


@dataclass
class Comparison:
    proposals: list[Proposal]
    rows: list[dict[str, Any]]


def compare(proposals: Sequence[Proposal], today: TodayPicture | None = None) -> Comparison:
    """Side-by-side figures: services, small services, vulnerability flags, longest distance, cost."""
    rows: list[dict[str, Any]] = []
    for proposal in proposals:
        services = proposal_services(proposal)
        risk = [s.effect.get("risk") for s in services if s.effect.get("risk")]
        rows.append(
            {
                "proposal": proposal,
                "services": len(services),
                "small_after": sum(1 for s in services if s.effect.get("small_after")),
                "small_before": sum(s.effect.get("small_before", 0) for s in services),
                "vulnerable_after": sum(s.effect.get("vulnerable_after", 0) for s in services),
                "vulnerable_before": sum(s.effect.get("vulnerable_before", 0) for s in services),
                "longest_km": max((s.longest_km for s in services), default=Decimal(0)),
                "pooled_p99": sum(r["pooled_p99"] for r in risk) if risk else None,
                "standalone_p99": sum(r["standalone_p99"] for r in risk) if risk else None,
            }
        )
    return Comparison(list(proposals), rows)

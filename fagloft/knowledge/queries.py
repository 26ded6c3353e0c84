"""Reads for pages, the API, the benchmark and higher apps (reports).

`coverage_for(municipality_ids, day)` loads everything the coverage rules need for any number of
municipalities in a fixed number of queries (the national map draws 357 of them).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from fagloft.accounts.access import visible
from fagloft.accounts.models import Membership, User
from fagloft.accounts.roles import Role
from fagloft.competence.queries import staff_certifications
from fagloft.knowledge import coverage as rules
from fagloft.knowledge.models import (
    CaseDeadline,
    Intervention,
    LevelOwner,
    LibraryCoordinator,
    LibraryItem,
    Offer,
    RecommendedMeasure,
    Technology,
    TechnologyTrial,
)
from fagloft.knowledge.permissions import VIEW_LIBRARY, VIEW_OFFERS
from fagloft.organizations.models import CooperationAgreement, Municipality, ServiceCoverage
from fagloft.statistics.models import Indicator, IndicatorValue
from fagloft.statistics.queries import Point, series_for_unit, service_values

PLACEMENTS = "kostra-plassert-utenfor-hjemmet"


def interventions(
    text: str = "", level: str = "", category: str = "", evidence: str = "", active_only: bool = True
) -> QuerySet[Intervention]:
    """The bank, filtered: free text over name, description and target group; a level; a KOSTRA
    category code; an evidence filter («3+» = level 3 or more on the 2015 scale, «old», «unknown»)."""
    qs = Intervention.objects.all()
    if active_only:
        qs = qs.filter(is_active=True)
    if text:
        qs = qs.filter(
            Q(name__icontains=text)
            | Q(short_name__icontains=text)
            | Q(description__icontains=text)
            | Q(problem__icontains=text)
        )
    if level in rules.LEVELS:
        qs = qs.filter(**{level: True})
    if category:
        qs = qs.filter(categories__code=category)
    if evidence == "unknown":
        qs = qs.filter(evidence_scale="unknown")
    elif evidence == "old":
        qs = qs.filter(evidence_scale="ungsinn_old")
    elif evidence.endswith("+") and evidence[:-1].isdigit():
        qs = qs.filter(evidence_scale="ungsinn_2015", evidence_level__gte=int(evidence[:-1]))
    return qs.prefetch_related("categories").distinct().order_by("name")


def offers_for(user: Any, queryset: QuerySet[Offer] | None = None) -> QuerySet[Offer]:
    queryset = queryset if queryset is not None else Offer.objects.all()
    return (
        visible(user, VIEW_OFFERS, queryset)
        .select_related("service", "intervention", "agreement")
        .order_by("intervention__name", "service__name", "pk")
    )


def offers_in_municipality(user: Any, municipality: Municipality, day: datetime.date | None = None) -> QuerySet[Offer]:
    serving = ServiceCoverage.objects.valid_on(day).filter(municipality=municipality).values("service")
    return offers_for(user, Offer.objects.filter(service__in=serving))


# Coverage ------------------------------------------------------------------------------------


def intervention_facts() -> dict[int, rules.InterventionFact]:
    categories: dict[int, set[str]] = defaultdict(set)
    for intervention_id, code in Intervention.categories.through.objects.values_list(
        "intervention_id", "measurecategory__code"
    ):
        categories[intervention_id].add(code)
    return {
        i.pk: rules.InterventionFact(
            i.pk,
            i.name,
            frozenset(i.levels),
            frozenset(categories.get(i.pk, ())),
            i.certification_required,
            i.certification_method,
            i.certification_valid_years,
        )
        for i in Intervention.objects.only(
            "pk",
            "name",
            "universal",
            "selected",
            "indicated",
            "certification_required",
            "certification_method",
            "certification_valid_years",
        )
    }


def recommended_facts() -> list[rules.RecommendedFact]:
    measures = list(RecommendedMeasure.objects.filter(is_active=True).order_by("level", "position", "name"))
    by_intervention: dict[int, set[int]] = defaultdict(set)
    for measure_id, intervention_id in RecommendedMeasure.interventions.through.objects.values_list(
        "recommendedmeasure_id", "intervention_id"
    ):
        by_intervention[measure_id].add(intervention_id)
    by_category: dict[int, set[str]] = defaultdict(set)
    for measure_id, code in RecommendedMeasure.categories.through.objects.values_list(
        "recommendedmeasure_id", "measurecategory__code"
    ):
        by_category[measure_id].add(code)
    return [
        rules.RecommendedFact(
            m.pk, m.name, m.level, frozenset(by_intervention.get(m.pk, ())), frozenset(by_category.get(m.pk, ()))
        )
        for m in measures
    ]


def offer_facts(municipality_ids: Collection[int] | None, day: datetime.date) -> list[rules.OfferFact]:
    """Offers of the services that serve the municipalities on `day` (all when None)."""
    coverages = ServiceCoverage.objects.valid_on(day)
    if municipality_ids is not None:
        coverages = coverages.filter(
            service__in=ServiceCoverage.objects.valid_on(day)
            .filter(municipality__in=municipality_ids)
            .values("service")
        )
    served: dict[int, set[int]] = defaultdict(set)
    for service_id, municipality_id in coverages.values_list("service_id", "municipality_id"):
        served[service_id].add(municipality_id)
    offers = list(
        Offer.objects.filter(service_id__in=served).values_list(
            "pk", "service_id", "intervention_id", "delivery", "agreement_id", "capacity", "waiting_weeks"
        )
    )
    agreement_ids = {row[4] for row in offers if row[4]}
    valid = set(
        CooperationAgreement.objects.filter(pk__in=agreement_ids)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day), Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .values_list("pk", flat=True)
    )
    parties: dict[int, set[int]] = defaultdict(set)
    for agreement_id, municipality_id in CooperationAgreement.parties.through.objects.filter(
        cooperationagreement_id__in=agreement_ids
    ).values_list("cooperationagreement_id", "municipality_id"):
        parties[agreement_id].add(municipality_id)
    staff_of: dict[int, list[int]] = defaultdict(list)
    for offer_id, employee_id in Offer.staff.through.objects.filter(offer_id__in=[o[0] for o in offers]).values_list(
        "offer_id", "employee_id"
    ):
        staff_of[offer_id].append(employee_id)
    people = staff_certifications({e for ids in staff_of.values() for e in ids}, day)
    return [
        rules.OfferFact(
            pk,
            service_id,
            intervention_id,
            delivery,
            frozenset(served[service_id]),
            agreement_valid=agreement_id in valid,
            agreement_parties=frozenset(parties.get(agreement_id, ())) if agreement_id else frozenset(),
            staff=tuple(
                rules.StaffFact(e, people[e].employed, people[e].methods) for e in staff_of.get(pk, ()) if e in people
            ),
            capacity=capacity,
            waiting_weeks=waiting,
        )
        for pk, service_id, intervention_id, delivery, agreement_id, capacity, waiting in offers
    ]


def _latest_values(code: str, municipality_ids: Collection[int] | None) -> tuple[dict[int, Decimal], Decimal | None]:
    """The latest value of an indicator per municipality, and the nation's for the same year."""
    indicator = Indicator.objects.filter(code=code).first()
    if indicator is None:
        return {}, None
    rows = IndicatorValue.objects.filter(indicator=indicator, half=0, value__isnull=False)
    local = rows.filter(municipality__isnull=False)
    if municipality_ids is not None:
        local = local.filter(municipality_id__in=municipality_ids)
    latest: dict[int, tuple[int, Decimal | None]] = {}
    for municipality_id, year, value in local.values_list("municipality_id", "year", "value"):
        if municipality_id not in latest or year > latest[municipality_id][0]:
            latest[municipality_id] = (year, value)
    national = dict(rows.filter(is_national=True).values_list("year", "value"))
    last_year = max(national) if national else None
    return {m: v for m, (_y, v) in latest.items() if v is not None}, national.get(last_year) if last_year else None


def coverage_for(
    municipality_ids: Collection[int] | None = None, day: datetime.date | None = None
) -> dict[int, rules.MunicipalityCoverage]:
    """Coverage of each municipality (all valid municipalities when None), in a fixed number of queries."""
    day = day or timezone.localdate()
    if municipality_ids is None:
        municipality_ids = list(Municipality.objects.valid_on(day).values_list("pk", flat=True))
    interventions_ = intervention_facts()
    recommended = recommended_facts()
    offers = offer_facts(municipality_ids, day)
    by_municipality: dict[int, list[rules.OfferFact]] = defaultdict(list)
    for offer in offers:
        for municipality_id in offer.served:
            by_municipality[municipality_id].append(offer)
    owners: dict[int, dict[str, str]] = defaultdict(dict)
    for municipality_id, level, title, person in LevelOwner.objects.filter(
        municipality_id__in=municipality_ids
    ).values_list("municipality_id", "level", "role_title", "person"):
        owners[municipality_id][level] = f"{title} ({person})" if person else title
    placements, national = _latest_values(PLACEMENTS, municipality_ids)
    verdicts = {o.id: rules.judge_offer(o, interventions_[o.intervention_id], day) for o in offers}
    return {
        m: rules.municipality_coverage(
            m,
            by_municipality.get(m, ()),
            interventions_,
            recommended,
            day,
            owners.get(m),
            placements.get(m),
            national,
            verdicts,
        )
        for m in municipality_ids
    }


# Deadlines -----------------------------------------------------------------------------------


@dataclass
class Compliance:
    indicator: Indicator
    points: list[Point]

    @property
    def latest(self) -> Point | None:
        known = [p for p in self.points if p.value is not None]
        return known[-1] if known else None

    @property
    def previous(self) -> Point | None:
        known = [p for p in self.points if p.value is not None]
        return known[-2] if len(known) > 1 else None

    @property
    def change(self) -> Decimal | None:
        if self.latest is None or self.previous is None:
            return None
        assert self.latest.value is not None and self.previous.value is not None
        return self.latest.value - self.previous.value

    @property
    def trend(self) -> str:
        """«up», «down», «flat» or «» (compared with the previous year with a figure)."""
        change = self.change
        if change is None:
            return ""
        if abs(change) < Decimal("0.5"):
            return "flat"
        return "up" if change > 0 else "down"


@dataclass
class DeadlineFigures:
    deadline: CaseDeadline
    figures: list[Compliance]


def deadlines() -> list[CaseDeadline]:
    return list(CaseDeadline.objects.order_by("position", "code"))


def deadline_figures(
    items: Iterable[CaseDeadline], service: Any = None, municipality: Municipality | None = None
) -> list[DeadlineFigures]:
    """For each deadline, the service's own compliance series (its 15F figures and own values),
    or, for a municipality, SSB's figures for it; each with its trend."""
    items = list(items)
    codes = {code for d in items for code in d.indicator_codes}
    indicators = {i.code: i for i in Indicator.objects.filter(code__in=codes)}
    if service is not None:
        series = service_values(service, list(indicators.values()))
        if not any(series.values()):
            series = series_for_unit(f"m:{service.host_municipality_id}", list(indicators.values()))
    elif municipality is not None:
        series = series_for_unit(f"m:{municipality.pk}", list(indicators.values()))
    else:
        series = {}
    return [
        DeadlineFigures(
            d,
            [
                Compliance(indicators[c], list(series.get(indicators[c].pk, [])))
                for c in d.indicator_codes
                if c in indicators
            ],
        )
        for d in items
    ]


# Library and technology ---------------------------------------------------------------------


def library_for(
    user: Any, text: str = "", network_id: int | None = None, national: bool = False
) -> QuerySet[LibraryItem]:
    qs = visible(user, VIEW_LIBRARY, LibraryItem.objects.all()).select_related("network", "published_version")
    if text:
        qs = qs.filter(Q(title__icontains=text) | Q(description__icontains=text) | Q(owner_name__icontains=text))
    if national:
        qs = qs.filter(network__isnull=True)
    elif network_id:
        qs = qs.filter(network_id=network_id)
    return qs.order_by("title", "pk")


def technologies(text: str = "", purpose: str = "") -> QuerySet[Technology]:
    qs = Technology.objects.all()
    if text:
        qs = qs.filter(Q(name__icontains=text) | Q(description__icontains=text) | Q(supplier__icontains=text))
    if purpose:
        qs = qs.filter(purpose=purpose)
    return qs.order_by("name")


def trials_for(user: Any, technology: Technology | None = None) -> QuerySet[TechnologyTrial]:
    qs = TechnologyTrial.objects.all() if technology is None else technology.trials.all()
    return visible(user, VIEW_OFFERS, qs).select_related("service", "technology").order_by("-started_on", "pk")


# Roles that may approve in a library (`permissions.APPROVE`, apart from the global ones).
COORDINATOR_ROLES = (Role.SERVICE_LEADER, Role.NETWORK_COORDINATOR, Role.COUNTY_ADVISOR)


def coordinator_candidates(network: Any, day: datetime.date | None = None) -> QuerySet[User]:
    """Users who may coordinate the network's library: a current approving role in its county, one
    of its member municipalities, or a service that serves one of them."""
    members = Municipality.objects.filter(network_memberships__network=network)
    serving = ServiceCoverage.objects.valid_on(day).filter(municipality__in=members).values("service")
    memberships = Membership.objects.valid_on(day).filter(
        Q(county_id=network.county_id) | Q(municipality__in=members) | Q(service__in=serving),
        role__in=COORDINATOR_ROLES,
    )
    return User.objects.filter(pk__in=memberships.values("user"), is_active=True).order_by(
        "last_name", "first_name", "username"
    )


def coordinators_of(networks: Iterable[Any]) -> dict[int, list[LibraryCoordinator]]:
    found: dict[int, list[LibraryCoordinator]] = defaultdict(list)
    for coordinator in LibraryCoordinator.objects.filter(network__in=list(networks)).select_related("user"):
        found[coordinator.network_id].append(coordinator)
    return found


def level_owners(municipality: Municipality) -> dict[str, LevelOwner]:
    return {o.level: o for o in LevelOwner.objects.filter(municipality=municipality)}

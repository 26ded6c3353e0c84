"""Read-side queries for the organisation tree, used by pages, the API and higher apps."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from fagloft.accounts.access import visible
from fagloft.organizations.models import (
    CooperationAgreement,
    CouncilHandling,
    County,
    CountyMembershipPeriod,
    District,
    Municipality,
    Population,
    Service,
    ServiceCoverage,
)
from fagloft.organizations.permissions import VIEW_AGREEMENTS, VIEW_COUNTY, VIEW_MUNICIPALITY, VIEW_SERVICE


def visible_counties(user: Any) -> QuerySet[County]:
    return visible(user, VIEW_COUNTY, County.objects.all())


def visible_municipalities(user: Any) -> QuerySet[Municipality]:
    return visible(user, VIEW_MUNICIPALITY, Municipality.objects.select_related("county"))


def visible_services(user: Any) -> QuerySet[Service]:
    return visible(user, VIEW_SERVICE, Service.objects.select_related("host_municipality"))


def municipalities_in_county(county: County, day: datetime.date | None = None) -> QuerySet[Municipality]:
    """The county's municipalities on `day` (today by default), as the structure was then."""
    day = day or timezone.localdate()
    periods = CountyMembershipPeriod.objects.valid_on(day).filter(county=county)
    return Municipality.objects.filter(pk__in=periods.values("municipality")).order_by("number")


def latest_population_year(until: int | None = None) -> int | None:
    """The newest year with population figures (not after `until`, for a structure that has ended)."""
    populations = Population.objects.all() if until is None else Population.objects.filter(year__lte=until)
    return populations.order_by("-year").values_list("year", flat=True).first()


def with_population(municipalities: QuerySet[Municipality], year: int | None) -> QuerySet[Municipality]:
    """Annotate each municipality with `population` (a Population or None) for `year`, in one query."""
    if year is None:
        return municipalities
    return municipalities.prefetch_related(
        Prefetch("populations", queryset=Population.objects.filter(year=year), to_attr="population_for_year")
    )


def children_0_17(municipality: Municipality, year: int) -> int | None:
    """Children 0–17 on 1 January of `year`, following renumbering to a predecessor when needed.

    The SSB series uses 2020 numbers; a municipality renumbered in 2024 (Alta 5403 -> 5601, Halden
    3001 -> 3101) takes its single predecessor's figure. A split (Ålesund/Haram) has no figure.
    """
    row = Population.objects.filter(municipality=municipality, year=year).values_list("children", flat=True).first()
    if row is not None:
        return row
    predecessors = list(municipality.predecessors.all()[:2])
    if len(predecessors) == 1 and predecessors[0].successors.count() == 1:
        return children_0_17(predecessors[0], year)
    return None


def coverages_of(service: Service) -> QuerySet[ServiceCoverage]:
    return service.coverages.select_related("municipality", "district").order_by(
        "-valid_to", "municipality__number", "district__number"
    )


def services_for(municipality: Municipality) -> QuerySet[ServiceCoverage]:
    return municipality.service_coverages.select_related("service", "district").order_by(
        "-valid_from", "district__number"
    )


def districts_of(municipality: Municipality) -> QuerySet[District]:
    """The municipality's city districts (bydeler), current and former, by number."""
    return municipality.districts.order_by("number")


def _leader_memberships(day: datetime.date | None = None) -> QuerySet[Any]:
    from fagloft.accounts.models import Membership
    from fagloft.accounts.roles import Role

    return Membership.objects.valid_on(day).filter(
        role=Role.SERVICE_LEADER, service__isnull=False, user__is_active=True
    )


def without_leader(services: QuerySet[Service], day: datetime.date | None = None) -> QuerySet[Service]:
    """The services whose leader is not known: no leader name registered and nobody holding the
    service-leader role for it today. A leader who logs in is a leader, whether or not the name
    field has been filled in, so the front page, the county page and the service page agree."""
    return services.filter(leader_name="").exclude(pk__in=_leader_memberships(day).values("service"))


def attach_leaders(services: Iterable[Service]) -> list[Service]:
    """Set `known_leader` on each service (one query): the registered leader name, or else the names
    of the users holding the service-leader role today ("" when neither)."""
    services = list(services)
    blank = [s.pk for s in services if not s.leader_name]
    names: dict[int, list[str]] = {}
    if blank:
        for membership in (
            _leader_memberships()
            .filter(service__in=blank)
            .select_related("user")
            .order_by("user__last_name", "user__first_name", "user__username")
        ):
            user = membership.user
            name = user.get_full_name() or user.get_username()
            entry = names.setdefault(membership.service_id, [])
            if name not in entry:
                entry.append(name)
    for service in services:
        service.known_leader = service.leader_name or ", ".join(names.get(service.pk, []))
        service.leader_from_role = not service.leader_name and bool(service.known_leader)
    return services


def search_municipalities(user: Any, text: str, limit: int = 25) -> list[Municipality]:
    """Municipalities the user may see whose name contains `text`, or whose number starts with it.

    Current municipalities come first, then ended ones, each by number."""
    text = text.strip()
    if not text:
        return []
    if text.isdigit():
        matches = Municipality.objects.filter(number__startswith=text)
    else:
        matches = Municipality.objects.filter(name__icontains=text)
    found = visible(user, VIEW_MUNICIPALITY, matches.select_related("county"))
    today = timezone.localdate()
    ordered = sorted(found[: limit * 2], key=lambda m: (not m.is_valid_on(today), m.number))
    return ordered[:limit]


def agreements_for_municipality(user: Any, municipality: Municipality) -> QuerySet[CooperationAgreement]:
    return _agreement_list(user, municipality.agreements.all())


def agreements_for_county(
    user: Any, county: County, day: datetime.date | None = None
) -> QuerySet[CooperationAgreement]:
    parties = municipalities_in_county(county, day)
    return _agreement_list(user, CooperationAgreement.objects.filter(parties__in=parties).distinct())


def _agreement_list(user: Any, agreements: QuerySet[CooperationAgreement]) -> QuerySet[CooperationAgreement]:
    return (
        visible(user, VIEW_AGREEMENTS, agreements)
        .select_related("host")
        .prefetch_related(Prefetch("parties", queryset=Municipality.objects.order_by("number")))
        .order_by("-valid_from", "title")
    )


def makes_agreements(municipality: Municipality) -> bool:
    """Whether a municipality can become party to a new agreement: not once it has ended."""
    return municipality.valid_to is None or municipality.valid_to >= timezone.localdate()


def party_choices(user: Any) -> QuerySet[Municipality]:
    """Municipalities a user may name as parties: those valid today in the counties the user reaches.

    An agreement is often with neighbours the user cannot otherwise open, so this is wider than
    `visible`, but never wider than the counties of the user's own units."""
    reachable = visible(user, VIEW_MUNICIPALITY, Municipality.objects.all())
    counties = CountyMembershipPeriod.objects.valid_on().filter(municipality__in=reachable).values("county")
    current = CountyMembershipPeriod.objects.valid_on().filter(county__in=counties).values("municipality")
    return Municipality.objects.valid_on().filter(pk__in=current).order_by("name")


def memberships_of(service: Service) -> QuerySet[Any]:
    """Who holds which role in the service today."""
    from fagloft.accounts.models import Membership

    return (
        Membership.objects.valid_on().filter(service=service).select_related("user").order_by("role", "user__last_name")
    )


def population_series(municipality: Municipality) -> list[Population]:
    return list(municipality.populations.order_by("year"))


def with_current_services(
    municipalities: QuerySet[Municipality], day: datetime.date | None = None
) -> QuerySet[Municipality]:
    """Prefetch `current_coverages` (coverages valid on `day`, with their service) in one query."""
    coverages = ServiceCoverage.objects.valid_on(day).select_related("service").order_by("service__name")
    return municipalities.prefetch_related(
        Prefetch("service_coverages", queryset=coverages, to_attr="current_coverages")
    )


def services_of(municipalities: list[Municipality]) -> list[Service]:
    """The distinct services serving `municipalities`, from their prefetched `current_coverages`."""
    found: dict[int, Service] = {}
    for municipality in municipalities:
        for coverage in getattr(municipality, "current_coverages", []):
            service = found.setdefault(coverage.service_id, coverage.service)
            if not hasattr(service, "served"):
                service.served = []
            service.served.append(municipality)
    return sorted(found.values(), key=lambda s: s.name)


def council_handling(municipality: Municipality, year: int, kind: str = "status_report") -> CouncilHandling | None:
    """The newest recorded council handling of `kind` for `municipality` and report year `year`."""
    handlings = CouncilHandling.objects.filter(municipality=municipality, year=year, kind=kind)
    return handlings.order_by("-date", "-pk").first()


def council_handlings(municipalities: Any, year: int, kind: str = "status_report") -> dict[int, Any]:
    """{municipality id: newest handling} for many municipalities in one query (overviews)."""
    found: dict[int, Any] = {}
    rows = CouncilHandling.objects.filter(municipality__in=municipalities, year=year, kind=kind).order_by(
        "municipality_id", "-date", "-pk"
    )
    for row in rows:
        found.setdefault(row.municipality_id, row)
    return found


def agreements_of(municipalities: Any, year: int) -> QuerySet[CooperationAgreement]:
    """Agreements any of `municipalities` is party to that were valid in `year` (for reports, which
    check access to the report itself)."""
    agreements = CooperationAgreement.objects.filter(parties__in=municipalities).values("pk")
    return (
        CooperationAgreement.objects.filter(pk__in=agreements)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__year__lte=year))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__year__gte=year))
        .select_related("host")
        .prefetch_related(Prefetch("parties", queryset=Municipality.objects.order_by("number")))
        .order_by("kind", "title")
    )

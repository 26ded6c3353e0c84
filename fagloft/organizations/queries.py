"""Read-side queries for the organisation tree, used by pages, the API and higher apps."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from fagloft.accounts.access import visible
from fagloft.audit.models import AuditEvent
from fagloft.organizations.models import (
    County,
    CountyMembershipPeriod,
    Municipality,
    Population,
    Service,
    ServiceCoverage,
)
from fagloft.organizations.permissions import VIEW_AUDIT, VIEW_COUNTY, VIEW_MUNICIPALITY, VIEW_SERVICE


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


def latest_population_year() -> int | None:
    row = Population.objects.order_by("-year").values_list("year", flat=True).first()
    return row


def with_population(municipalities: QuerySet[Municipality], year: int | None) -> QuerySet[Municipality]:
    """Annotate each municipality with `population` (a Population or None) for `year`, in one query."""
    if year is None:
        return municipalities
    return municipalities.prefetch_related(
        Prefetch("populations", queryset=Population.objects.filter(year=year), to_attr="population_for_year")
    )


def children_0_17(municipality: Municipality, year: int) -> int | None:
    """Children 0–17 on 1 January of `year`, following renumbering to a predecessor when needed.

    The SSB series uses 2020 numbers; a municipality renumbered in 2024 (Alta 5403 is not, Halden
    3001 -> 3101 is) takes its single predecessor's figure. A split (Ålesund/Haram) has no figure.
    """
    row = Population.objects.filter(municipality=municipality, year=year).values_list("children", flat=True).first()
    if row is not None:
        return row
    predecessors = list(municipality.predecessors.all()[:2])
    if len(predecessors) == 1 and predecessors[0].successors.count() == 1:
        return children_0_17(predecessors[0], year)
    return None


def coverages_of(service: Service) -> QuerySet[ServiceCoverage]:
    return service.coverages.select_related("municipality").order_by("-valid_to", "municipality__number")


def services_for(municipality: Municipality) -> QuerySet[ServiceCoverage]:
    return municipality.service_coverages.select_related("service").order_by("-valid_from")


def audit_events_for(user: Any) -> QuerySet[AuditEvent]:
    """The audit trail a user may read: everything for admins, the county's own units for advisors."""
    from fagloft.accounts.access import matching_memberships
    from fagloft.accounts.roles import LEVEL_OF_ROLE, Level

    events = AuditEvent.objects.all()
    county_ids: list[int] = []
    for membership in matching_memberships(user, VIEW_AUDIT):
        if LEVEL_OF_ROLE[membership.role] == Level.GLOBAL:
            return events
        county_ids.append(membership.county_id)
    return events.filter(county_id__in=county_ids)

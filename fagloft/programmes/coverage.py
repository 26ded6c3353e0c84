"""Certification coverage (TIBIR/PMTO and other certification programmes): which municipalities run
a programme, how many staff are certified (the competence register's method certifications, with
the renewal a programme recorded), when renewals fall due, and the coverage a service needs (the
offer's certified staff per 1 000 children 0–17, population from organizations).

Counts of persons in county and national rows follow the five-person rule
(`CompetenceSettings.min_group_size`); names are only for the service's own readers."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Max, Q
from django.utils import timezone

from fagloft.competence import queries as competence_queries
from fagloft.competence.models import Certification, CompetenceSettings, Employee
from fagloft.organizations.models import County, CountyMembershipPeriod, Population, Service, ServiceCoverage
from fagloft.programmes.models import CertificationSite, Enrolment, Offer, OfferKind

MONTHS_DEFAULT = 6
MONTHS_MAX = 36


def add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, candidate)
        except ValueError:
            continue
    raise ValueError(day)


@dataclass
class Person:
    """A certified employee; `employee` is None in the aggregates, which count by service only."""

    employee: Employee | None
    certified_year: int
    renewal_due_on: datetime.date | None
    expiring: bool
    expired: bool
    service_id: int = 0


@dataclass
class Row:
    """One unit's line: a county (national page), a service (county page) or the service itself."""

    label: str
    url_kwargs: dict[str, Any]
    certified: int | None
    expiring: int | None
    children: int | None
    needed: Decimal | None
    runs: bool = False

    @property
    def covered(self) -> bool | None:
        if self.needed is None or self.certified is None:
            return None
        return Decimal(self.certified) >= self.needed


@dataclass
class OfferCoverage:
    offer: Offer
    sites: list[CertificationSite]
    rows: list[Row]
    total: Row
    people: list[Person] = field(default_factory=list)


def certification_offers() -> list[Offer]:
    return list(
        Offer.objects.filter(kind=OfferKind.CERTIFICATION, is_published=True).exclude(method="").order_by("title")
    )


def _due(year: int, offer: Offer, recorded: datetime.date | None) -> datetime.date | None:
    """The renewal the programme recorded, else the end of the year the renewal period runs out."""
    if recorded is not None:
        return recorded
    if offer.renewal_years:
        return datetime.date(year + offer.renewal_years, 12, 31)
    return None


def certified_people(
    offer: Offer, service_ids: Collection[int] | None, today: datetime.date, months: int, names: bool = True
) -> list[Person]:
    """Current staff with the offer's method certification, the latest certification each. Without
    `names` only the counts' facts are read (the nation has thousands of certified staff, and
    loading each employee was most of the national page's time)."""
    staff = Employee.objects.filter(anonymised_at__isnull=True, started_on__lte=today).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=today)
    )
    if service_ids is not None:
        staff = staff.filter(service_id__in=service_ids)
    latest: dict[int, int] = {}
    service_of: dict[int, int] = {}
    for employee_id, service_id, year in (
        Certification.objects.filter(method=offer.method, employee__in=staff)
        .values("employee_id", "employee__service_id")
        .annotate(year=Max("year"))
        .values_list("employee_id", "employee__service_id", "year")
    ):
        latest[employee_id] = year
        service_of[employee_id] = service_id
    recorded = dict(
        Enrolment.objects.filter(offer=offer, employee_id__in=latest, renewal_due_on__isnull=False)
        .values("employee_id")
        .annotate(due=Max("renewal_due_on"))
        .values_list("employee_id", "due")
    )
    horizon = add_months(today, months)
    employees: list[tuple[int, Employee | None]]
    if names:
        ordered = staff.filter(pk__in=latest).select_related("service").order_by("last_name", "first_name", "pk")
        employees = [(e.pk, e) for e in ordered]
    else:
        employees = [(pk, None) for pk in sorted(latest)]
    people = []
    for pk, employee in employees:
        due = _due(latest[pk], offer, recorded.get(pk))
        expired = due is not None and due < today
        expiring = not expired and due is not None and due <= horizon
        people.append(Person(employee, latest[pk], due, expiring, expired, service_of[pk]))
    return people


def _hide(count: int, min_group: int) -> int | None:
    return None if 0 < count < min_group else count


def _needed(offer: Offer, children: int | None) -> Decimal | None:
    if offer.coverage_per_1000_children is None or not children:
        return None
    return (offer.coverage_per_1000_children * children / 1000).quantize(Decimal("0.1"))


def _county_of_municipality(day: datetime.date) -> dict[int, int]:
    return dict(CountyMembershipPeriod.objects.valid_on(day).values_list("municipality_id", "county_id"))


def _children_by_municipality(year: int) -> dict[int, int]:
    """Children 0–17 per municipality, the latest of the last three years (one query)."""
    found: dict[int, tuple[int, int]] = {}
    for municipality_id, row_year, children in Population.objects.filter(
        year__in=(year, year - 1, year - 2)
    ).values_list("municipality_id", "year", "children"):
        if municipality_id not in found or found[municipality_id][0] < row_year:
            found[municipality_id] = (row_year, children)
    return {m: c for m, (_y, c) in found.items()}


def _sites(offer: Offer, municipality_ids: Collection[int] | None, year: int) -> list[CertificationSite]:
    sites = offer.sites.select_related("municipality").order_by("municipality__name")
    if municipality_ids is not None:
        sites = sites.filter(municipality_id__in=municipality_ids)
    return [s for s in sites if s.runs_in(year)]


def _row(
    label: str,
    kwargs: dict[str, Any],
    people: list[Person],
    children: int | None,
    offer: Offer,
    min_group: int,
    runs: bool,
) -> Row:
    certified = sum(1 for p in people if not p.expired)
    expiring = sum(1 for p in people if p.expiring)
    return Row(
        label, kwargs, _hide(certified, min_group), _hide(expiring, min_group), children, _needed(offer, children), runs
    )


def national(counties: list[County], months: int, today: datetime.date | None = None) -> list[OfferCoverage]:
    """Per county (those the reader may see), with the nation's total."""
    today = today or timezone.localdate()
    min_group = CompetenceSettings.current().min_group_size
    county_of = _county_of_municipality(today)
    service_county: dict[int, int] = {}
    for service_id, municipality_id in ServiceCoverage.objects.valid_on(today).values_list(
        "service_id", "municipality_id"
    ):
        if municipality_id in county_of:
            service_county.setdefault(service_id, county_of[municipality_id])
    children = _children_by_municipality(today.year)
    children_of_county: dict[int, int] = defaultdict(int)
    for municipality_id, county_id in county_of.items():
        children_of_county[county_id] += children.get(municipality_id, 0)
    result = []
    for offer in certification_offers():
        people = certified_people(offer, None, today, months, names=False)
        sites = _sites(offer, None, today.year)
        counties_running = {county_of.get(s.municipality_id) for s in sites}
        by_county: dict[int, list[Person]] = defaultdict(list)
        for person in people:
            by_county[service_county.get(person.service_id, 0)].append(person)
        rows = [
            _row(
                c.name,
                {"county_number": c.number},
                by_county.get(c.pk, []),
                children_of_county.get(c.pk) or None,
                offer,
                min_group,
                c.pk in counties_running,
            )
            for c in counties
        ]
        total = _row("", {}, people, sum(children_of_county.values()) or None, offer, min_group, bool(sites))
        result.append(OfferCoverage(offer, sites, rows, total))
    return result


def for_county(county: County, months: int, today: datetime.date | None = None) -> list[OfferCoverage]:
    """Per service in the county, with the county's total."""
    today = today or timezone.localdate()
    min_group = CompetenceSettings.current().min_group_size
    services = list(competence_queries.services_in_county(county, today).order_by("name"))
    municipalities = set(
        CountyMembershipPeriod.objects.valid_on(today).filter(county=county).values_list("municipality_id", flat=True)
    )
    served: dict[int, set[int]] = defaultdict(set)
    for service_id, municipality_id in (
        ServiceCoverage.objects.valid_on(today)
        .filter(service__in=services)
        .values_list("service_id", "municipality_id")
    ):
        served[service_id].add(municipality_id)
    children = competence_queries.children_served_many(services, today.year)
    result = []
    for offer in certification_offers():
        people = certified_people(offer, [s.pk for s in services], today, months, names=False)
        sites = _sites(offer, municipalities, today.year)
        running = {s.municipality_id for s in sites}
        by_service: dict[int, list[Person]] = defaultdict(list)
        for person in people:
            by_service[person.service_id].append(person)
        rows = [
            _row(
                s.name,
                {"service_id": s.pk},
                by_service.get(s.pk, []),
                children[s.pk],
                offer,
                min_group,
                bool(served[s.pk] & running),
            )
            for s in services
        ]
        county_children = sum(c for c in children.values() if c) or None
        total = _row(county.name, {}, people, county_children, offer, min_group, bool(sites))
        result.append(OfferCoverage(offer, sites, rows, total))
    return result


def for_service(
    service: Service, months: int, with_names: bool, today: datetime.date | None = None
) -> list[OfferCoverage]:
    """The service's own figures; the named people (with renewal dates) only for `with_names`
    (its own readers); otherwise the counts follow the five-person rule as in the aggregates."""
    today = today or timezone.localdate()
    min_group = 1 if with_names else CompetenceSettings.current().min_group_size
    municipalities = set(
        ServiceCoverage.objects.valid_on(today).filter(service=service).values_list("municipality_id", flat=True)
    )
    children = competence_queries.children_served(service, today.year)
    result = []
    for offer in certification_offers():
        people = certified_people(offer, [service.pk], today, months, names=with_names)
        sites = _sites(offer, municipalities, today.year)
        total = _row(service.name, {}, people, children, offer, min_group, bool(sites))
        result.append(OfferCoverage(offer, sites, [], total, people if with_names else []))
    return result

"""Reads for pages, the API, the benchmark and other apps.

Aggregates take a set of services (None = the nation), so one function serves a service, a
municipality, a network, a county and the nation. Person counts below
`CompetenceSettings.min_group_size` (five) are suppressed in aggregates.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from fagloft.accounts.access import has_role, visible
from fagloft.accounts.roles import Role
from fagloft.assessments import queries as assessment_queries
from fagloft.competence import figures_cache
from fagloft.competence import queries as competence_queries
from fagloft.competence.models import CompetenceSettings, Employee
from fagloft.organizations.models import County, Municipality, Service
from fagloft.programmes.models import (
    ApplicationWindow,
    Cohort,
    CohortService,
    Enrolment,
    EnrolmentStatus,
    GrantCeiling,
    Offer,
    OfferKind,
    StudyPlaceAllocation,
    StudyPlaceYear,
)
from fagloft.programmes.permissions import VIEW_COHORTS, VIEW_PROGRESS, VIEW_SERVICE_ENROLMENTS, provider_q

S = EnrolmentStatus


def published_offers() -> QuerySet[Offer]:
    return Offer.objects.filter(is_published=True).select_related("topic", "provider")


def allocations() -> QuerySet[StudyPlaceAllocation]:
    return StudyPlaceAllocation.objects.select_related("offer", "provider")


@dataclass
class PlacesYear:
    """One intake year on the study places page and in `/api/v1/study-place-years/`: the national
    places, what the institutions were given and what is used (admitted), the window and ceiling."""

    year: int
    row: StudyPlaceYear | None
    allocated: int
    admitted: int
    classes: int
    window: ApplicationWindow | None
    ceiling: GrantCeiling | None

    @property
    def places(self) -> int | None:
        return self.row.places if self.row else None

    @property
    def free(self) -> int | None:
        return None if self.row is None else max(self.row.places - self.admitted, 0)

    @property
    def unallocated(self) -> int | None:
        return None if self.row is None else self.row.places - self.allocated


def study_place_years() -> list[PlacesYear]:
    """Every year that has national places, classes, a window or a ceiling, newest first (four
    queries whatever the number of years)."""
    totals: dict[int, dict[str, Any]] = {
        r["year"]: dict(r)
        for r in StudyPlaceAllocation.objects.values("year").annotate(
            places=Sum("places"), admitted=Sum("admitted"), classes=Count("pk")
        )
    }
    rows = {r.year: r for r in StudyPlaceYear.objects.all()}
    windows = {w.year: w for w in ApplicationWindow.objects.all()}
    ceilings = {c.year: c for c in GrantCeiling.objects.all()}
    years = sorted(set(totals) | set(rows) | set(windows) | set(ceilings), reverse=True)
    return [
        PlacesYear(
            year,
            rows.get(year),
            totals.get(year, {}).get("places") or 0,
            totals.get(year, {}).get("admitted") or 0,
            totals.get(year, {}).get("classes") or 0,
            windows.get(year),
            ceilings.get(year),
        )
        for year in years
    ]


def grant_ceiling_for(year: int) -> Decimal | None:
    """The highest employer grant per student for a year's students (None: not set or unknown)."""
    return GrantCeiling.objects.filter(year=year).values_list("amount", flat=True).first()


def visible_enrolments(user: Any) -> QuerySet[Enrolment]:
    """Own applications and places; the service's for its leader; a provider's own participants;
    everything for the administrator. Never the county's or Bufdir's (they see aggregates)."""
    base = Enrolment.objects.select_related("employee", "service", "offer", "allocation", "cohort")
    if not getattr(user, "is_authenticated", False):
        return base.none()
    if has_role(user, Role.ADMIN):
        return base
    condition = Q(pk__in=visible(user, VIEW_SERVICE_ENROLMENTS, Enrolment.objects.all()).values("pk"))
    if has_role(user, Role.EMPLOYEE, Role.SERVICE_LEADER):
        condition |= Q(employee__user=user, employee__anonymised_at__isnull=True)
    provided = provider_q(user, Enrolment)
    if provided is not None:
        condition |= provided
    return base.filter(condition)


def own_employments(user: Any) -> list[Employee]:
    return list(
        competence_queries.own_employments(user).filter(
            Q(ended_on__isnull=True) | Q(ended_on__gte=timezone.localdate())
        )
    )


# The columns of the class page's table: a class has hundreds of applicants, and the employees'
# and services' other fields (some fifty, many of them dates) were most of the page's time.
APPLICANT_FIELDS = (
    "allocation_id",
    "employee__first_name",
    "employee__last_name",
    "service__name",
    "status",
    "priority",
    "applied_at",
    "employer_confirmed_on",
    "waitlist_position",
)


def applicants(allocation: StudyPlaceAllocation) -> list[Enrolment]:
    """The class's applicants in the order the provider works: priority, then time of application
    (with `APPLICANT_FIELDS` loaded; other fields are read on first use)."""
    return list(
        allocation.enrolments.select_related("employee", "service")
        .only(*APPLICANT_FIELDS)
        .order_by("priority", "applied_at", "pk")
    )


def visible_cohorts(user: Any) -> QuerySet[Cohort]:
    return visible(user, VIEW_COHORTS, Cohort.objects.select_related("county", "offer", "network", "provider"))


def round_services(cohort: Cohort) -> list[CohortService]:
    return list(cohort.services.select_related("service", "commitment_signed_by").order_by("service__name"))


# Tjenestestøtteprogrammet: the candidate list -----------------------------------------------------

RISK_POINTS = {"high": 3, "moderate": 2, "low": 1}


@dataclass
class Candidate:
    service: Service
    score: int
    risk_level: str
    headcount: int
    small: bool
    reasons: list[str] = field(default_factory=list)
    already: bool = False


def candidates(county: County, cohort: Cohort | None = None) -> list[Candidate]:
    """The county's services, small ones with great need first: the latest forwarded risk and status
    assessment's risk level and fired signals, and the service's size, with the reasons in words.
    Services that have taken part already (or are in this round) come last."""
    services = list(assessment_queries.county_services(county))
    latest = assessment_queries.latest_assessments(Service.objects.filter(pk__in=[s.pk for s in services]))
    service_ids = [s.pk for s in services]
    # From the competence figures' cache (kept under their data version): computed, they walk
    # every employment period of the county's services, most of the cohort page's time.
    figures = figures_cache.cached("services", service_ids, lambda: competence_queries.figures_for(service_ids))
    taken = set(
        CohortService.objects.filter(service__in=services, cohort__kind=Cohort.Kind.SERVICE_SUPPORT)
        .exclude(status=CohortService.Status.WITHDRAWN)
        .values_list("service_id", flat=True)
    )
    rows = []
    for service in services:
        assessment = latest.get(service.pk)
        level = assessment.risk_level if assessment else ""
        signals = assessment_queries.fired_signals(assessment)
        fig = figures.get(service.pk)
        small = bool(fig and fig.small)
        reasons = []
        if level:
            reasons.append(_("Risikonivå: %(level)s") % {"level": assessment.get_risk_level_display()})  # type: ignore[union-attr]
        else:
            reasons.append(_("Ingen videresendt risiko- og tilstandsvurdering"))
        for signal in signals[:3]:
            reasons.append(_("Signal: %(name)s") % {"name": signal.get("name") or signal.get("label") or ""})
        if small:
            reasons.append(_("Liten tjeneste (%(fte)s årsverk)") % {"fte": str(fig.fte.normalize()).replace(".", ",")})  # type: ignore[union-attr]
        already = service.pk in taken
        if already:
            reasons.append(_("Har allerede deltatt eller er valgt ut"))
        score = RISK_POINTS.get(level, 0) * 10 + len(signals) * 3 + (5 if small else 0) - (100 if already else 0)
        rows.append(Candidate(service, score, level, fig.headcount if fig else 0, small, reasons, already))
    return sorted(rows, key=lambda c: (-c.score, c.service.name))


# Progress toward the national target and 2031 ----------------------------------------------------


def services_of(unit: Any) -> list[int] | None:
    """The services of a unit (None for the nation)."""
    if unit is None:
        return None
    if isinstance(unit, Service):
        return [unit.pk]
    if isinstance(unit, Municipality):
        return list(competence_queries.services_serving(unit).values_list("pk", flat=True))
    if isinstance(unit, County):
        return list(competence_queries.services_in_county(unit).values_list("pk", flat=True))
    if unit._meta.label_lower == "networks.network":
        municipalities = unit.members.values("municipality")
        return list(
            Service.objects.filter(
                coverages__municipality__in=municipalities,
            )
            .distinct()
            .values_list("pk", flat=True)
        )
    raise TypeError(unit)


@dataclass
class YearRow:
    year: int
    applied: int | None = 0
    admitted: int | None = 0
    waitlisted: int | None = 0
    completed: int | None = 0
    requirement_priority: int | None = 0
    places: int | None = None


@dataclass
class Progress:
    employees: int
    with_further_education: int | None
    forecast: int | None
    target: Decimal
    start_year: int
    end_year: int
    years: list[YearRow]
    min_group: int
    requirement_meets: int | None = None
    requirement_applicable: int | None = None

    def _share(self, count: int | None) -> Decimal | None:
        if count is None or not self.employees:
            return None
        return (Decimal(count * 100) / self.employees).quantize(Decimal("0.1"))

    @property
    def share(self) -> Decimal | None:
        return self._share(self.with_further_education)

    @property
    def forecast_share(self) -> Decimal | None:
        return self._share(self.forecast)

    @property
    def target_percent(self) -> Decimal:
        return (self.target * 100).quantize(Decimal("0.1"))

    @property
    def requirement_share(self) -> Decimal | None:
        if self.requirement_meets is None or not self.requirement_applicable:
            return None
        return (Decimal(self.requirement_meets * 100) / self.requirement_applicable).quantize(Decimal("0.1"))


def _hide(count: int, min_group: int) -> int | None:
    return None if 0 < count < min_group else count


def progress(service_ids: Collection[int] | None, with_requirements: bool = True) -> Progress:
    """Share of staff employed in the strategy period who took further education in it (register),
    the forecast with admitted and ongoing students, and per year applications, admissions and
    completions; the 2031 share from the competence register. A fixed number of queries."""
    settings = CompetenceSettings.current()
    min_group = settings.min_group_size
    register = competence_queries.further_education_progress(service_ids)
    enrolments = Enrolment.objects.filter(offer__kind=OfferKind.FURTHER_EDUCATION)
    if service_ids is not None:
        enrolments = enrolments.filter(service_id__in=service_ids)
    by_year: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in enrolments.values("year", "status", "priority").annotate(n=Count("pk")):
        counts = by_year[row["year"]]
        counts["applied"] += row["n"]
        if row["status"] in (S.ADMITTED, S.COMPLETED, S.NOT_COMPLETED):
            counts["admitted"] += row["n"]
            if row["priority"] == Enrolment.Priority.REQUIREMENT:
                counts["requirement_priority"] += row["n"]
        if row["status"] == S.WAITLISTED:
            counts["waitlisted"] += row["n"]
        if row["status"] == S.COMPLETED:
            counts["completed"] += row["n"]
    national = {r.year: r.places for r in StudyPlaceYear.objects.all()} if service_ids is None else {}
    years = []
    for year in sorted(set(by_year) | set(national)):
        counts = by_year.get(year, {})
        years.append(
            YearRow(
                year,
                **{
                    k: _hide(counts.get(k, 0), min_group)
                    for k in ("applied", "admitted", "waitlisted", "completed", "requirement_priority")
                },
                places=national.get(year),
            )
        )
    # Forecast: those with further education in the register, plus admitted students whose course
    # is not in the register yet (an admission writes an ongoing course, so this is usually none).
    in_period = enrolments.filter(
        status=S.ADMITTED, year__gte=register.start_year, year__lte=register.end_year, register_item__isnull=True
    )
    extra = in_period.values("employee").distinct().count()
    forecast = register.with_further_education + extra
    result = Progress(
        register.employees,
        _hide(register.with_further_education, min_group),
        _hide(forecast, min_group),
        register.target,
        register.start_year,
        register.end_year,
        years,
        min_group,
    )
    if with_requirements:
        meets, applicable = requirement_totals(service_ids)
        result.requirement_meets = _hide(meets, min_group)
        result.requirement_applicable = applicable if applicable >= min_group else None
    return result


def requirement_totals(service_ids: Collection[int] | None) -> tuple[int, int]:
    """How many meet the 2031 requirements now, of those they apply to (the competence register,
    cached while its data is unchanged)."""
    from fagloft.competence import figures_cache

    ids = list(service_ids) if service_ids is not None else list(Service.objects.values_list("pk", flat=True))

    def compute() -> tuple[int, int]:
        figures = competence_queries.figures_for(ids, years=1)
        return sum(f.meets_now for f in figures.values()), sum(f.applicable for f in figures.values())

    return figures_cache.cached("programmes-requirements", ids, compute)


def county_rows(user: Any, year: int | None = None) -> list[dict[str, Any]]:
    """Per county: applications and admissions (for the national page), suppressed below five."""
    min_group = CompetenceSettings.current().min_group_size
    # Each county's figures only to who may read that county (Bufdir: all of them).
    counties = list(visible(user, VIEW_PROGRESS, County.objects.valid_on()).order_by("number"))
    day = timezone.localdate()
    rows = []
    service_county: dict[int, int] = {}
    from fagloft.organizations.models import CountyMembershipPeriod, ServiceCoverage

    members = {
        m: c for m, c in CountyMembershipPeriod.objects.valid_on(day).values_list("municipality_id", "county_id")
    }
    for service_id, municipality_id in ServiceCoverage.objects.valid_on(day).values_list(
        "service_id", "municipality_id"
    ):
        if municipality_id in members:
            service_county.setdefault(service_id, members[municipality_id])
    totals: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    enrolments = Enrolment.objects.filter(offer__kind=OfferKind.FURTHER_EDUCATION)
    if year is not None:
        enrolments = enrolments.filter(year=year)
    for row in enrolments.values("service_id", "status").annotate(n=Count("pk")):
        county_id = service_county.get(row["service_id"])
        if county_id is None:
            continue
        totals[county_id]["applied"] += row["n"]
        if row["status"] in (S.ADMITTED, S.COMPLETED, S.NOT_COMPLETED):
            totals[county_id]["admitted"] += row["n"]
        if row["status"] == S.COMPLETED:
            totals[county_id]["completed"] += row["n"]
    for county in counties:
        counts = totals.get(county.pk, {})
        rows.append(
            {
                "county": county,
                **{k: _hide(counts.get(k, 0), min_group) for k in ("applied", "admitted", "completed")},
            }
        )
    return rows


def network_summary(network: Any) -> dict[str, Any]:
    """For a network's page: its members' applications, places and completion (aggregated)."""
    ids = services_of(network) or []
    min_group = CompetenceSettings.current().min_group_size
    counts = dict(
        Enrolment.objects.filter(service_id__in=ids, offer__kind=OfferKind.FURTHER_EDUCATION)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    applied = sum(counts.values())
    admitted = sum(counts.get(s, 0) for s in (S.ADMITTED, S.COMPLETED, S.NOT_COMPLETED))
    return {
        "applied": _hide(applied, min_group),
        "admitted": _hide(admitted, min_group),
        "completed": _hide(counts.get(S.COMPLETED, 0), min_group),
        "cohorts": Cohort.objects.filter(network=network).count(),
    }


def suggested_new_staff(service: Service, today: datetime.date | None = None) -> list[Employee]:
    """Staff hired in the last twelve months who have not completed basic training."""
    today = today or timezone.localdate()
    since = today - datetime.timedelta(days=365)
    done = Enrolment.objects.filter(offer__kind=OfferKind.BASIC_TRAINING, status__in=(S.ENROLLED, S.COMPLETED)).values(
        "employee"
    )
    return list(competence_queries.current_staff(service, today).filter(started_on__gte=since).exclude(pk__in=done))


def certification_coverage(service: Service, offer: Offer, today: datetime.date | None = None) -> dict[str, Any]:
    """Certified staff (not past renewal) against the coverage the offer says a service needs."""
    today = today or timezone.localdate()
    certified = (
        Enrolment.objects.filter(
            service=service, offer=offer, certified_on__isnull=False, employee__ended_on__isnull=True
        )
        .filter(Q(renewal_due_on__isnull=True) | Q(renewal_due_on__gte=today))
        .count()
    )
    children = competence_queries.children_served(service, today.year - 1)
    needed = None
    if offer.coverage_per_1000_children and children:
        needed = (offer.coverage_per_1000_children * children / 1000).quantize(Decimal("0.1"))
    return {"certified": certified, "children": children, "needed": needed}


def cached_progress(service_ids: Collection[int] | None) -> Progress:
    """`progress()` from the cache while the data is unchanged: the key holds competence's data
    version, which moves with every audited write (each use case of this app leaves an audit row)."""
    from fagloft.competence import figures_cache

    kind = "programmes-progress-nation" if service_ids is None else "programmes-progress"
    return figures_cache.cached(kind, service_ids or [], lambda: progress(service_ids))


def cached_county_rows(user: Any) -> list[dict[str, Any]]:
    from fagloft.competence import figures_cache

    ids = [c.pk for c in visible(user, VIEW_PROGRESS, County.objects.valid_on())]
    return figures_cache.cached("programmes-county-rows", ids, lambda: county_rows(user))

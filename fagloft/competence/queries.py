"""Reads for pages, the API, the benchmark and higher apps (reports, assessments).

Aggregates take a set of services, so the same function serves a service, a municipality, a
county, a learning network (its members' services) or the nation. Group results for fewer than
`CompetenceSettings.min_group_size` people are suppressed.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from fagloft.accounts.access import visible
from fagloft.competence import capacity, requirements
from fagloft.competence.models import (
    RELEVANT_FIELDS,
    RELEVANT_PROGRAMMES,
    CompetenceSettings,
    Education,
    Employee,
    FrameworkArea,
    FurtherEducation,
    MappingAnswer,
    MappingRound,
    Status,
    Vacancy,
)
from fagloft.lib import formatting
from fagloft.organizations.models import County, CountyMembershipPeriod, Service, ServiceCoverage
from fagloft.organizations.queries import children_0_17

GAP_BELOW = Decimal("2.5")


def employees_with_courses(queryset: QuerySet[Employee] | None = None) -> QuerySet[Employee]:
    queryset = queryset if queryset is not None else Employee.objects.all()
    return queryset.select_related("service").prefetch_related("educations", "further_educations", "certifications")


def current_staff(service: Service, day: datetime.date | None = None) -> QuerySet[Employee]:
    day = day or timezone.localdate()
    return employees_with_courses(
        service.employees.filter(
            Q(ended_on__isnull=True) | Q(ended_on__gte=day), started_on__lte=day, anonymised_at__isnull=True
        )
    )


def own_employments(user: Any) -> QuerySet[Employee]:
    return employees_with_courses(Employee.objects.filter(user=user, anonymised_at__isnull=True))


def services_in_county(county: County, day: datetime.date | None = None) -> QuerySet[Service]:
    """The services covering, on `day`, a municipality that belongs to `county` on `day`: both the
    coverage and the county membership must be valid then (a municipality that has left the county
    takes its services with it, as in `accounts.access.scope_q`)."""
    day = day or timezone.localdate()
    members = CountyMembershipPeriod.objects.valid_on(day).filter(county=county).values("municipality")
    coverages = ServiceCoverage.objects.valid_on(day).filter(municipality__in=members).values("service")
    return Service.objects.filter(pk__in=coverages)


def services_serving(municipality: Any, day: datetime.date | None = None) -> QuerySet[Service]:
    day = day or timezone.localdate()
    return Service.objects.filter(
        pk__in=ServiceCoverage.objects.valid_on(day).filter(municipality=municipality).values("service")
    )


def visible_services(user: Any, action: Any) -> QuerySet[Service]:
    return visible(user, action, Service.objects.select_related("host_municipality"))


@dataclass
class ServiceFigures:
    service_id: int
    headcount: int = 0
    fte: Decimal = Decimal(0)
    turnover: dict[int, Decimal | None] = field(default_factory=dict)
    turnover_parts: dict[int, tuple[int, Decimal]] = field(default_factory=dict)
    vacancies: capacity.VacancySummary | None = None
    tenure: list[dict] = field(default_factory=list)
    requirement_rows: list[dict] = field(default_factory=list)
    meets_now: int = 0
    applicable: int = 0
    small: bool = False

    @property
    def requirement_share(self) -> Decimal | None:
        return Decimal(self.meets_now * 100) / self.applicable if self.applicable else None


@dataclass(frozen=True)
class _Period:
    """An employment period as plain values: fast to load for a whole country."""

    started_on: datetime.date
    ended_on: datetime.date | None
    fte_percent: Decimal
    person: requirements.Person | None = None


def _courses_by_employee(service_ids: Collection[int]) -> dict[int, list[requirements.Course]]:
    courses: dict[int, list[requirements.Course]] = defaultdict(list)
    educations = Education.objects.filter(employee__service_id__in=service_ids, employee__anonymised_at__isnull=True)
    for employee_id, level, field_name, year, status in educations.values_list(
        "employee_id", "level", "field", "year", "status"
    ):
        courses[employee_id].append(
            requirements.Course(level, field_name in RELEVANT_FIELDS, year, status == Status.COMPLETED)
        )
    further = FurtherEducation.objects.filter(
        employee__service_id__in=service_ids, employee__anonymised_at__isnull=True
    )
    for employee_id, programme, year, status, ects in further.values_list(
        "employee_id", "programme", "year", "status", "ects"
    ):
        courses[employee_id].append(
            requirements.Course("further", programme in RELEVANT_PROGRAMMES, year, status == Status.COMPLETED, ects)
        )
    return courses


def _periods_by_service(service_ids: Collection[int]) -> dict[int, list[_Period]]:
    """Every employment period; people (for the requirements) only for those not anonymised."""
    courses = _courses_by_employee(service_ids)
    grouped: dict[int, list[_Period]] = defaultdict(list)
    for row in Employee.objects.filter(service_id__in=service_ids).values(
        "pk",
        "service_id",
        "position",
        "does_core_tasks",
        "started_on",
        "ended_on",
        "fte_percent",
        "prior_experience_years",
        "exemption_until",
        "anonymised_at",
    ):
        person = (
            None
            if row["anonymised_at"]
            else requirements.Person(
                row["position"],
                row["does_core_tasks"],
                row["started_on"],
                row["ended_on"],
                row["prior_experience_years"],
                tuple(courses.get(row["pk"], ())),
                row["exemption_until"],
            )
        )
        grouped[row["service_id"]].append(_Period(row["started_on"], row["ended_on"], row["fte_percent"], person))
    return grouped


def figures_for(
    service_ids: Collection[int], today: datetime.date | None = None, years: int = 3
) -> dict[int, ServiceFigures]:
    """Capacity and requirement figures for many services in a fixed number of queries."""
    today = today or timezone.localdate()
    settings = CompetenceSettings.current()
    rules = requirements.rules_in_force()
    periods_by_service = _periods_by_service(service_ids)
    openings: dict[int, list[Vacancy]] = defaultdict(list)
    for vacancy in Vacancy.objects.filter(service_id__in=service_ids):
        openings[vacancy.service_id].append(vacancy)
    result = {}
    for service_id in service_ids:
        periods = periods_by_service.get(service_id, [])
        people = [p.person for p in capacity.employed_on(periods, today) if p.person is not None]
        statuses = [requirements.status_for(p, rules, today, explain=False) for p in people]
        figures = ServiceFigures(
            service_id=service_id,
            headcount=len(people),
            fte=capacity.fte(periods, today),
            turnover_parts={
                y: capacity.turnover_parts(periods, y) for y in range(today.year - years + 1, today.year + 1)
            },
            vacancies=capacity.vacancy_summary(openings.get(service_id, []), today),
            tenure=capacity.tenure_distribution(periods, today),
            requirement_rows=requirements.share_by_year(people, rules, today, statuses),
            meets_now=sum(1 for s in statuses if s.applies and s.meets_now),
            applicable=sum(1 for s in statuses if s.applies),
        )
        figures.turnover = {y: capacity.turnover_from([p]) for y, p in figures.turnover_parts.items()}
        figures.small = capacity.is_small_service(figures.fte, settings.small_service_fte)
        result[service_id] = figures
    return result


def requirement_shares(service_ids: Collection[int], today: datetime.date | None = None) -> dict[int, tuple[int, int]]:
    """{service id: (staff the requirements apply to, of them meeting them today)}: the two
    figures of `figures_for` a list of services shows, without the years to 2031, turnover and
    tenure it also works out."""
    today = today or timezone.localdate()
    rules = requirements.rules_in_force()
    periods_by_service = _periods_by_service(service_ids)
    result = {}
    for service_id in service_ids:
        periods = periods_by_service.get(service_id, [])
        people = [p.person for p in capacity.employed_on(periods, today) if p.person is not None]
        statuses = [requirements.status_for(p, rules, today, explain=False) for p in people]
        applying = [s for s in statuses if s.applies]
        result[service_id] = (len(applying), sum(1 for s in applying if s.meets_now))
    return result


def children_served(service: Service, year: int) -> int | None:
    """Children 0–17 in the municipalities the service covers (the latest population year at or
    before `year`). In a fixed number of queries, not one or more per municipality covered."""
    return children_served_many([service], year)[service.pk]


def children_served_many(services: Sequence[Service], year: int) -> dict[int, int | None]:
    """{service id: `children_served(service, year)`} for many services in a fixed number of
    queries (a county page lists 40 services; one by one that was four queries each). The
    renumbering fallback of `children_0_17` is asked one by one, only for municipalities with a
    predecessor and no figure of their own."""
    from fagloft.organizations.models import Municipality, Population

    day = datetime.date(year, 1, 1)
    # Each (service, municipality) pair once: overlapping coverage rows for the same municipality,
    # or several of its districts, must not count its children twice.
    coverages = list(
        dict.fromkeys(
            ServiceCoverage.objects.valid_on(day)
            .filter(service__in=[s.pk for s in services])
            .order_by("pk")
            .values_list("service_id", "municipality_id")
        )
    )
    municipality_ids = {m for _s, m in coverages}
    candidates = (year, year - 1, year - 2)
    own = {
        (m, y): c
        for m, y, c in Population.objects.filter(municipality__in=municipality_ids, year__in=candidates).values_list(
            "municipality_id", "year", "children"
        )
    }
    renumbered = {
        m.pk: m for m in Municipality.objects.filter(pk__in=municipality_ids, predecessors__isnull=False).distinct()
    }

    def children_of(municipality_id: int) -> int | None:
        for candidate in candidates:
            value = own.get((municipality_id, candidate))
            if value is None and municipality_id in renumbered:
                value = children_0_17(renumbered[municipality_id], candidate)
            if value is not None:
                return value
        return None

    of_municipality = {m: children_of(m) for m in municipality_ids}
    found: dict[int, int | None] = {s.pk: None for s in services}
    for service_id, municipality_id in coverages:
        value = of_municipality[municipality_id]
        if value is not None:
            found[service_id] = (found[service_id] or 0) + value
    return found


@dataclass
class PersonRequirement:
    employee: Employee
    status: requirements.RequirementStatus


def requirement_list(service: Service, today: datetime.date | None = None) -> list[PersonRequirement]:
    """Everyone the requirements apply to, those with the most to do first."""
    today = today or timezone.localdate()
    rules = requirements.rules_in_force()
    rows = [
        PersonRequirement(e, requirements.status_for(requirements.person_from(e), rules, today))
        for e in current_staff(service, today)
    ]
    rows = [r for r in rows if r.status.applies]
    return sorted(rows, key=lambda r: (r.status.meets_now, r.status.will_meet_in_time, r.employee.last_name))


# Mapping rounds -------------------------------------------------------------------------------


@dataclass
class AreaResult:
    area: FrameworkArea
    respondents: int
    suppressed: bool
    self_mean: Decimal | None = None
    leader_mean: Decimal | None = None
    distribution: list[int] = field(default_factory=list)  # count of self ratings 1..4

    @property
    def is_gap(self) -> bool:
        mean = self.leader_mean if self.leader_mean is not None else self.self_mean
        return mean is not None and mean < GAP_BELOW


def _respondents_by_round(service_ids: Collection[int]) -> dict[int, int]:
    """People who rated themselves on at least one area, per round of the services."""
    counts: dict[int, set[int]] = defaultdict(set)
    for round_id, employee_id in MappingAnswer.objects.filter(
        round__service_id__in=service_ids, self_rating__isnull=False
    ).values_list("round_id", "employee_id"):
        counts[round_id].add(employee_id)
    return {round_id: len(people) for round_id, people in counts.items()}


def latest_rounds(service_ids: Collection[int], min_group: int | None = None) -> QuerySet[MappingRound]:
    """Per service, the round its results are read from: the latest round that enough people
    answered (`min_group`), so a new round with one answer does not hide last year's results.
    A service with no such round contributes its latest answered round, so small services can
    still add up to a group large enough to show in a county or national view."""
    if min_group is None:
        min_group = CompetenceSettings.current().min_group_size
    respondents = _respondents_by_round(service_ids)
    enough: dict[int, int] = {}
    answered: dict[int, int] = {}
    for round_id, service_id in (
        MappingRound.objects.filter(service_id__in=service_ids)
        .order_by("service_id", "-opened_on", "-pk")
        .values_list("pk", "service_id")
    ):
        count = respondents.get(round_id, 0)
        if count >= min_group:
            enough.setdefault(service_id, round_id)
        if count:
            answered.setdefault(service_id, round_id)
    chosen = {service_id: enough.get(service_id, round_id) for service_id, round_id in answered.items()}
    return MappingRound.objects.filter(pk__in=chosen.values()).order_by("-opened_on", "-pk")


@dataclass
class MappingSummary:
    """The results and the rounds they come from, so a page can say which round it shows."""

    results: list[AreaResult]
    rounds: list[MappingRound]

    @property
    def first_opened(self) -> datetime.date | None:
        return min((r.opened_on for r in self.rounds), default=None)

    @property
    def last_opened(self) -> datetime.date | None:
        return max((r.opened_on for r in self.rounds), default=None)


def services_for_municipalities(municipality_ids: Collection[int], day: datetime.date | None = None) -> list[int]:
    """The services that cover, on `day`, one of the municipalities (a network's members)."""
    coverages = ServiceCoverage.objects.valid_on(day or timezone.localdate()).filter(
        municipality_id__in=list(municipality_ids)
    )
    return sorted(set(coverages.values_list("service_id", flat=True)))


def mapping_summary(service_ids: Collection[int], min_group: int | None = None) -> MappingSummary:
    if min_group is None:
        min_group = CompetenceSettings.current().min_group_size
    rounds = list(latest_rounds(service_ids, min_group))
    return MappingSummary(mapping_results(service_ids, min_group, [r.pk for r in rounds]), rounds)


def mapping_results(
    service_ids: Collection[int], min_group: int | None = None, round_ids: Collection[int] | None = None
) -> list[AreaResult]:
    """Ratings per framework area over the services' latest rounds with enough answers (see
    `latest_rounds`), or the given rounds.

    Areas rated by fewer than `min_group` people are suppressed: no figures are returned for them.
    """
    if min_group is None:
        min_group = CompetenceSettings.current().min_group_size
    rounds = (
        list(round_ids)
        if round_ids is not None
        else list(latest_rounds(service_ids, min_group).values_list("pk", flat=True))
    )
    per_area: dict[int, list[MappingAnswer]] = defaultdict(list)
    for answer in MappingAnswer.objects.filter(round_id__in=rounds).only(
        "area_id", "employee_id", "self_rating", "leader_rating"
    ):
        per_area[answer.area_id].append(answer)
    results = []
    for area in FrameworkArea.objects.filter(pk__in=per_area.keys()):
        answers = per_area[area.pk]
        rated = [a for a in answers if a.self_rating is not None]
        respondents = len({a.employee_id for a in rated})
        result = AreaResult(area, respondents, suppressed=respondents < min_group)
        if not result.suppressed:
            result.self_mean = _mean(a.self_rating for a in rated if a.self_rating is not None)
            result.leader_mean = _mean(a.leader_rating for a in answers if a.leader_rating is not None)
            result.distribution = [sum(1 for a in rated if a.self_rating == v) for v in range(1, 5)]
        results.append(result)
    return results


def mapping_results_per_round(round_ids: Collection[int], min_group: int | None = None) -> dict[int, list[AreaResult]]:
    """{round id: mapping_results([...], min_group, round_ids=[round id])} for many rounds at once
    (a page of the API), with three queries however many rounds."""
    if min_group is None:
        min_group = CompetenceSettings.current().min_group_size
    per_round: dict[int, dict[int, list[MappingAnswer]]] = {pk: defaultdict(list) for pk in round_ids}
    for answer in MappingAnswer.objects.filter(round_id__in=list(round_ids)).only(
        "round_id", "area_id", "employee_id", "self_rating", "leader_rating"
    ):
        per_round[answer.round_id][answer.area_id].append(answer)
    area_ids = {area_id for per_area in per_round.values() for area_id in per_area}
    areas = list(FrameworkArea.objects.filter(pk__in=area_ids)) if area_ids else []
    found: dict[int, list[AreaResult]] = {}
    for round_id, per_area in per_round.items():
        results = []
        for area in areas:
            if area.pk not in per_area:
                continue
            answers = per_area[area.pk]
            rated = [a for a in answers if a.self_rating is not None]
            respondents = len({a.employee_id for a in rated})
            result = AreaResult(area, respondents, suppressed=respondents < min_group)
            if not result.suppressed:
                result.self_mean = _mean(a.self_rating for a in rated if a.self_rating is not None)
                result.leader_mean = _mean(a.leader_rating for a in answers if a.leader_rating is not None)
                result.distribution = [sum(1 for a in rated if a.self_rating == v) for v in range(1, 5)]
            results.append(result)
        found[round_id] = results
    return found


def _mean(values: Iterable[int]) -> Decimal | None:
    values = list(values)
    return (Decimal(sum(values)) / len(values)).quantize(Decimal("0.1")) if values else None


def round_progress(mapping_round: MappingRound) -> dict[int, dict[str, int]]:
    """Per employee: how many areas they rated and the leader assessed."""
    progress: dict[int, dict[str, int]] = defaultdict(lambda: {"self": 0, "leader": 0})
    for employee_id, self_rating, leader_rating in mapping_round.answers.values_list(
        "employee_id", "self_rating", "leader_rating"
    ):
        progress[employee_id]["self"] += self_rating is not None
        progress[employee_id]["leader"] += leader_rating is not None
    return progress


# Further education toward the strategy's aim ---------------------------------------------------


@dataclass
class FurtherEducationProgress:
    employees: int
    with_further_education: int
    target: Decimal
    start_year: int
    end_year: int

    @property
    def share(self) -> Decimal | None:
        return (
            (Decimal(self.with_further_education * 100) / self.employees).quantize(Decimal("0.1"))
            if self.employees
            else None
        )

    @property
    def target_percent(self) -> Decimal:
        return (self.target * 100).quantize(Decimal("0.1"))

    @property
    def reached(self) -> bool:
        return self.share is not None and self.share >= self.target_percent


def further_education_progress(service_ids: Collection[int] | None) -> FurtherEducationProgress:
    """Share of those employed during the strategy period who took (or are taking) relevant further
    education in it. `None` means the whole country."""
    settings = CompetenceSettings.current()
    start = datetime.date(settings.strategy_start_year, 1, 1)
    end = datetime.date(settings.strategy_end_year, 12, 31)
    employees = Employee.objects.filter(started_on__lte=end).filter(Q(ended_on__isnull=True) | Q(ended_on__gte=start))
    if service_ids is not None:
        employees = employees.filter(service_id__in=service_ids)
    taken = (
        FurtherEducation.objects.filter(
            employee__in=employees,
            programme__in=RELEVANT_PROGRAMMES,
            year__gte=settings.strategy_start_year,
            year__lte=settings.strategy_end_year,
        )
        .values("employee")
        .distinct()
        .count()
    )
    return FurtherEducationProgress(
        employees.count(),
        taken,
        settings.further_education_target,
        settings.strategy_start_year,
        settings.strategy_end_year,
    )


# Gaps -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Gap:
    key: str
    kind: str  # suggested MeasureKind
    text: str
    area_id: int | None = None
    origin: str = "own"  # MeasureOrigin
    need_id: int | None = None
    follow_up_id: int | None = None


# The plan measure kind a need of each kind suggests (Need.Kind → MeasureKind).
NEED_MEASURE_KINDS = {
    "competence": "course",
    "capacity": "recruitment",
    "guidance_team": "supervision",
    "service_support": "service_support",
    "neighbours": "network_activity",
    "project": "network_activity",
    "other": "course",
}


def latest_assessment_needs(service: Service) -> list[Any]:
    """The needs of the service's latest assessment (final, or else submitted), from `assessments`."""
    from fagloft.assessments.queries import needs_for_service

    return list(needs_for_service(service))


def _latest_shared_assessment(service: Service) -> Any:
    from fagloft.assessments.models import Assessment

    shared = [Assessment.Status.FINAL, Assessment.Status.DISCUSSED, Assessment.Status.FORWARDED]
    ordered = Assessment.objects.filter(service=service).order_by("-year", "-revision")
    return (
        ordered.filter(status=Assessment.Status.FINAL).first()
        or ordered.filter(status__in=[*shared, Assessment.Status.SUBMITTED]).first()
    )


def latest_follow_ups(assessment: Any) -> list[Any]:
    """The follow-up measures of the assessment the needs come from (not yet done)."""
    if assessment is None:
        return []
    return list(assessment.measures.exclude(status="done").select_related("theme"))


def need_gaps(service: Service, covered_need_ids: Collection[int] = ()) -> tuple[Any, list[Gap]]:
    """(assessment, gaps) from the service's latest assessment: each need not yet answered by a
    measure in the plan, and each follow-up measure not yet done."""
    from django.utils.translation import gettext as _

    from fagloft.competence.models import MeasureKind, MeasureOrigin

    needs = latest_assessment_needs(service)
    assessment = needs[0].assessment if needs else _latest_shared_assessment(service)
    gaps: list[Gap] = []
    for need in needs:
        if need.pk in covered_need_ids:
            continue
        theme = f" ({need.theme.name})" if need.theme_id and need.theme else ""
        gaps.append(
            Gap(
                f"need-{need.pk}",
                NEED_MEASURE_KINDS.get(need.kind, MeasureKind.COURSE),
                f"{need.get_kind_display()}: {need.description}{theme}",
                origin=MeasureOrigin.NEED,
                need_id=need.pk,
            )
        )
    for measure in latest_follow_ups(assessment):
        gaps.append(
            Gap(
                f"follow-up-{measure.pk}",
                MeasureKind.COURSE,
                _("Oppfølgingstiltak: %(text)s") % {"text": measure.description},
                origin=MeasureOrigin.FOLLOW_UP,
                follow_up_id=measure.pk,
            )
        )
    return assessment, gaps


def gaps_for(service: Service, today: datetime.date | None = None) -> list[Gap]:
    """Needs from the latest mapping and the requirements, in words a plan measure can carry."""
    from django.utils.translation import gettext as _
    from django.utils.translation import ngettext

    from fagloft.competence.models import MeasureKind, MeasureOrigin

    today = today or timezone.localdate()
    gaps: list[Gap] = []
    # The leader sees each answer in the round anyway, so the service's own gaps use every answer.
    for result in mapping_results([service.pk], min_group=1):
        if result.is_gap:
            mean = result.leader_mean if result.leader_mean is not None else result.self_mean
            gaps.append(
                Gap(
                    f"area-{result.area.pk}",
                    MeasureKind.COURSE,
                    _("Lav kompetanse i «%(area)s» (snitt %(mean)s av 4)")
                    % {"area": result.area.name, "mean": formatting.number(mean, 1)},
                    result.area.pk,
                    origin=MeasureOrigin.MAPPING_GAP,
                )
            )
    behind = [r for r in requirement_list(service, today) if not r.status.meets_now and not r.status.will_meet_in_time]
    if behind:
        gaps.append(
            Gap(
                "requirements",
                MeasureKind.FURTHER_EDUCATION,
                ngettext(
                    "%(count)s ansatt vil ikke oppfylle kompetansekravene i tide uten mer utdanning",
                    "%(count)s ansatte vil ikke oppfylle kompetansekravene i tide uten mer utdanning",
                    len(behind),
                )
                % {"count": len(behind)},
                origin=MeasureOrigin.REQUIREMENT,
            )
        )
    summary = capacity.vacancy_summary(list(service.vacancies.all()), today)
    if summary.open_count:
        gaps.append(
            Gap(
                "vacancies",
                MeasureKind.RECRUITMENT,
                ngettext(
                    "%(count)s ledig stilling (%(fte)s årsverk)",
                    "%(count)s ledige stillinger (%(fte)s årsverk)",
                    summary.open_count,
                )
                % {"count": summary.open_count, "fte": _trimmed(summary.open_fte)},
                origin=MeasureOrigin.VACANCY,
            )
        )
    return gaps


def _trimmed(value: Decimal) -> str:
    """«1», «0,5»: no trailing decimals on a whole number."""
    return formatting.number(value, 0 if value == value.to_integral_value() else 1)


# Further education for grant applications ------------------------------------------------------


@dataclass(frozen=True)
class FurtherEducationEntry:
    programme: str  # the programme's display name (or the study's own title)
    ects: Decimal
    year: int
    ongoing: bool


@dataclass
class RegisterMatch:
    """What the register says about one person an applicant named (by name or employee id)."""

    key: int | str
    in_register: bool = False
    employee_id: int | None = None
    service_id: int | None = None
    qualifying: list[FurtherEducationEntry] = field(default_factory=list)

    @property
    def has_further_education(self) -> bool:
        return bool(self.qualifying)


@dataclass
class FurtherEducationStatus:
    """`has_register` is False when none of the services has anyone registered: nothing to check."""

    has_register: bool
    people: dict[int | str, RegisterMatch] = field(default_factory=dict)


def further_education_status(
    service_ids: Collection[int], people: Iterable[int | str], year: int, today: datetime.date | None = None
) -> FurtherEducationStatus:
    """For each person (an employee id or a name as written), whether they are on the current staff
    of one of `service_ids` and which child welfare further education they take: ongoing, or
    expected to be completed in `year` or later. Only these services' staff are searched, so a
    caller never learns about another service's people. Two queries, whatever the number of people.
    """
    today = today or timezone.localdate()
    rows = list(
        Employee.objects.filter(service_id__in=list(service_ids), anonymised_at__isnull=True).values_list(
            "pk", "service_id", "first_name", "last_name", "ended_on"
        )
    )
    keys = list(dict.fromkeys(people))
    result = FurtherEducationStatus(has_register=bool(rows), people={key: RegisterMatch(key) for key in keys})
    current = [r for r in rows if (r[4] is None or r[4] >= today)]
    by_id = {r[0]: r for r in current}
    by_name: dict[str, list[tuple]] = defaultdict(list)
    for row in current:
        by_name[_name_key(f"{row[2]} {row[3]}")].append(row)
        by_name[_name_key(f"{row[3]} {row[2]}")].append(row)
    matched: dict[int | str, list[tuple]] = {}
    for key in keys:
        found = [by_id[key]] if isinstance(key, int) and key in by_id else by_name.get(_name_key(str(key)), [])
        if found:
            matched[key] = found
    courses = _qualifying_courses({row[0] for found in matched.values() for row in found}, year)
    for key, found in matched.items():
        match = result.people[key]
        match.in_register, match.employee_id, match.service_id = True, found[0][0], found[0][1]
        for row in found:
            match.qualifying.extend(courses.get(row[0], []))
    return result


def _name_key(name: str) -> str:
    return " ".join(name.replace(",", " ").split()).casefold()


def _qualifying_courses(employee_ids: Collection[int], year: int) -> dict[int, list[FurtherEducationEntry]]:
    courses: dict[int, list[FurtherEducationEntry]] = defaultdict(list)
    if not employee_ids:
        return courses
    rows = FurtherEducation.objects.filter(
        Q(status=Status.ONGOING) | Q(year__gte=year), employee_id__in=employee_ids, programme__in=RELEVANT_PROGRAMMES
    ).order_by("year", "pk")
    for course in rows:
        courses[course.employee_id].append(
            FurtherEducationEntry(
                course.title or str(course.get_programme_display()),
                course.ects,
                course.year,
                course.status == Status.ONGOING,
            )
        )
    return courses


def plans_for(service: Service, year: int) -> QuerySet[Any]:
    """The service's competence plans that cover `year`, with their measures (for the tilstandsrapport)."""
    from fagloft.competence.models import CompetencePlan

    return (
        CompetencePlan.objects.filter(service=service, start_year__lte=year, end_year__gte=year)
        .prefetch_related("measures")
        .order_by("-start_year", "pk")
    )


@dataclass(frozen=True)
class StaffCertification:
    """For higher apps (knowledge): one employee's employment on a day and their certifications."""

    employee_id: int
    service_id: int
    name: str
    employed: bool
    # method code -> the latest year certified
    methods: dict[str, int]


def staff_certifications(
    employee_ids: Collection[int], day: datetime.date | None = None
) -> dict[int, StaffCertification]:
    """Employment on `day` and certifications of the given employees, in two queries."""
    from fagloft.competence.models import Certification

    day = day or timezone.localdate()
    if not employee_ids:
        return {}
    methods: dict[int, dict[str, int]] = defaultdict(dict)
    for employee_id, method, year in Certification.objects.filter(employee_id__in=employee_ids).values_list(
        "employee_id", "method", "year"
    ):
        methods[employee_id][method] = max(year, methods[employee_id].get(method, 0))
    return {
        e.pk: StaffCertification(
            e.pk,
            e.service_id,
            e.name,
            e.anonymised_at is None and e.is_active_on(day),
            dict(methods.get(e.pk, {})),
        )
        for e in Employee.objects.filter(pk__in=employee_ids).only(
            "pk", "service_id", "first_name", "last_name", "started_on", "ended_on", "anonymised_at"
        )
    }

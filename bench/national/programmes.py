"""Further education and programmes: the demo's classes, applications and a Tjenestestøtte round in
the benchmark county; a round in every other county; and 10 years of classes with about 1,000
further-education applications a year from the national staff, in every state a year goes through
(the latest year's still being decided, earlier ones completed, not completed or withdrawn). On the
benchmark service one more application waits for the employer's confirmation, answering the
competence need in the service's draft assessment."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from bench.national.context import run_demo

PAST = [("completed", 0.6), ("not_completed", 0.1), ("withdrawn", 0.08), ("rejected", 0.12), ("admitted", 0.1)]
LATEST = [("applied", 0.2), ("confirmed", 0.2), ("admitted", 0.3), ("enrolled", 0.15), ("waitlisted", 0.15)]


def build(world: Any) -> int:
    from fagloft.competence.models import Employee
    from fagloft.programmes.models import Enrolment

    run_demo("programmes", world.bench)
    _applied(world)
    for ctx in world.contexts[1:]:
        _round(ctx)
    employees = list(
        Employee.objects.filter(anonymised_at__isnull=True).only("pk", "service_id", "started_on").order_by("pk")
    )
    _classes_and_applications(world, employees)
    return Enrolment.objects.count()


def _applied(world: Any) -> None:
    """An application waiting for the employer, linked to the draft assessment's competence need
    (`assessments._draft_need`). An enrolment's page links to confirming and withdrawing only while
    it is applied; the demo's one is beyond the two enrolment pages per URL pattern the service
    leader's crawl opens (those of the round's participants, linked from the front page), while the
    draft assessment's page, opened before them, lists this one under its need."""
    from django.utils import timezone

    from fagloft.assessments.models import Assessment, Need
    from fagloft.competence.models import Employee
    from fagloft.programmes import rules, services
    from fagloft.programmes.models import Enrolment, OfferKind, StudyPlaceAllocation

    service, leader = world.bench.services[0], world.bench_users["service_leader"]
    need = Need.objects.filter(
        assessment__service=service, assessment__status=Assessment.Status.DRAFT, kind=Need.Kind.COMPETENCE
    ).first()
    if need is None or Enrolment.objects.filter(need=need).exists():
        return
    now = timezone.now()
    # The newest class open for applications: not the first ones, whose applicant lists the
    # admin's and the provider's crawls open.
    allocation = next(
        (
            a
            for a in StudyPlaceAllocation.objects.filter(offer__kind=OfferKind.FURTHER_EDUCATION).order_by(
                "-year", "-pk"
            )
            if rules.is_open(rules.window_for(a.year), now)
        ),
        None,
    )
    if allocation is None:
        return
    # Someone without a login (the benchmark users' own pages stay as they are) who has not
    # applied for further education this year.
    applied = Enrolment.objects.filter(year=allocation.year, allocation__isnull=False).values("employee_id")
    employee = (
        Employee.objects.filter(service=service, ended_on__isnull=True, anonymised_at__isnull=True, user__isnull=True)
        .exclude(pk__in=applied)
        .order_by("pk")
        .first()
    )
    if employee is None:
        return
    services.apply(leader, employee, allocation, motivation="Behovet i årets vurdering (syntetisk)", need=need, now=now)


def _round(ctx: Any) -> None:
    from fagloft.competence.models import Employee
    from fagloft.programmes import services
    from fagloft.programmes.models import Cohort, Offer

    advisor, leader = ctx.users.get("statsforvalter.finnmark"), ctx.users.get("leder.alta")
    tsp = Offer.objects.filter(code="tjenestestotteprogrammet").first()
    service = ctx.services[0]
    staff = list(Employee.objects.filter(service=service, ended_on__isnull=True).order_by("pk")[:8])
    if tsp is None or not staff:
        return
    year = ctx.year + 1
    cohort = services.create_round(
        advisor,
        ctx.county,
        offer=tsp,
        title=f"Tjenestestøtteprogrammet i {ctx.county.name} {year}",
        year=year,
        starts_on=datetime.date(year, 9, 1),
        ends_on=datetime.date(year, 12, 15),
    )
    participation = services.choose_service(advisor, cohort, service, reasons=["Valgt av Statsforvalteren (syntetisk)"])
    services.enrol_staff(leader, participation, staff)
    for number, (month, day) in enumerate([(9, 2), (10, 14), (11, 25)], start=1):
        services.add_session(
            advisor,
            cohort,
            held_on=datetime.date(year, month, day),
            title=f"Fellessamling {number}",
            audience="all_staff",
        )
    Cohort.objects.filter(pk=cohort.pk).update(status=Cohort.Status.RUNNING)


def _classes_and_applications(world: Any, employees: list[Any]) -> None:
    from fagloft.programmes.models import Enrolment, Offer, OfferKind, StudyPlaceAllocation

    rng = world.rng
    offers = list(Offer.objects.filter(kind=OfferKind.FURTHER_EDUCATION).order_by("pk"))
    if not offers or not employees:
        return
    years = range(world.year - world.size.enrolment_years + 1, world.year + 1)
    allocations = StudyPlaceAllocation.objects.bulk_create(
        [
            StudyPlaceAllocation(
                year=year,
                offer=offer,
                institution=rng.choice(["UiT Norges arktiske universitet", "OsloMet", "NTNU", "Universitetet i Agder"]),
                places=max(world.size.enrolments // len(offers), 5),
                starts_on=datetime.date(year, 8, 15),
                ends_on=datetime.date(year + 1, 6, 15),
            )
            for year in years
            for offer in offers
        ]
    )
    by_year: dict[int, list[Any]] = {}
    for allocation in allocations:
        by_year.setdefault(allocation.year, []).append(allocation)
    rows = []
    for year in years:
        states = LATEST if year == world.year else PAST
        eligible = [e for e in employees if e.started_on.year <= year]
        for employee in rng.sample(eligible, min(world.size.enrolments, len(eligible))):
            allocation = rng.choice(by_year[year])
            status = rng.choices([s for s, _ in states], [w for _, w in states])[0]
            applied = datetime.datetime(year, 3, rng.randint(1, 28), 10, tzinfo=datetime.UTC)
            decided = status not in ("applied", "confirmed")
            rows.append(
                Enrolment(
                    employee=employee,
                    service_id=employee.service_id,
                    offer=allocation.offer,
                    allocation=allocation,
                    year=year,
                    status=status,
                    priority=rng.choice([1, 2]),
                    motivation="Kompetanseplanen (syntetisk)",
                    applied_at=applied,
                    employer_confirmed_on=applied.date() + datetime.timedelta(days=10) if status != "applied" else None,
                    decided_at=applied + datetime.timedelta(days=60) if decided else None,
                    waitlist_position=rng.randint(1, 20) if status == "waitlisted" else None,
                    ects_passed=Decimal(30) if status == "completed" else None,
                    completed_on=datetime.date(year + 1, 6, 15) if status == "completed" else None,
                )
            )
    Enrolment.objects.bulk_create(rows, batch_size=2000)
    taken = {"admitted", "enrolled", "completed", "not_completed"}
    counts: dict[int | None, int] = {}
    for row in rows:
        if row.status in taken:
            counts[row.allocation_id] = counts.get(row.allocation_id, 0) + 1
    for allocation in allocations:
        allocation.admitted = counts.get(allocation.pk, 0)
        allocation.places = max(allocation.places, allocation.admitted)
    StudyPlaceAllocation.objects.bulk_update(allocations, ["admitted", "places"], batch_size=500)

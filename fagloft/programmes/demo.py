"""Demo data: this year's classes in the six further-education programmes with an open window, Alta's
employees applying (one confirmed and admitted by RKBU Nord, one waiting for the employer), and a
Tjenestestøtteprogrammet round in Finnmark with Alta chosen and its gathering days. Marked `is_demo`."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from fagloft.competence.models import Employee
from fagloft.networks.models import CompetenceEnvironment
from fagloft.programmes import rules, services
from fagloft.programmes.models import ApplicationWindow, Cohort, Enrolment, Offer, OfferKind, StudyPlaceAllocation


def build(ctx: Any) -> None:
    if StudyPlaceAllocation.objects.filter(is_demo=True).exists():
        return
    today = timezone.localdate()
    year = today.year
    provider = CompetenceEnvironment.objects.filter(name="RKBU Nord").first()
    rkbu = ctx.users.get("rkbu.nord")
    if provider is not None and rkbu is not None:
        provider.people.add(rkbu)
    # Keep the demo window open around today, whatever the date (real windows are the admin's data).
    ApplicationWindow.objects.update_or_create(
        year=year,
        defaults={
            **dict(
                zip(
                    ("opens_at", "closes_at"),
                    rules.oslo_day_bounds(
                        min(today, datetime.date(year, 2, 1)), max(today, datetime.date(year, 4, 15))
                    ),
                    strict=True,
                )
            ),
            "confirmed": False,
            "note": "Demo",
        },
    )
    allocations = []
    for offer in Offer.objects.filter(kind=OfferKind.FURTHER_EDUCATION):
        allocations.append(
            StudyPlaceAllocation.objects.create(
                year=year,
                offer=offer,
                institution="UiT Norges arktiske universitet" if provider is None else provider.name,
                provider=provider,
                places=20,
                starts_on=datetime.date(year, 8, 15),
                ends_on=datetime.date(year + 1, 6, 15),
                is_demo=True,
            )
        )
    service = ctx.services[0]
    leader = ctx.users.get("leder.alta")
    staff = list(
        Employee.objects.filter(service=service, ended_on__isnull=True, anonymised_at__isnull=True).order_by("pk")[:6]
    )
    now = timezone.now()
    made = 0
    for index, employee in enumerate(staff[:4]):
        enrolment = services.apply(
            leader, employee, allocations[index % len(allocations)], motivation="Demo: kompetanseplanen", now=now
        )
        if index < 3:
            enrolment = services.confirm_employer(
                leader, enrolment, confirmed_on=today, expected_version=enrolment.version
            )
        if index < 2 and rkbu is not None and provider is not None:
            services.admit(rkbu, enrolment)
        made += 1
    Enrolment.objects.filter(service=service).update(is_demo=True)
    advisor = ctx.users.get("statsforvalter.finnmark")
    tsp = Offer.objects.filter(code="tjenestestotteprogrammet").first()
    if advisor is not None and tsp is not None:
        cohort = services.create_round(
            advisor,
            ctx.county,
            offer=tsp,
            title=f"Tjenestestøtteprogrammet i {ctx.county.name} høsten {year}",
            year=year,
            starts_on=datetime.date(year, 9, 1),
            ends_on=datetime.date(year, 12, 15),
            provider=provider,
            is_demo=True,
        )
        participation = services.choose_service(
            advisor, cohort, service, reasons=["Demo: valgt av Statsforvalteren sammen med Bufdir"]
        )
        services.enrol_staff(leader, participation, staff)
        for number, (month, day) in enumerate([(9, 2), (9, 23), (10, 14), (11, 4), (11, 25)], start=1):
            services.add_session(
                advisor,
                cohort,
                held_on=datetime.date(year, month, day),
                title=f"Fellessamling {number}",
                audience="all_staff",
                place="Alta",
            )
        for number, (month, day) in enumerate([(9, 3), (10, 15), (11, 26)], start=1):
            services.add_session(
                advisor,
                cohort,
                held_on=datetime.date(year, month, day),
                title=f"Ledersamling {number}",
                audience="leaders",
                place="Alta",
            )
        Cohort.objects.filter(pk=cohort.pk).update(status=Cohort.Status.RUNNING)
    ctx.log(f"programmes: {len(allocations)} classes, {made} applications from Alta, a Tjenestestøtte round")

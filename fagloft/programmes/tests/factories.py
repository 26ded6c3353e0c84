"""Builders for the programmes tests."""

from __future__ import annotations

import datetime
from typing import Any

from fagloft.competence.tests.factories import make_employee
from fagloft.networks.models import CompetenceEnvironment
from fagloft.networks.tests.factories import make_environment
from fagloft.organizations.tests.factories import Tree
from fagloft.programmes import rules
from fagloft.programmes.models import (
    ApplicationWindow,
    Cohort,
    CohortService,
    Enrolment,
    EnrolmentStatus,
    Offer,
    Session,
    StudyPlaceAllocation,
)


def offer(code: str = "vu-barnets-beste") -> Offer:
    """A reference offer; recreated when a transactional test's flush has emptied the catalogue."""
    defaults = {
        "title": code,
        "kind": "further_education",
        "ects": 30,
        "requirement_route": "bachelor",
        "register_programme": "best_interests",
    }
    if code == "tjenestestotteprogrammet":
        defaults = {"title": "Tjenestestøtteprogrammet", "kind": "practice_training"}
    return Offer.objects.get_or_create(code=code, defaults=defaults)[0]


def provider_for(tree: Tree, name: str = "RKBU Nord") -> CompetenceEnvironment:
    environment = make_environment(name)
    environment.people.add(tree.users["competence_env"])
    return environment


def make_allocation(
    year: int = 2030,
    places: int = 2,
    institution: str = "Universitetet i Nordfylket",
    provider: CompetenceEnvironment | None = None,
    code: str = "vu-barnets-beste",
) -> StudyPlaceAllocation:
    return StudyPlaceAllocation.objects.create(
        year=year,
        offer=offer(code),
        institution=institution,
        provider=provider,
        places=places,
        starts_on=datetime.date(year, 8, 15),
        ends_on=datetime.date(year + 1, 6, 15),
    )


def open_window(
    year: int, opens_on: datetime.date | None = None, closes_on: datetime.date | None = None
) -> ApplicationWindow:
    opens_at, closes_at = rules.oslo_day_bounds(
        opens_on or datetime.date(year, 2, 1), closes_on or datetime.date(year, 4, 15)
    )
    window, _created = ApplicationWindow.objects.update_or_create(
        year=year, defaults={"opens_at": opens_at, "closes_at": closes_at}
    )
    return window


def make_enrolment(
    allocation: StudyPlaceAllocation,
    employee: Any,
    status: str = EnrolmentStatus.CONFIRMED,
    priority: int = Enrolment.Priority.OTHER,
    applied_at: datetime.datetime | None = None,
) -> Enrolment:
    return Enrolment.objects.create(
        employee=employee,
        service=employee.service,
        offer=allocation.offer,
        allocation=allocation,
        year=allocation.year,
        status=status,
        priority=priority,
        applied_at=applied_at or datetime.datetime(allocation.year, 3, 1, 12, tzinfo=datetime.UTC),
        employer_confirmed_on=datetime.date(allocation.year, 3, 2) if status == EnrolmentStatus.CONFIRMED else None,
    )


def make_round(
    tree: Tree, county: Any, title: str = "Tjenestestøtteprogrammet høsten 2026", provider: Any = None
) -> Cohort:
    return Cohort.objects.create(
        kind=Cohort.Kind.SERVICE_SUPPORT,
        offer=offer("tjenestestotteprogrammet"),
        county=county,
        title=title,
        year=2026,
        provider=provider,
        planned_staff_days=5,
        planned_leader_days=3,
    )


def choose(cohort: Cohort, service: Any) -> CohortService:
    return CohortService.objects.create(cohort=cohort, service=service, status=CohortService.Status.CHOSEN)


def make_session(cohort: Cohort, day: datetime.date, audience: str = Session.Audience.ALL_STAFF) -> Session:
    return Session.objects.create(cohort=cohort, held_on=day, title=f"Samling {day}", audience=audience)


__all__ = ["make_employee"]

"""Builders for competence test data."""

from __future__ import annotations

import datetime
import itertools
from decimal import Decimal
from typing import Any

from fagloft.competence.models import (
    CompetencePlan,
    Education,
    EducationField,
    EducationLevel,
    Employee,
    FrameworkArea,
    FurtherEducation,
    MappingAnswer,
    MappingRound,
    PlanMeasure,
    Programme,
    Status,
    Vacancy,
)
from fagloft.organizations.models import Service

_numbers = itertools.count(1)


def make_employee(
    service: Service,
    first_name: str | None = None,
    last_name: str | None = None,
    started_on: datetime.date = datetime.date(2020, 1, 1),
    **extra: Any,
) -> Employee:
    number = next(_numbers)
    return Employee.objects.create(
        service=service,
        first_name=first_name or f"Ansatt{number}",
        last_name=last_name or service.name.split()[0],
        started_on=started_on,
        **extra,
    )


def give_education(
    employee: Employee,
    level: str = EducationLevel.BACHELOR,
    field: str = EducationField.CHILD_WELFARE,
    year: int = 2015,
    status: str = Status.COMPLETED,
) -> Education:
    return Education.objects.create(
        employee=employee, level=level, field=field, year=year, status=status, institution="Høgskolen"
    )


def give_further_education(
    employee: Employee,
    ects: int = 30,
    year: int = 2022,
    status: str = Status.COMPLETED,
    programme: str = Programme.BEST_INTERESTS,
) -> FurtherEducation:
    return FurtherEducation.objects.create(
        employee=employee, programme=programme, ects=Decimal(ects), year=year, status=status
    )


def make_vacancy(
    service: Service, vacant_from: datetime.date, filled_on: datetime.date | None = None, fte_percent: int = 100
) -> Vacancy:
    return Vacancy.objects.create(
        service=service, vacant_from=vacant_from, filled_on=filled_on, fte_percent=Decimal(fte_percent)
    )


def make_round(service: Service, title: str | None = None, areas: list[FrameworkArea] | None = None) -> MappingRound:
    mapping_round = MappingRound.objects.create(
        service=service, title=title or f"Kartlegging {service.name}", opened_on=datetime.date(2026, 1, 10)
    )
    mapping_round.areas.set(areas if areas is not None else list(FrameworkArea.objects.all()[:3]))
    return mapping_round


def rate(
    mapping_round: MappingRound,
    employee: Employee,
    area: FrameworkArea,
    self_rating: int | None,
    leader_rating: int | None = None,
) -> MappingAnswer:
    return MappingAnswer.objects.create(
        round=mapping_round, employee=employee, area=area, self_rating=self_rating, leader_rating=leader_rating
    )


def make_plan(service: Service, title: str | None = None) -> CompetencePlan:
    plan = CompetencePlan.objects.create(
        service=service, title=title or f"Kompetanseplan {service.name}", start_year=2026, end_year=2027
    )
    PlanMeasure.objects.create(plan=plan, kind="course", description=f"Kurs for {service.name}", owner="Leder")
    return plan

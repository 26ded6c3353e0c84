"""Test data for the knowledge app."""

from __future__ import annotations

import datetime
from typing import Any

from fagloft.competence.models import Certification, Employee
from fagloft.knowledge.models import (
    Intervention,
    LibraryItem,
    MeasureCategory,
    Offer,
    RecommendedMeasure,
    Technology,
    TechnologyTrial,
)
from fagloft.organizations.models import CooperationAgreement, Municipality, Service


def make_intervention(
    name: str = "PMTO", *, levels: tuple[str, ...] = ("indicated",), codes: tuple[str, ...] = ("3.2",), **extra: Any
) -> Intervention:
    values = {level: True for level in levels}
    intervention = Intervention.objects.create(name=name, **values, **extra)
    intervention.categories.set(MeasureCategory.objects.filter(code__in=codes))
    return intervention


def make_recommended(name: str, level: str, codes: tuple[str, ...] = ()) -> RecommendedMeasure:
    measure = RecommendedMeasure.objects.create(name=name, level=level)
    measure.categories.set(MeasureCategory.objects.filter(code__in=codes))
    return measure


def only_recommended(*measures: tuple[str, str, tuple[str, ...]]) -> list[RecommendedMeasure]:
    """Replace the seeded starting list with exactly these measures."""
    RecommendedMeasure.objects.all().delete()
    return [make_recommended(name, level, codes) for name, level, codes in measures]


def make_employee(service: Service, name: str = "Kari", *, ended_on: datetime.date | None = None) -> Employee:
    return Employee.objects.create(
        service=service, first_name=name, last_name="Nordmann", started_on=datetime.date(2015, 1, 1), ended_on=ended_on
    )


def certify(employee: Employee, method: str = "pmto", year: int = 2023) -> Certification:
    return Certification.objects.create(employee=employee, method=method, year=year)


def make_offer(service: Service, intervention: Intervention, delivery: str = "own", **extra: Any) -> Offer:
    staff = extra.pop("staff", [])
    offer = Offer.objects.create(service=service, intervention=intervention, delivery=delivery, **extra)
    offer.staff.set(staff)
    return offer


def make_agreement(
    parties: list[Municipality], title: str = "Avtale om felles tiltak", **extra: Any
) -> CooperationAgreement:
    agreement = CooperationAgreement.objects.create(title=title, kind="shared_measures", host=parties[0], **extra)
    agreement.parties.set(parties)
    return agreement


def make_item(network: Any, title: str, owner: Any = None, **extra: Any) -> LibraryItem:
    return LibraryItem.objects.create(
        network=network, title=title, owner=owner, owner_name=extra.pop("owner_name", "Nettverket"), **extra
    )


def make_technology(name: str = "Videomøte", **extra: Any) -> Technology:
    return Technology.objects.create(name=name, **extra)


def make_trial(technology: Technology, service: Service, goal: str = "Prøve ut", **extra: Any) -> TechnologyTrial:
    return TechnologyTrial.objects.create(
        technology=technology, service=service, goal=goal, started_on=datetime.date(2024, 1, 1), **extra
    )

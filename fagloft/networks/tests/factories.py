"""Builders for network data in tests. Everything in county Y is named "Utenfor…" by the callers."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.utils import timezone

from fagloft.networks.models import (
    CompetenceEnvironment,
    ContactPerson,
    DevelopmentProject,
    Gathering,
    Idea,
    Network,
    NetworkMember,
    OverallPlan,
    PlanAdoption,
    ProfessionalGroup,
)
from fagloft.organizations.models import County, Municipality


def make_environment(name: str = "RKBU Nord", kind: str = CompetenceEnvironment.Kind.RKBU) -> CompetenceEnvironment:
    return CompetenceEnvironment.objects.get_or_create(name=name, defaults={"kind": kind})[0]


def make_network(
    county: County,
    municipalities: list[Municipality],
    name: str | None = None,
    partners: Sequence[CompetenceEnvironment] = (),
    **extra: Any,
) -> Network:
    network = Network.objects.create(county=county, name=name or f"Læringsnettverk {county.name}", **extra)
    for municipality in municipalities:
        NetworkMember.objects.create(network=network, municipality=municipality)
    network.partners.set(partners)
    return network


def make_plan(network: Network, revision: int = 1, title: str | None = None) -> OverallPlan:
    return OverallPlan.objects.create(
        network=network,
        revision=revision,
        title=title or f"Plan for {network.name}",
        goals="Bedre undersøkelser",
        priorities="Barns medvirkning",
        measures="Felles opplæring",
    )


def adopt(
    plan: OverallPlan, municipalities: list[Municipality | None], day: datetime.date = datetime.date(2026, 3, 1)
) -> None:
    for municipality in municipalities:
        body = "Kommunestyret" if municipality else "Styringsgruppen"
        PlanAdoption.objects.create(
            plan=plan, municipality=municipality, adopted_on=day, body=body, case_reference="26/123"
        )


def make_contact(
    network: Network,
    municipality: Municipality,
    name: str,
    *,
    email: str = "",
    phone: str = "",
    share_email: bool = False,
    share_phone: bool = False,
    user: Any = None,
) -> ContactPerson:
    consented = share_email or share_phone
    return ContactPerson.objects.create(
        network=network,
        municipality=municipality,
        name=name,
        email=email,
        phone=phone,
        share_email=share_email,
        share_phone=share_phone,
        user=user,
        consent_given_at=timezone.now() if consented else None,
    )


def make_gathering(network: Network, title: str | None = None, starts_at: datetime.datetime | None = None) -> Gathering:
    starts_at = starts_at or timezone.now() + datetime.timedelta(days=30)
    return Gathering.objects.create(
        network=network,
        title=title or f"Samling i {network.name}",
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=6),
        place="Rådhuset",
    )


def make_idea(network: Network, title: str | None = None, user: Any = None) -> Idea:
    return Idea.objects.create(
        network=network, title=title or f"Idé i {network.name}", description="Beskrivelse", proposed_by=user
    )


def make_project(
    network: Network, lead: Municipality, title: str | None = None, partner: CompetenceEnvironment | None = None
) -> DevelopmentProject:
    project = DevelopmentProject.objects.create(
        network=network, title=title or f"Prosjekt i {network.name}", lead_municipality=lead, partner=partner
    )
    project.participants.add(lead)
    return project


def make_group(network: Network, name: str | None = None) -> ProfessionalGroup:
    return ProfessionalGroup.objects.create(network=network, name=name or f"Faggruppe i {network.name}")


def make_need(service: Any, description: str, *, kind: str = "project", year: int = 2024, status: str = "final") -> Any:
    """A need in a (final) assessment of `service`; one assessment per service and year."""
    from fagloft.assessments.models import Assessment, Need, Theme

    assessment = Assessment.objects.filter(service=service, year=year).first() or Assessment.objects.create(
        service=service, year=year, status=status
    )
    return Need.objects.create(
        assessment=assessment, kind=kind, description=description, theme=Theme.objects.order_by("pk").first()
    )


def make_priority(plan: OverallPlan, title: str, needs: Sequence[Any] = ()) -> Any:
    from fagloft.networks.models import PlanPriority

    priority = PlanPriority.objects.create(plan=plan, title=title, position=plan.priority_items.count() + 1)
    priority.needs.set(needs)
    return priority


def make_outcome(project: DevelopmentProject, **values: Any) -> Any:
    from fagloft.networks.models import OutcomeMeasure

    values.setdefault("baseline_year", 2023)
    values.setdefault("target_year", 2026)
    return OutcomeMeasure.objects.create(project=project, **values)

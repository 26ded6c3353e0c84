"""Demo data: a Finnmark learning network with members, contacts (some consented), a steering group,
an adopted overall plan, a gathering, ideas, a development project and a professional group.
Everything is marked as demo (`is_demo` on the network and competence environments).

The chain (issue 10): the plan's priorities answer Alta's 2024 needs (`ctx.extra["alta_needs_2024"]`
from the assessments demo), and the project made from the prioritised idea answers Alta's project
need, with outcome measures (an indicator with a baseline and target, and one of its own). The
project goes to `ctx.extra["alta_project"]` for the grants demo."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone

from fagloft.networks import queries, services
from fagloft.networks.models import (
    CompetenceEnvironment,
    Network,
    NetworkRole,
    PlanAdoption,
)

ENVIRONMENTS = [
    ("RKBU Nord", CompetenceEnvironment.Kind.RKBU),
    ("NUBU", CompetenceEnvironment.Kind.NUBU),
    ("UiT Norges arktiske universitet", CompetenceEnvironment.Kind.UNIVERSITY),
    ("Bufetat region nord", CompetenceEnvironment.Kind.BUFETAT),
]
CONTACTS = [
    ("Kari Nilsen", "Barnevernleder", True, True),
    ("Máret Somby", "Fagkoordinator", True, False),
    ("Per Olsen", "Nestleder", False, False),
    ("Ingrid Hætta", "Barnevernleder", True, True),
    ("Nils Eira", "Saksbehandler", False, False),
    ("Siri Berg", "Fagleder", True, False),
]


DEPENDS_ON = ["organizations", "assessments", "statistics"]


def _alta_needs(ctx: Any) -> list:
    return list(getattr(ctx, "extra", {}).get("alta_needs_2024") or [])


def build(ctx: Any) -> None:
    if Network.objects.filter(county=ctx.county, is_demo=True).exists():
        return
    advisor = ctx.users.get("statsforvalter.finnmark")
    environments = [
        CompetenceEnvironment.objects.get_or_create(name=name, defaults={"kind": kind, "is_demo": True})[0]
        for name, kind in ENVIRONMENTS
    ]
    # The demo's RKBU person sees the networks RKBU Nord partners in through this link.
    rkbu_person = ctx.users.get("rkbu.nord")
    if rkbu_person is not None:
        environments[0].people.add(rkbu_person)
    members = _members(ctx)
    network = services.create_network(
        advisor,
        county=ctx.county,
        name=f"Læringsnettverket i {ctx.county.name} (demo)",
        description="Kommunene i fylket og Statsforvalteren: to fellessamlinger i året, styringsgruppe og "
        "felles utviklingsprosjekter.",
        county_advisor=advisor,
        municipalities=members,
        partners=environments[:3],
        is_demo=True,
    )
    _steering(ctx, network, members, environments[0])
    _contacts(ctx, network, members)
    _plan(ctx, network, members)
    _gathering_and_ideas(ctx, network, members, environments[0])
    ctx.log(f"networks: {network.name} with {len(members)} members")


def _members(ctx: Any) -> list:
    hosts = [service.host_municipality for service in ctx.services]
    others = [m for m in ctx.municipalities if m not in hosts]
    return list(dict.fromkeys([*hosts, *others]))[:8]


def _steering(ctx: Any, network: Network, members: list, environment: CompetenceEnvironment) -> None:
    coordinator = ctx.users.get("koordinator.finnmark")
    services.add_network_role(
        coordinator,
        network,
        user=coordinator,
        name=str(coordinator),
        kind=NetworkRole.Kind.COORDINATOR,
        represents=NetworkRole.Represents.COUNTY,
    )
    leader = ctx.users.get("leder.alta")
    services.add_network_role(coordinator, network, user=leader, name=str(leader), municipality=members[0])
    for municipality in members[1:3]:
        services.add_network_role(coordinator, network, name=f"Leder i {municipality.name}", municipality=municipality)
    services.add_network_role(
        coordinator,
        network,
        name="Representant for RKBU Nord",
        represents=NetworkRole.Represents.ENVIRONMENT,
        environment=environment,
    )


def _contacts(ctx: Any, network: Network, members: list) -> None:
    for index, (name, role, share_email, share_phone) in enumerate(CONTACTS):
        municipality = members[index % len(members)]
        services.add_contact(
            None,
            network,
            consent=share_email or share_phone,
            name=name,
            role_title=role,
            municipality=municipality,
            email=f"{name.split()[0].lower()}@demo.example",
            phone=f"9{ctx.rng.randint(1000000, 9999999)}",
            share_email=share_email,
            share_phone=share_phone,
        )


def _plan(ctx: Any, network: Network, members: list) -> None:
    plan = services.save_plan(
        None,
        network,
        plan=None,
        expected_version=None,
        title="Overordnet plan for kompetanse og kvalitet",
        period=f"{ctx.year}–{ctx.year + 3}",
        goals="Alle tjenester gjør gode undersøkelser innen fristen.\nBarn medvirker i egne saker.",
        priorities="1. Undersøkelsesmetodikk\n2. Barns medvirkning\n"
        "3. Rekruttering av fosterhjem i familie og nettverk",
        measures="Felles opplæring med RKBU Nord, kollegaveiledning på tvers av kommunene, to fellessamlinger i året.",
    )
    _priorities(ctx, network, plan)
    day = datetime.date(ctx.year, 2, 1)
    services.record_adoption(
        None, plan, municipality=None, adopted_on=day, body="Styringsgruppen", case_reference=f"{ctx.year % 100}/12"
    )
    # All but the last member have adopted it, so the adoption status shows one missing.
    for offset, municipality in enumerate(members[:-1]):
        PlanAdoption.objects.create(
            plan=plan,
            municipality=municipality,
            body="Kommunestyret",
            adopted_on=day + datetime.timedelta(days=20 + offset),
            case_reference=f"{ctx.year % 100}/{100 + offset}",
        )


def _priorities(ctx: Any, network: Network, plan: Any) -> None:
    """The plan's priorities, each tied to the members' needs it answers (Alta's 2024 needs)."""
    coordinator = ctx.users.get("koordinator.finnmark")
    known = {need.pk for need in queries.members_needs(network)}
    needs = [need for need in _alta_needs(ctx) if need.pk in known]
    by_kind: dict[str, list] = {}
    for need in needs:
        by_kind.setdefault(need.kind, []).append(need)
    rows = [
        ("Undersøkelsesmetodikk og fristene", "Felles opplæring og utviklingsprosjekt.", by_kind.get("project", [])),
        (
            "Barns medvirkning",
            "Samtaler med barn i undersøkelser, med RKBU Nord.",
            by_kind.get("competence", []),
        ),
        (
            "Rekruttering og samarbeid over kommunegrensene",
            "Kollegaveiledning og felles rekruttering.",
            by_kind.get("neighbours", []) + by_kind.get("capacity", []),
        ),
    ]
    for title, description, answered in rows:
        services.add_priority(coordinator, plan, title=title, description=description, needs=answered)


def _project_chain(ctx: Any, project: Any) -> None:
    """Alta's project need answered by the project, and what the project aims to move."""
    coordinator = ctx.users.get("koordinator.finnmark")
    candidates = {need.pk for need in queries.candidate_needs(project)}
    answered = [n for n in _alta_needs(ctx) if n.kind == "project" and n.pk in candidates]
    if answered:
        services.set_project_needs(coordinator, project, answered)
    indicator, baseline = _baseline(ctx, project.lead_municipality)
    if indicator is not None:
        services.add_outcome(
            coordinator,
            project,
            indicator=indicator,
            area="lead",
            baseline=baseline[1],
            baseline_year=baseline[0],
            # A fifth better than the baseline, in the indicator's own direction.
            target=(
                baseline[1] * {"higher": Decimal("1.2"), "lower": Decimal("0.8")}.get(indicator.better, 1)
            ).quantize(Decimal("0.1")),
            target_year=ctx.year + 2,
        )
    services.add_outcome(
        coordinator,
        project,
        own_measure="Andel undersøkelser der barnet har hatt samtale med saksbehandler",
        unit="%",
        baseline=60,
        baseline_year=ctx.year - 1,
        target=90,
        target_year=ctx.year + 2,
    )
    extra = getattr(ctx, "extra", None)
    if extra is not None:
        extra["alta_project"] = project


def _baseline(ctx: Any, municipality: Any) -> tuple[Any, Any]:
    """An indicator with a value for the lead municipality the year before last: the baseline."""
    from fagloft.statistics.models import IndicatorValue

    value = (
        IndicatorValue.objects.filter(
            municipality=municipality, year__lte=ctx.year - 1, value__isnull=False, indicator__is_active=True
        )
        .select_related("indicator")
        .order_by("indicator__sort_order", "-year")
        .first()
    )
    if value is None or value.value is None:
        return None, None
    return value.indicator, (value.year, value.value.quantize(Decimal("0.1")))


def _gathering_and_ideas(ctx: Any, network: Network, members: list, partner: CompetenceEnvironment) -> None:
    coordinator = ctx.users.get("koordinator.finnmark")
    start = timezone.localtime().replace(hour=9, minute=0, second=0, microsecond=0) + datetime.timedelta(days=21)
    gathering = services.create_gathering(
        coordinator,
        network,
        title="Høstsamling",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=6),
        place="Scandic Alta",
        description="Fellessamling for alle kommunene i nettverket.",
    )
    for title, presenter in [
        ("Velkommen og status for nettverket", "Statsforvalteren"),
        ("Barns medvirkning i undersøkelser", "RKBU Nord"),
        ("Status fra utviklingsprosjektene", "Prosjektlederne"),
    ]:
        services.add_agenda_item(coordinator, gathering, title=title, presenter=presenter)
    employee = ctx.users.get("ansatt.alta")
    services.register_for_gathering(employee, gathering, attending=True)
    idea = services.propose_idea(
        employee,
        network,
        title="Felles veiledningsgruppe for nyansatte",
        description="Nyansatte i små kommuner får kollegaveiledning på tvers av kommunene.",
    )
    services.support_idea(ctx.users.get("leder.alta"), idea)
    services.comment_on_idea(ctx.users.get("leder.alta"), idea, text="Dette trenger vi i Alta også.")
    services.propose_idea(
        employee,
        network,
        title="Digitale samtaler med barn",
        description="Prøve ut trygge digitale samtaler med barn i distriktene.",
    )
    project_idea = services.propose_idea(
        coordinator,
        network,
        title="Barns medvirkning i undersøkelser",
        description="Felles metode og opplæring med RKBU Nord.",
    )
    services.prioritise_idea(coordinator, project_idea, status="prioritised", priority=1)
    project = services.idea_to_project(
        coordinator, project_idea, lead_municipality=members[0], participants=members[0:4], partner=partner
    )
    _project_chain(ctx, project)
    services.add_milestone(
        coordinator, project, title="Opplæring gjennomført", due_on=datetime.date(ctx.year + 1, 3, 1)
    )
    services.add_status_report(
        ctx.users.get("leder.alta"),
        project,
        gathering=gathering,
        text="Prosjektplan klar, opplæringen starter etter nyttår.",
    )
    group = services.create_professional_group(
        coordinator,
        network,
        name="Kollegaveiledning Vest-Finnmark",
        description="Saksbehandlere møtes annenhver måned.",
    )
    for municipality in members[:3]:
        services.add_group_member(
            coordinator, group, name=f"Saksbehandler i {municipality.name}", municipality=municipality
        )
    services.add_group_meeting(coordinator, group, held_on=datetime.date(ctx.year, 9, 15), place="Teams")

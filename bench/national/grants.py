"""Grant calls in every county (the demo's open call with a draft and last year's decided call with
payments and reports), then `size.grant_applications` applications a year spread over the counties'
calls: this year's drafts and submitted ones, last year's submitted, assessed, granted or refused,
each led by a network member with other members taking part and a budget. In the benchmark county
the advisor also has next year's call in draft, and a further-education call is open with a draft
application (an employer grant for an admitted student) from a municipality the benchmark service
covers."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from bench.national.context import run_demo

TITLES = [
    "Barns medvirkning i undersøkelser",
    "Traumebevisst praksis i tjenesten",
    "Felles fosterhjemsarbeid",
    "Veiledning for nyansatte",
    "Samtaler med barn",
    "Ettervern for ungdom",
    "Tiltaksplaner som virker",
    "Barnevern i et minoritetsperspektiv",
]


def build(world: Any) -> int:
    from fagloft.grants.models import Application, Call

    for ctx in world.contexts:
        run_demo("grants", ctx)
    calls = list(Call.objects.select_related("county").prefetch_related("criteria").order_by("deadline"))
    this_year = [c for c in calls if c.deadline >= datetime.date.today()]
    last_year = [c for c in calls if c.deadline < datetime.date.today()]
    _applications(world, this_year, decided=False)
    _applications(world, last_year, decided=True)
    # After the bulk rows: neither call gets bulk applications, and the draft is the newest.
    _draft_call(world)
    _further_education_draft(world)
    return Application.objects.count()


def _draft_call(world: Any) -> None:
    """Next year's call, not published yet: the call page links to publishing only a draft, and the
    demo publishes its calls. Its deadline is the latest, so it heads the advisor's call list."""
    from fagloft.grants import services
    from fagloft.grants.models import Call

    advisor, county = world.bench_users["county_advisor"], world.bench.county
    if Call.objects.filter(county=county, status=Call.Status.DRAFT).exists():
        return
    today = datetime.date.today()
    opens = today + datetime.timedelta(days=60)
    deadline = opens + datetime.timedelta(days=60)
    services.create_call(
        advisor,
        county=county,
        kind=Call.Kind.DEVELOPMENT,
        title=f"Stimuleringsmidler {deadline.year} (syntetisk)",
        text="Utkast: stimuleringsmidler til utviklingsprosjekter i læringsnettverket (syntetisk).",
        budget=Decimal(4_000_000),
        opens_on=opens,
        deadline=deadline,
        spending_deadline=datetime.date(deadline.year + 1, 12, 31),
        reporting_duties="Framdriftsrapport etter seks måneder og sluttrapport med regnskap.",
        criteria=[
            {"name": "Forankring og behov", "weight": 3},
            {"name": "Nytte for utsatte barn", "weight": 3},
        ],
    )


def _further_education_draft(world: Any) -> None:
    """An open further-education call with a draft application from the benchmark service's
    municipalities: an application page links to the employer grant per student only on a draft
    to such a call, and the demo's calls are for development projects. The application is led by a
    municipality the benchmark service covers other than its host (the municipal leader's), so the
    municipal leader's newest applications stay as they were; it is the service leader's newest."""
    from fagloft.grants import employer_grants, services
    from fagloft.grants.models import Application, BudgetLine, Call
    from fagloft.organizations.models import ServiceCoverage

    advisor, leader = world.bench_users["county_advisor"], world.bench_users["service_leader"]
    service = world.bench.services[0]
    kind = Call.Kind.FURTHER_EDUCATION
    if Application.objects.filter(call__county=world.bench.county, call__kind=kind).exists():
        return
    covered = list(
        ServiceCoverage.objects.valid_on()
        .filter(service=service)
        .exclude(municipality=service.host_municipality_id)
        .select_related("municipality")
        .order_by("municipality__number")
    )
    lead = covered[0].municipality if covered else service.host_municipality
    today = datetime.date.today()
    deadline = today + datetime.timedelta(days=30)  # before the demo's open call: both are crawled
    call = services.create_call(
        advisor,
        county=world.bench.county,
        kind=kind,
        title=f"Tilskudd til videreutdanning {deadline.year} (syntetisk)",
        text="Arbeidsgivere kan søke om tilskudd til vikar, reise og litteratur for ansatte som er tatt opp i "
        "Bufdirs videreutdanning (syntetisk).",
        budget=Decimal(2_000_000),
        opens_on=today - datetime.timedelta(days=30),
        deadline=deadline,
        spending_deadline=datetime.date(deadline.year + 1, 12, 31),
        reporting_duties="Sluttrapport med regnskap.",
        max_per_student=Decimal(100_000),
        criteria=[{"name": "Behov og effekt for ansatte", "weight": 2}],
    )
    call = services.publish_call(advisor, call, expected_version=call.version)
    application = services.start_application(
        leader, call, lead_municipality=lead, title="Vikar og reise for studenter i videreutdanning (syntetisk)"
    )
    application = services.save_application(
        leader,
        application,
        expected_version=application.version,
        participants=[],
        description="Vikar under samlingene og reise til lærestedet (syntetisk).",
        goals="Flere saksbehandlere med videreutdanning.",
        contact_email="videreutdanning@example.org",
        budget_lines=[(BudgetLine.Category.SUBSTITUTES, "Vikar under samlingene", Decimal(60_000), "")],
    )
    student = employer_grants.eligible_enrolments(leader, application).first()
    if student is not None:
        employer_grants.save_line(
            leader,
            application,
            enrolment=student,
            substitutes=Decimal(40_000),
            travel=Decimal(15_000),
            literature=Decimal(3_000),
        )


def _applications(world: Any, calls: list[Any], decided: bool) -> None:
    from fagloft.grants.models import Application, Assessment, BudgetLine, Decision, Score
    from fagloft.networks.models import Network

    if not calls:
        return
    rng = world.rng
    advisors = {ctx.county.pk: ctx.users["statsforvalter.finnmark"] for ctx in world.contexts}
    leaders = {ctx.county.pk: ctx.users["leder.alta"] for ctx in world.contexts}
    networks = {n.county_id: n for n in Network.objects.prefetch_related("members__municipality")}
    per_call = max(world.size.grant_applications // len(calls), 1)
    rows, participants = [], []
    for call in calls:
        network = networks.get(call.county_id)
        members = [m.municipality for m in network.members.all()] if network else []
        if not members:
            continue
        for n in range(per_call):
            lead = rng.choice(members)
            if decided:
                status = rng.choices(["submitted", "granted", "refused"], [0.3, 0.4, 0.3])[0]
            else:
                status = rng.choice(["draft", "draft", "submitted"])
            rows.append(
                Application(
                    call=call,
                    county_id=call.county_id,
                    network=network,
                    lead_municipality=lead,
                    title=f"{TITLES[n % len(TITLES)]} {n + 1} (syntetisk)",
                    description="Felles opplæring og veiledning i kommunene (syntetisk).",
                    goals="Bedre undersøkelser og tiltak.",
                    co_financing=Decimal(rng.randint(0, 30) * 10_000),
                    contact_email=f"soknad{n}@example.org",
                    status=status,
                    submitted_at=datetime.datetime.combine(call.deadline, datetime.time(12), tzinfo=datetime.UTC)
                    if status != "draft"
                    else None,
                    created_by=leaders[call.county_id],
                )
            )
            others = [m for m in members if m.pk != lead.pk]
            participants.append([lead, *rng.sample(others, min(len(others), rng.randint(0, 3)))])
    created = Application.objects.bulk_create(rows, batch_size=500)
    through = Application.participants.through
    links, lines = [], []
    for application, taking_part in zip(created, participants, strict=True):
        for municipality in taking_part:
            links.append(through(application_id=application.pk, municipality_id=municipality.pk))
        for category, text, amount in (
            ("project_management", "Prosjektledelse", 250_000),
            ("external_competence", "Kompetansemiljø", 180_000),
            ("travel", "Samlinger", 60_000),
        ):
            lines.append(
                BudgetLine(application=application, category=category, description=text, amount=Decimal(amount))
            )
    through.objects.bulk_create(links, batch_size=1000)
    BudgetLine.objects.bulk_create(lines, batch_size=1000)
    if not decided:
        return
    judged = [a for a in created if a.status in ("granted", "refused") or rng.random() < 0.3]
    assessments = Assessment.objects.bulk_create(
        [Assessment(application=a, assessor=advisors[a.county_id], comment="Vurdert (syntetisk).") for a in judged],
        batch_size=500,
    )
    by_call = {c.pk: [k for k in c.criteria.all() if not k.automatic] for c in calls}
    Score.objects.bulk_create(
        [
            Score(assessment=s, criterion=criterion, score=rng.randint(1, 5))
            for s, a in zip(assessments, judged, strict=True)
            for criterion in by_call.get(a.call_id, [])
        ],
        batch_size=1000,
    )
    Decision.objects.bulk_create(
        [
            Decision(
                application=a,
                outcome=a.status,
                amount=Decimal(rng.randint(10, 50) * 10_000) if a.status == "granted" else Decimal(0),
                reasons="Begrunnelse (syntetisk).",
                decided_on=datetime.date(a.call.deadline.year, 12, 1),
                decided_by=advisors[a.county_id],
                case_number=f"{a.call.deadline.year}/{a.pk}",
            )
            for a in created
            if a.status in ("granted", "refused")
        ],
        batch_size=500,
    )

"""Demo data: an open call for stimulus funds in the demo county with a draft application, and last
year's call with a decided (granted) application, payments and reports. Marked `is_demo`.

The chain (issue 10): last year's application is for Alta's development project from the networks
demo (`ctx.extra["alta_project"]`, answering Alta's 2024 project need); the decision, the first
payment and the final report move the project to granted, running and reported, and the final
report carries the project's outcome measures with the values read from statistics."""

from __future__ import annotations

import datetime
import decimal
from typing import Any

from fagloft.grants import services
from fagloft.grants.models import Application, BudgetLine, Call, Criterion, GrantReport
from fagloft.networks.models import CompetenceEnvironment, Network

D = decimal.Decimal
# Reads the networks demo's project (and runs after competence, the chain's order).
DEPENDS_ON = ["organizations", "networks", "competence"]


def build(ctx: Any) -> None:
    if Call.objects.filter(county=ctx.county, is_demo=True).exists():
        return
    network = Network.objects.filter(county=ctx.county, is_demo=True).first()
    if network is None:
        ctx.log("grants: no demo network, skipped")
        return
    advisor = ctx.users.get("statsforvalter.finnmark")
    partner = CompetenceEnvironment.objects.filter(name="RKBU Nord").first()
    members = [m.municipality for m in network.members.select_related("municipality")]
    open_call = _call(advisor, ctx, ctx.year, open_now=True)
    _draft(ctx, open_call, network, members, partner)
    old_call = _call(advisor, ctx, ctx.year - 1, open_now=False)
    _decided(ctx, advisor, old_call, network, members, partner)
    ctx.log("grants: an open call with a draft, and a decided call")


def _call(advisor: Any, ctx: Any, year: int, open_now: bool) -> Call:
    today = datetime.date.today()
    deadline = today + datetime.timedelta(days=40) if open_now else datetime.date(year, 11, 1)
    call = services.create_call(
        advisor,
        county=ctx.county,
        kind=Call.Kind.DEVELOPMENT,
        title=f"Stimuleringsmidler {year} (demo)",
        text="Statsforvalteren lyser ut stimuleringsmidler til utviklingsprosjekter i læringsnettverket. Prosjektene "
        "må være forankret i nettverkets overordnede plan og gjennomføres med et kompetansemiljø.",
        budget=D(3_750_000),
        opens_on=min(today, datetime.date(year, 8, 1)),
        deadline=deadline,
        spending_deadline=datetime.date(deadline.year + 1, 12, 31),
        reporting_duties="Framdriftsrapport etter seks måneder og sluttrapport med regnskap.",
        is_demo=True,
        criteria=[
            {"name": "Forankring og behov", "weight": 3},
            {"name": "Nytte for utsatte barn", "weight": 3},
            {"name": "Flere kommuner deltar", "weight": 2, "automatic": Criterion.Automatic.SEVERAL_MUNICIPALITIES},
            {"name": "Realistisk budsjett", "weight": 1},
        ],
    )
    return services.publish_call(advisor, call, expected_version=call.version)


def _application(
    ctx: Any, call: Call, network: Network, members: list, partner: Any, title: str, project: Any = None
) -> Application:
    leader = ctx.users.get("leder.alta")
    application = services.start_application(
        leader, call, lead_municipality=members[0], title=title, network=network, project=project
    )
    services.save_application(
        leader,
        application,
        expected_version=application.version,
        participants=members[1:4],
        partner=partner,
        description="Felles opplæring og veiledning i kommunene.",
        goals="Bedre undersøkelser.",
        co_financing=D(150_000),
        co_financing_note="Egen arbeidstid",
        contact_email="leder.alta@demo.example",
        budget_lines=[
            (BudgetLine.Category.PROJECT_MANAGEMENT, "20 % stilling", D(250_000), ""),
            (BudgetLine.Category.EXTERNAL_COMPETENCE, "RKBU Nord", D(180_000), ""),
            (BudgetLine.Category.TRAVEL, "Samlinger", D(60_000), ""),
        ],
    )
    application.is_demo = True
    application.save(update_fields=["is_demo"])
    return application


def _draft(ctx: Any, call: Call, network: Network, members: list, partner: Any) -> None:
    _application(ctx, call, network, members, partner, "Trygge digitale samtaler med barn")


def _decided(ctx: Any, advisor: Any, call: Call, network: Network, members: list, partner: Any) -> None:
    project = getattr(ctx, "extra", {}).get("alta_project")
    if project is not None and project.network_id == network.pk:
        others = [m for m in project.participants.all() if m.pk != project.lead_municipality_id]
        members = [project.lead_municipality, *others] if others else [project.lead_municipality, *members[1:3]]
        title = project.title
    else:
        project, members, title = None, members[:3] + [members[-1]], "Barns medvirkning i undersøkelser"
    application = _application(ctx, call, network, members, partner, title, project=project)
    # Submitted before last year's deadline: recorded directly, as the deadline has passed.
    Application.objects.filter(pk=application.pk).update(
        status=Application.Status.SUBMITTED,
        submitted_at=datetime.datetime.combine(call.deadline, datetime.time(12), tzinfo=datetime.UTC),
    )
    application.refresh_from_db()
    scores = {c.pk: 4 for c in call.criteria.filter(automatic="")}
    services.save_assessment(advisor, application, expected_version=None, comment="Godt forankret.", scores=scores)
    decision = services.decide(
        advisor,
        application,
        expected_version=None,
        outcome="granted",
        amount=D(400_000),
        conditions="Sluttrapport innen fristen.",
        decided_on=datetime.date(ctx.year - 1, 12, 1),
    )
    services.add_payment(advisor, decision, amount=D(200_000), paid_on=datetime.date(ctx.year, 1, 15))
    leader = ctx.users.get("leder.alta")
    services.add_report(
        leader,
        application,
        kind=GrantReport.Kind.PROGRESS,
        text="Opplæring gjennomført i tre kommuner.",
        spent=D(150_000),
    )
    services.add_payment(advisor, decision, amount=D(200_000), paid_on=datetime.date(ctx.year, 8, 15))
    services.add_report(
        leader,
        application,
        kind=GrantReport.Kind.FINAL,
        text="Felles opplæring i samtaler med barn og undersøkelsesmetodikk er gjennomført i alle kommunene, "
        "med veiledning fra RKBU Nord. Sjekklister for undersøkelser er tatt i bruk.",
        spent=D(390_000),
        outcome_comment="Fristene holdes oftere enn ved oppstart; barnas stemme dokumenteres i flere saker.",
    )

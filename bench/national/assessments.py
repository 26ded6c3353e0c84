"""Risk and condition assessments: the demo's chain in every county (a final assessment with needs,
a draft, a dialogue meeting, guidance), then one assessment for the latest year for every other
service, in a mix of workflow states, with every theme scored and a few needs. The benchmark
service's draft gets a follow-up measure and a competence need (which a further-education
application in programmes answers)."""

from __future__ import annotations

import datetime
from typing import Any

from bench.national.context import run_demo

# (status, share): most are still with the service or the municipality when the county looks.
STATES = [("draft", 0.3), ("submitted", 0.15), ("forwarded", 0.2), ("discussed", 0.1), ("final", 0.25)]
NEEDS = {
    "competence": "Videreutdanning i barnets beste for to saksbehandlere (syntetisk).",
    "capacity": "Flere årsverk til undersøkelser i perioder med mange meldinger (syntetisk).",
    "guidance_team": "Veiledningsteam for ledergruppen (syntetisk).",
    "neighbours": "Felles vakt og fosterhjemsarbeid med nabokommunene (syntetisk).",
    "project": "Utviklingsprosjekt om barns medvirkning (syntetisk).",
}


def build(world: Any) -> int:
    from fagloft.assessments.models import Assessment, Need, Theme, ThemeEntry

    for ctx in world.contexts:
        run_demo("assessments", ctx)
    _draft_measure(world)
    _draft_need(world)
    rng, year = world.rng, world.year
    done = set(Assessment.objects.filter(year=year).values_list("service_id", flat=True))
    themes = list(Theme.objects.filter(is_active=True).order_by("sort_order"))
    at = datetime.datetime(year + 1, 2, 1, 12, tzinfo=datetime.UTC)
    rows = []
    for service in world.services:
        if service.pk in done:
            continue
        status = rng.choices([s for s, _ in STATES], [w for _, w in STATES])[0]
        index = [s for s, _ in STATES].index(status)
        rows.append(
            Assessment(
                service=service,
                year=year,
                status=status,
                risk_level="" if status == "draft" else rng.choice(["low", "moderate", "moderate", "high"]),
                conclusion="" if status == "draft" else "Tjenesten er stabil, men sårbar ved fravær (syntetisk).",
                due_date=datetime.date(year + 1, 3, 1),
                submitted_at=at if index >= 1 else None,
                forwarded_at=at + datetime.timedelta(days=7) if index >= 2 else None,
                discussed_at=at + datetime.timedelta(days=30) if index >= 3 else None,
                finalised_at=at + datetime.timedelta(days=40) if index >= 4 else None,
            )
        )
    created = Assessment.objects.bulk_create(rows, batch_size=500)
    entries, needs = [], []
    for assessment in created:
        for theme in themes:
            scored = assessment.status != "draft" or rng.random() < 0.5
            entries.append(
                ThemeEntry(
                    assessment=assessment,
                    theme=theme,
                    likelihood=rng.randint(1, 5) if scored else None,
                    consequence=rng.randint(1, 5) if scored else None,
                    status_today="Beskrivelse av dagens situasjon (syntetisk)." if scored else "",
                    own_judgement="Tjenestens egen vurdering (syntetisk)." if scored else "",
                )
            )
        for position, kind in enumerate(rng.sample(sorted(NEEDS), rng.randint(1, 3))):
            needs.append(
                Need(
                    assessment=assessment,
                    theme=rng.choice(themes) if themes else None,
                    kind=kind,
                    description=NEEDS[kind],
                    position=position,
                )
            )
    ThemeEntry.objects.bulk_create(entries, batch_size=1000)
    Need.objects.bulk_create(needs, batch_size=1000)
    return Assessment.objects.count()


def _draft_measure(world: Any) -> None:
    """A follow-up measure on the benchmark service's draft: the detail page links a measure to its
    edit page only while the assessment is a draft, and the demo gives measures to the final one."""
    from fagloft.assessments import services
    from fagloft.assessments.models import Assessment, Theme

    leader = world.bench_users["service_leader"]
    draft = Assessment.objects.filter(
        service=world.bench.services[0], year=world.year, status=Assessment.Status.DRAFT
    ).first()
    if draft is None:
        return
    services.add_measure(
        leader,
        draft,
        description="Felles rutine for oppfølging av fosterhjem (syntetisk)",
        owner="Barnevernleder",
        deadline=datetime.date(world.year + 1, 6, 1),
        theme=Theme.objects.filter(code="capacity").first(),
    )


def _draft_need(world: Any) -> None:
    """A competence need on the benchmark service's draft (the demo's draft has none). Programmes
    links a further-education application to it, and the draft's page, one of the first the service
    leader's crawl opens, lists the application under the need (see `programmes._applied`)."""
    from fagloft.assessments import services
    from fagloft.assessments.models import Assessment, Need, Theme

    draft = Assessment.objects.filter(
        service=world.bench.services[0], year=world.year, status=Assessment.Status.DRAFT
    ).first()
    if draft is None or draft.need_items.filter(kind=Need.Kind.COMPETENCE).exists():
        return
    kept = [
        services.NeedRow(theme=n.theme, kind=n.kind, description=n.description, need=n) for n in draft.need_items.all()
    ]
    services.save_needs(
        world.bench_users["service_leader"],
        draft,
        expected_version=draft.version,
        rows=[
            *kept,
            services.NeedRow(
                theme=Theme.objects.filter(code="competence").first(),
                kind=Need.Kind.COMPETENCE,
                description=NEEDS["competence"],
            ),
        ],
    )

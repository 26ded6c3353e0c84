"""Demo data: Bufdir's national signal rules and one county rule, a final assessment for last year
with structured needs and a draft for this year (Alta), a dialogue meeting with agreed actions, a
guidance team Alta asked for from its needs (offered, accepted, running), and an offer to the
second service that waits for its answer.

The chain (issue 10): last year's needs go to `ctx.extra["alta_needs_2024"]` for the competence,
networks and grants demos, which answer them; this year's draft shows in each theme what came of them.

Everything goes through the services, so the audit trail looks as it would in real use, and every
object is marked as demo data.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from fagloft.assessments import services, suggestions
from fagloft.assessments.models import Assessment, Need, SignalRule, Theme
from fagloft.assessments.reference import DEFAULT_NATIONAL_RULES, submission_deadline

DEMO_NOTE = "(demodata)"
NEED_TEXTS = {
    "competence": "Videreutdanning i barnevernfaglig arbeid for to saksbehandlere som mangler kravet for 2031.",
    "project": "Et utviklingsprosjekt med nabokommunene om kortere undersøkelsestid.",
    "guidance_team": "Ledelsesveiledning for den nye ledergruppen.",
    "neighbours": "Felles barnevernvakt med nabokommunene.",
}


def _rules(ctx: Any) -> None:
    bufdir, advisor = ctx.users.get("bufdir"), ctx.users.get("statsforvalter.finnmark")
    themes = {t.code: t for t in Theme.objects.all()}
    for spec in DEFAULT_NATIONAL_RULES:
        if not SignalRule.objects.filter(name=spec["name"], county__isnull=True).exists():
            services.create_national_rule(bufdir, **{**spec, "theme": themes.get(spec["theme"])})
    if advisor and not SignalRule.objects.filter(county=ctx.county).exists():
        services.create_rule(
            advisor,
            county=ctx.county,
            name="Få plasseringer i familie og nettverk",
            kind="peer",
            indicator_code="kostra-plasseringer-fosterhjem-familie",
            parameters={"peer": "county", "direction": "below", "pct": 25},
            severity="warning",
            theme=themes.get("foster_care"),
        )


# Capacity scores high (4 × 4), the rest at most moderate: the suggestion is «high», and the
# service chooses «moderate» with a reason the county reads.
FIXED_SCORES = {"capacity": (4, 4)}


def _fill_entries(ctx: Any, assessment: Assessment, leader: Any) -> None:
    for entry in assessment.entries.select_related("theme"):
        likelihood, consequence = FIXED_SCORES.get(entry.theme.code, (ctx.rng.randint(1, 3), ctx.rng.randint(2, 4)))
        services.update_entry(
            leader,
            entry,
            expected_version=entry.version,
            likelihood=likelihood,
            consequence=consequence,
            status_today=f"Beskrivelse av {entry.theme.name_nb.lower()} {DEMO_NOTE}.",
            own_judgement=f"Tjenestens vurdering av {entry.theme.name_nb.lower()} {DEMO_NOTE}.",
            answers=[f"Svar {DEMO_NOTE}" for _ in entry.theme.questions],
        )


def _final_assessment(ctx: Any, service: Any, leader: Any, advisor: Any) -> Assessment:
    assessment = services.create_assessment(
        leader, service=service, year=ctx.year - 1, due_date=submission_deadline(ctx.year - 1)
    )
    Assessment.objects.filter(pk=assessment.pk).update(is_demo=True)
    assessment.refresh_from_db()
    _fill_entries(ctx, assessment, leader)
    suggestion = suggestions.suggest_for(assessment)
    services.update_assessment(
        leader,
        assessment,
        expected_version=assessment.version,
        risk_level="moderate",
        risk_level_reason=(
            f"Kapasiteten er høy risiko i dag, men to nye stillinger er besatt fra januar {DEMO_NOTE}."
            if suggestion.level != "moderate"
            else ""
        ),
        conclusion=f"Tjenesten er stabil, men sårbar ved fravær og turnover {DEMO_NOTE}.",
        leadership_commitment="Kommunedirektøren viderefører to prosjektstillinger ut året.",
    )
    assessment.refresh_from_db()
    themes = {t.code: t for t in Theme.objects.all()}
    services.save_needs(
        leader,
        assessment,
        expected_version=assessment.version,
        rows=[
            services.NeedRow(themes.get("competence"), Need.Kind.COMPETENCE, NEED_TEXTS["competence"]),
            services.NeedRow(themes.get("case_flow"), Need.Kind.PROJECT, NEED_TEXTS["project"]),
            services.NeedRow(themes.get("leadership"), Need.Kind.GUIDANCE_TEAM, NEED_TEXTS["guidance_team"]),
            services.NeedRow(themes.get("capacity"), Need.Kind.NEIGHBOURS, NEED_TEXTS["neighbours"]),
        ],
    )
    assessment.refresh_from_db()
    services.add_measure(
        leader,
        assessment,
        description=f"Rekruttere en fagkoordinator {DEMO_NOTE}",
        owner="Barnevernleder",
        deadline=datetime.date(ctx.year - 1, 9, 1),
        theme=Theme.objects.filter(code="capacity").first(),
    )
    services.submit_assessment(leader, assessment)
    # The municipal leadership forwards it (the system does, when the demo has no such user).
    services.forward_assessment(
        ctx.users.get("kommunedirektor.alta"), assessment, comment=f"Kommuneledelsen støtter vurderingen {DEMO_NOTE}."
    )
    services.discuss_assessment(advisor, assessment)
    services.finalise_assessment(advisor, assessment)
    return assessment


def _meeting(ctx: Any, service: Any, advisor: Any, assessment: Assessment) -> None:
    starts = timezone.make_aware(datetime.datetime(ctx.year, 4, 15, 10, 0))
    meeting = services.schedule_meeting(
        advisor,
        service=service,
        municipality=service.host_municipality,
        starts_at=starts,
        place=f"{service.host_municipality.name} rådhus",
        assessment=assessment,
        is_demo=True,
        participants="Kommunedirektør, barnevernleder, rådgivere hos Statsforvalteren",
    )
    services.update_meeting(
        advisor,
        meeting,
        expected_version=meeting.version,
        minutes=f"Gjennomgang av vurderingen. Tjenesten har én ledig stilling {DEMO_NOTE}.",
    )
    services.add_action(
        advisor,
        meeting,
        description=f"Søke om plass i Tjenestestøtteprogrammet {DEMO_NOTE}",
        owner="Barnevernleder",
        owner_email="leder.alta@demo.fagloft.invalid",
        deadline=datetime.date(ctx.year, 6, 1),
    )


def _offer(service: Any, advisor: Any) -> None:
    """The county offers the second service a guidance team; the offer waits for its answer."""
    services.propose_guidance(
        advisor, service=service, is_demo=True, reason=f"Høy risiko og lav bemanning over flere år {DEMO_NOTE}."
    )


def _guidance(ctx: Any, final: Assessment, leader: Any, advisor: Any) -> None:
    """Alta asks from its guidance-team need; the county offers, the municipality accepts, it runs."""
    need = final.need_items.get(kind=Need.Kind.GUIDANCE_TEAM)
    engagement = services.request_guidance(leader, need, is_demo=True)
    services.offer_guidance(advisor, engagement)
    services.accept_guidance(ctx.users.get("kommunedirektor.alta") or leader, engagement)
    services.start_guidance(advisor, engagement)
    services.update_engagement(
        advisor,
        engagement,
        expected_version=engagement.version,
        period_start=datetime.date(ctx.year, 1, 15),
        period_end=datetime.date(ctx.year, 12, 15),
        committed_time="En dag i måneden for ledergruppen",
        committed_people="Barnevernleder og to fagledere",
    )
    services.add_session(
        advisor, engagement, date=datetime.date(ctx.year, 2, 10), topic="Oppstart og mål", notes=DEMO_NOTE
    )


def build(ctx: Any) -> None:
    leader, advisor = ctx.users.get("leder.alta"), ctx.users.get("statsforvalter.finnmark")
    if not ctx.services or leader is None or advisor is None or ctx.users.get("bufdir") is None:
        ctx.log("assessments: demo users or services missing, skipped")
        return
    _rules(ctx)
    alta = ctx.services[0]
    if Assessment.objects.filter(service=alta).exists():
        ctx.log("assessments: demo assessments exist already")
        return
    final = _final_assessment(ctx, alta, leader, advisor)
    extra = getattr(ctx, "extra", None)
    if extra is not None:
        extra["alta_needs_2024"] = list(final.need_items.select_related("theme").order_by("position"))
        extra["alta_assessment_2024"] = final
    draft = services.create_assessment(leader, service=alta, year=ctx.year, due_date=submission_deadline(ctx.year))
    Assessment.objects.filter(pk=draft.pk).update(is_demo=True)
    draft.refresh_from_db()
    _draft_themes(draft, leader)
    _meeting(ctx, alta, advisor, final)
    _guidance(ctx, final, leader, advisor)
    if len(ctx.services) > 1:
        _offer(ctx.services[1], advisor)
    ctx.log(
        "assessments: rules, a final assessment with needs and a draft, a dialogue meeting, "
        "a guidance team from Alta's need and an offer"
    )


def _draft_themes(draft: Assessment, leader: Any) -> None:
    """This year's draft: scores in two themes, so the suggestion shows; «status i dag» is left
    empty, so the edit form starts from the service's own figures."""
    for entry in draft.entries.select_related("theme").filter(theme__code__in=("capacity", "competence")):
        services.update_entry(leader, entry, expected_version=entry.version, likelihood=3, consequence=3)

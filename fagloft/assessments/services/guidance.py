"""Guidance teams (veiledningsteam): the municipality asks (from a need of kind «veiledningsteam»
in its assessment, or on its own), the county governor or Bufdir offers, the municipality accepts
or declines, the county starts and ends the engagement. Each step is its own use case, writes one
audit row, and is refused in Norwegian when the state does not allow it.

    requested ──offer──▶ offered ──accept──▶ accepted ──start──▶ running ──end──▶ ended
        └──turn_down──▶ declined ◀──decline──┘
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fagloft.accounts.access import Action, can
from fagloft.accounts.use_cases import not_a_use_case, use_case
from fagloft.assessments import permissions as perms
from fagloft.assessments.models import GuidanceEngagement, GuidanceSession, Need
from fagloft.assessments.services.common import WorkflowRefused
from fagloft.audit.concurrency import save_checked
from fagloft.audit.models import AuditEvent
from fagloft.audit.services import record, record_create, record_update, snapshot
from fagloft.organizations.models import Service

ENGAGEMENT_FIELDS = ("period_start", "period_end", "committed_time", "committed_people", "outcome")
Origin = GuidanceEngagement.Origin
State = GuidanceEngagement.Status
OPEN_STATES = (State.REQUESTED, State.OFFERED, State.ACCEPTED, State.RUNNING)


@dataclass(frozen=True)
class GuidanceStep:
    source: str
    target: str
    action: Action
    label: Any
    button: Any
    # The municipality's reason for declining and the county's for turning a request down.
    note_required: bool = False


GUIDANCE_STEPS: dict[str, GuidanceStep] = {
    "offer": GuidanceStep(
        State.REQUESTED,
        State.OFFERED,
        perms.MANAGE_GUIDANCE,
        gettext_lazy("tilbudt kommunen"),
        gettext_lazy("Tilby veiledningsteam"),
    ),
    "turn_down": GuidanceStep(
        State.REQUESTED,
        State.DECLINED,
        perms.MANAGE_GUIDANCE,
        gettext_lazy("avslått"),
        gettext_lazy("Avslå ønsket"),
        note_required=True,
    ),
    "accept": GuidanceStep(
        State.OFFERED,
        State.ACCEPTED,
        perms.RESPOND_GUIDANCE,
        gettext_lazy("takket ja til"),
        gettext_lazy("Takk ja til veiledningsteam"),
    ),
    "decline": GuidanceStep(
        State.OFFERED,
        State.DECLINED,
        perms.RESPOND_GUIDANCE,
        gettext_lazy("takket nei til"),
        gettext_lazy("Takk nei"),
        note_required=True,
    ),
    "start": GuidanceStep(
        State.ACCEPTED,
        State.RUNNING,
        perms.MANAGE_GUIDANCE,
        gettext_lazy("startet"),
        gettext_lazy("Start oppdraget"),
    ),
    "end": GuidanceStep(
        State.RUNNING, State.ENDED, perms.MANAGE_GUIDANCE, gettext_lazy("avsluttet"), gettext_lazy("Avslutt oppdraget")
    ),
}


@not_a_use_case
def origin_for(actor: Any, service: Service) -> str | None:
    """The county nominates (an offer); the municipality's leadership or the service leader asks."""
    if can(actor, perms.NOMINATE_GUIDANCE, service):
        return Origin.NOMINATED
    if can(actor, perms.REQUEST_GUIDANCE, service):
        return Origin.REQUESTED
    return None


def _refuse_if_open(service: Service) -> None:
    if GuidanceEngagement.objects.filter(service=service, status__in=OPEN_STATES).exists():
        raise WorkflowRefused(
            _("{service} har allerede et åpent oppdrag for veiledningsteam.").format(service=service.name),
            field="service",
        )


# Either the county offers or the municipality asks; `origin_for` decides which it is for this
# actor and service (a county advisor's scope and a leader's scope overlap only in admins).
@use_case(perms.PROPOSE_GUIDANCE, on="service")
def propose_guidance(actor: Any, *, service: Service, reason: str, is_demo: bool = False) -> GuidanceEngagement:
    origin = origin_for(actor, service) if actor is not None else Origin.NOMINATED
    if origin is None:
        raise PermissionDenied(_("Du kan ikke foreslå eller be om veiledningsteam for denne tjenesten."))
    if not reason.strip():
        raise WorkflowRefused(_("Skriv en begrunnelse."), field="reason")
    _refuse_if_open(service)
    status = State.OFFERED if origin == Origin.NOMINATED else State.REQUESTED
    engagement = GuidanceEngagement.objects.create(
        service=service, origin=origin, status=status, reason=reason, created_by=actor, is_demo=is_demo
    )
    record_create(actor, engagement)
    return engagement


@use_case(perms.REQUEST_GUIDANCE, on="need")
def request_guidance(actor: Any, need: Need, *, reason: str = "", is_demo: bool = False) -> GuidanceEngagement:
    """The municipality asks for a guidance team from a need of kind «veiledningsteam» in its assessment."""
    if need.kind != Need.Kind.GUIDANCE_TEAM:
        raise WorkflowRefused(_("Bare et behov av typen «Veiledningsteam» kan bli en forespørsel om veiledningsteam."))
    service = need.assessment.service
    _refuse_if_open(service)
    engagement = GuidanceEngagement.objects.create(
        service=service,
        origin=Origin.REQUESTED,
        status=State.REQUESTED,
        need=need,
        reason=(reason.strip() or need.description)[:5000],
        created_by=actor,
        is_demo=is_demo,
    )
    record_create(
        actor, engagement, message=_("Ønsket fra vurderingen {assessment}").format(assessment=need.assessment)
    )
    return engagement


def _guidance_step(actor: Any, engagement: GuidanceEngagement, name: str, expected_version: Any, note: str) -> Any:
    step = GUIDANCE_STEPS[name]
    if engagement.status != step.source:
        raise WorkflowRefused(
            _("Oppdraget kan ikke bli {step} nå, fordi det har status «{status}».").format(
                step=step.label, status=engagement.get_status_display()
            )
        )
    note = note.strip()
    if step.note_required and not note:
        raise WorkflowRefused(_("Skriv en kort begrunnelse."), field="note")
    before = engagement.status
    engagement.status = step.target
    engagement.answered_at = timezone.now()
    fields = ["status", "answered_at"]
    if note:
        engagement.answer_note = note[:2000]
        fields.append("answer_note")
    if name == "start" and engagement.period_start is None:
        engagement.period_start = timezone.localdate()
        fields.append("period_start")
    if name == "end" and engagement.period_end is None:
        engagement.period_end = timezone.localdate()
        fields.append("period_end")
    save_checked(engagement, engagement.version if expected_version is None else expected_version, fields)
    record(
        actor,
        AuditEvent.Verb.TRANSITION,
        engagement,
        {"status": [before, step.target], **({"answer_note": [None, note]} if note else {})},
        message=_("Oppdraget ble {step}").format(step=step.label),
    )
    return engagement


def _step_use_case(name: str) -> Callable[..., GuidanceEngagement]:
    step = GUIDANCE_STEPS[name]

    @use_case(step.action, on="engagement")
    def take_step(
        actor: Any, engagement: GuidanceEngagement, *, expected_version: Any = None, note: str = ""
    ) -> GuidanceEngagement:
        return _guidance_step(actor, engagement, name, expected_version, note)

    take_step.__name__ = take_step.__qualname__ = f"{name}_guidance"
    take_step.__doc__ = f"The guidance step «{name}»: {step.source} → {step.target}."
    return take_step


offer_guidance = _step_use_case("offer")
turn_down_guidance = _step_use_case("turn_down")
accept_guidance = _step_use_case("accept")
decline_guidance = _step_use_case("decline")
start_guidance = _step_use_case("start")
end_guidance = _step_use_case("end")
GUIDANCE_USE_CASES: dict[str, Callable[..., GuidanceEngagement]] = {
    "offer": offer_guidance,
    "turn_down": turn_down_guidance,
    "accept": accept_guidance,
    "decline": decline_guidance,
    "start": start_guidance,
    "end": end_guidance,
}


@use_case(perms.MANAGE_GUIDANCE, on="engagement")
def update_engagement(
    actor: Any, engagement: GuidanceEngagement, *, expected_version: int, **values: Any
) -> GuidanceEngagement:
    before = snapshot(engagement, ENGAGEMENT_FIELDS)
    for name, value in values.items():
        if name not in ENGAGEMENT_FIELDS:
            raise ValueError(name)
        setattr(engagement, name, value)
    start, end = engagement.period_start, engagement.period_end
    if start and end and end < start:
        raise WorkflowRefused(_("Perioden kan ikke slutte før den begynner."), field="period_end")
    save_checked(engagement, expected_version, list(values))
    record_update(actor, engagement, before)
    return engagement


@use_case(perms.MANAGE_GUIDANCE, on="engagement")
def add_session(
    actor: Any, engagement: GuidanceEngagement, *, date: datetime.date, topic: str, notes: str = ""
) -> GuidanceSession:
    session = GuidanceSession.objects.create(engagement=engagement, date=date, topic=topic, notes=notes)
    record_create(actor, session)
    return session

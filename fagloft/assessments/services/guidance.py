"""Guidance teams (veiledningsteam): nomination by the county or request by the municipality,
then the engagement's period, the municipality's commitment, sessions and outcome."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from fagloft.accounts.access import can
from fagloft.accounts.use_cases import not_a_use_case, use_case
from fagloft.assessments import permissions as perms
from fagloft.assessments.models import GuidanceEngagement, GuidanceSession
from fagloft.assessments.services.common import WorkflowRefused
from fagloft.audit.concurrency import save_checked
from fagloft.audit.services import record_create, record_update, snapshot
from fagloft.organizations.models import Service

ENGAGEMENT_FIELDS = ("status", "period_start", "period_end", "committed_time", "committed_people", "outcome")
Origin = GuidanceEngagement.Origin


@not_a_use_case
def origin_for(actor: Any, service: Service) -> str | None:
    """The county nominates; the municipality's leadership or the service leader asks."""
    if can(actor, perms.NOMINATE_GUIDANCE, service):
        return Origin.NOMINATED
    if can(actor, perms.REQUEST_GUIDANCE, service):
        return Origin.REQUESTED
    return None


# Either the county nominates or the municipality asks; `origin_for` decides which it is for this
# actor and service (a county advisor's scope and a leader's scope overlap only in admins).
@use_case(perms.PROPOSE_GUIDANCE, on="service")
def propose_guidance(actor: Any, *, service: Service, reason: str, is_demo: bool = False) -> GuidanceEngagement:
    origin = origin_for(actor, service) if actor is not None else Origin.NOMINATED
    if origin is None:
        raise PermissionDenied(_("Du kan ikke foreslå eller be om veiledningsteam for denne tjenesten."))
    if not reason.strip():
        raise WorkflowRefused(_("Skriv en begrunnelse."), field="reason")
    open_statuses = [GuidanceEngagement.Status.PROPOSED, GuidanceEngagement.Status.ACTIVE]
    if GuidanceEngagement.objects.filter(service=service, status__in=open_statuses).exists():
        raise WorkflowRefused(
            _("{service} har allerede et åpent oppdrag for veiledningsteam.").format(service=service.name),
            field="service",
        )
    engagement = GuidanceEngagement.objects.create(
        service=service, origin=origin, reason=reason, created_by=actor, is_demo=is_demo
    )
    record_create(actor, engagement)
    return engagement


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

"""Guidance teams (veiledningsteam): nomination by the county or request by the municipality,
then the engagement's period, the municipality's commitment, sessions and outcome."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fagloft.accounts.access import can
from fagloft.assessments import permissions as perms
from fagloft.assessments.models import GuidanceEngagement, GuidanceSession
from fagloft.assessments.services.common import WorkflowError, require
from fagloft.audit.concurrency import save_checked
from fagloft.audit.services import record_create, record_update, snapshot
from fagloft.organizations.models import Service

ENGAGEMENT_FIELDS = ("status", "period_start", "period_end", "committed_time", "committed_people", "outcome")
Origin = GuidanceEngagement.Origin


def origin_for(actor: Any, service: Service) -> str | None:
    """The county nominates; the municipality's leadership or the service leader asks."""
    if can(actor, perms.NOMINATE_GUIDANCE, service):
        return Origin.NOMINATED
    if can(actor, perms.REQUEST_GUIDANCE, service):
        return Origin.REQUESTED
    return None


@transaction.atomic
def propose_guidance(actor: Any, *, service: Service, reason: str, is_demo: bool = False) -> GuidanceEngagement:
    origin = origin_for(actor, service)
    if origin is None:
        require(actor, perms.REQUEST_GUIDANCE, service)
    if not reason.strip():
        raise WorkflowError(_("Skriv en begrunnelse."))
    open_statuses = [GuidanceEngagement.Status.PROPOSED, GuidanceEngagement.Status.ACTIVE]
    if GuidanceEngagement.objects.filter(service=service, status__in=open_statuses).exists():
        raise WorkflowError(_("{service} har allerede et åpent oppdrag for veiledningsteam.").format(
            service=service.name))
    engagement = GuidanceEngagement.objects.create(service=service, origin=origin, reason=reason,
                                                   created_by=actor, is_demo=is_demo)
    record_create(actor, engagement)
    return engagement


@transaction.atomic
def update_engagement(actor: Any, engagement: GuidanceEngagement, *, expected_version: int,
                      **values: Any) -> GuidanceEngagement:
    require(actor, perms.MANAGE_GUIDANCE, engagement)
    before = snapshot(engagement, ENGAGEMENT_FIELDS)
    for name, value in values.items():
        if name not in ENGAGEMENT_FIELDS:
            raise ValueError(name)
        setattr(engagement, name, value)
    start, end = engagement.period_start, engagement.period_end
    if start and end and end < start:
        raise WorkflowError(_("Perioden kan ikke slutte før den begynner."))
    engagement.updated_at = timezone.now()
    save_checked(engagement, expected_version, [*values, "updated_at"])
    record_update(actor, engagement, before)
    return engagement


@transaction.atomic
def add_session(actor: Any, engagement: GuidanceEngagement, *, date: datetime.date, topic: str,
                notes: str = "") -> GuidanceSession:
    require(actor, perms.MANAGE_GUIDANCE, engagement)
    session = GuidanceSession.objects.create(engagement=engagement, date=date, topic=topic, notes=notes)
    record_create(actor, session)
    return session

"""Dialogue meetings (dialogmøter): scheduling, minutes, agreed actions and e-mail reminders."""

from __future__ import annotations

import datetime
import logging
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fagloft.accounts.access import can
from fagloft.accounts.use_cases import not_a_use_case, system_job, use_case
from fagloft.assessments import permissions as perms
from fagloft.assessments.models import AgreedAction, Assessment, DialogueMeeting
from fagloft.assessments.services.common import WorkflowRefused
from fagloft.audit.concurrency import save_checked
from fagloft.audit.models import AuditEvent
from fagloft.audit.services import record, record_create, record_update, snapshot
from fagloft.lib import formatting
from fagloft.organizations.models import Municipality, Service

logger = logging.getLogger(__name__)

MEETING_FIELDS = ("starts_at", "place", "participants", "agenda", "minutes", "assessment")
DEFAULT_REMINDER_DAYS = 7


@not_a_use_case
def default_agenda() -> str:
    return "\n".join(
        [
            _("1. Risiko- og tilstandsvurderingen"),
            _("2. Det lokale kvalitetsarbeidet"),
            _("3. Kompetansestrategien for det kommunale barnevernet"),
            _("4. Avtalt oppfølging"),
        ]
    )


@use_case(perms.MANAGE_MEETINGS, on="service")
def schedule_meeting(
    actor: Any,
    *,
    service: Service,
    municipality: Municipality,
    starts_at: datetime.datetime,
    place: str,
    participants: str = "",
    agenda: str = "",
    assessment: Assessment | None = None,
    is_demo: bool = False,
) -> DialogueMeeting:
    if not service.coverages.filter(municipality=municipality).exists():
        raise WorkflowRefused(
            _("{service} dekker ikke {municipality}.").format(service=service.name, municipality=municipality.name),
            field="municipality",
        )
    if assessment is not None and assessment.service_id != service.pk:
        raise WorkflowRefused(_("Vurderingen gjelder en annen tjeneste."), field="assessment")
    if assessment is not None and actor is not None and not can(actor, perms.VIEW_ASSESSMENT, assessment):
        # Still with the municipality (a draft, or waiting for the leadership): not the county's yet.
        raise WorkflowRefused(_("Vurderingen er ikke sendt til Statsforvalteren ennå."), field="assessment")
    meeting = DialogueMeeting.objects.create(
        county_id=municipality.county_id,
        municipality=municipality,
        service=service,
        starts_at=starts_at,
        place=place,
        participants=participants,
        agenda=agenda or default_agenda(),
        assessment=assessment,
        is_demo=is_demo,
    )
    record_create(actor, meeting, message=_("Dialogmøte planlagt"))
    return meeting


@use_case(perms.MANAGE_MEETINGS, on="meeting")
def update_meeting(actor: Any, meeting: DialogueMeeting, *, expected_version: int, **values: Any) -> DialogueMeeting:
    before = snapshot(meeting, MEETING_FIELDS)
    for name, value in values.items():
        if name not in MEETING_FIELDS:
            raise ValueError(name)
        setattr(meeting, name, value)
    save_checked(meeting, expected_version, list(values))
    record_update(actor, meeting, before)
    return meeting


@use_case(perms.MANAGE_MEETINGS, on="meeting")
def add_action(
    actor: Any,
    meeting: DialogueMeeting,
    *,
    description: str,
    owner: str,
    deadline: datetime.date,
    owner_email: str = "",
) -> AgreedAction:
    action = AgreedAction.objects.create(
        meeting=meeting, description=description, owner=owner, owner_email=owner_email, deadline=deadline
    )
    record_create(actor, action)
    return action


@use_case(perms.MANAGE_MEETINGS, on="action")
def set_action_done(actor: Any, action: AgreedAction, *, done: bool) -> AgreedAction:
    before = snapshot(action, ["is_done"])
    action.is_done = done
    action.save(update_fields=["is_done"])
    record_update(actor, action, before)
    return action


@not_a_use_case
def reminders_due(today: datetime.date, days: int) -> list[AgreedAction]:
    """Open actions with an owner's e-mail, due within `days` days, not yet reminded."""
    return list(
        AgreedAction.objects.filter(
            is_done=False,
            reminded_at__isnull=True,
            deadline__gte=today,
            deadline__lte=today + datetime.timedelta(days=days),
        )
        .exclude(owner_email="")
        .select_related("meeting__municipality", "meeting__service__host_municipality")
    )


@system_job
def send_reminders(today: datetime.date | None = None, days: int | None = None) -> int:
    """E-mail each owner once, `days` days (setting ASSESSMENT_REMINDER_DAYS) before the deadline.

    The job runs in one transaction (`@system_job`); each reminder has its own savepoint, so a mail
    that cannot be sent is rolled back alone and tried again on the next run, while the ones that
    went out stay marked as sent."""
    today = today or timezone.localdate()
    days = days if days is not None else getattr(settings, "ASSESSMENT_REMINDER_DAYS", DEFAULT_REMINDER_DAYS)
    sent = 0
    for action in reminders_due(today, days):
        try:
            with transaction.atomic():
                send_mail(_reminder_subject(action), _reminder_body(action), None, [action.owner_email])
                action.reminded_at = timezone.now()
                action.save(update_fields=["reminded_at"])
                record(
                    None,
                    AuditEvent.Verb.UPDATE,
                    action,
                    {"reminded_at": [None, str(action.reminded_at)]},
                    message=_("Påminnelse sendt til {email}").format(email=action.owner_email),
                )
        except OSError:
            logger.warning(
                "Reminder for agreed action %s could not be sent; trying again next run", action.pk, exc_info=True
            )
            continue
        sent += 1
    return sent


def _reminder_subject(action: AgreedAction) -> str:
    return _("Påminnelse: frist {deadline} for oppfølging etter dialogmøte").format(
        deadline=formatting.date(action.deadline)
    )


def _reminder_body(action: AgreedAction) -> str:
    meeting = action.meeting
    return _(
        "Hei {owner},\n\nI dialogmøtet med {municipality} {date} ble det avtalt:\n\n{description}\n\n"
        "Fristen er {deadline}.\n\nDenne e-posten er sendt automatisk fra Fagløft."
    ).format(
        owner=action.owner,
        municipality=meeting.municipality.name,
        date=formatting.date(meeting.starts_at),
        description=action.description,
        deadline=formatting.date(action.deadline),
    )

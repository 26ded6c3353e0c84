"""Dialogue meetings (dialogmøter): scheduling, minutes, agreed actions and e-mail reminders."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fagloft.assessments import permissions as perms
from fagloft.assessments.models import AgreedAction, Assessment, DialogueMeeting
from fagloft.assessments.services.common import WorkflowError, require
from fagloft.audit.concurrency import save_checked
from fagloft.audit.models import AuditEvent
from fagloft.audit.services import record, record_create, record_update, snapshot
from fagloft.organizations.models import Municipality, Service

MEETING_FIELDS = ("starts_at", "place", "participants", "agenda", "minutes", "assessment")
DEFAULT_REMINDER_DAYS = 7


def default_agenda() -> str:
    return "\n".join([
        _("1. Risiko- og tilstandsvurderingen"),
        _("2. Det lokale kvalitetsarbeidet"),
        _("3. Kompetansestrategien for det kommunale barnevernet"),
        _("4. Avtalt oppfølging"),
    ])


@transaction.atomic
def schedule_meeting(actor: Any, *, service: Service, municipality: Municipality, starts_at: datetime.datetime,
                     place: str, participants: str = "", agenda: str = "",
                     assessment: Assessment | None = None, is_demo: bool = False) -> DialogueMeeting:
    require(actor, perms.MANAGE_MEETINGS, service)
    if not service.coverages.filter(municipality=municipality).exists():
        raise WorkflowError(_("{service} dekker ikke {municipality}.").format(
            service=service.name, municipality=municipality.name))
    if assessment is not None and assessment.service_id != service.pk:
        raise WorkflowError(_("Vurderingen gjelder en annen tjeneste."))
    meeting = DialogueMeeting.objects.create(
        county_id=municipality.county_id, municipality=municipality, service=service, starts_at=starts_at,
        place=place, participants=participants, agenda=agenda or default_agenda(), assessment=assessment,
        is_demo=is_demo,
    )
    record_create(actor, meeting, message=_("Dialogmøte planlagt"))
    return meeting


@transaction.atomic
def update_meeting(actor: Any, meeting: DialogueMeeting, *, expected_version: int, **values: Any) -> DialogueMeeting:
    require(actor, perms.MANAGE_MEETINGS, meeting)
    before = snapshot(meeting, MEETING_FIELDS)
    for name, value in values.items():
        if name not in MEETING_FIELDS:
            raise ValueError(name)
        setattr(meeting, name, value)
    meeting.updated_at = timezone.now()
    save_checked(meeting, expected_version, [*values, "updated_at"])
    record_update(actor, meeting, before)
    return meeting


@transaction.atomic
def add_action(actor: Any, meeting: DialogueMeeting, *, description: str, owner: str, deadline: datetime.date,
               owner_email: str = "") -> AgreedAction:
    require(actor, perms.MANAGE_MEETINGS, meeting)
    action = AgreedAction.objects.create(meeting=meeting, description=description, owner=owner,
                                         owner_email=owner_email, deadline=deadline)
    record_create(actor, action)
    return action


@transaction.atomic
def set_action_done(actor: Any, action: AgreedAction, *, done: bool) -> AgreedAction:
    require(actor, perms.MANAGE_MEETINGS, action.meeting)
    before = snapshot(action, ["is_done"])
    action.is_done = done
    action.save(update_fields=["is_done"])
    record_update(actor, action, before)
    return action


def reminders_due(today: datetime.date, days: int) -> list[AgreedAction]:
    """Open actions with an owner's e-mail, due within `days` days, not yet reminded."""
    return list(AgreedAction.objects.filter(
        is_done=False, reminded_at__isnull=True, deadline__gte=today,
        deadline__lte=today + datetime.timedelta(days=days),
    ).exclude(owner_email="").select_related("meeting__municipality", "meeting__service__host_municipality"))


def send_reminders(today: datetime.date | None = None, days: int | None = None) -> int:
    """E-mail each owner once, `days` days (setting ASSESSMENT_REMINDER_DAYS) before the deadline."""
    today = today or timezone.localdate()
    days = days if days is not None else getattr(settings, "ASSESSMENT_REMINDER_DAYS", DEFAULT_REMINDER_DAYS)
    sent = 0
    for action in reminders_due(today, days):
        with transaction.atomic():
            send_mail(_reminder_subject(action), _reminder_body(action), None, [action.owner_email])
            action.reminded_at = timezone.now()
            action.save(update_fields=["reminded_at"])
            record(None, AuditEvent.Verb.UPDATE, action, {"reminded_at": [None, str(action.reminded_at)]},
                   message=_("Påminnelse sendt til {email}").format(email=action.owner_email))
        sent += 1
    return sent


def _reminder_subject(action: AgreedAction) -> str:
    return _("Påminnelse: frist {deadline} for oppfølging etter dialogmøte").format(
        deadline=action.deadline.strftime("%d.%m.%Y"))


def _reminder_body(action: AgreedAction) -> str:
    meeting = action.meeting
    return _(
        "Hei {owner},\n\nI dialogmøtet med {municipality} {date} ble det avtalt:\n\n{description}\n\n"
        "Fristen er {deadline}.\n\nDenne e-posten er sendt automatisk fra Fagløft."
    ).format(owner=action.owner, municipality=meeting.municipality.name,
             date=timezone.localtime(meeting.starts_at).strftime("%d.%m.%Y"), description=action.description,
             deadline=action.deadline.strftime("%d.%m.%Y"))

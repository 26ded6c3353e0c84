"""Gatherings: agenda, invitations, registration, attendance, documents, minutes, reminders."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone
from django.utils.translation import gettext as _

from fagloft.accounts.use_cases import system_job, use_case
from fagloft.audit.concurrency import save_checked
from fagloft.audit.models import AuditEvent
from fagloft.audit.services import record, record_create, record_update, snapshot
from fagloft.lib import formatting
from fagloft.networks.models import (
    AgendaItem,
    Gathering,
    GatheringDocument,
    Network,
    Participation,
)
from fagloft.networks.permissions import MANAGE_NETWORK, TAKE_PART

GATHERING_FIELDS = ("title", "starts_at", "ends_at", "place", "video_link", "description")


@use_case(MANAGE_NETWORK, on="network")
def create_gathering(actor: Any, network: Network, **values: Any) -> Gathering:
    gathering = Gathering.objects.create(network=network, **values)
    record_create(actor, gathering)
    return gathering


@use_case(MANAGE_NETWORK, on="gathering")
def update_gathering(actor: Any, gathering: Gathering, *, expected_version: int, **values: Any) -> Gathering:
    """Change time, place or description; a changed time bumps the calendar SEQUENCE via `version`."""
    before = snapshot(gathering, GATHERING_FIELDS)
    for name in GATHERING_FIELDS:
        if name in values:
            setattr(gathering, name, values[name])
    save_checked(gathering, expected_version, GATHERING_FIELDS)
    record_update(actor, gathering, before)
    return gathering


@use_case(MANAGE_NETWORK, on="gathering")
def save_minutes(actor: Any, gathering: Gathering, *, expected_version: int, minutes: str) -> Gathering:
    before = snapshot(gathering, ["minutes"])
    gathering.minutes = minutes
    save_checked(gathering, expected_version, ["minutes"])
    record_update(actor, gathering, before)
    return gathering


@use_case(MANAGE_NETWORK, on="gathering")
def add_agenda_item(actor: Any, gathering: Gathering, **values: Any) -> AgendaItem:
    if "order" not in values or not values["order"]:
        values["order"] = gathering.agenda_items.count() + 1
    item = AgendaItem.objects.create(gathering=gathering, **values)
    record(actor, AuditEvent.Verb.UPDATE, gathering, {"agenda_item": [None, item.title]})
    return item


@use_case(MANAGE_NETWORK, on="gathering")
def add_gathering_document(actor: Any, gathering: Gathering, *, title: str, kind: str, file: Any) -> GatheringDocument:
    document = GatheringDocument.objects.create(gathering=gathering, title=title, kind=kind, file=file)
    record(actor, AuditEvent.Verb.UPDATE, gathering, {"document": [None, title]})
    return document


@use_case(TAKE_PART, on="gathering")
def register_for_gathering(actor: Any, gathering: Gathering, *, attending: bool) -> Participation:
    status = Participation.Status.REGISTERED if attending else Participation.Status.DECLINED
    participation, _created = Participation.objects.update_or_create(
        gathering=gathering, user=actor, defaults={"status": status}
    )
    record(actor, AuditEvent.Verb.UPDATE, gathering, {"registration": [str(actor), status]})
    return participation


@use_case(MANAGE_NETWORK, on="gathering")
def set_attendance(actor: Any, gathering: Gathering, *, attended_user_ids: Iterable[int]) -> int:
    ids = set(attended_user_ids)
    participations = list(gathering.participations.all())
    for participation in participations:
        participation.attended = participation.user_id in ids
    Participation.objects.bulk_update(participations, ["attended"])
    record(actor, AuditEvent.Verb.UPDATE, gathering, {"attended": [None, sorted(ids)]})
    return len(ids)


@use_case(MANAGE_NETWORK, on="gathering")
def invite_to_gathering(actor: Any, gathering: Gathering) -> int:
    """E-mail an invitation to every contact person with an address, and mark linked users invited.

    The coordinator may write to contact persons even without consent to *share*: consent is
    about showing the details to other members, not about the network contacting them."""
    contacts = list(gathering.network.contacts.exclude(email=""))
    for contact in contacts:
        if contact.user_id:
            Participation.objects.get_or_create(gathering=gathering, user_id=contact.user_id)
    recipients = sorted({c.email for c in contacts})
    for address in recipients:
        send_mail(_invitation_subject(gathering), _invitation_body(gathering), settings.DEFAULT_FROM_EMAIL, [address])
    record(actor, AuditEvent.Verb.UPDATE, gathering, {"invited": [None, len(recipients)]})
    return len(recipients)


def _invitation_subject(gathering: Gathering) -> str:
    return _("Invitasjon: %(title)s") % {"title": gathering.title}


def _invitation_body(gathering: Gathering) -> str:
    start = timezone.localtime(gathering.starts_at)
    where = gathering.place or gathering.video_link
    return _("Du er invitert til %(title)s i %(network)s, %(when)s, %(where)s.") % {
        "title": gathering.title,
        "network": gathering.network.name,
        "when": formatting.datetime_(start, "long"),
        "where": where,
    }


@system_job
def send_gathering_reminders(now: datetime.datetime | None = None, days_before: int = 3) -> int:
    """Remind registered and invited people of gatherings starting within `days_before` days.

    Each gathering is reminded once (reminder_sent_at), so the command can run every hour. The run
    is one transaction: when sending fails halfway, no gathering is marked and the next run tries
    again (those reminded before the failure may get the reminder twice, never none)."""
    now = now or timezone.now()
    due = Gathering.objects.filter(
        reminder_sent_at__isnull=True, starts_at__gt=now, starts_at__lte=now + datetime.timedelta(days=days_before)
    )
    sent = 0
    for gathering in due.select_related("network"):
        sent += _remind(gathering, now)
    return sent


def _remind(gathering: Gathering, now: datetime.datetime) -> int:
    addresses = sorted(
        {
            p.user.email
            for p in gathering.participations.select_related("user").exclude(status=Participation.Status.DECLINED)
            if p.user.email
        }
    )
    for address in addresses:
        send_mail(
            _("Påminnelse: %(title)s") % {"title": gathering.title},
            _invitation_body(gathering),
            settings.DEFAULT_FROM_EMAIL,
            [address],
        )
    gathering.reminder_sent_at = now
    gathering.save(update_fields=["reminder_sent_at", "updated_at"])
    record(None, AuditEvent.Verb.UPDATE, gathering, {"reminder_sent_to": [None, len(addresses)]})
    return len(addresses)

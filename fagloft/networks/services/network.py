"""Networks, their members, steering group and contact persons (with consent)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils import timezone

from fagloft.accounts.use_cases import use_case
from fagloft.audit.concurrency import save_checked
from fagloft.audit.models import AuditEvent
from fagloft.audit.services import record, record_create, record_update, scrub, snapshot
from fagloft.networks.models import (
    CompetenceEnvironment,
    ContactPerson,
    Network,
    NetworkMember,
    NetworkRole,
)
from fagloft.networks.permissions import CHANGE_CONSENT, ERASE_CONTACT, EXPORT_CONTACT, MANAGE_NETWORK
from fagloft.organizations.models import County, Municipality

NETWORK_FIELDS = ("name", "description", "strand", "county_advisor")


@use_case(MANAGE_NETWORK, on="county")
def create_network(
    actor: Any,
    *,
    county: County,
    name: str,
    description: str = "",
    strand: str = "development",
    county_advisor: Any = None,
    municipalities: Iterable[Municipality] = (),
    partners: Iterable[CompetenceEnvironment] = (),
    is_demo: bool = False,
) -> Network:
    network = Network.objects.create(
        county=county, name=name, description=description, strand=strand, county_advisor=county_advisor, is_demo=is_demo
    )
    _set_members(network, municipalities)
    network.partners.set(list(partners))
    record_create(actor, network)
    return network


@use_case(MANAGE_NETWORK, on="network")
def update_network(
    actor: Any,
    network: Network,
    *,
    expected_version: int,
    municipalities: Iterable[Municipality],
    partners: Iterable[CompetenceEnvironment],
    **values: Any,
) -> Network:
    before = snapshot(network, NETWORK_FIELDS)
    before_members = sorted(network.members.values_list("municipality__name", flat=True))
    for name in NETWORK_FIELDS:
        if name in values:
            setattr(network, name, values[name])
    save_checked(network, expected_version, NETWORK_FIELDS)
    _set_members(network, municipalities)
    network.partners.set(list(partners))
    record_update(actor, network, before)
    after_members = sorted(network.members.values_list("municipality__name", flat=True))
    if before_members != after_members:
        record(actor, AuditEvent.Verb.UPDATE, network, {"members": [before_members, after_members]})
    return network


def _set_members(network: Network, municipalities: Iterable[Municipality]) -> None:
    wanted = {m.pk for m in municipalities}
    network.members.exclude(municipality_id__in=wanted).delete()
    existing = set(network.members.values_list("municipality_id", flat=True))
    NetworkMember.objects.bulk_create(
        [
            NetworkMember(network=network, municipality_id=pk, joined_on=timezone.localdate())
            for pk in sorted(wanted - existing)
        ]
    )


@use_case(MANAGE_NETWORK, on="network")
def add_network_role(actor: Any, network: Network, **values: Any) -> NetworkRole:
    role = NetworkRole.objects.create(network=network, **values)
    record_create(actor, role)
    return role


@use_case(MANAGE_NETWORK, on="network")
def add_contact(actor: Any, network: Network, *, consent: bool = False, **values: Any) -> ContactPerson:
    """Add a contact person. `consent` means the person has explicitly agreed, now, to share the
    details ticked in share_email/share_phone with the other members."""
    contact = ContactPerson(network=network, **values)
    if not consent:
        contact.share_email = contact.share_phone = False
    else:
        contact.consent_given_at = timezone.now()
        contact.consent_recorded_by = _name(actor)
    contact.save()
    record_create(actor, contact, message="samtykke registrert" if consent else "")
    return contact


@use_case(CHANGE_CONSENT, on="contact")
def give_consent(actor: Any, contact: ContactPerson, *, share_email: bool, share_phone: bool) -> ContactPerson:
    before = snapshot(contact, _CONSENT_FIELDS)
    contact.share_email, contact.share_phone = share_email, share_phone
    contact.consent_given_at = timezone.now()
    contact.consent_withdrawn_at = None
    contact.consent_recorded_by = _name(actor)
    contact.save(update_fields=[*_CONSENT_FIELDS, "updated_at"])
    record_update(actor, contact, before, message="samtykke til deling gitt")
    return contact


@use_case(CHANGE_CONSENT, on="contact")
def withdraw_consent(actor: Any, contact: ContactPerson) -> ContactPerson:
    before = snapshot(contact, _CONSENT_FIELDS)
    contact.share_email = contact.share_phone = False
    contact.consent_withdrawn_at = timezone.now()
    contact.consent_recorded_by = _name(actor)
    contact.save(update_fields=[*_CONSENT_FIELDS, "updated_at"])
    record_update(actor, contact, before, message="samtykke til deling trukket")
    return contact


_CONSENT_FIELDS = ("share_email", "share_phone", "consent_given_at", "consent_withdrawn_at", "consent_recorded_by")


def _name(actor: Any) -> str:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return "system"
    return actor.get_full_name() or actor.get_username()


# What the trail says instead of the person's name once their data is erased.
ERASED_AUDIT_REPR = "Slettet kontaktperson"


@use_case(ERASE_CONTACT, on="contact")
def erase_contact(actor: Any, contact: ContactPerson) -> int:
    """Erase a contact person's personal data on their request (GDPR art. 17): the row with name,
    role, phone, e-mail and consent records goes, and the earlier audit events about the person
    are scrubbed the way retention anonymisation scrubs them (kept: that something happened, by
    whom and when; gone: the values). One new event records that the erasure happened, naming
    only the object id. Returns the id of the erased contact person."""
    contact_id = contact.pk
    scrub(ContactPerson._meta.label_lower, [contact_id], ERASED_AUDIT_REPR)
    # The event is written from the row before it goes (its scope: the network and municipality),
    # with the name already replaced, so nothing personal is stored in it.
    scope = contact.audit_scope()
    contact.name = f"{ERASED_AUDIT_REPR} #{contact_id}"
    record(
        actor,
        AuditEvent.Verb.DELETE,
        contact,
        {"personopplysninger_slettet": [None, True]},
        message="slettet etter krav fra personen",
        scope=scope,
    )
    contact.delete()
    return contact_id


@use_case(EXPORT_CONTACT, on="contact")
def export_contact(actor: Any, contact: ContactPerson) -> dict[str, Any]:
    """Everything held about one contact person (GDPR art. 15): the record, and the audit events
    about it (which may hold earlier values). The export itself is audited, naming no data."""
    fields = (
        "name",
        "role_title",
        "email",
        "phone",
        "share_email",
        "share_phone",
        "consent_given_at",
        "consent_withdrawn_at",
        "consent_recorded_by",
        "created_at",
        "updated_at",
    )
    events = AuditEvent.objects.filter(object_type=ContactPerson._meta.label_lower, object_id=str(contact.pk)).order_by(
        "created_at", "id"
    )
    data = {
        "kontaktperson": {
            "id": contact.pk,
            "nettverk": contact.network.name,
            "kommune": contact.municipality.name if contact.municipality else None,
            "bruker": contact.user.get_username() if contact.user else None,
            **{name: _json(getattr(contact, name)) for name in fields},
        },
        "endringslogg": [
            {
                "tidspunkt": _json(event.created_at),
                "utfort_av": event.actor_name,
                "handling": event.verb,
                "endringer": event.changes,
                "melding": event.message,
            }
            for event in events
        ],
    }
    record(actor, AuditEvent.Verb.EXPORT, contact, message="innsyn: opplysninger om kontaktpersonen eksportert")
    return data


def _json(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value

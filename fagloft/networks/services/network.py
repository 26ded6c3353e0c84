"""Networks, their members, steering group and contact persons (with consent)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from fagloft.audit.concurrency import save_checked
from fagloft.audit.services import record, record_create, record_update, snapshot
from fagloft.networks.models import (
    CompetenceEnvironment,
    ContactPerson,
    Network,
    NetworkMember,
    NetworkRole,
)
from fagloft.organizations.models import County, Municipality

NETWORK_FIELDS = ("name", "description", "strand", "county_advisor")


@transaction.atomic
def create_network(actor: Any, *, county: County, name: str, description: str = "", strand: str = "development",
                   county_advisor: Any = None, municipalities: Iterable[Municipality] = (),
                   partners: Iterable[CompetenceEnvironment] = (), is_demo: bool = False) -> Network:
    network = Network.objects.create(county=county, name=name, description=description, strand=strand,
                                     county_advisor=county_advisor, is_demo=is_demo)
    _set_members(network, municipalities)
    network.partners.set(list(partners))
    record_create(actor, network)
    return network


@transaction.atomic
def update_network(actor: Any, network: Network, *, expected_version: int, municipalities: Iterable[Municipality],
                   partners: Iterable[CompetenceEnvironment], **values: Any) -> Network:
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
        record(actor, "update", network, {"members": [before_members, after_members]})
    return network


def _set_members(network: Network, municipalities: Iterable[Municipality]) -> None:
    wanted = {m.pk for m in municipalities}
    network.members.exclude(municipality_id__in=wanted).delete()
    existing = set(network.members.values_list("municipality_id", flat=True))
    NetworkMember.objects.bulk_create(
        [NetworkMember(network=network, municipality_id=pk, joined_on=timezone.localdate())
         for pk in sorted(wanted - existing)]
    )


@transaction.atomic
def add_network_role(actor: Any, network: Network, **values: Any) -> NetworkRole:
    role = NetworkRole.objects.create(network=network, **values)
    record_create(actor, role)
    return role


@transaction.atomic
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


@transaction.atomic
def give_consent(actor: Any, contact: ContactPerson, *, share_email: bool, share_phone: bool) -> ContactPerson:
    before = snapshot(contact, _CONSENT_FIELDS)
    contact.share_email, contact.share_phone = share_email, share_phone
    contact.consent_given_at = timezone.now()
    contact.consent_withdrawn_at = None
    contact.consent_recorded_by = _name(actor)
    contact.save(update_fields=[*_CONSENT_FIELDS, "updated_at"])
    record_update(actor, contact, before, message="samtykke til deling gitt")
    return contact


@transaction.atomic
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

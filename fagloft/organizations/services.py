"""Writes to the organisation tree. Each function checks permission, validates, writes and audits in
one transaction, so pages, the API and commands behave the same.

Services and agreements have no `version` column; their `updated_at` is the version token. The
update is a compare-and-set on it (`UPDATE … WHERE updated_at = token`), so two people saving the
same form never overwrite each other silently.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fagloft.accounts.access import can, visible
from fagloft.audit.concurrency import ConcurrentEditError
from fagloft.audit.models import AuditEvent
from fagloft.audit.services import diff, record, record_create, record_update, snapshot
from fagloft.organizations.models import CooperationAgreement, Municipality, Service, ServiceCoverage
from fagloft.organizations.permissions import CHANGE_AGREEMENTS, CHANGE_SERVICE

CONTACT_FIELDS = ("leader_name", "email", "phone", "address")
AGREEMENT_FIELDS = ("title", "kind", "host", "valid_from", "valid_to", "description")


def version_token(obj: Service | CooperationAgreement) -> str:
    return obj.updated_at.isoformat()


def _parse_token(token: str) -> datetime.datetime:
    try:
        return datetime.datetime.fromisoformat(token)
    except (TypeError, ValueError):
        raise ConcurrentEditError(str(ConcurrentEditError.message)) from None


def _check(user: Any, action: Any, obj: Any) -> None:
    if not can(user, action, obj):
        raise PermissionDenied


def _compare_and_set(obj: Any, token: str, values: dict[str, Any]) -> None:
    """Write `values` only if nobody has saved `obj` since `token` was read."""
    now = timezone.now()
    updated = type(obj)._default_manager.filter(pk=obj.pk, updated_at=_parse_token(token)).update(
        updated_at=now, **values
    )
    if updated != 1:
        raise ConcurrentEditError(str(ConcurrentEditError.message))
    for name, value in values.items():
        setattr(obj, name, value)
    obj.updated_at = now


def update_service_contact(user: Any, service: Service, *, version: str, **values: str) -> Service:
    """Change the leader and contact details of a service."""
    unknown = set(values) - set(CONTACT_FIELDS)
    if unknown:
        raise ValueError(f"not contact fields: {sorted(unknown)}")
    with transaction.atomic():
        _check(user, CHANGE_SERVICE, service)
        before = snapshot(service, CONTACT_FIELDS)
        _compare_and_set(service, version, values)
        record_update(user, service, before, message=_("Kontaktopplysninger"))
    return service


def add_coverage(user: Any, service: Service, *, version: str, municipality: Municipality,
                 valid_from: datetime.date) -> ServiceCoverage:
    """Record that the service serves `municipality` from `valid_from`."""
    with transaction.atomic():
        _check(user, CHANGE_SERVICE, service)
        if service.coverages.valid_on(valid_from).filter(municipality=municipality).exists():
            raise ValidationError(
                _("%(name)s er allerede dekket av tjenesten på denne datoen.") % {"name": municipality.name}
            )
        _compare_and_set(service, version, {})
        coverage = ServiceCoverage.objects.create(service=service, municipality=municipality, valid_from=valid_from)
        record_create(user, coverage)
    return coverage


def end_coverage(user: Any, service: Service, *, version: str, coverage: ServiceCoverage,
                 valid_to: datetime.date) -> ServiceCoverage:
    """Record the last day the service serves a municipality."""
    with transaction.atomic():
        _check(user, CHANGE_SERVICE, service)
        if coverage.service_id != service.pk:
            raise PermissionDenied
        if coverage.valid_from and valid_to < coverage.valid_from:
            raise ValidationError(_("Sluttdatoen kan ikke være før startdatoen (%(start)s).")
                                  % {"start": coverage.valid_from.strftime("%d.%m.%Y")})
        _compare_and_set(service, version, {})
        before = snapshot(coverage)
        coverage.valid_to = valid_to
        coverage.save(update_fields=["valid_to"])
        record_update(user, coverage, before)
    return coverage


def _check_agreement_parties(user: Any, parties: Iterable[Municipality], host: Municipality | None) -> list:
    parties = list(parties)
    if len(parties) < 1:
        raise ValidationError(_("Velg minst én kommune som part i avtalen."))
    if host is not None and host not in parties:
        raise ValidationError(_("Vertskommunen må være en av partene i avtalen."))
    own = visible(user, CHANGE_AGREEMENTS, Municipality.objects.filter(pk__in=[p.pk for p in parties]))
    if not own.exists():
        raise PermissionDenied
    return parties


def _agreement_state(agreement: CooperationAgreement, parties: Iterable[Municipality]) -> dict[str, Any]:
    """What the audit trail keeps of an agreement: its fields, the document's name and the parties."""
    return {**snapshot(agreement, AGREEMENT_FIELDS), "document": agreement.document.name or "",
            "parties": sorted(str(p) for p in parties)}


def _agreement_scope(agreement: CooperationAgreement, parties: list[Municipality]) -> dict[str, int | None]:
    """Where the audit trail files an agreement: the host's county, or the first party's without a host."""
    anchor = agreement.host or (parties[0] if parties else None)
    return {"county_id": anchor.county_id if anchor else None, "municipality_id": anchor.pk if anchor else None}


def create_agreement(user: Any, *, parties: Iterable[Municipality], document: Any = None,
                     **values: Any) -> CooperationAgreement:
    with transaction.atomic():
        parties = _check_agreement_parties(user, parties, values.get("host"))
        agreement = CooperationAgreement(**{k: v for k, v in values.items() if k in AGREEMENT_FIELDS})
        if document:
            agreement.document = document
        agreement.full_clean(exclude=["parties"])
        agreement.save()
        agreement.parties.set(parties)
        state = _agreement_state(agreement, parties)
        record(user, AuditEvent.Verb.CREATE, agreement, {k: [None, v] for k, v in state.items()},
               scope=_agreement_scope(agreement, parties))
    return agreement


def update_agreement(user: Any, agreement: CooperationAgreement, *, version: str,
                     parties: Iterable[Municipality], document: Any = None, **values: Any) -> CooperationAgreement:
    with transaction.atomic():
        _check(user, CHANGE_AGREEMENTS, agreement)
        parties = _check_agreement_parties(user, parties, values.get("host"))
        before = _agreement_state(agreement, agreement.parties.all())
        changes = {k: v for k, v in values.items() if k in AGREEMENT_FIELDS}
        _compare_and_set(agreement, version, {})
        for name, value in changes.items():
            setattr(agreement, name, value)
        if document:
            agreement.document = document
        agreement.full_clean(exclude=["parties"])
        agreement.save()
        agreement.parties.set(parties)
        changes = diff(before, _agreement_state(agreement, parties))
        if changes:
            record(user, AuditEvent.Verb.UPDATE, agreement, changes, scope=_agreement_scope(agreement, parties))
    return agreement

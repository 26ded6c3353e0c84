"""Writes to the organisation tree. Each is a use case (`fagloft.accounts.use_cases`): the decorator
checks permission before the body and runs it in one transaction with its audit rows, so pages, the
API and commands behave the same.

Services and agreements are `Versioned`: every write to them goes through `save_checked`, so two
people saving the same form never overwrite each other silently (`ConcurrentEditError`).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.translation import gettext as _

from fagloft.accounts.access import visible
from fagloft.accounts.use_cases import use_case
from fagloft.audit.concurrency import save_checked
from fagloft.audit.models import AuditEvent
from fagloft.audit.services import diff, record, record_create, record_update, snapshot
from fagloft.lib import formatting
from fagloft.lib.refusals import Refused
from fagloft.organizations import queries
from fagloft.organizations.models import (
    CooperationAgreement,
    CouncilHandling,
    District,
    Municipality,
    Service,
    ServiceCoverage,
)
from fagloft.organizations.permissions import CHANGE_AGREEMENTS, CHANGE_SERVICE, RECORD_COUNCIL_HANDLING

COUNCIL_FIELDS = ("date", "body", "case_number", "decision")
CONTACT_FIELDS = ("leader_name", "email", "phone", "address")
AGREEMENT_FIELDS = (
    "title",
    "kind",
    "host",
    "valid_from",
    "valid_to",
    "description",
    "status",
    "tasks_delegated",
    "cost_sharing_key",
    "governance",
    "notice_months",
)
# Model validation does not enforce a TextField's max_length, so the use case bounds these itself.
AGREEMENT_TEXT_LIMITS = {"tasks_delegated": 5000, "governance": 5000}


@use_case(CHANGE_SERVICE, on="service")
def update_service_contact(actor: Any, service: Service, *, expected_version: Any, **values: str) -> Service:
    """Change the leader and contact details of a service."""
    unknown = set(values) - set(CONTACT_FIELDS)
    if unknown:
        raise ValueError(f"not contact fields: {sorted(unknown)}")
    before = snapshot(service, CONTACT_FIELDS)
    for name, value in values.items():
        setattr(service, name, value)
    save_checked(service, expected_version, values.keys())
    record_update(actor, service, before, message=_("Kontaktopplysninger"))
    return service


@use_case(CHANGE_SERVICE, on="service")
def add_coverage(
    actor: Any,
    service: Service,
    *,
    expected_version: Any,
    municipality: Municipality,
    valid_from: datetime.date,
    district: District | None = None,
) -> ServiceCoverage:
    """Record that the service serves `municipality` (or only its `district`) from `valid_from`."""
    if district is not None and district.municipality_id != municipality.pk:
        raise Refused(
            _("Bydelen %(district)s hører ikke til %(municipality)s.")
            % {"district": district.name, "municipality": municipality.name},
            field="district",
        )
    current = service.coverages.valid_on(valid_from).filter(municipality=municipality).select_related("district")
    # The whole municipality overlaps every district of it; a district overlaps only itself.
    overlapping = current if district is None else current.filter(Q(district__isnull=True) | Q(district=district))
    clash = overlapping.first()
    if clash is not None:
        if clash.district_id is None and district is None:
            message = _("%(name)s er allerede dekket av tjenesten på denne datoen.") % {"name": municipality.name}
        elif clash.district_id is None:
            message = _("Tjenesten dekker allerede hele %(name)s på denne datoen.") % {"name": municipality.name}
        elif district is None:
            message = _(
                "Tjenesten dekker allerede bydeler i %(name)s på denne datoen. Avslutt dem før du legger til hele "
                "kommunen."
            ) % {"name": municipality.name}
        else:
            message = _("Bydel %(district)s er allerede dekket av tjenesten på denne datoen.") % {
                "district": district.name
            }
        raise Refused(message, field="district" if district is not None else "municipality")
    # The coverage belongs to the service: adding one is a change of the service's version.
    save_checked(service, expected_version)
    coverage = ServiceCoverage(service=service, municipality=municipality, district=district, valid_from=valid_from)
    coverage.full_clean(validate_unique=False, validate_constraints=False)
    coverage.save()
    record_create(actor, coverage)
    return coverage


@use_case(CHANGE_SERVICE, on="service")
def end_coverage(
    actor: Any, service: Service, *, expected_version: Any, coverage: ServiceCoverage, valid_to: datetime.date
) -> ServiceCoverage:
    """Record the last day the service serves a municipality."""
    if coverage.service_id != service.pk:
        raise PermissionDenied
    if coverage.valid_from and valid_to < coverage.valid_from:
        raise Refused(
            _("Sluttdatoen kan ikke være før startdatoen (%(start)s).")
            % {"start": formatting.date(coverage.valid_from)},
            field="valid_to",
        )
    save_checked(service, expected_version)
    before = snapshot(coverage)
    coverage.valid_to = valid_to
    coverage.save(update_fields=["valid_to"])
    record_update(actor, coverage, before)
    return coverage


def _check_agreement_parties(
    actor: Any, parties: Iterable[Municipality], host: Municipality | None, kept: Iterable[Municipality] = ()
) -> list[Municipality]:
    parties = list(parties)
    if len(parties) < 1:
        raise Refused(_("Velg minst én kommune som part i avtalen."), field="parties")
    if host is not None and host not in parties:
        raise Refused(_("Vertskommunen må være en av partene i avtalen."), field="host")
    # A municipality that has ended can make no new agreements. Parties an existing agreement
    # already has stay (an old agreement is edited as it was).
    kept_ids = {p.pk for p in kept}
    ended = [p for p in parties if p.pk not in kept_ids and not queries.makes_agreements(p)]
    if ended:
        raise Refused(
            _("%(names)s er avviklet og kan ikke bli part i en ny avtale.")
            % {"names": ", ".join(p.name for p in ended)},
            field="parties",
        )
    if actor is not None:
        own = visible(actor, CHANGE_AGREEMENTS, Municipality.objects.filter(pk__in=[p.pk for p in parties]))
        if not own.exists():
            raise PermissionDenied
    return parties


def _check_agreement_terms(values: dict[str, Any], current_status: str | None = None) -> None:
    for name, limit in AGREEMENT_TEXT_LIMITS.items():
        if len(values.get(name) or "") > limit:
            raise Refused(
                _("Teksten kan være høyst %(limit)s tegn.") % {"limit": formatting.number(limit)},
                field=name,
            )
    months = values.get("notice_months")
    if months is not None and not 0 <= months <= 60:
        raise Refused(_("Oppsigelsestiden må være mellom 0 og 60 måneder."), field="notice_months")
    # Going back to draft would hide that the councils have adopted it; the adoptions stay recorded.
    if current_status == "in_force" and values.get("status") == "draft":
        raise Refused(_("En vedtatt avtale kan ikke settes tilbake til utkast."), field="status")


def _agreement_state(agreement: CooperationAgreement, parties: Iterable[Municipality]) -> dict[str, Any]:
    """What the audit trail keeps of an agreement: its fields, the document's name and the parties."""
    return {
        **snapshot(agreement, AGREEMENT_FIELDS),
        "document": agreement.document.name or "",
        "parties": sorted(str(p) for p in parties),
    }


def _agreement_scope(agreement: CooperationAgreement, parties: list[Municipality]) -> dict[str, int | None]:
    """Where the audit trail files an agreement: the host's county, or the first party's without a host."""
    anchor = agreement.host or (parties[0] if parties else None)
    return {"county_id": anchor.county_id if anchor else None, "municipality_id": anchor.pk if anchor else None}


# The role check only: which municipalities the actor answers for is checked on the parties.
@use_case(CHANGE_AGREEMENTS)
def create_agreement(
    actor: Any, *, parties: Iterable[Municipality], document: Any = None, **values: Any
) -> CooperationAgreement:
    parties = _check_agreement_parties(actor, parties, values.get("host"))
    _check_agreement_terms(values)
    agreement = CooperationAgreement(**{k: v for k, v in values.items() if k in AGREEMENT_FIELDS})
    if document:
        agreement.document = document
    agreement.full_clean(exclude=["parties"])
    agreement.save()
    agreement.parties.set(parties)
    state = _agreement_state(agreement, parties)
    record(
        actor,
        AuditEvent.Verb.CREATE,
        agreement,
        {k: [None, v] for k, v in state.items()},
        scope=_agreement_scope(agreement, parties),
    )
    return agreement


@use_case(CHANGE_AGREEMENTS, on="agreement")
def update_agreement(
    actor: Any,
    agreement: CooperationAgreement,
    *,
    expected_version: Any,
    parties: Iterable[Municipality],
    document: Any = None,
    **values: Any,
) -> CooperationAgreement:
    """Change an agreement, its parties and its terms (tasks, cost sharing, governance, notice).
    A field left out keeps its value; an agreement in force never goes back to draft."""
    current = list(agreement.parties.all())
    parties = _check_agreement_parties(actor, parties, values.get("host"), kept=current)
    _check_agreement_terms(values, agreement.status)
    before = _agreement_state(agreement, current)
    for name, value in values.items():
        if name in AGREEMENT_FIELDS:
            setattr(agreement, name, value)
    agreement.full_clean(exclude=["parties"])
    if document:
        # Stored now: `save_checked` writes with a queryset update, which never stores an upload.
        agreement.document.save(document.name, document, save=False)
    save_checked(agreement, expected_version, [*AGREEMENT_FIELDS, "document"])
    agreement.parties.set(parties)
    changes = diff(before, _agreement_state(agreement, parties))
    if changes:
        record(actor, AuditEvent.Verb.UPDATE, agreement, changes, scope=_agreement_scope(agreement, parties))
    return agreement


@use_case(RECORD_COUNCIL_HANDLING, on="municipality")
def record_council_handling(
    actor: Any, municipality: Municipality, *, kind: str, year: int, document: Any = None, **values: Any
) -> CouncilHandling:
    """Append that the council handled the year's status report or preventive plan (kept as history)."""
    if kind not in CouncilHandling.Kind.values:
        raise Refused(_("Ukjent type behandling."), field="kind")
    handling = CouncilHandling(
        municipality=municipality,
        kind=kind,
        year=year,
        recorded_by=actor if getattr(actor, "pk", None) else None,
        **{k: v for k, v in values.items() if k in COUNCIL_FIELDS},
    )
    if handling.date and handling.date.year < year:
        raise Refused(_("Behandlingsdatoen kan ikke være før rapportåret."), field="date")
    if document:
        handling.document = document
    handling.full_clean()
    handling.save()
    record_create(actor, handling)
    return handling


DRAFT_FIELDS = ("title", "host", "description", "tasks_delegated", "cost_sharing_key", "governance", "notice_months")


# The role check only: which municipalities the actor answers for is checked on the parties.
@use_case(CHANGE_AGREEMENTS)
def create_agreement_draft(actor: Any, *, parties: Iterable[Municipality], **values: Any) -> CooperationAgreement:
    """A draft host-municipality agreement (vertskommunesamarbeid, kommuneloven § 20-2) that each
    party's council must adopt before it is in force (`record_agreement_adoption`)."""
    parties = _check_agreement_parties(actor, parties, values.get("host"))
    if values.get("host") is None:
        raise Refused(_("Et vertskommunesamarbeid må ha en vertskommune."), field="host")
    agreement = CooperationAgreement(
        kind=CooperationAgreement.Kind.HOST_SERVICE,
        status="draft",
        **{k: v for k, v in values.items() if k in DRAFT_FIELDS},
    )
    agreement.full_clean(exclude=["parties"])
    agreement.save()
    agreement.parties.set(parties)
    state = {**_agreement_state(agreement, parties), **snapshot(agreement, ("status", *DRAFT_FIELDS))}
    record(
        actor,
        AuditEvent.Verb.CREATE,
        agreement,
        {k: [None, v] for k, v in state.items()},
        scope=_agreement_scope(agreement, parties),
        message=_("Utkast til vertskommuneavtale"),
    )
    return agreement


@use_case(CHANGE_AGREEMENTS, on="municipality")
def record_agreement_adoption(
    actor: Any,
    municipality: Municipality,
    *,
    agreement: CooperationAgreement,
    adopted_on: datetime.date,
    body: str = "Kommunestyret",
    case_number: str = "",
) -> Any:
    """Record that `municipality`'s council adopted the agreement; when every party has, it is in force
    from the last adoption (unless it already has a start date)."""
    from fagloft.organizations.models import AgreementAdoption

    if not agreement.parties.filter(pk=municipality.pk).exists():
        raise Refused(_("%(name)s er ikke part i avtalen.") % {"name": municipality.name}, field="municipality")
    if agreement.adoptions.filter(municipality=municipality).exists():
        raise Refused(
            _("Vedtaket i %(name)s er allerede registrert.") % {"name": municipality.name}, field="municipality"
        )
    adoption = AgreementAdoption(
        agreement=agreement,
        municipality=municipality,
        adopted_on=adopted_on,
        body=body or "Kommunestyret",
        case_number=case_number,
        recorded_by=actor if getattr(actor, "pk", None) else None,
    )
    adoption.full_clean()
    adoption.save()
    record_create(actor, adoption)
    parties = set(agreement.parties.values_list("pk", flat=True))
    adopted = set(agreement.adoptions.values_list("municipality_id", flat=True))
    if agreement.status == "draft" and parties <= adopted:
        before = snapshot(agreement, ("status", "valid_from"))
        agreement.status = "in_force"
        if agreement.valid_from is None:
            agreement.valid_from = max(agreement.adoptions.values_list("adopted_on", flat=True))
        save_checked(agreement, agreement.version, ["status", "valid_from"])
        record_update(actor, agreement, before, message=_("Vedtatt av alle parter"))
    return adoption

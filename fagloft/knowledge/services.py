"""Writes of the knowledge app: one use case per function, audited in the same transaction."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from fagloft.accounts.access import GLOBAL_ROLES, can, has_role
from fagloft.accounts.typing import Actor
from fagloft.accounts.use_cases import use_case
from fagloft.audit.concurrency import save_checked
from fagloft.audit.models import AuditEvent
from fagloft.audit.services import diff, record, record_create, record_delete, record_update, snapshot
from fagloft.knowledge import evidence, files
from fagloft.knowledge.models import (
    CaseDeadline,
    GapNeed,
    Intervention,
    LevelOwner,
    LibraryCoordinator,
    LibraryItem,
    LibraryVersion,
    MeasureUse,
    Offer,
    ProjectUse,
    RecommendedMeasure,
    Technology,
    TechnologyTrial,
)
from fagloft.knowledge.permissions import (
    APPROVE,
    CONTRIBUTE,
    CURATE,
    LINK,
    MANAGE_COORDINATORS,
    MANAGE_OFFERS,
    MANAGE_OWNERS,
    RECORD_TRIAL,
    VIEW_LIBRARY,
)
from fagloft.knowledge.queries import coordinator_candidates
from fagloft.lib.refusals import Refused
from fagloft.organizations.models import Municipality, Service, ServiceCoverage

INTERVENTION_FIELDS = [
    "name",
    "short_name",
    "description",
    "age_from",
    "age_to",
    "problem",
    "universal",
    "selected",
    "indicated",
    "evidence_scale",
    "evidence_level",
    "evidence_url",
    "evidence_reviewed_on",
    "certification_required",
    "certifier",
    "certification_method",
    "certification_valid_years",
    "provider_type",
    "source_url",
    "is_active",
]
OFFER_FIELDS = [
    "intervention",
    "delivery",
    "agreement",
    "provider_name",
    "capacity",
    "capacity_unit",
    "waiting_weeks",
    "note",
]


# Interventions --------------------------------------------------------------------------------


def _check_intervention(values: dict[str, Any]) -> None:
    evidence.check(
        values.get("evidence_scale", "unknown"), values.get("evidence_level"), values.get("evidence_reviewed_on")
    )
    if not (values.get("universal") or values.get("selected") or values.get("indicated")):
        raise Refused(_("Velg minst ett nivå i tiltakspyramiden."), field="universal")
    if values.get("certification_required") and not values.get("certifier"):
        raise Refused(_("Oppgi hvem som sertifiserer når tiltaket krever sertifisering."), field="certifier")
    age_from, age_to = values.get("age_from"), values.get("age_to")
    if age_from is not None and age_to is not None and age_from > age_to:
        raise Refused(_("Alder fra kan ikke være høyere enn alder til."), field="age_to")


@use_case(CURATE)
def create_intervention(actor: Actor, *, categories: Iterable[Any] = (), **values: Any) -> Intervention:
    _check_intervention(values)
    if Intervention.objects.filter(name__iexact=values["name"]).exists():
        raise Refused(_("Et tiltak med dette navnet finnes allerede."), field="name")
    intervention = Intervention.objects.create(**values)
    intervention.categories.set(categories)
    record_create(actor, intervention)
    return intervention


@use_case(CURATE, on="intervention")
def update_intervention(
    actor: Actor, intervention: Intervention, *, expected_version: Any, categories: Iterable[Any] = (), **values: Any
) -> Intervention:
    _check_intervention(values)
    if Intervention.objects.filter(name__iexact=values["name"]).exclude(pk=intervention.pk).exists():
        raise Refused(_("Et tiltak med dette navnet finnes allerede."), field="name")
    before = snapshot(intervention)
    for name, value in values.items():
        setattr(intervention, name, value)
    save_checked(intervention, expected_version, list(values))
    intervention.categories.set(categories)
    intervention.refresh_from_db()
    record_update(actor, intervention, before)
    return intervention


# Reference data: Bufdir's recommended list and the casework deadlines ----------------------------


def _measure_state(measure: RecommendedMeasure) -> dict[str, Any]:
    # The links decide what counts as available, so they are audited with the fields.
    return {
        **snapshot(measure),
        "interventions": sorted(measure.interventions.values_list("pk", flat=True)),
        "categories": sorted(measure.categories.values_list("code", flat=True)),
    }


@use_case(CURATE)
def create_recommended(
    actor: Actor, *, interventions: Iterable[Any] = (), categories: Iterable[Any] = (), **values: Any
) -> RecommendedMeasure:
    if RecommendedMeasure.objects.filter(name__iexact=values["name"], level=values["level"]).exists():
        raise Refused(_("Et anbefalt hjelpetiltak med dette navnet finnes allerede på nivået."), field="name")
    measure = RecommendedMeasure.objects.create(**values)
    measure.interventions.set(interventions)
    measure.categories.set(categories)
    record(actor, AuditEvent.Verb.CREATE, measure, {k: [None, v] for k, v in _measure_state(measure).items()})
    return measure


@use_case(CURATE)
def update_recommended(
    actor: Actor,
    measure: RecommendedMeasure,
    *,
    expected_version: Any,
    interventions: Iterable[Any] = (),
    categories: Iterable[Any] = (),
    **values: Any,
) -> RecommendedMeasure:
    name, level = values.get("name", measure.name), values.get("level", measure.level)
    if RecommendedMeasure.objects.filter(name__iexact=name, level=level).exclude(pk=measure.pk).exists():
        raise Refused(_("Et anbefalt hjelpetiltak med dette navnet finnes allerede på nivået."), field="name")
    before = _measure_state(measure)
    for field, value in values.items():
        setattr(measure, field, value)
    # Checked before the links are set, so a stale edit changes nothing (the use case rolls back).
    save_checked(measure, expected_version, list(values))
    measure.interventions.set(interventions)
    measure.categories.set(categories)
    changes = diff(before, _measure_state(measure))
    if changes:
        record(actor, AuditEvent.Verb.UPDATE, measure, changes)
    return measure


@use_case(CURATE)
def update_deadline(actor: Actor, deadline: CaseDeadline, *, expected_version: Any, **values: Any) -> CaseDeadline:
    """A change in the law (or in SSB's check) is an edit of the deadline, with its source."""
    if not (values.get("limit_days") or values.get("limit_months")):
        raise Refused(_("Oppgi fristen i dager eller måneder."), field="limit_days")
    before = snapshot(deadline)
    for field, value in values.items():
        setattr(deadline, field, value)
    save_checked(deadline, expected_version, list(values))
    record_update(actor, deadline, before)
    return deadline


# Offers ---------------------------------------------------------------------------------------


def _check_offer(service: Service, values: dict[str, Any], staff: list[Any]) -> None:
    delivery = values.get("delivery")
    agreement = values.get("agreement")
    served = set(ServiceCoverage.objects.valid_on().filter(service=service).values_list("municipality_id", flat=True))
    if delivery == Offer.Delivery.NEIGHBOUR:
        if agreement is None:
            raise Refused(_("Velg samarbeidsavtalen tilbudet gis etter."), field="agreement")
        if not set(agreement.parties.values_list("pk", flat=True)) & served:
            raise Refused(_("Ingen av kommunene tjenesten dekker, er part i denne avtalen."), field="agreement")
        if not values.get("provider_name"):
            raise Refused(_("Oppgi hvilken kommune eller tjeneste som leverer tiltaket."), field="provider_name")
    elif agreement is not None:
        raise Refused(_("Samarbeidsavtale gjelder bare tilbud fra en nabokommune."), field="agreement")
    if delivery in (Offer.Delivery.PRIVATE,) and not values.get("provider_name"):
        raise Refused(_("Oppgi leverandøren."), field="provider_name")
    if staff and delivery != Offer.Delivery.OWN:
        raise Refused(_("Ansatte oppgis bare for tilbud med egne ansatte."), field="staff")
    if any(e.service_id != service.pk for e in staff):
        raise Refused(_("Bare tjenestens egne ansatte kan oppgis."), field="staff")


@use_case(MANAGE_OFFERS, on="service")
def register_offer(actor: Actor, service: Service, *, staff: Iterable[Any] = (), **values: Any) -> Offer:
    staff = list(staff)
    _check_offer(service, values, staff)
    if Offer.objects.filter(service=service, intervention=values["intervention"], delivery=values["delivery"]).exists():
        raise Refused(_("Tjenesten har allerede registrert dette tiltaket med denne leveransen."), field="intervention")
    offer = Offer.objects.create(service=service, **values)
    offer.staff.set(staff)
    record_create(actor, offer)
    return offer


@use_case(MANAGE_OFFERS, on="offer")
def update_offer(
    actor: Actor, offer: Offer, *, expected_version: Any, staff: Iterable[Any] = (), **values: Any
) -> Offer:
    staff = list(staff)
    _check_offer(offer.service, values, staff)
    clash = Offer.objects.filter(
        service=offer.service, intervention=values["intervention"], delivery=values["delivery"]
    ).exclude(pk=offer.pk)
    if clash.exists():
        raise Refused(_("Tjenesten har allerede registrert dette tiltaket med denne leveransen."), field="intervention")
    before = snapshot(offer)
    for name, value in values.items():
        setattr(offer, name, value)
    save_checked(offer, expected_version, list(values))
    offer.staff.set(staff)
    offer.refresh_from_db()
    record_update(actor, offer, before)
    return offer


@use_case(MANAGE_OFFERS, on="offer")
def remove_offer(actor: Actor, offer: Offer) -> None:
    record_delete(actor, offer)
    offer.delete()


@use_case(MANAGE_OWNERS, on="municipality")
def set_level_owner(
    actor: Actor, municipality: Municipality, *, level: str, role_title: str, person: str = "", unit: str = ""
) -> LevelOwner:
    owner = LevelOwner.objects.filter(municipality=municipality, level=level).first()
    if owner is None:
        owner = LevelOwner.objects.create(
            municipality=municipality, level=level, role_title=role_title, person=person, unit=unit
        )
        record_create(actor, owner)
        return owner
    before = snapshot(owner)
    owner.role_title, owner.person, owner.unit = role_title, person, unit
    save_checked(owner, owner.version, ["role_title", "person", "unit"])
    owner.refresh_from_db()
    record_update(actor, owner, before)
    return owner


# Library ----------------------------------------------------------------------------------------


@use_case(CONTRIBUTE, on="network")
def create_library_item(actor: Actor, network: Any, **values: Any) -> LibraryItem:
    """A new item (draft) in the network's library, or the national one when `network` is None,
    which only Bufdir and the administrator write."""
    if network is None and actor is not None and not has_role(actor, *GLOBAL_ROLES):
        raise PermissionDenied
    item = LibraryItem.objects.create(network=network, owner=actor if actor is not None else None, **values)
    record_create(actor, item)
    return item


@use_case(CONTRIBUTE, on="item")
def add_version(actor: Actor, item: LibraryItem, *, upload: Any, note: str = "") -> LibraryVersion:
    """A new version waits for the coordinator's approval; the published one stays until then."""
    digest = files.check_upload(upload)
    if item.versions.filter(sha256=digest).exists():
        raise Refused(_("Denne filen er allerede lastet opp som en versjon av malen."), field="file")
    number = (item.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = LibraryVersion(
        item=item,
        number=number,
        file_name=upload.name[-200:],
        size=upload.size,
        sha256=digest,
        note=note,
        uploaded_by=actor if actor is not None else None,
    )
    version.file.save(upload.name, upload, save=False)
    version.save()
    if item.status in (LibraryItem.Status.DRAFT, LibraryItem.Status.WITHDRAWN):
        before = snapshot(item, ["status"])
        item.status = LibraryItem.Status.SUBMITTED
        save_checked(item, item.version, ["status"])
        item.refresh_from_db()
        record_update(actor, item, before)
    record_create(actor, version)
    return version


@use_case(APPROVE, on="version")
def approve_version(actor: Actor, version: LibraryVersion) -> LibraryVersion:
    if version.state != LibraryVersion.State.PENDING:
        raise Refused(_("Versjonen er allerede behandlet."))
    if actor is not None and version.uploaded_by_id == actor.pk and not has_role(actor, *GLOBAL_ROLES):
        raise Refused(_("En annen koordinator enn den som lastet opp versjonen, må godkjenne den."))
    version.state, version.decided_by, version.decided_at = LibraryVersion.State.APPROVED, actor, timezone.now()
    version.save(update_fields=["state", "decided_by", "decided_at"])
    item = version.item
    before = snapshot(item, ["status", "published_version"])
    item.status, item.published_version = LibraryItem.Status.PUBLISHED, version
    item.last_reviewed_on = timezone.localdate()
    save_checked(item, item.version, ["status", "published_version", "last_reviewed_on"])
    item.refresh_from_db()
    record_update(actor, item, before, message=f"Versjon {version.number} godkjent og publisert")
    return version


@use_case(APPROVE, on="version")
def reject_version(actor: Actor, version: LibraryVersion) -> LibraryVersion:
    if version.state != LibraryVersion.State.PENDING:
        raise Refused(_("Versjonen er allerede behandlet."))
    version.state, version.decided_by, version.decided_at = LibraryVersion.State.REJECTED, actor, timezone.now()
    version.save(update_fields=["state", "decided_by", "decided_at"])
    record(actor, AuditEvent.Verb.UPDATE, version, {"status": ["pending", "rejected"]})
    return version


@use_case(APPROVE, on="item")
def withdraw_item(actor: Actor, item: LibraryItem) -> LibraryItem:
    before = snapshot(item, ["status"])
    item.status = LibraryItem.Status.WITHDRAWN
    save_checked(item, item.version, ["status"])
    item.refresh_from_db()
    record_update(actor, item, before)
    return item


@use_case(VIEW_LIBRARY, on="item")
def count_download(actor: Actor, item: LibraryItem) -> None:
    """Reuse count: one more download of the published version (no audit row: a read)."""
    LibraryItem.objects.filter(pk=item.pk).update(downloads=F("downloads") + 1)


@use_case(MANAGE_COORDINATORS, on="network")
def add_coordinator(actor: Actor, network: Any, user: Any) -> LibraryCoordinator:
    # A coordinator approves, so only someone whose role may approve in the network's area.
    if not coordinator_candidates(network).filter(pk=user.pk).exists():
        raise Refused(
            _("Bare ledere, rådgivere og koordinatorer i nettverkets område kan være koordinator."), field="user"
        )
    coordinator, created = LibraryCoordinator.objects.get_or_create(network=network, user=user)
    if created:
        record_create(actor, coordinator)
    return coordinator


@use_case(MANAGE_COORDINATORS, on="coordinator")
def remove_coordinator(actor: Actor, coordinator: LibraryCoordinator) -> None:
    record_delete(actor, coordinator)
    coordinator.delete()


# Technology ---------------------------------------------------------------------------------------


@use_case(CURATE)
def create_technology(actor: Actor, **values: Any) -> Technology:
    if Technology.objects.filter(name__iexact=values["name"]).exists():
        raise Refused(_("En løsning med dette navnet finnes allerede."), field="name")
    technology = Technology.objects.create(**values)
    record_create(actor, technology)
    return technology


def _check_trial(values: dict[str, Any]) -> None:
    started, ended = values.get("started_on"), values.get("ended_on")
    if started and ended and ended < started:
        raise Refused(_("Sluttdatoen kan ikke være før startdatoen."), field="ended_on")
    done = values.get("status") in (TechnologyTrial.Status.IN_USE, TechnologyTrial.Status.STOPPED)
    if done and values.get("result") == TechnologyTrial.Result.PENDING:
        raise Refused(_("Oppgi resultatet av evalueringen når utprøvingen er avsluttet."), field="result")
    if done and not values.get("evaluation"):
        raise Refused(_("Skriv evalueringen når utprøvingen er avsluttet."), field="evaluation")


@use_case(RECORD_TRIAL, on="service")
def record_trial(actor: Actor, service: Service, technology: Technology, **values: Any) -> TechnologyTrial:
    _check_trial(values)
    trial = TechnologyTrial.objects.create(service=service, technology=technology, **values)
    record_create(actor, trial)
    return trial


@use_case(RECORD_TRIAL, on="trial")
def update_trial(actor: Actor, trial: TechnologyTrial, *, expected_version: Any, **values: Any) -> TechnologyTrial:
    _check_trial(values)
    before = snapshot(trial)
    for name, value in values.items():
        setattr(trial, name, value)
    save_checked(trial, expected_version, list(values))
    trial.refresh_from_db()
    record_update(actor, trial, before)
    return trial


# Links into the chain -----------------------------------------------------------------------------


@use_case(LINK, on="plan_measure")
def link_plan_measure(actor: Actor, plan_measure: Any, intervention: Intervention) -> MeasureUse:
    use, created = MeasureUse.objects.get_or_create(plan_measure=plan_measure, intervention=intervention)
    if created:
        record_create(actor, use)
    return use


@use_case(LINK, on="project")
def link_project(
    actor: Actor, project: Any, *, intervention: Intervention | None = None, library_item: LibraryItem | None = None
) -> ProjectUse:
    if (intervention is None) == (library_item is None):
        raise Refused(_("Velg enten et tiltak eller en mal."))
    if library_item is not None and actor is not None and not can(actor, VIEW_LIBRARY, library_item):
        raise PermissionDenied
    use, created = ProjectUse.objects.get_or_create(
        project=project, intervention=intervention, library_item=library_item
    )
    if created:
        record_create(actor, use)
    return use


@use_case(LINK, on="need")
def link_gap_need(
    actor: Actor, need: Any, *, municipality: Municipality, level: str, recommended: RecommendedMeasure | None = None
) -> GapNeed:
    service_municipalities = set(
        ServiceCoverage.objects.filter(service_id=need.assessment.service_id).values_list("municipality_id", flat=True)
    )
    if municipality.pk not in service_municipalities:
        raise Refused(_("Kommunen er ikke en av kommunene tjenesten i vurderingen dekker."), field="municipality")
    gap, created = GapNeed.objects.get_or_create(
        need=need, municipality=municipality, level=level, defaults={"recommended": recommended}
    )
    if created:
        record_create(actor, gap)
    return gap

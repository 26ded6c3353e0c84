"""Writes: each use case one function, in one transaction, with its audit rows.

Every change to an application, an admission, a place or attendance leaves an audit event in the
person's service. Admission never over-fills a class: the use case locks the class row and raises
its `admitted` counter with a conditional UPDATE (`admitted < places`), and the database's check
constraint refuses anything beyond `places` as a last line.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Max, QuerySet, Sum
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from fagloft.accounts.access import has_role
from fagloft.accounts.roles import Role
from fagloft.accounts.use_cases import not_a_use_case, use_case
from fagloft.assessments.models import Need
from fagloft.audit.concurrency import save_checked
from fagloft.audit.services import record_create, record_update, snapshot
from fagloft.competence import programme_measures, requirements
from fagloft.competence import queries as competence_queries
from fagloft.competence import services as competence_services
from fagloft.competence.models import Employee, MeasureKind, PlanMeasure, Status
from fagloft.lib.discovery import app_modules
from fagloft.lib.formatting import money
from fagloft.lib.refusals import Refused
from fagloft.networks.models import CompetenceEnvironment
from fagloft.organizations.models import County, Service
from fagloft.programmes import rules
from fagloft.programmes.models import (
    ApplicationWindow,
    Attendance,
    CertificationSite,
    Cohort,
    CohortService,
    Enrolment,
    EnrolmentStatus,
    GrantCeiling,
    Offer,
    OfferKind,
    Session,
    StudyPlaceAllocation,
    StudyPlaceYear,
)
from fagloft.programmes.permissions import (
    ADMIT,
    APPLY,
    CONFIRM_EMPLOYER,
    MANAGE_COHORT,
    MANAGE_OFFERS,
    MANAGE_ROUND,
    MANAGE_STUDY_PLACES,
    SIGN_COMMITMENT,
    WITHDRAW,
)

S = EnrolmentStatus


def _check_links(service: Service, plan_measure: PlanMeasure | None, need: Need | None, kinds: Iterable[str]) -> None:
    if plan_measure is not None:
        if plan_measure.plan.service_id != service.pk:
            raise Refused(_("Tiltaket hører til en annen tjenestes kompetanseplan."), field="plan_measure")
        if plan_measure.kind not in kinds:
            raise Refused(_("Tiltaket i kompetanseplanen er ikke av riktig type."), field="plan_measure")
    if need is not None and need.assessment.service_id != service.pk:
        raise Refused(_("Behovet hører til en annen tjenestes vurdering."), field="need")


def _active(employee: Employee, today: datetime.date) -> None:
    if employee.anonymised_at is not None or not employee.is_active_on(today):
        raise Refused(_("Personen er ikke ansatt i tjenesten nå."), field="employee")


def _follow_measures(*measure_ids: int | None, reason: str = "") -> None:
    """Carry the programme's state into the competence plan measures it answers (see
    `rules.measure_state_for`), audited by competence in the same transaction."""
    for measure_id in {m for m in measure_ids if m}:
        states = [
            *Enrolment.objects.filter(plan_measure_id=measure_id).values_list("status", flat=True),
            *CohortService.objects.filter(plan_measure_id=measure_id).values_list("status", flat=True),
        ]
        state = rules.measure_state_for(states)
        measure = PlanMeasure.objects.filter(pk=measure_id).first()
        if state is not None and measure is not None:
            programme_measures.follow_programme(measure=measure, state=state, reason=reason)


def _priority(employee: Employee, allocation: StudyPlaceAllocation, today: datetime.date) -> rules.Priority:
    fresh = competence_queries.employees_with_courses(Employee.objects.filter(pk=employee.pk)).get()
    return rules.priority_for(requirements.person_from(fresh), allocation, today)


# Further education: application, confirmation, admission, completion -----------------------------


@use_case(APPLY, on="employee")
def apply(
    actor: Any,
    employee: Employee,
    allocation: StudyPlaceAllocation,
    *,
    motivation: str = "",
    plan_measure: PlanMeasure | None = None,
    need: Need | None = None,
    now: datetime.datetime | None = None,
) -> Enrolment:
    """An employee applies (or the leader on their behalf) inside the year's window."""
    now = now or timezone.now()
    today = now.astimezone(rules.OSLO).date()
    _active(employee, today)
    if allocation.offer.kind != OfferKind.FURTHER_EDUCATION:
        raise Refused(_("Det søkes bare om studieplass i videreutdanning."), field="allocation")
    window = rules.window_for(allocation.year)
    if not rules.is_open(window, now):
        if window is None:
            raise Refused(_("Det er ikke satt noen søknadsperiode for %(year)s.") % {"year": allocation.year})
        raise Refused(
            _("Søknadsperioden for %(year)s er %(window)s (norsk tid).")
            % {"year": allocation.year, "window": rules.window_text(window)}
        )
    if Enrolment.objects.filter(employee=employee, allocation=allocation).exists():
        raise Refused(_("Personen har allerede søkt på dette studiet."), field="allocation")
    _check_links(employee.service, plan_measure, need, [MeasureKind.FURTHER_EDUCATION])
    priority = _priority(employee, allocation, today)
    enrolment = Enrolment.objects.create(
        employee=employee,
        service=employee.service,
        offer=allocation.offer,
        allocation=allocation,
        year=allocation.year,
        status=S.APPLIED,
        priority=priority.group,
        priority_reason=priority.reason[:300],
        motivation=motivation,
        applied_at=now,
        applied_by=actor,
        plan_measure=plan_measure,
        need=need,
    )
    record_create(actor, enrolment)
    _follow_measures(enrolment.plan_measure_id, reason="søknad")
    return enrolment


@use_case(CONFIRM_EMPLOYER, on="enrolment")
def confirm_employer(
    actor: Any, enrolment: Enrolment, *, confirmed_on: datetime.date, expected_version: int
) -> Enrolment:
    if enrolment.status != S.APPLIED:
        raise Refused(_("Bare en søknad som venter på arbeidsgiveren kan bekreftes."))
    if enrolment.applied_at and confirmed_on < enrolment.applied_at.astimezone(rules.OSLO).date():
        raise Refused(_("Bekreftelsen kan ikke være datert før søknaden."), field="confirmed_on")
    before = snapshot(enrolment, ["status", "employer_confirmed_on", "employer_confirmed_by"])
    enrolment.status = S.CONFIRMED
    enrolment.employer_confirmed_on = confirmed_on
    enrolment.employer_confirmed_by = actor
    save_checked(enrolment, expected_version, ["status", "employer_confirmed_on", "employer_confirmed_by"])
    record_update(actor, enrolment, before)
    return enrolment


@use_case(WITHDRAW, on="enrolment")
def withdraw(actor: Any, enrolment: Enrolment, *, expected_version: int) -> Enrolment:
    if enrolment.status not in (S.APPLIED, S.CONFIRMED, S.WAITLISTED, S.ADMITTED, S.ENROLLED):
        raise Refused(_("Søknaden kan ikke trekkes nå."))
    before = snapshot(enrolment, ["status", "waitlist_position"])
    if enrolment.status == S.ADMITTED and enrolment.allocation_id:
        StudyPlaceAllocation.objects.filter(pk=enrolment.allocation_id, admitted__gt=0).update(
            admitted=F("admitted") - 1
        )
        if enrolment.register_item_id:
            competence_services.record_programme_course(
                employee=enrolment.employee,
                data={"status": Status.ONGOING, "title": _("Trukket: %(title)s") % {"title": enrolment.offer.title}},
                item=enrolment.register_item,
            )
    enrolment.status = S.WITHDRAWN
    enrolment.waitlist_position = None
    save_checked(enrolment, expected_version, ["status", "waitlist_position"])
    record_update(actor, enrolment, before)
    _follow_measures(enrolment.plan_measure_id, reason="trukket")
    return enrolment


def _take_place(allocation_id: int) -> bool:
    """Raise the class's admitted counter if a place is free; False when the class is full."""
    # Lock the row where the database can (PostgreSQL); the conditional UPDATE is atomic everywhere.
    StudyPlaceAllocation.objects.select_for_update().filter(pk=allocation_id).values_list("pk").first()
    try:
        with transaction.atomic():
            taken = StudyPlaceAllocation.objects.filter(pk=allocation_id, admitted__lt=F("places")).update(
                admitted=F("admitted") + 1
            )
    except IntegrityError:
        return False
    return bool(taken)


def _admit(actor: Any, enrolment: Enrolment, now: datetime.datetime) -> None:
    if enrolment.status not in (S.CONFIRMED, S.WAITLISTED):
        raise Refused(_("Bare søkere som arbeidsgiveren har bekreftet, kan tas opp."))
    assert enrolment.allocation_id is not None
    if not _take_place(enrolment.allocation_id):
        raise Refused(_("Alle plassene i klassen er fylt. Sett søkeren på venteliste."))
    before = snapshot(enrolment, ["status", "waitlist_position", "decided_at"])
    enrolment.status = S.ADMITTED
    enrolment.waitlist_position = None
    enrolment.decided_at = now
    allocation = enrolment.allocation
    assert allocation is not None
    offer = enrolment.offer
    enrolment.register_item = competence_services.record_programme_course(
        employee=enrolment.employee,
        data={
            "programme": offer.register_programme or "other_relevant",
            "title": offer.title,
            "ects": offer.ects or Decimal(0),
            "year": allocation.ends_on.year,
            "status": Status.ONGOING,
            "institution": allocation.institution,
        },
        item=enrolment.register_item,
    )
    enrolment.version += 1
    enrolment.save(
        update_fields=["status", "waitlist_position", "decided_at", "register_item", "version", "updated_at"]
    )
    record_update(actor, enrolment, before, message="opptak")
    _follow_measures(enrolment.plan_measure_id, reason="tatt opp")


@use_case(ADMIT, on="enrolment")
def admit(actor: Any, enrolment: Enrolment, *, now: datetime.datetime | None = None) -> Enrolment:
    """The provider admits one confirmed or waitlisted applicant, within the class's places."""
    enrolment = Enrolment.objects.select_related("allocation", "offer", "employee").get(pk=enrolment.pk)
    _admit(actor, enrolment, now or timezone.now())
    return enrolment


@use_case(ADMIT, on="enrolment")
def waitlist(actor: Any, enrolment: Enrolment) -> Enrolment:
    if enrolment.status not in (S.CONFIRMED, S.APPLIED):
        raise Refused(_("Bare en søker som ikke er tatt opp, kan settes på venteliste."))
    before = snapshot(enrolment, ["status", "waitlist_position"])
    last = Enrolment.objects.filter(allocation=enrolment.allocation_id, status=S.WAITLISTED).aggregate(
        last=Max("waitlist_position")
    )["last"]
    enrolment.status = S.WAITLISTED
    enrolment.waitlist_position = (last or 0) + 1
    enrolment.version += 1
    enrolment.save(update_fields=["status", "waitlist_position", "version", "updated_at"])
    record_update(actor, enrolment, before, message="venteliste")
    _follow_measures(enrolment.plan_measure_id, reason="venteliste")
    return enrolment


@use_case(ADMIT, on="enrolment")
def reject(actor: Any, enrolment: Enrolment) -> Enrolment:
    if enrolment.status not in (S.APPLIED, S.CONFIRMED, S.WAITLISTED):
        raise Refused(_("Søkeren kan ikke avslås nå."))
    before = snapshot(enrolment, ["status", "waitlist_position", "decided_at"])
    enrolment.status = S.REJECTED
    enrolment.waitlist_position = None
    enrolment.decided_at = timezone.now()
    enrolment.version += 1
    enrolment.save(update_fields=["status", "waitlist_position", "decided_at", "version", "updated_at"])
    record_update(actor, enrolment, before, message="ikke tatt opp")
    _follow_measures(enrolment.plan_measure_id, reason="ikke tatt opp")
    return enrolment


@use_case(ADMIT, on="allocation")
def admit_in_priority_order(
    actor: Any, allocation: StudyPlaceAllocation, *, now: datetime.datetime | None = None
) -> dict[str, int]:
    """Admit confirmed applicants up to the free places, those who need the course for 2031 first
    (the priority is worked out again today), then by when they applied; the rest go on the
    waiting list in that order."""
    now = now or timezone.now()
    today = now.astimezone(rules.OSLO).date()
    waiting = list(
        Enrolment.objects.filter(allocation=allocation, status__in=(S.CONFIRMED, S.WAITLISTED))
        .select_related("employee", "offer", "allocation")
        .order_by("pk")
    )
    ranked = []
    for enrolment in waiting:
        priority = _priority(enrolment.employee, allocation, today)
        if priority.group != enrolment.priority or priority.reason != enrolment.priority_reason:
            Enrolment.objects.filter(pk=enrolment.pk).update(priority=priority.group, priority_reason=priority.reason)
            enrolment.priority, enrolment.priority_reason = priority.group, priority.reason
        ranked.append(enrolment)
    ranked.sort(key=lambda e: (e.priority, e.applied_at or now, e.pk))
    admitted = waitlisted = 0
    position = 0
    for enrolment in ranked:
        try:
            _admit(actor, enrolment, now)
            admitted += 1
        except Refused:
            position += 1
            before = snapshot(enrolment, ["status", "waitlist_position"])
            enrolment.status = S.WAITLISTED
            enrolment.waitlist_position = position
            enrolment.version += 1
            enrolment.save(update_fields=["status", "waitlist_position", "version", "updated_at"])
            record_update(actor, enrolment, before, message="venteliste")
            waitlisted += 1
            _follow_measures(enrolment.plan_measure_id, reason="venteliste")
    return {"admitted": admitted, "waitlisted": waitlisted}


@use_case(ADMIT, on="enrolment")
def record_completion(
    actor: Any, enrolment: Enrolment, *, ects_passed: Decimal, completed_on: datetime.date
) -> Enrolment:
    """The provider records the ECTS passed; the person's further education in the register (and so
    their 2031 status) follows in the same transaction."""
    enrolment = Enrolment.objects.select_related("allocation", "offer", "employee", "register_item").get(
        pk=enrolment.pk
    )
    if enrolment.status not in (S.ADMITTED, S.COMPLETED, S.NOT_COMPLETED):
        raise Refused(_("Bare studenter som er tatt opp, kan få registrert resultat."))
    ceiling = enrolment.offer.ects or Decimal(120)
    if ects_passed < 0 or ects_passed > ceiling:
        raise Refused(_("Beståtte studiepoeng må være mellom 0 og %(ects)s.") % {"ects": ceiling}, field="ects_passed")
    before = snapshot(enrolment, ["status", "ects_passed", "completed_on", "register_item"])
    enrolment.ects_passed = ects_passed
    enrolment.completed_on = completed_on
    enrolment.status = S.COMPLETED if ects_passed > 0 else S.NOT_COMPLETED
    offer = enrolment.offer
    data = {
        "programme": offer.register_programme or "other_relevant",
        "title": offer.title,
        "ects": ects_passed,
        "year": completed_on.year,
        "status": Status.COMPLETED,
        "institution": enrolment.allocation.institution if enrolment.allocation else offer.provider_label,
    }
    if ects_passed > 0:
        enrolment.register_item = competence_services.record_programme_course(
            employee=enrolment.employee, data=data, item=enrolment.register_item
        )
    elif enrolment.register_item is not None:
        # Nothing passed: the ongoing course no longer counts toward the requirements.
        competence_services.record_programme_course(
            employee=enrolment.employee,
            data={"ects": Decimal(0), "status": Status.COMPLETED, "year": completed_on.year},
            item=enrolment.register_item,
        )
    enrolment.version += 1
    enrolment.save(update_fields=["status", "ects_passed", "completed_on", "register_item", "version", "updated_at"])
    record_update(actor, enrolment, before, message="resultat")
    _follow_measures(enrolment.plan_measure_id, reason="resultat")
    return enrolment


# Cohorts: Tjenestestøtteprogrammet rounds, basic training, leadership, certification --------------


@use_case(MANAGE_ROUND, on="county")
def create_round(
    actor: Any,
    county: County,
    *,
    offer: Offer,
    title: str,
    year: int,
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
    provider: Any = None,
    is_demo: bool = False,
) -> Cohort:
    if starts_on and ends_on and ends_on < starts_on:
        raise Refused(_("Runden kan ikke slutte før den starter."), field="ends_on")
    cohort = Cohort.objects.create(
        kind=Cohort.Kind.SERVICE_SUPPORT,
        offer=offer,
        county=county,
        title=title,
        year=year,
        starts_on=starts_on,
        ends_on=ends_on,
        provider=provider,
        planned_staff_days=5,
        planned_leader_days=3,
        is_demo=is_demo,
    )
    record_create(actor, cohort)
    return cohort


@use_case(MANAGE_COHORT, on="county")
def create_cohort(
    actor: Any,
    county: County,
    *,
    kind: str,
    offer: Offer,
    title: str,
    year: int,
    network: Any = None,
    responsible_municipality: Any = None,
    provider: Any = None,
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
    planned_staff_days: int = 0,
    is_demo: bool = False,
) -> Cohort:
    if kind == Cohort.Kind.SERVICE_SUPPORT:
        raise Refused(_("En runde i Tjenestestøtteprogrammet opprettes av Bufdir og Statsforvalteren."), field="kind")
    if network is not None and network.county_id != county.pk:
        raise Refused(_("Nettverket hører til et annet fylke."), field="network")
    cohort = Cohort.objects.create(
        kind=kind,
        offer=offer,
        county=county,
        title=title,
        year=year,
        network=network,
        responsible_municipality=responsible_municipality,
        provider=provider,
        starts_on=starts_on,
        ends_on=ends_on,
        planned_staff_days=planned_staff_days,
        is_demo=is_demo,
    )
    record_create(actor, cohort)
    return cohort


@use_case(MANAGE_ROUND, on="cohort")
def choose_service(actor: Any, cohort: Cohort, service: Service, *, reasons: list[str]) -> CohortService:
    if cohort.kind != Cohort.Kind.SERVICE_SUPPORT:
        raise Refused(_("Tjenester velges bare ut til Tjenestestøtteprogrammet."))
    if not competence_queries.services_in_county(cohort.county).filter(pk=service.pk).exists():
        raise Refused(_("Tjenesten ligger ikke i rundens fylke."), field="service")
    participation, created = CohortService.objects.get_or_create(
        cohort=cohort,
        service=service,
        defaults={"status": CohortService.Status.CHOSEN, "reasons": reasons[:10], "chosen_by": actor},
    )
    if not created:
        raise Refused(_("Tjenesten er allerede valgt ut."), field="service")
    record_create(actor, participation)
    return participation


@use_case(CONFIRM_EMPLOYER, on="participation")
def enrol_staff(
    actor: Any, participation: CohortService, employees: Iterable[Employee], *, plan_measure: PlanMeasure | None = None
) -> int:
    """The leader enrols the service's staff in the round (all of them, for the commitment)."""
    _check_links(participation.service, plan_measure, None, [MeasureKind.SERVICE_SUPPORT])
    today = timezone.localdate()
    created = 0
    for employee in employees:
        if employee.service_id != participation.service_id:
            raise Refused(_("Bare tjenestens egne ansatte kan meldes på."))
        _active(employee, today)
        _enrolment, made = Enrolment.objects.get_or_create(
            employee=employee,
            cohort=participation.cohort,
            defaults={
                "service": participation.service,
                "offer": participation.cohort.offer,
                "year": participation.cohort.year,
                "status": S.ENROLLED,
                "applied_at": timezone.now(),
                "applied_by": actor,
                "plan_measure": plan_measure,
            },
        )
        if made:
            record_create(actor, _enrolment)
            created += 1
    if plan_measure is not None and participation.plan_measure_id != plan_measure.pk:
        before = snapshot(participation, ["plan_measure"])
        participation.plan_measure = plan_measure
        participation.save(update_fields=["plan_measure", "updated_at"])
        record_update(actor, participation, before)
    _follow_measures(participation.plan_measure_id, reason="påmeldt")
    return created


@not_a_use_case
def missing_from_commitment(
    participation: CohortService, day: datetime.date | None = None, staff: list[Employee] | None = None
) -> list[Employee]:
    """Active staff in the register who are not enrolled in the round (`staff`: the service's
    current staff on `day`, when the caller has read it already)."""
    enrolled = set(
        Enrolment.objects.filter(cohort=participation.cohort_id, service=participation.service_id)
        .exclude(status=S.WITHDRAWN)
        .values_list("employee_id", flat=True)
    )
    if staff is None:
        staff = list(competence_queries.current_staff(participation.service, day))
    return [e for e in staff if e.pk not in enrolled]


@use_case(SIGN_COMMITMENT, on="participation")
def sign_commitment(
    actor: Any, participation: CohortService, *, signed_on: datetime.date, expected_version: int
) -> CohortService:
    """The leader signs that the whole service takes part; every active employee in the staff
    register must be enrolled."""
    if participation.status != CohortService.Status.CHOSEN:
        raise Refused(_("Forpliktelsen kan bare signeres når tjenesten er valgt ut og ikke har signert."))
    missing = missing_from_commitment(participation, signed_on)
    if missing:
        names = ", ".join(str(e) for e in missing[:5])
        raise Refused(
            ngettext(
                "%(count)s aktiv ansatt er ikke meldt på: %(names)s.",
                "%(count)s aktive ansatte er ikke meldt på: %(names)s.",
                len(missing),
            )
            % {"count": len(missing), "names": names}
        )
    before = snapshot(participation, ["status", "commitment_signed_on", "commitment_signed_by"])
    participation.status = CohortService.Status.COMMITTED
    participation.commitment_signed_on = signed_on
    participation.commitment_signed_by = actor
    save_checked(participation, expected_version, ["status", "commitment_signed_on", "commitment_signed_by"])
    record_update(actor, participation, before, message="forpliktelse signert")
    _follow_measures(participation.plan_measure_id, reason="forpliktelse signert")
    return participation


@use_case(CONFIRM_EMPLOYER, on="service")
def enrol_in_cohort(actor: Any, service: Service, cohort: Cohort, employees: Iterable[Employee]) -> int:
    """The leader enrols staff in basic training, leadership development or a certification course."""
    if cohort.kind == Cohort.Kind.SERVICE_SUPPORT:
        raise Refused(_("Til Tjenestestøtteprogrammet meldes hele tjenesten på."))
    if cohort.status == Cohort.Status.COMPLETED:
        raise Refused(_("Runden er avsluttet. Det kan ikke meldes på flere."))
    if not competence_queries.services_in_county(cohort.county).filter(pk=service.pk).exists():
        raise Refused(_("Tilbudet gjelder et annet fylke."))
    today = timezone.localdate()
    created = 0
    for employee in employees:
        if employee.service_id != service.pk:
            raise Refused(_("Bare tjenestens egne ansatte kan meldes på."))
        _active(employee, today)
        enrolment, made = Enrolment.objects.get_or_create(
            employee=employee,
            cohort=cohort,
            defaults={
                "service": service,
                "offer": cohort.offer,
                "year": cohort.year,
                "status": S.ENROLLED,
                "applied_at": timezone.now(),
                "applied_by": actor,
            },
        )
        if made:
            record_create(actor, enrolment)
            created += 1
    return created


@use_case(MANAGE_COHORT, on="cohort")
def add_session(
    actor: Any, cohort: Cohort, *, held_on: datetime.date, title: str, audience: str, place: str = ""
) -> Session:
    session = Session.objects.create(cohort=cohort, held_on=held_on, title=title, audience=audience, place=place)
    record_create(actor, session)
    return session


@use_case(MANAGE_COHORT, on="session")
def record_attendance(actor: Any, session: Session, present: Iterable[int]) -> int:
    """Who attended a session (ids of enrolments in the cohort); the rest are recorded absent."""
    present_ids = set(present)
    enrolments = {e.pk: e for e in Enrolment.objects.filter(cohort=session.cohort_id).exclude(status=S.WITHDRAWN)}
    if present_ids - set(enrolments):
        raise Refused(_("Noen av de avkryssede er ikke påmeldt."))
    existing = {a.enrolment_id: a for a in Attendance.objects.filter(session=session)}
    changed = 0
    for enrolment_id, enrolment in enrolments.items():
        value = enrolment_id in present_ids
        row = existing.get(enrolment_id)
        if row is None:
            row = Attendance.objects.create(session=session, enrolment=enrolment, present=value)
            record_create(actor, row)
            changed += 1
        elif row.present != value:
            before = snapshot(row, ["present"])
            row.present = value
            row.save(update_fields=["present", "updated_at"])
            record_update(actor, row, before)
            changed += 1
    return changed


@not_a_use_case
def attendance_share(enrolment: Enrolment, sessions: list[Session], present: set[tuple[int, int]]) -> Decimal | None:
    relevant = [s for s in sessions if s.audience == Session.Audience.ALL_STAFF or enrolment.employee.is_leader]
    if not relevant:
        return None
    attended = sum(1 for s in relevant if (s.pk, enrolment.pk) in present)
    return Decimal(attended * 100) / len(relevant)


@use_case(MANAGE_COHORT, on="cohort")
def complete_cohort(actor: Any, cohort: Cohort, *, completed_on: datetime.date) -> dict[str, int]:
    """Close a cohort: each person with enough attendance has completed (certification programmes
    write the method certification to the register); each service in a round whose staff completed
    is marked completed."""
    if cohort.status == Cohort.Status.COMPLETED:
        raise Refused(_("Runden er allerede avsluttet."))
    sessions = list(cohort.sessions.all())
    present = set(
        Attendance.objects.filter(session__cohort=cohort, present=True).values_list("session_id", "enrolment_id")
    )
    done = not_done = 0
    for enrolment in cohort.enrolments.exclude(status=S.WITHDRAWN).select_related("employee", "offer"):
        share = attendance_share(enrolment, sessions, present)
        before = snapshot(enrolment, ["status", "completed_on", "certified_on", "renewal_due_on"])
        if share is not None and share >= cohort.min_attendance_percent:
            enrolment.status, enrolment.completed_on = S.COMPLETED, completed_on
            if cohort.kind == Cohort.Kind.CERTIFICATION and enrolment.offer.method:
                enrolment.certified_on = completed_on
                if enrolment.offer.renewal_years:
                    enrolment.renewal_due_on = completed_on.replace(
                        year=completed_on.year + enrolment.offer.renewal_years
                    )
                competence_services.record_programme_certification(
                    employee=enrolment.employee,
                    data={"method": enrolment.offer.method, "year": completed_on.year, "note": cohort.title[:200]},
                )
            done += 1
        else:
            enrolment.status = S.NOT_COMPLETED
            not_done += 1
        enrolment.version += 1
        enrolment.save()
        record_update(actor, enrolment, before, message="avsluttet runde")
    for participation in cohort.services.filter(status=CohortService.Status.COMMITTED):
        before = snapshot(participation, ["status", "completed_on"])
        participation.status, participation.completed_on = CohortService.Status.COMPLETED, completed_on
        participation.version += 1
        participation.save()
        record_update(actor, participation, before)
    _follow_measures(
        *cohort.enrolments.values_list("plan_measure_id", flat=True),
        *cohort.services.values_list("plan_measure_id", flat=True),
        reason="runden avsluttet",
    )
    before = snapshot(cohort, ["status"])
    cohort.status = Cohort.Status.COMPLETED
    cohort.version += 1
    cohort.save()
    record_update(actor, cohort, before)
    return {"completed": done, "not_completed": not_done}


@use_case(MANAGE_OFFERS, on="offer")
def add_site(actor: Any, offer: Offer, municipality: Any, *, since_year: int) -> CertificationSite:
    if offer.kind != OfferKind.CERTIFICATION:
        raise Refused(_("Bare sertifiseringsprogrammer har kommuner som driver dem."))
    site, created = CertificationSite.objects.get_or_create(
        offer=offer, municipality=municipality, defaults={"since_year": since_year}
    )
    if not created:
        raise Refused(_("Kommunen er allerede registrert."), field="municipality")
    record_create(actor, site)
    return site


# The fields a page may set on an offer; `code`, `version` and `is_demo` are the system's.
OFFER_FIELDS = (
    "kind",
    "title",
    "description",
    "topic",
    "provider",
    "provider_name",
    "level",
    "ects",
    "length",
    "delivery",
    "place",
    "starts_on",
    "ends_on",
    "places",
    "cost",
    "target_group",
    "requirement_route",
    "register_programme",
    "method",
    "coverage_per_1000_children",
    "renewal_years",
    "is_published",
    "source_url",
)


@not_a_use_case
def provider_choices(actor: Any) -> QuerySet[CompetenceEnvironment]:
    """The environments an actor may publish for: any for Bufdir and the admin, else its own."""
    environments = CompetenceEnvironment.objects.order_by("name")
    if has_role(actor, Role.ADMIN, Role.NATIONAL):
        return environments
    return environments.filter(people=actor)


def _check_offer(actor: Any, data: dict[str, Any], offer: Offer | None = None) -> None:
    unknown = set(data) - set(OFFER_FIELDS)
    if unknown:
        raise ValueError(f"Not offer fields: {sorted(unknown)}")
    provider = data.get("provider", offer.provider if offer else None)
    if not has_role(actor, Role.ADMIN, Role.NATIONAL):
        # A competence environment publishes only in its own name, and never hands an offer over.
        if provider is None or not provider_choices(actor).filter(pk=provider.pk).exists():
            raise Refused(_("Du kan bare publisere tilbud for ditt eget kompetansemiljø."), field="provider")
    starts_on = data.get("starts_on", offer.starts_on if offer else None)
    ends_on = data.get("ends_on", offer.ends_on if offer else None)
    if starts_on and ends_on and ends_on < starts_on:
        raise Refused(_("Tilbudet kan ikke slutte før det starter."), field="ends_on")
    kind = data.get("kind", offer.kind if offer else None)
    ects = data.get("ects", offer.ects if offer else None)
    if kind == OfferKind.FURTHER_EDUCATION and not ects:
        raise Refused(_("Videreutdanning må ha studiepoeng."), field="ects")


def _unique_code(title: str) -> str:
    base = (slugify(title) or "tilbud")[:50]
    code, n = base, 1
    while Offer.objects.filter(code=code).exists():
        n += 1
        code = f"{base}-{n}"
    return code


@use_case(MANAGE_OFFERS)
def create_offer(actor: Any, data: dict[str, Any]) -> Offer:
    """Publish a new offer in the catalogue (a provider only for its own environment)."""
    _check_offer(actor, data)
    offer = Offer(code=_unique_code(str(data.get("title", ""))), **data)
    offer.full_clean()
    offer.save()
    record_create(actor, offer)
    return offer


@use_case(MANAGE_OFFERS, on="offer")
def update_offer(actor: Any, offer: Offer, data: dict[str, Any], expected_version: Any) -> Offer:
    """Change an offer; refused when someone else saved it since it was loaded."""
    _check_offer(actor, data, offer)
    before = snapshot(Offer.objects.get(pk=offer.pk), data.keys())
    for name, value in data.items():
        setattr(offer, name, value)
    offer.full_clean(exclude=["code"])
    save_checked(offer, expected_version, data.keys())
    offer.refresh_from_db()
    record_update(actor, offer, before)
    return offer


@use_case(MANAGE_OFFERS, on="offer")
def add_allocation(
    actor: Any,
    offer: Offer,
    *,
    year: int,
    institution: str,
    places: int,
    starts_on: datetime.date,
    ends_on: datetime.date,
    provider: Any = None,
    is_demo: bool = False,
) -> StudyPlaceAllocation:
    if offer.kind != OfferKind.FURTHER_EDUCATION:
        raise Refused(_("Studieplasser gjelder videreutdanning."))
    if ends_on < starts_on:
        raise Refused(_("Studiet kan ikke slutte før det starter."), field="ends_on")
    if StudyPlaceAllocation.objects.filter(year=year, offer=offer, institution=institution).exists():
        raise Refused(_("Lærestedet har allerede plasser i dette studiet dette året."), field="institution")
    allocation = StudyPlaceAllocation.objects.create(
        year=year,
        offer=offer,
        institution=institution,
        places=places,
        starts_on=starts_on,
        ends_on=ends_on,
        provider=provider or offer.provider,
        is_demo=is_demo,
    )
    record_create(actor, allocation)
    return allocation


# Study places, application windows and grant ceilings (Bufdir) -----------------------------------
#
# National data with a page each (`/programmer/studieplasser/`). Every save is checked against the
# version the user loaded, and places are never set below the places already used: for a class the
# admitted students, for a year the admitted students across all its classes.

YEAR_FIELDS = ("year", "places", "approximate", "source_url", "note")
ALLOCATION_FIELDS = ("year", "offer", "provider", "institution", "places", "starts_on", "ends_on")
WINDOW_FIELDS = ("year", "opens_at", "closes_at", "confirmed", "source_url", "note")
CEILING_FIELDS = ("year", "amount", "confirmed", "source_url", "note")


def _only(data: dict[str, Any], allowed: tuple[str, ...]) -> None:
    unknown = set(data) - set(allowed)
    if unknown:
        raise ValueError(f"Unknown fields: {sorted(unknown)}")


@not_a_use_case
def places_used(year: int) -> int:
    """Places taken in a year's intake: admitted students across every class of the year."""
    return StudyPlaceAllocation.objects.filter(year=year).aggregate(n=Sum("admitted"))["n"] or 0


def _save_national(actor: Any, row: Any, data: dict[str, Any], expected_version: Any, fields: tuple[str, ...]) -> Any:
    """Create (row without pk) or update a national row: full_clean for the column bounds and
    uniqueness (at the field), optimistic locking on update, audit either way."""
    _only(data, fields)
    creating = row.pk is None
    before = None if creating else snapshot(type(row).objects.get(pk=row.pk), data.keys())
    for name, value in data.items():
        setattr(row, name, value)
    try:
        row.full_clean(exclude=["version"])
    except ValidationError as error:  # the first message, at its field
        field, messages = next(iter(error.message_dict.items()))
        raise Refused(messages[0], field=None if field == "__all__" else field) from None
    if creating:
        row.save()
        record_create(actor, row)
    else:
        save_checked(row, expected_version, data.keys())
        record_update(actor, row, before or {})
    return row


@not_a_use_case
def year_places_refusal(year: int | None, places: int | None) -> Refused | None:
    """The national places of a year may not go below the students already admitted that year."""
    if year is None or places is None:
        return None
    used = places_used(year)
    if places >= used:
        return None
    return Refused(
        _("%(year)s har allerede %(used)s studenter tatt opp. Studieplassene kan ikke settes lavere enn det.")
        % {"year": year, "used": used},
        field="places",
    )


@not_a_use_case
def allocation_places_refusal(admitted: int, places: int | None) -> Refused | None:
    """A class's places may not go below the students already admitted to it."""
    if places is None or places >= admitted:
        return None
    return Refused(
        ngettext(
            "%(count)s student er allerede tatt opp. Plassene kan ikke settes lavere enn det.",
            "%(count)s studenter er allerede tatt opp. Plassene kan ikke settes lavere enn det.",
            admitted,
        )
        % {"count": admitted},
        field="places",
    )


@not_a_use_case
def window_refusal(opens_at: datetime.datetime | None, closes_at: datetime.datetime | None) -> Refused | None:
    if opens_at and closes_at and closes_at <= opens_at:
        return Refused(_("Søknadsfristen må være etter at søknadsperioden åpner."), field="closes_at")
    return None


def _ceiling_uses() -> list[Callable[[int], Decimal]]:
    """What higher apps have given against a year's ceiling (year -> the most one student already
    has): grants' employer grant lines draw from `GrantCeiling`, but programmes sits below grants,
    so each app that draws offers a module `ceiling_uses` with `USES` (`lib.discovery`)."""
    return [use for module in app_modules("ceiling_uses").values() for use in getattr(module, "USES", [])]


@not_a_use_case
def ceiling_refusal(year: int | None, amount: Decimal | None, stored_year: int | None = None) -> Refused | None:
    """A year's ceiling may not go below what one student already has against it, nor be emptied
    or moved to another year while anything is (read-only: the form shows the same message)."""
    if stored_year is not None and year != stored_year:
        if max((use(stored_year) for use in _ceiling_uses()), default=Decimal(0)) > 0:
            return Refused(
                _("Det er allerede søkt om tilskudd per student for %(year)s, så året kan ikke endres.")
                % {"year": stored_year},
                field="year",
            )
    if year is None:
        return None
    used = max((use(year) for use in _ceiling_uses()), default=Decimal(0))
    if used <= 0 or (amount is not None and amount >= used):
        return None
    return Refused(
        _(
            "Det er allerede søkt om eller innvilget %(amount)s for én student for %(year)s. "
            "Taket kan ikke settes lavere enn det."
        )
        % {"amount": money(used), "year": year},
        field="amount",
    )


@use_case(MANAGE_STUDY_PLACES)
def save_study_place_year(
    actor: Any, row: StudyPlaceYear | None, data: dict[str, Any], expected_version: Any = None
) -> StudyPlaceYear:
    """The national number of study places for a year (new when `row` is None)."""
    row = row or StudyPlaceYear()
    refusal = year_places_refusal(data.get("year", row.year), data.get("places", row.places))
    if refusal is not None:
        raise refusal
    return _save_national(actor, row, data, expected_version, YEAR_FIELDS)


def _check_allocation(allocation: StudyPlaceAllocation, data: dict[str, Any]) -> None:
    offer = data.get("offer", getattr(allocation, "offer", None))
    if offer is not None and offer.kind != OfferKind.FURTHER_EDUCATION:
        raise Refused(_("Studieplasser gjelder videreutdanning."), field="offer")
    starts_on = data.get("starts_on", allocation.starts_on)
    ends_on = data.get("ends_on", allocation.ends_on)
    if starts_on and ends_on and ends_on < starts_on:
        raise Refused(_("Studiet kan ikke slutte før det starter."), field="ends_on")
    refusal = allocation_places_refusal(allocation.admitted, data.get("places", allocation.places))
    if refusal is not None:
        raise refusal
    year = data.get("year", allocation.year)
    institution = data.get("institution", allocation.institution)
    clash = StudyPlaceAllocation.objects.filter(year=year, offer=offer, institution=institution)
    if allocation.pk:
        clash = clash.exclude(pk=allocation.pk)
    if offer is not None and clash.exists():
        raise Refused(_("Lærestedet har allerede plasser i dette studiet dette året."), field="institution")
    if allocation.pk and "year" in data and data["year"] != allocation.year and allocation.enrolments.exists():
        raise Refused(_("Klassen har søkere, så opptaksåret kan ikke endres."), field="year")


@use_case(MANAGE_STUDY_PLACES)
def create_allocation(actor: Any, data: dict[str, Any]) -> StudyPlaceAllocation:
    """Places for one programme at one institution in one year's intake."""
    _only(data, ALLOCATION_FIELDS)
    allocation = StudyPlaceAllocation(admitted=0)
    _check_allocation(allocation, data)
    if data.get("provider") is None and data.get("offer") is not None:
        data = {**data, "provider": data["offer"].provider}
    return _save_national(actor, allocation, data, None, ALLOCATION_FIELDS)


@use_case(MANAGE_STUDY_PLACES, on="allocation")
def update_allocation(
    actor: Any, allocation: StudyPlaceAllocation, data: dict[str, Any], expected_version: Any
) -> StudyPlaceAllocation:
    """Change a class's places or dates; never below the students already admitted. The row is
    locked first, so an admission running at the same moment is counted."""
    _only(data, ALLOCATION_FIELDS)
    # The stored row, locked (the caller's object may already carry a form's values).
    locked = StudyPlaceAllocation.objects.select_for_update().get(pk=allocation.pk)
    _check_allocation(locked, data)
    try:
        with transaction.atomic():
            return _save_national(actor, locked, data, expected_version, ALLOCATION_FIELDS)
    except IntegrityError:
        # The check constraint (admitted <= places) as the last line.
        raise Refused(_("Plassene kan ikke settes lavere enn antallet som er tatt opp."), field="places") from None


@use_case(MANAGE_STUDY_PLACES)
def save_window(
    actor: Any, window: ApplicationWindow | None, data: dict[str, Any], expected_version: Any = None
) -> ApplicationWindow:
    """A year's application window, as two instants (entered in Norwegian time)."""
    window = window or ApplicationWindow()
    refusal = window_refusal(data.get("opens_at", window.opens_at), data.get("closes_at", window.closes_at))
    if refusal is not None:
        raise refusal
    return _save_national(actor, window, data, expected_version, WINDOW_FIELDS)


@use_case(MANAGE_STUDY_PLACES)
def save_grant_ceiling(
    actor: Any, ceiling: GrantCeiling | None, data: dict[str, Any], expected_version: Any = None
) -> GrantCeiling:
    """The highest employer grant per student in a year (empty amount: not known yet); never
    below what a student already has against it (`ceiling_refusal`)."""
    ceiling = ceiling or GrantCeiling()
    # The stored row, locked (the caller's object may already carry the form's values).
    stored = GrantCeiling.objects.select_for_update().get(pk=ceiling.pk) if ceiling.pk else None
    refusal = ceiling_refusal(
        data.get("year", stored.year if stored else ceiling.year),
        data.get("amount", stored.amount if stored else ceiling.amount),
        stored.year if stored else None,
    )
    if refusal is not None:
        raise refusal
    return _save_national(actor, ceiling, data, expected_version, CEILING_FIELDS)

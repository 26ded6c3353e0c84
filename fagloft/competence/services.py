"""Writes: each use case one function, in one transaction, with its audit rows."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from fagloft.accounts.access import can
from fagloft.accounts.use_cases import system_job, use_case
from fagloft.audit.concurrency import save_checked
from fagloft.audit.models import AuditEvent
from fagloft.audit.services import (
    record,
    record_create,
    record_delete,
    record_update,
    scrub,
    snapshot,
)
from fagloft.competence.models import (
    Certification,
    CompetencePlan,
    CompetenceSettings,
    Education,
    Employee,
    FrameworkArea,
    FurtherEducation,
    MappingAnswer,
    MappingRound,
    PlanMeasure,
    Vacancy,
)
from fagloft.competence.permissions import (
    ANSWER_MAPPING,
    CHANGE_PLAN,
    CHANGE_SETTINGS,
    CHANGE_STAFF,
    EDIT_PROFILE,
    ERASE_EMPLOYEE,
    MANAGE_MAPPING,
)
from fagloft.lib import formatting
from fagloft.lib.refusals import Refused
from fagloft.organizations.models import Service

# The kinds of record on a profile, by the word used in URLs.
ITEM_MODELS: dict[str, type[Education | FurtherEducation | Certification]] = {
    "utdanning": Education,
    "videreutdanning": FurtherEducation,
    "sertifisering": Certification,
}


def _stored(obj: Any, names: Iterable[str]) -> dict[str, Any]:
    # A bound ModelForm has already copied its input onto the instance, so read the stored row.
    return snapshot(type(obj)._default_manager.get(pk=obj.pk), names)


def _update_checked(actor: Any, obj: Any, data: Mapping[str, Any], expected_version: int) -> None:
    before = _stored(obj, data.keys())
    for name, value in data.items():
        setattr(obj, name, value)
    save_checked(obj, expected_version, data.keys())
    record_update(actor, obj, before)


# What an employee may change on their own profile; position, FTE and dates are the employer's.
OWN_FIELDS = frozenset({"email", "leadership_training", "languages", "sami_competence", "culture_competence"})


def _link_users(employees: Iterable[Employee]) -> int:
    """Connect records to user accounts with the same e-mail and a role in the same service, so the
    person sees their own profile. Nobody is linked to a service they have no role in."""
    from fagloft.accounts.models import Membership

    unlinked = [e for e in employees if e.user_id is None and e.email]
    if not unlinked:
        return 0
    candidates = (
        Membership.objects.valid_on()
        .filter(
            service_id__in={e.service_id for e in unlinked},
            user__email__in={e.email for e in unlinked},
        )
        .values_list("service_id", "user__email", "user_id")
    )
    by_key = {(service_id, email.lower()): user_id for service_id, email, user_id in candidates}
    linked = 0
    for employee in unlinked:
        user_id = by_key.get((employee.service_id, employee.email.lower()))
        if user_id is not None:
            Employee.objects.filter(pk=employee.pk).update(user_id=user_id)
            employee.user_id = user_id
            linked += 1
    return linked


@use_case(CHANGE_STAFF, on="service")
def create_employee(actor: Any, service: Service, data: Mapping[str, Any]) -> Employee:
    employee = Employee.objects.create(service=service, **data)
    _link_users([employee])
    record_create(actor, employee)
    return employee


@use_case(EDIT_PROFILE, on="employee")
def update_employee(actor: Any, employee: Employee, data: Mapping[str, Any], expected_version: int) -> None:
    """The leader changes any field; the person themselves only `OWN_FIELDS`."""
    if employee.anonymised_at is not None:
        raise Refused(_("Opplysningene om denne personen er anonymisert og kan ikke endres."))
    if actor is not None and not can(actor, CHANGE_STAFF, employee) and set(data) - OWN_FIELDS:
        raise PermissionDenied(_("Stilling, stillingsprosent og datoer endres av lederen for tjenesten."))
    _update_checked(actor, employee, data, expected_version)
    _link_users([employee])


@use_case(EDIT_PROFILE, on="employee")
def add_item(actor: Any, employee: Employee, kind: str, data: Mapping[str, Any]) -> Model:
    if kind not in ITEM_MODELS:
        raise Refused(_("Ukjent type opplysning."))
    item = ITEM_MODELS[kind].objects.create(employee=employee, **data)
    record_create(actor, item)
    return item


@use_case(EDIT_PROFILE, on="item")
def delete_item(actor: Any, item: Model) -> None:
    record_delete(actor, item)
    item.delete()


@use_case(CHANGE_STAFF, on="service")
def create_vacancy(actor: Any, service: Service, data: Mapping[str, Any]) -> Vacancy:
    vacancy = Vacancy.objects.create(service=service, **data)
    record_create(actor, vacancy)
    return vacancy


@use_case(CHANGE_STAFF, on="vacancy")
def fill_vacancy(actor: Any, vacancy: Vacancy, filled_on: datetime.date) -> None:
    if filled_on < vacancy.vacant_from:
        raise Refused(
            _("Stillingen kan ikke være besatt før den ble ledig (%(day)s).")
            % {"day": formatting.date(vacancy.vacant_from)},
            field="filled_on",
        )
    before = snapshot(vacancy, ["filled_on"])
    vacancy.filled_on = filled_on
    vacancy.save(update_fields=["filled_on", "updated_at"])
    record_update(actor, vacancy, before)


@use_case(MANAGE_MAPPING, on="service")
def open_round(
    actor: Any, service: Service, title: str, closes_on: datetime.date | None, areas: Iterable[FrameworkArea]
) -> MappingRound:
    mapping_round = MappingRound.objects.create(
        service=service, title=title, closes_on=closes_on, opened_on=timezone.localdate(), created_by=actor
    )
    mapping_round.areas.set(list(areas))
    record_create(actor, mapping_round)
    return mapping_round


@use_case(MANAGE_MAPPING, on="mapping_round")
def close_round(actor: Any, mapping_round: MappingRound, expected_version: int) -> None:
    _update_checked(actor, mapping_round, {"state": MappingRound.State.CLOSED}, expected_version)


@use_case(ANSWER_MAPPING, on="mapping_round")
def save_own_ratings(
    actor: Any, mapping_round: MappingRound, employee: Employee, ratings: Mapping[int, tuple[int | None, str]]
) -> int:
    """Store a person's own ratings per area id (with their comments)."""
    if actor is not None and employee.user_id != actor.pk:
        raise PermissionDenied(_("Du kan bare svare for deg selv."))
    return _save_ratings(actor, mapping_round, employee, ratings, as_leader=False)


@use_case(MANAGE_MAPPING, on="mapping_round")
def assess_ratings(
    actor: Any, mapping_round: MappingRound, employee: Employee, ratings: Mapping[int, tuple[int | None, str]]
) -> int:
    """Store the leader's assessment of one person per area id."""
    return _save_ratings(actor, mapping_round, employee, ratings, as_leader=True)


def _save_ratings(
    actor: Any,
    mapping_round: MappingRound,
    employee: Employee,
    ratings: Mapping[int, tuple[int | None, str]],
    as_leader: bool,
) -> int:
    if employee.service_id != mapping_round.service_id or employee.anonymised_at is not None:
        raise Refused(_("Personen er ikke ansatt i tjenesten som kartlegger."))
    if mapping_round.state == MappingRound.State.CLOSED:
        raise Refused(_("Kartleggingen er avsluttet, så svarene kan ikke endres."))
    in_round = set(mapping_round.areas.values_list("pk", flat=True))
    if set(ratings) - in_round:
        raise Refused(_("Svaret gjelder et kompetanseområde som ikke er med i kartleggingen."))
    if any(rating is not None and not 1 <= rating <= 4 for rating, _comment in ratings.values()):
        raise Refused(_("En vurdering må være et tall fra 1 til 4."))
    field = "leader_rating" if as_leader else "self_rating"
    changed = 0
    existing = {
        a.area_id: a for a in MappingAnswer.objects.select_for_update().filter(round=mapping_round, employee=employee)
    }
    for area_id, (rating, comment) in ratings.items():
        answer = existing.get(area_id)
        if answer is None and rating is None and not comment:
            continue  # nothing to store for an area left blank
        answer = answer or MappingAnswer(round=mapping_round, employee=employee, area_id=area_id)
        if getattr(answer, field) == rating and (as_leader or answer.comment == comment):
            continue
        setattr(answer, field, rating)
        if not as_leader:
            answer.comment = comment
        answer.save()
        changed += 1
    if changed:
        record(
            actor,
            AuditEvent.Verb.UPDATE,
            mapping_round,
            {field: [None, changed]},
            message=f"{changed} vurderinger for ansatt {employee.pk}",
        )
    return changed


@use_case(CHANGE_PLAN, on="service")
def create_plan(actor: Any, service: Service, data: Mapping[str, Any]) -> CompetencePlan:
    plan = CompetencePlan.objects.create(service=service, **data)
    record_create(actor, plan)
    return plan


@use_case(CHANGE_PLAN, on="plan")
def update_plan(actor: Any, plan: CompetencePlan, data: Mapping[str, Any], expected_version: int) -> None:
    _update_checked(actor, plan, data, expected_version)


@use_case(CHANGE_PLAN, on="plan")
def add_measure(actor: Any, plan: CompetencePlan, data: Mapping[str, Any]) -> PlanMeasure:
    measure = PlanMeasure.objects.create(plan=plan, **data)
    record_create(actor, measure)
    return measure


@use_case(CHANGE_PLAN, on="measure")
def update_measure(actor: Any, measure: PlanMeasure, data: Mapping[str, Any], expected_version: int) -> None:
    _update_checked(actor, measure, data, expected_version)


@use_case(CHANGE_PLAN, on="plan")
def measures_from_gaps(
    actor: Any, plan: CompetencePlan, gaps: Iterable[Any], owner: str, due_on: datetime.date | None
) -> list[PlanMeasure]:
    """One planned measure per chosen gap, of the kind the gap suggests, remembering where it came
    from (the assessment need or follow-up measure, the mapping, the requirement, vacancies). The
    plan is tied to the assessment its needs come from, if it was not already."""
    measures = []
    assessment_id = None
    for gap in gaps:
        measure = PlanMeasure.objects.create(
            plan=plan,
            kind=gap.kind,
            description=gap.text[:500],
            gap=gap.text[:300],
            area_id=gap.area_id,
            origin=gap.origin,
            need_id=gap.need_id,
            follow_up_id=gap.follow_up_id,
            owner=owner,
            due_on=due_on,
        )
        record_create(actor, measure)
        measures.append(measure)
        if assessment_id is None and (gap.need_id or gap.follow_up_id):
            assessment_id = _assessment_of(gap)
    if assessment_id is not None and plan.assessment_id is None:
        before = snapshot(plan, ["assessment"])
        plan.assessment_id = assessment_id
        plan.save(update_fields=["assessment", "updated_at"])
        record_update(actor, plan, before)
    return measures


def _assessment_of(gap: Any) -> int | None:
    from fagloft.assessments.models import FollowUpMeasure, Need

    if gap.need_id:
        return Need.objects.filter(pk=gap.need_id).values_list("assessment_id", flat=True).first()
    return FollowUpMeasure.objects.filter(pk=gap.follow_up_id).values_list("assessment_id", flat=True).first()


@use_case(CHANGE_SETTINGS)
def update_settings(actor: Any, settings_row: CompetenceSettings, data: Mapping[str, Any]) -> None:
    before = _stored(settings_row, data.keys())
    for name, value in data.items():
        setattr(settings_row, name, value)
    settings_row.save()
    record_update(actor, settings_row, before)


ANONYMOUS_NAME = "Anonymisert"


@system_job
def anonymise_leavers(actor: Any = None, today: datetime.date | None = None) -> int:
    """Remove what identifies people who left more than the retention period ago.

    Kept: service, position, FTE, dates, core tasks and education levels and years, which the
    turnover, tenure and requirement aggregates need. Removed: name, e-mail, user link, languages,
    free text, institutions, and their comments in mapping rounds.
    """
    today = today or timezone.localdate()
    cutoff = today - datetime.timedelta(days=CompetenceSettings.current().retention_days)
    leavers = list(Employee.objects.select_for_update().filter(ended_on__lt=cutoff, anonymised_at__isnull=True))
    for employee in leavers:
        _anonymise(actor, employee)
    return len(leavers)


@use_case(ERASE_EMPLOYEE, on="employee")
def erase_employee(actor: Any, employee: Employee) -> None:
    """Erase a person's data on their request (GDPR art. 17), as the retention period would: the same
    fields go and the same audit trail is scrubbed, and the employment period stays (without a name)
    in the turnover, tenure and requirement aggregates."""
    employee = Employee.objects.select_for_update().get(pk=employee.pk)
    if employee.anonymised_at is not None:
        raise Refused(_("Personopplysningene om denne ansatte er allerede slettet."))
    _anonymise(actor, employee, erased=True)


def _anonymise(actor: Any, employee: Employee, erased: bool = False) -> None:
    employee.first_name, employee.last_name = ANONYMOUS_NAME, f"#{employee.pk}"
    employee.email = employee.languages = employee.culture_competence = employee.leadership_training = ""
    employee.user = None
    employee.sami_competence = False
    employee.anonymised_at = timezone.now()
    employee.save()
    employee.educations.update(institution="")
    employee.further_educations.update(institution="", title="")
    employee.certifications.update(note="")
    employee.mapping_answers.update(comment="")
    _scrub_trail(employee)
    # The audit row names no person: it says that record number N was anonymised (or erased on
    # request), and who did it.
    if erased:
        record(
            actor,
            AuditEvent.Verb.DELETE,
            employee,
            {"slettet_etter_krav": [None, True]},
            message="personopplysninger slettet etter krav fra den ansatte",
        )
    else:
        record(
            actor,
            AuditEvent.Verb.UPDATE,
            employee,
            {"anonymisert": [None, True]},
            message="anonymisert etter sluttdato",
        )


ANONYMOUS_AUDIT_REPR = "Anonymisert ansatt"


def _scrub_trail(employee: Employee) -> None:
    """Earlier audit events about the person and their records named them and held their data
    (name, e-mail, courses); keep that something happened, by whom and when, but not the values."""
    scrub(Employee._meta.label_lower, [employee.pk], ANONYMOUS_AUDIT_REPR)
    for related in (employee.educations, employee.further_educations, employee.certifications):
        label = related.model._meta.label_lower
        ids = {str(pk) for pk in related.values_list("pk", flat=True)} | _deleted_item_ids(employee, label)
        scrub(label, ids, ANONYMOUS_AUDIT_REPR)


def _deleted_item_ids(employee: Employee, label: str) -> set[str]:
    """Records already deleted are found through their events, which name the employee id."""
    events = AuditEvent.objects.filter(object_type=label, service_id=employee.service_id).values_list(
        "object_id", "changes"
    )
    return {
        object_id
        for object_id, changes in events
        if isinstance(changes, dict)
        and isinstance(changes.get("employee"), list)
        and employee.pk in changes["employee"]
    }


@system_job
def record_programme_course(
    actor: Any = None,
    *,
    employee: Employee,
    data: Mapping[str, Any],
    item: FurtherEducation | None = None,
) -> FurtherEducation:
    """The person's further education as a programme's admission (ongoing) or completion (completed,
    with the ECTS passed) says: so the register and the 2031 status change at once. The programme's
    own use case has checked who may admit or record completion; this writes the register and its
    audit row (the system as actor, the programme's event names the person who acted)."""
    if item is None:
        item = FurtherEducation.objects.create(employee=employee, **data)
        record_create(actor, item, message="fra programmer")
        return item
    before = snapshot(item, data.keys())
    for name, value in data.items():
        setattr(item, name, value)
    item.save()
    record_update(actor, item, before, message="fra programmer")
    return item


@system_job
def record_programme_certification(actor: Any = None, *, employee: Employee, data: Mapping[str, Any]) -> Certification:
    """A method certification a programme's provider recorded (TIBIR/PMTO and the like)."""
    item = Certification.objects.create(employee=employee, **data)
    record_create(actor, item, message="fra programmer")
    return item

"""Writing assessments: drafting, the workflow's transitions, new versions, comments and measures."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fagloft.accounts.access import Action
from fagloft.assessments import permissions as perms
from fagloft.assessments.models import Assessment, Comment, FollowUpMeasure, Theme, ThemeEntry
from fagloft.assessments.services.common import WorkflowError, require
from fagloft.assessments.signals import compute_signals
from fagloft.audit.concurrency import save_checked
from fagloft.audit.models import AuditEvent
from fagloft.audit.services import record, record_create, record_update, snapshot
from fagloft.organizations.models import Service

Status = Assessment.Status
ASSESSMENT_FIELDS = ("conclusion", "risk_level", "needs", "leadership_commitment", "due_date")
ENTRY_FIELDS = ("status_today", "own_judgement", "likelihood", "consequence", "answers")
MEASURE_FIELDS = ("theme", "description", "owner", "deadline", "status")


@dataclass(frozen=True)
class Transition:
    source: str
    target: str
    action: Action
    label: Any


TRANSITIONS: dict[str, Transition] = {
    "submit": Transition(Status.DRAFT, Status.SUBMITTED, perms.SUBMIT_ASSESSMENT, gettext_lazy("sendt inn")),
    "withdraw": Transition(Status.SUBMITTED, Status.DRAFT, perms.SUBMIT_ASSESSMENT, gettext_lazy("trukket tilbake")),
    "discuss": Transition(Status.SUBMITTED, Status.DISCUSSED, perms.DISCUSS_ASSESSMENT,
                          gettext_lazy("drøftet i dialogmøte")),
    "finalise": Transition(Status.DISCUSSED, Status.FINAL, perms.FINALISE_ASSESSMENT, gettext_lazy("gjort endelig")),
}


def _require_draft(assessment: Assessment) -> None:
    if assessment.status == Status.FINAL:
        raise WorkflowError(_("Vurderingen er endelig og låst. Lag en ny versjon for å endre den."))
    if assessment.status != Status.DRAFT:
        raise WorkflowError(_("Vurderingen kan bare endres mens den er et utkast. Nå har den status «{status}».")
                            .format(status=assessment.get_status_display()))


@transaction.atomic
def create_assessment(actor: Any, *, service: Service, year: int, due_date: Any = None) -> Assessment:
    require(actor, perms.CREATE_ASSESSMENT, service)
    if Assessment.objects.filter(service=service, year=year).exists():
        raise WorkflowError(_("{service} har allerede en vurdering for {year}. Åpne den i stedet.")
                            .format(service=service.name, year=year))
    assessment = Assessment.objects.create(service=service, year=year, due_date=due_date, created_by=actor)
    ThemeEntry.objects.bulk_create(
        ThemeEntry(assessment=assessment, theme=theme) for theme in Theme.objects.filter(is_active=True)
    )
    record_create(actor, assessment, message=_("Vurdering opprettet"))
    return assessment


@transaction.atomic
def update_assessment(actor: Any, assessment: Assessment, *, expected_version: int, **values: Any) -> Assessment:
    require(actor, perms.EDIT_ASSESSMENT, assessment)
    _require_draft(assessment)
    before = snapshot(assessment, ASSESSMENT_FIELDS)
    for name, value in values.items():
        if name not in ASSESSMENT_FIELDS:
            raise ValueError(name)
        setattr(assessment, name, value)
    assessment.updated_at = timezone.now()
    save_checked(assessment, expected_version, [*values, "updated_at"])
    record_update(actor, assessment, before)
    return assessment


@transaction.atomic
def update_entry(actor: Any, entry: ThemeEntry, *, expected_version: int, **values: Any) -> ThemeEntry:
    require(actor, perms.EDIT_ASSESSMENT, entry.assessment)
    _require_draft(entry.assessment)
    before = snapshot(entry, ENTRY_FIELDS)
    for name, value in values.items():
        if name not in ENTRY_FIELDS:
            raise ValueError(name)
        setattr(entry, name, value)
    save_checked(entry, expected_version, list(values))
    record_update(actor, entry, before)
    return entry


@transaction.atomic
def transition(actor: Any, assessment: Assessment, name: str, *, expected_version: int | None = None) -> Assessment:
    """Move the assessment one step in the workflow, or refuse with a Norwegian message."""
    step = TRANSITIONS.get(name)
    if step is None:
        raise WorkflowError(_("Ukjent steg i arbeidsflyten."))
    require(actor, step.action, assessment)
    if assessment.status != step.source:
        raise WorkflowError(_("Vurderingen kan ikke bli {step} nå, fordi den har status «{status}».")
                            .format(step=step.label, status=assessment.get_status_display()))
    if name == "submit":
        _check_complete(assessment)
        assessment.signals_snapshot = [s.as_dict() for s in compute_signals(assessment.service, assessment.year)]
        assessment.submitted_at = timezone.now()
    elif name == "discuss":
        assessment.discussed_at = timezone.now()
    elif name == "finalise":
        assessment.finalised_at = timezone.now()
    before = snapshot(assessment, ["status"])
    assessment.status = step.target
    assessment.updated_at = timezone.now()
    fields = ["status", "signals_snapshot", "submitted_at", "discussed_at", "finalised_at", "updated_at"]
    save_checked(assessment, assessment.version if expected_version is None else expected_version, fields)
    record(actor, AuditEvent.Verb.TRANSITION, assessment,
           {"status": [before["status"], step.target]}, message=_("Vurderingen ble {step}").format(step=step.label))
    return assessment


def _check_complete(assessment: Assessment) -> None:
    missing = []
    if not assessment.risk_level:
        missing.append(_("samlet risikonivå"))
    if not assessment.conclusion.strip():
        missing.append(_("konklusjon"))
    if missing:
        raise WorkflowError(_("Fyll ut {fields} før du sender inn.").format(fields=" og ".join(missing)))


@transaction.atomic
def start_new_revision(actor: Any, assessment: Assessment) -> Assessment:
    """Copy a final assessment into a new draft version; the final one is kept unchanged."""
    require(actor, perms.REVISE_ASSESSMENT, assessment)
    if assessment.status != Status.FINAL:
        raise WorkflowError(_("Bare en endelig vurdering kan få en ny versjon."))
    if Assessment.objects.filter(previous=assessment).exists():
        raise WorkflowError(_("Denne versjonen har allerede en nyere versjon."))
    fresh = Assessment.objects.create(
        service=assessment.service, year=assessment.year, revision=assessment.revision + 1, previous=assessment,
        created_by=actor, due_date=assessment.due_date, is_demo=assessment.is_demo,
        **{name: getattr(assessment, name) for name in ASSESSMENT_FIELDS if name != "due_date"},
    )
    ThemeEntry.objects.bulk_create(
        ThemeEntry(assessment=fresh, theme_id=e.theme_id, **{n: getattr(e, n) for n in ENTRY_FIELDS})
        for e in assessment.entries.all()
    )
    FollowUpMeasure.objects.bulk_create(
        FollowUpMeasure(assessment=fresh, theme_id=m.theme_id, description=m.description, owner=m.owner,
                        deadline=m.deadline, status=m.status)
        for m in assessment.measures.all()
    )
    record_create(actor, fresh, message=_("Ny versjon {n} av endelig vurdering").format(n=fresh.revision))
    return fresh


@transaction.atomic
def add_comment(actor: Any, assessment: Assessment, *, text: str) -> Comment:
    require(actor, perms.COMMENT_ASSESSMENT, assessment)
    if assessment.status == Status.FINAL:
        raise WorkflowError(_("Vurderingen er endelig, og det kan ikke lenger kommenteres på den."))
    if not text.strip():
        raise WorkflowError(_("Kommentaren er tom."))
    comment = Comment.objects.create(
        assessment=assessment, author=actor, author_name=actor.get_full_name() or actor.get_username(), text=text,
    )
    record_create(actor, comment)
    return comment


@transaction.atomic
def add_measure(actor: Any, assessment: Assessment, **values: Any) -> FollowUpMeasure:
    require(actor, perms.EDIT_ASSESSMENT, assessment)
    _require_draft(assessment)
    measure = FollowUpMeasure.objects.create(assessment=assessment, **values)
    record_create(actor, measure)
    return measure


@transaction.atomic
def update_measure(actor: Any, measure: FollowUpMeasure, *, expected_version: int, **values: Any) -> FollowUpMeasure:
    require(actor, perms.EDIT_ASSESSMENT, measure.assessment)
    _require_draft(measure.assessment)
    before = snapshot(measure, MEASURE_FIELDS)
    for name, value in values.items():
        setattr(measure, name, value)
    measure.updated_at = timezone.now()
    save_checked(measure, expected_version, [*values, "updated_at"])
    record_update(actor, measure, before)
    return measure

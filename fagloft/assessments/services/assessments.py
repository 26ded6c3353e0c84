"""Writing assessments: drafting, the workflow's steps, new versions, comments and measures.

The workflow: the service leader submits a draft to the municipal leadership (and may withdraw it
while it waits there); the leadership forwards it to the county governor with an optional comment,
or sends it back to the service with a comment saying why; the county advisor marks it discussed
and finalises it. Each step is its own use case with its own action and writes one audit row.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fagloft.accounts.access import Action
from fagloft.accounts.use_cases import use_case
from fagloft.assessments import permissions as perms
from fagloft.assessments import suggestions
from fagloft.assessments.models import Assessment, Comment, FollowUpMeasure, Need, Theme, ThemeEntry
from fagloft.assessments.risk_signals import compute_signals
from fagloft.assessments.services.common import WorkflowRefused
from fagloft.audit.concurrency import save_checked
from fagloft.audit.models import AuditEvent
from fagloft.audit.services import record, record_create, record_delete, record_update, snapshot
from fagloft.organizations.models import Service

Status = Assessment.Status
ASSESSMENT_FIELDS = ("conclusion", "risk_level", "risk_level_reason", "leadership_commitment", "due_date")
ENTRY_FIELDS = ("status_today", "own_judgement", "likelihood", "consequence", "answers")
MEASURE_FIELDS = ("theme", "description", "owner", "deadline", "status")
NEED_FIELDS = ("theme", "kind", "description", "position")
# A conclusion names a handful of needs; the form and the API refuse more.
MAX_NEEDS = 20


@dataclass(frozen=True)
class Transition:
    source: str
    target: str
    action: Action
    label: Any
    # Text on the button and in the confirmation.
    button: Any = ""


TRANSITIONS: dict[str, Transition] = {
    "submit": Transition(
        Status.DRAFT,
        Status.SUBMITTED,
        perms.SUBMIT_ASSESSMENT,
        gettext_lazy("sendt til kommuneledelsen"),
        gettext_lazy("Send til kommuneledelsen"),
    ),
    "withdraw": Transition(
        Status.SUBMITTED,
        Status.DRAFT,
        perms.SUBMIT_ASSESSMENT,
        gettext_lazy("trukket tilbake"),
        gettext_lazy("Trekk tilbake til utkast"),
    ),
    "forward": Transition(
        Status.SUBMITTED,
        Status.FORWARDED,
        perms.REVIEW_ASSESSMENT,
        gettext_lazy("sendt til Statsforvalteren"),
        gettext_lazy("Send til Statsforvalteren"),
    ),
    "send_back": Transition(
        Status.SUBMITTED,
        Status.DRAFT,
        perms.REVIEW_ASSESSMENT,
        gettext_lazy("sendt tilbake til tjenesten"),
        gettext_lazy("Send tilbake til tjenesten"),
    ),
    "discuss": Transition(
        Status.FORWARDED,
        Status.DISCUSSED,
        perms.DISCUSS_ASSESSMENT,
        gettext_lazy("drøftet i dialogmøte"),
        gettext_lazy("Marker som drøftet i dialogmøte"),
    ),
    "finalise": Transition(
        Status.DISCUSSED,
        Status.FINAL,
        perms.FINALISE_ASSESSMENT,
        gettext_lazy("gjort endelig"),
        gettext_lazy("Gjør endelig"),
    ),
}


def _require_draft(assessment: Assessment) -> None:
    if assessment.status == Status.FINAL:
        raise WorkflowRefused(_("Vurderingen er endelig og låst. Lag en ny versjon for å endre den."))
    if assessment.status != Status.DRAFT:
        raise WorkflowRefused(
            _("Vurderingen kan bare endres mens den er et utkast. Nå har den status «{status}».").format(
                status=assessment.get_status_display()
            )
        )


@use_case(perms.CREATE_ASSESSMENT, on="service")
def create_assessment(actor: Any, *, service: Service, year: int, due_date: Any = None) -> Assessment:
    if Assessment.objects.filter(service=service, year=year).exists():
        raise WorkflowRefused(
            _("{service} har allerede en vurdering for {year}. Åpne den i stedet.").format(
                service=service.name, year=year
            ),
            field="year",
        )
    assessment = Assessment.objects.create(service=service, year=year, due_date=due_date, created_by=actor)
    ThemeEntry.objects.bulk_create(
        ThemeEntry(assessment=assessment, theme=theme) for theme in Theme.objects.filter(is_active=True)
    )
    record_create(actor, assessment, message=_("Vurdering opprettet"))
    return assessment


@use_case(perms.EDIT_ASSESSMENT, on="assessment")
def update_assessment(actor: Any, assessment: Assessment, *, expected_version: int, **values: Any) -> Assessment:
    _require_draft(assessment)
    before = snapshot(assessment, ASSESSMENT_FIELDS)
    for name, value in values.items():
        if name not in ASSESSMENT_FIELDS:
            raise ValueError(name)
        setattr(assessment, name, value)
    _check_reason(assessment)
    save_checked(assessment, expected_version, list(values))
    record_update(actor, assessment, before)
    return assessment


def _check_reason(assessment: Assessment, suggestion: suggestions.Suggestion | None = None) -> None:
    """Another level than the suggested one only with a written reason (shown to the county)."""
    suggestion = suggestion or suggestions.suggest_for(assessment)
    if suggestions.needs_reason(assessment.risk_level, suggestion) and not assessment.risk_level_reason.strip():
        raise WorkflowRefused(
            _("Temaene gir forslaget «{suggested}». Skriv en begrunnelse når du velger «{chosen}» i stedet.").format(
                suggested=suggestion.label, chosen=assessment.get_risk_level_display()
            ),
            field="risk_level_reason",
        )


@use_case(perms.EDIT_ASSESSMENT, on="entry")
def update_entry(actor: Any, entry: ThemeEntry, *, expected_version: int, **values: Any) -> ThemeEntry:
    _require_draft(entry.assessment)
    before = snapshot(entry, ENTRY_FIELDS)
    for name, value in values.items():
        if name not in ENTRY_FIELDS:
            raise ValueError(name)
        setattr(entry, name, value)
    save_checked(entry, expected_version, list(values))
    record_update(actor, entry, before)
    return entry


def _step(
    actor: Any, assessment: Assessment, name: str, expected_version: Any, comment: str = "", stamp: str | None = None
) -> Assessment:
    """Move the assessment one step (the use case has checked the actor), or refuse in Norwegian."""
    step = TRANSITIONS[name]
    if assessment.status != step.source:
        raise WorkflowRefused(
            _("Vurderingen kan ikke bli {step} nå, fordi den har status «{status}».").format(
                step=step.label, status=assessment.get_status_display()
            )
        )
    fields = ["status"]
    if stamp:
        setattr(assessment, stamp, timezone.now())
        fields.append(stamp)
    if name == "submit":
        _check_complete(assessment)
        assessment.returned_at = None
        fields.append("returned_at")
        assessment.signals_snapshot = [s.as_dict() for s in compute_signals(assessment.service, assessment.year)]
        fields.append("signals_snapshot")
        # The scores may have changed since the level was chosen: the rule holds at submission too.
        suggestion = suggestions.suggest_for(assessment)
        _check_reason(assessment, suggestion)
        assessment.suggested_risk_level = suggestion.level
        fields.append("suggested_risk_level")
    before = assessment.status
    assessment.status = step.target
    save_checked(assessment, assessment.version if expected_version is None else expected_version, fields)
    changes: dict[str, Any] = {"status": [before, step.target]}
    if comment:
        written = _write_comment(actor, assessment, comment)
        changes["comment"] = [None, written.pk]
    record(
        actor,
        AuditEvent.Verb.TRANSITION,
        assessment,
        changes,
        message=_("Vurderingen ble {step}").format(step=step.label),
    )
    return assessment


@use_case(perms.SUBMIT_ASSESSMENT, on="assessment")
def submit_assessment(actor: Any, assessment: Assessment, *, expected_version: Any = None) -> Assessment:
    """The service leader sends the draft to the municipal leadership (signals are stored as they are)."""
    return _step(actor, assessment, "submit", expected_version, stamp="submitted_at")


@use_case(perms.SUBMIT_ASSESSMENT, on="assessment")
def withdraw_assessment(actor: Any, assessment: Assessment, *, expected_version: Any = None) -> Assessment:
    """The service leader takes a submitted assessment back to draft before the leadership forwards it."""
    return _step(actor, assessment, "withdraw", expected_version)


@use_case(perms.REVIEW_ASSESSMENT, on="assessment")
def forward_assessment(
    actor: Any, assessment: Assessment, *, expected_version: Any = None, comment: str = ""
) -> Assessment:
    """The municipal leadership forwards the assessment to the county governor, with an optional
    comment; from now on the county and Bufdir read the full text."""
    return _step(actor, assessment, "forward", expected_version, comment=comment.strip(), stamp="forwarded_at")


@use_case(perms.REVIEW_ASSESSMENT, on="assessment")
def send_back_assessment(
    actor: Any, assessment: Assessment, *, expected_version: Any = None, comment: str = ""
) -> Assessment:
    """The municipal leadership sends the assessment back to the service as a draft, saying why."""
    if not comment.strip():
        raise WorkflowRefused(_("Skriv en kommentar til tjenesten om hva som må endres."), field="comment")
    return _step(actor, assessment, "send_back", expected_version, comment=comment.strip(), stamp="returned_at")


@use_case(perms.DISCUSS_ASSESSMENT, on="assessment")
def discuss_assessment(actor: Any, assessment: Assessment, *, expected_version: Any = None) -> Assessment:
    return _step(actor, assessment, "discuss", expected_version, stamp="discussed_at")


@use_case(perms.FINALISE_ASSESSMENT, on="assessment")
def finalise_assessment(actor: Any, assessment: Assessment, *, expected_version: Any = None) -> Assessment:
    return _step(actor, assessment, "finalise", expected_version, stamp="finalised_at")


# The use case of each step, for the pages and the API that take the step's name.
STEPS: dict[str, Callable[..., Assessment]] = {
    "submit": submit_assessment,
    "withdraw": withdraw_assessment,
    "forward": forward_assessment,
    "send_back": send_back_assessment,
    "discuss": discuss_assessment,
    "finalise": finalise_assessment,
}
# Steps that take a comment (optional for forward, required for send_back).
COMMENTED_STEPS = ("forward", "send_back")


def _check_complete(assessment: Assessment) -> None:
    missing = []
    if not assessment.risk_level:
        missing.append(_("samlet risikonivå"))
    if not assessment.conclusion.strip():
        missing.append(_("konklusjon"))
    if missing:
        raise WorkflowRefused(_("Fyll ut {fields} før du sender inn.").format(fields=" og ".join(missing)))


@use_case(perms.REVISE_ASSESSMENT, on="assessment")
def start_new_revision(actor: Any, assessment: Assessment) -> Assessment:
    """Copy a final assessment into a new draft version; the final one is kept unchanged."""
    if assessment.status != Status.FINAL:
        raise WorkflowRefused(_("Bare en endelig vurdering kan få en ny versjon."))
    if Assessment.objects.filter(previous=assessment).exists():
        raise WorkflowRefused(_("Denne versjonen har allerede en nyere versjon."))
    fresh = Assessment.objects.create(
        service=assessment.service,
        year=assessment.year,
        revision=assessment.revision + 1,
        previous=assessment,
        created_by=actor,
        due_date=assessment.due_date,
        is_demo=assessment.is_demo,
        **{name: getattr(assessment, name) for name in ASSESSMENT_FIELDS if name != "due_date"},
    )
    ThemeEntry.objects.bulk_create(
        ThemeEntry(assessment=fresh, theme_id=e.theme_id, **{n: getattr(e, n) for n in ENTRY_FIELDS})
        for e in assessment.entries.all()
    )
    Need.objects.bulk_create(
        Need(assessment=fresh, **{n: getattr(need, n) for n in NEED_FIELDS}) for need in assessment.need_items.all()
    )
    FollowUpMeasure.objects.bulk_create(
        FollowUpMeasure(
            assessment=fresh,
            theme_id=m.theme_id,
            description=m.description,
            owner=m.owner,
            deadline=m.deadline,
            status=m.status,
        )
        for m in assessment.measures.all()
    )
    record_create(actor, fresh, message=_("Ny versjon {n} av endelig vurdering").format(n=fresh.revision))
    return fresh


def _write_comment(actor: Any, assessment: Assessment, text: str) -> Comment:
    comment = Comment.objects.create(
        assessment=assessment,
        author=actor,
        author_name=(actor.get_full_name() or actor.get_username()) if actor is not None else _("Fagløft"),
        text=text,
    )
    record_create(actor, comment)
    return comment


@use_case(perms.COMMENT_ASSESSMENT, on="assessment")
def add_comment(actor: Any, assessment: Assessment, *, text: str) -> Comment:
    if assessment.status == Status.FINAL:
        raise WorkflowRefused(_("Vurderingen er endelig, og det kan ikke lenger kommenteres på den."), field="text")
    if not text.strip():
        raise WorkflowRefused(_("Kommentaren er tom."), field="text")
    return _write_comment(actor, assessment, text)


@use_case(perms.EDIT_ASSESSMENT, on="assessment")
def add_measure(actor: Any, assessment: Assessment, **values: Any) -> FollowUpMeasure:
    _require_draft(assessment)
    measure = FollowUpMeasure.objects.create(assessment=assessment, **values)
    record_create(actor, measure)
    return measure


@use_case(perms.EDIT_ASSESSMENT, on="measure")
def update_measure(actor: Any, measure: FollowUpMeasure, *, expected_version: int, **values: Any) -> FollowUpMeasure:
    _require_draft(measure.assessment)
    before = snapshot(measure, MEASURE_FIELDS)
    for name, value in values.items():
        if name not in MEASURE_FIELDS:
            raise ValueError(name)
        setattr(measure, name, value)
    save_checked(measure, expected_version, list(values))
    record_update(actor, measure, before)
    return measure


@dataclass(frozen=True)
class NeedRow:
    """One row of the needs form: an existing need (`need`) or a new one; `delete` removes it."""

    theme: Theme | None
    kind: str
    description: str
    need: Need | None = None
    delete: bool = False


@use_case(perms.EDIT_ASSESSMENT, on="assessment")
def save_needs(actor: Any, assessment: Assessment, *, expected_version: Any, rows: list[NeedRow]) -> list[Need]:
    """Write the whole list of needs at once, in the order given. The assessment's version guards the
    list: two people editing the needs never overwrite each other silently."""
    _require_draft(assessment)
    kept = [row for row in rows if not row.delete and (row.need is not None or row.description.strip())]
    if len(kept) > MAX_NEEDS:
        raise WorkflowRefused(_("En vurdering kan ha høyst {n} behov.").format(n=MAX_NEEDS))
    for row in rows:
        if row.need is not None and row.need.assessment_id != assessment.pk:
            raise WorkflowRefused(_("Behovet hører til en annen vurdering."))
    save_checked(assessment, expected_version, [])
    saved: list[Need] = []
    for row in rows:
        if row.need is not None and (row.delete or not row.description.strip()):
            record_delete(actor, row.need)
            try:
                row.need.delete()
            except ProtectedError as error:
                raise WorkflowRefused(
                    _("Behovet «{need}» er brukt i en plan eller et prosjekt og kan ikke fjernes.").format(
                        need=row.need
                    )
                ) from error
    for position, row in enumerate(kept):
        values = {"theme": row.theme, "kind": row.kind, "description": row.description.strip(), "position": position}
        if row.need is None:
            need = Need.objects.create(assessment=assessment, **values)
            record_create(actor, need)
        else:
            need = row.need
            before = snapshot(need, NEED_FIELDS)
            for name, value in values.items():
                setattr(need, name, value)
            if snapshot(need, NEED_FIELDS) != before:
                need.save(update_fields=[*NEED_FIELDS, "updated_at"])
                record_update(actor, need, before)
        saved.append(need)
    return saved

"""Writes for calls, applications, assessments, decisions and follow-up, each audited in its transaction."""

from __future__ import annotations

import datetime
import decimal
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fagloft.audit.concurrency import save_checked
from fagloft.audit.services import record, record_create, record_update, snapshot
from fagloft.grants import deadlines, eligibility
from fagloft.grants.models import (
    Application,
    Assessment,
    BudgetLine,
    Call,
    Criterion,
    Decision,
    GrantReport,
    Payment,
    Score,
)

CALL_FIELDS = ("kind", "title", "text", "budget", "opens_on", "deadline", "spending_deadline", "reporting_duties",
               "eligibility_rules", "max_per_student", "status")
APPLICATION_FIELDS = ("network", "lead_municipality", "partner", "title", "description", "goals", "co_financing",
                      "co_financing_note", "contact_email")
DECISION_FIELDS = ("outcome", "amount", "conditions", "reasons", "decided_on", "decided_by")


class SubmissionRefused(ValidationError):
    """Submission refused: the deadline has passed or an eligibility rule fails. Carries the reasons."""


@transaction.atomic
def create_call(actor: Any, *, county: Any, criteria: Iterable[dict[str, Any]] = (), **values: Any) -> Call:
    call = Call.objects.create(county=county, created_by=actor, **values)
    for order, criterion in enumerate(criteria, start=1):
        Criterion.objects.create(call=call, order=order, **criterion)
    record_create(actor, call)
    return call


@transaction.atomic
def update_call(actor: Any, call: Call, *, expected_version: int, **values: Any) -> Call:
    before = snapshot(call, CALL_FIELDS)
    for name in CALL_FIELDS:
        if name in values:
            setattr(call, name, values[name])
    save_checked(call, expected_version, CALL_FIELDS)
    record_update(actor, call, before)
    return call


@transaction.atomic
def add_criterion(actor: Any, call: Call, **values: Any) -> Criterion:
    values.setdefault("order", call.criteria.count() + 1)
    criterion = Criterion.objects.create(call=call, **values)
    record(actor, "update", call, {"criterion": [None, str(criterion)]})
    return criterion


@transaction.atomic
def start_application(actor: Any, call: Call, *, lead_municipality: Any, title: str, network: Any = None) -> Application:
    application = Application.objects.create(call=call, county=call.county or lead_municipality.county,
                                             lead_municipality=lead_municipality, network=network, title=title,
                                             created_by=actor)
    application.participants.add(lead_municipality)
    record_create(actor, application)
    return application


@transaction.atomic
def save_application(actor: Any, application: Application, *, expected_version: int, participants: Iterable[Any],
                     budget_lines: Iterable[tuple], **values: Any) -> Application:
    """Save a draft. Budget lines are (category, description, amount, student[, employee id]) and replace
    the old ones."""
    if not application.is_editable:
        raise ValidationError(_("Søknaden er sendt inn og kan ikke endres."))
    before = snapshot(application, APPLICATION_FIELDS)
    before["budget"] = _budget_summary(application)
    for name in APPLICATION_FIELDS:
        if name in values:
            setattr(application, name, values[name])
    save_checked(application, expected_version, APPLICATION_FIELDS)
    application.participants.set({*participants, application.lead_municipality})
    application.budget_lines.all().delete()
    BudgetLine.objects.bulk_create([
        BudgetLine(application=application, category=c, description=d, amount=a, student=s,
                   employee_id=rest[0] if rest else None)
        for c, d, a, s, *rest in budget_lines if a
    ])
    changes = snapshot(application, APPLICATION_FIELDS)
    changes["budget"] = _budget_summary(application)
    if before != changes:
        record(actor, "update", application, {k: [before[k], v] for k, v in changes.items() if before[k] != v})
    return application


def _budget_summary(application: Application) -> list[str]:
    return [f"{line.category}:{line.amount}:{line.student}" + (f":{line.employee_id}" if line.employee_id else "")
            for line in application.budget_lines.all()]


@transaction.atomic
def submit_application(actor: Any, application: Application, now: datetime.datetime | None = None) -> Application:
    """Submit, if the call is open (deadline at 23.59 Oslo time) and every eligibility rule passes."""
    now = now or timezone.now()
    application = Application.objects.select_for_update().get(pk=application.pk)
    call = application.call
    if application.status != Application.Status.DRAFT:
        raise SubmissionRefused(_("Søknaden er allerede sendt inn."))
    if not deadlines.has_opened(call, now):
        raise SubmissionRefused(_("Utlysningen åpner ikke før %(date)s.") % {"date": call.opens_on.strftime("%d.%m.%Y")})
    if not deadlines.is_before_deadline(call, now):
        raise SubmissionRefused(_("Søknadsfristen gikk ut %(deadline)s. Søknaden kan ikke sendes inn.")
                                % {"deadline": deadlines.deadline_label(call)})
    failed = [r for r in eligibility.check(eligibility.candidate_from(application)) if not r.passed]
    if failed:
        raise SubmissionRefused([r.reason for r in failed])
    before = snapshot(application, ["status", "submitted_at"])
    application.status, application.submitted_at = Application.Status.SUBMITTED, now
    application.version += 1
    application.save(update_fields=["status", "submitted_at", "version", "updated_at"])
    record_update(actor, application, before, message="søknad sendt inn")
    return application


@transaction.atomic
def save_assessment(actor: Any, application: Application, *, expected_version: int | None, comment: str,
                    scores: dict[int, int]) -> Assessment:
    """Save the actor's own scores. Each assessor has their own assessment; opening the same one in
    two places and saving both is refused on the second save (optimistic locking)."""
    if application.status == Application.Status.DRAFT:
        raise ValidationError(_("Søknaden er ikke sendt inn ennå."))
    assessment, created = Assessment.objects.get_or_create(application=application, assessor=actor)
    before = {"comment": assessment.comment, "scores": _scores_of(assessment)}
    assessment.comment = comment
    save_checked(assessment, assessment.version if created else (expected_version or 0), ["comment"])
    criteria = {c.pk for c in application.call.criteria.all() if not c.automatic}
    for criterion_id, value in scores.items():
        if criterion_id in criteria:
            Score.objects.update_or_create(assessment=assessment, criterion_id=criterion_id,
                                           defaults={"score": max(0, min(5, int(value)))})
    after = {"comment": assessment.comment, "scores": _scores_of(assessment)}
    record(actor, "create" if created else "update", assessment,
           {k: [before[k], after[k]] for k in after if before[k] != after[k]})
    return assessment


def _scores_of(assessment: Assessment) -> dict[str, int]:
    return {str(s.criterion_id): s.score for s in assessment.scores.all()}


@transaction.atomic
def decide(actor: Any, application: Application, *, expected_version: int | None, outcome: str,
           amount: decimal.Decimal, conditions: str = "", reasons: str = "",
           decided_on: datetime.date | None = None) -> Decision:
    if application.status == Application.Status.DRAFT:
        raise ValidationError(_("Søknaden er ikke sendt inn ennå."))
    if outcome == Decision.Outcome.REFUSED and not reasons.strip():
        raise ValidationError(_("Et avslag må begrunnes."))
    amount = amount if outcome == Decision.Outcome.GRANTED else decimal.Decimal(0)
    values = {"outcome": outcome, "amount": amount, "conditions": conditions, "reasons": reasons,
              "decided_on": decided_on or timezone.localdate(), "decided_by": actor}
    decision = Decision.objects.filter(application=application).first()
    if decision is None:
        decision = Decision.objects.create(application=application, **values)
        record_create(actor, decision)
    else:
        before = snapshot(decision, DECISION_FIELDS)
        for name, value in values.items():
            setattr(decision, name, value)
        save_checked(decision, expected_version or 0, DECISION_FIELDS)
        record_update(actor, decision, before)
    _set_status(actor, application, Application.Status.GRANTED if outcome == Decision.Outcome.GRANTED
                else Application.Status.REFUSED)
    return decision


def _set_status(actor: Any, application: Application, status: str) -> None:
    before = snapshot(application, ["status"])
    application.status = status
    application.save(update_fields=["status", "updated_at"])
    record_update(actor, application, before)


@transaction.atomic
def add_payment(actor: Any, decision: Decision, *, amount: decimal.Decimal, paid_on: datetime.date,
                reference: str = "") -> Payment:
    paid = sum((p.amount for p in decision.payments.all()), decimal.Decimal(0))
    if decision.outcome != Decision.Outcome.GRANTED or paid + amount > decision.amount:
        raise ValidationError(_("Utbetalingene kan ikke bli større enn innvilget beløp (%(amount)s kr).")
                              % {"amount": decision.amount})
    payment = Payment.objects.create(decision=decision, amount=amount, paid_on=paid_on, reference=reference)
    record(actor, "update", decision, {"payment": [None, f"{amount} {paid_on}"]})
    return payment


@transaction.atomic
def add_report(actor: Any, application: Application, *, kind: str, text: str, spent: decimal.Decimal) -> GrantReport:
    if application.status != Application.Status.GRANTED:
        raise ValidationError(_("Det kan bare rapporteres på innvilgede søknader."))
    report = GrantReport.objects.create(application=application, kind=kind, text=text, spent=spent,
                                        submitted_by=actor)
    record_create(actor, report)
    return report

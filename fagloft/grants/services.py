"""Writes for calls, applications, assessments and decisions and follow-up: each a use case that checks
its action before the body and runs in one transaction with its audit rows."""

from __future__ import annotations

import datetime
import decimal
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from fagloft.accounts.access import GLOBAL_ROLES, can, has_role
from fagloft.accounts.use_cases import not_a_use_case, system_job, use_case
from fagloft.audit.concurrency import save_checked
from fagloft.audit.models import AuditEvent
from fagloft.audit.services import record, record_create, record_update, snapshot
from fagloft.grants import deadlines, eligibility, queries
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
from fagloft.grants.permissions import APPLY, ASSESS, DECIDE, MANAGE_CALL, REPORT
from fagloft.lib.formatting import date as format_date
from fagloft.lib.formatting import money
from fagloft.lib.refusals import Refused
from fagloft.networks import services as network_services
from fagloft.networks.models import DevelopmentProject
from fagloft.programmes.models import HOLDS_PLACE

CALL_FIELDS = (
    "kind",
    "title",
    "text",
    "budget",
    "opens_on",
    "deadline",
    "spending_deadline",
    "reporting_duties",
    "eligibility_rules",
    "max_per_student",
    "cost_kinds",
    "status",
)
APPLICATION_FIELDS = (
    "network",
    "project",
    "lead_municipality",
    "partner",
    "title",
    "description",
    "goals",
    "co_financing",
    "co_financing_note",
    "contact_email",
)
DECISION_FIELDS = ("case_number", "outcome", "amount", "conditions", "reasons", "decided_on", "decided_by")
ZERO = decimal.Decimal(0)


def _refuse_national(actor: Any, county: Any) -> None:
    # A call without a county is national (Bufdir's); only a global role registers one.
    if county is None and actor is not None and not has_role(actor, *GLOBAL_ROLES):
        raise Refused(_("Velg fylke. Bare administrator registrerer nasjonale utlysninger."), field="county")


@use_case(MANAGE_CALL, on="county")
def create_call(actor: Any, *, county: Any, criteria: Iterable[dict[str, Any]] = (), **values: Any) -> Call:
    _refuse_national(actor, county)
    values["status"] = Call.Status.DRAFT  # published later, with a confirmation (`publish_call`)
    call = Call.objects.create(county=county, created_by=actor, **values)
    for order, criterion in enumerate(criteria, start=1):
        Criterion.objects.create(call=call, order=order, **criterion)
    record_create(actor, call)
    return call


@use_case(MANAGE_CALL, on="call")
def update_call(actor: Any, call: Call, *, expected_version: int, **values: Any) -> Call:
    before = snapshot(call, CALL_FIELDS)
    # Publishing is its own step with a confirmation (`publish_call`); an edit keeps the status.
    values.pop("status", None)
    for name in CALL_FIELDS:
        if name in values:
            setattr(call, name, values[name])
    save_checked(call, expected_version, CALL_FIELDS)
    record_update(actor, call, before)
    return call


@use_case(MANAGE_CALL, on="call")
def publish_call(actor: Any, call: Call, *, expected_version: Any) -> Call:
    """Publish a draft call: applicants in its county (or the whole country) see it and may apply.
    Irreversible once anyone has applied, so the page asks for confirmation first."""
    if call.status == Call.Status.PUBLISHED:
        raise Refused(_("Utlysningen er allerede publisert."))
    before = snapshot(call, ["status"])
    call.status = Call.Status.PUBLISHED
    save_checked(call, expected_version, ["status"])
    record(
        actor,
        AuditEvent.Verb.TRANSITION,
        call,
        {"status": [before["status"], call.status]},
        message="utlysning publisert",
    )
    return call


@use_case(MANAGE_CALL, on="call")
def add_criterion(actor: Any, call: Call, **values: Any) -> Criterion:
    values.setdefault("order", call.criteria.count() + 1)
    criterion = Criterion.objects.create(call=call, **values)
    record(actor, AuditEvent.Verb.UPDATE, call, {"criterion": [None, str(criterion)]})
    return criterion


def _refuse_unless_applicant(actor: Any, application: Application) -> None:
    """After a change of network or lead municipality the actor must still be its applicant: a
    coordinator may not leave a draft outside the networks they coordinate."""
    if actor is not None and not can(actor, APPLY, application):
        raise Refused(
            _(
                "Du kan bare skrive søknader for din egen kommune eller tjeneste, eller for et "
                "læringsnettverk du er koordinator for. Velg et av dem."
            ),
            field="network",
        )


@use_case(APPLY, on="call")
def start_application(
    actor: Any,
    call: Call,
    *,
    lead_municipality: Any,
    title: str,
    network: Any = None,
    county: Any = None,
    project: Any = None,
) -> Application:
    if call.status != Call.Status.PUBLISHED:
        raise Refused(_("Utlysningen er ikke publisert."))
    network = _refuse_wrong_project(call, project, network)
    if county is not None and county.pk != (call.county_id or lead_municipality.county_id):
        raise Refused(_("Søknaden må høre til fylket til utlysningen eller den ansvarlige kommunen."), field="county")
    application = Application.objects.create(
        call=call,
        county=call.county or lead_municipality.county,
        lead_municipality=lead_municipality,
        network=network,
        project=project,
        title=title,
        created_by=actor,
    )
    application.participants.add(lead_municipality)
    _refuse_unless_applicant(actor, application)
    record_create(actor, application)
    return application


def _refuse_wrong_project(call: Call, project: Any, network: Any) -> Any:
    """The network the application comes from, given its project: a project belongs to one network,
    and only stimulus funds are for projects. An empty network takes the project's."""
    if project is None:
        return network
    if call.kind != Call.Kind.DEVELOPMENT:
        raise Refused(_("Tilskudd til videreutdanning gjelder ansatte, ikke utviklingsprosjekter."), field="project")
    if network is not None and project.network_id != network.pk:
        raise Refused(
            _("Prosjektet «%(project)s» hører til %(owner)s, ikke %(network)s.")
            % {"project": project.title, "owner": project.network.name, "network": network.name},
            field="project",
        )
    return network or project.network


@not_a_use_case
def budget_line_refusals(call: Call, budget_lines: Iterable[tuple]) -> dict[int, tuple[str, str]]:
    """The call's rules on each budget line: {position: (field, message)} for a cost kind the call
    does not cover, and for the line that takes a student over the call's ceiling per student (the
    ceiling itself is allowed). Read-only, so the form shows the same messages at the lines."""
    allowed = call.allowed_categories()
    labels = dict(BudgetLine.Category.choices)
    limit = call.max_per_student
    refusals: dict[int, tuple[str, str]] = {}
    per_student: dict[str, decimal.Decimal] = {}
    for index, (category, _description, amount, student, *_rest) in enumerate(budget_lines):
        if category and category not in allowed:
            refusals[index] = (
                "category",
                _("Utlysningen dekker ikke «%(kind)s». Det kan søkes om: %(allowed)s.")
                % {
                    "kind": labels.get(category, category),
                    "allowed": ", ".join(str(labels[c]).lower() for c in allowed),
                },
            )
            continue
        name = " ".join((student or "").split())
        if limit is None or amount is None or not name:
            continue
        key = name.casefold()
        per_student[key] = per_student.get(key, ZERO) + amount
        if per_student[key] > limit:
            refusals[index] = (
                "amount",
                _("%(name)s får da %(total)s i alt, mer enn taket på %(limit)s per student i denne utlysningen.")
                % {"name": name, "total": money(per_student[key]), "limit": money(limit)},
            )
    return refusals


def _refuse_budget_rules(call: Call, budget_lines: list[tuple]) -> Refused | None:
    refusals = budget_line_refusals(call, budget_lines)
    if not refusals:
        return None
    return Refused(
        [_("Budsjettlinje %(line)s: %(message)s") % {"line": i + 1, "message": m} for i, (_f, m) in refusals.items()],
        field="budget",
    )


@not_a_use_case
def incomplete_budget_lines(budget_lines: Iterable[tuple]) -> list[int]:
    """Positions (0-based) of lines without category or amount; a line is never dropped silently."""
    return [
        index
        for index, (category, _description, amount, *_rest) in enumerate(budget_lines)
        if not category or amount is None
    ]


@use_case(APPLY, on="application")
def save_application(
    actor: Any,
    application: Application,
    *,
    expected_version: int,
    participants: Iterable[Any],
    budget_lines: Iterable[tuple],
    **values: Any,
) -> Application:
    """Save a draft. Budget lines are (category, description, amount, student[, employee id]) and replace
    the old ones; an incomplete line is refused, not dropped."""
    budget_lines = list(budget_lines)
    if not application.is_editable:
        raise Refused(_("Søknaden er sendt inn og kan ikke endres."))
    if incomplete_budget_lines(budget_lines):
        raise Refused(_("Hver budsjettlinje må ha kategori og beløp."), field="budget")
    if "project" in values:
        values["network"] = _refuse_wrong_project(
            application.call, values["project"], values.get("network", application.network)
        )
    incomplete = _refuse_budget_rules(application.call, budget_lines)
    if incomplete is not None:
        raise incomplete
    before = snapshot(application, APPLICATION_FIELDS)
    before["budget"] = _budget_summary(application)
    for name in APPLICATION_FIELDS:
        if name in values:
            setattr(application, name, values[name])
    save_checked(application, expected_version, APPLICATION_FIELDS)
    application.participants.set({*participants, application.lead_municipality})
    _refuse_unless_applicant(actor, application)
    application.budget_lines.all().delete()
    BudgetLine.objects.bulk_create(
        [
            BudgetLine(
                application=application,
                category=c,
                description=d,
                amount=a,
                student=s,
                employee_id=rest[0] if rest else None,
            )
            for c, d, a, s, *rest in budget_lines
        ]
    )
    changes = snapshot(application, APPLICATION_FIELDS)
    changes["budget"] = _budget_summary(application)
    if before != changes:
        record(
            actor,
            AuditEvent.Verb.UPDATE,
            application,
            {k: [before[k], v] for k, v in changes.items() if before[k] != v},
        )
    return application


def _budget_summary(application: Application) -> list[str]:
    return [
        f"{line.category}:{line.amount}:{line.description}:{line.student}"
        + (f":{line.employee_id}" if line.employee_id else "")
        for line in application.budget_lines.all()
    ]


@not_a_use_case
def submission_refusal(application: Application, now: datetime.datetime | None = None) -> Refused | None:
    """Why the application cannot be submitted now, or None (read-only: the confirmation page asks too)."""
    now = now or timezone.now()
    call = application.call
    if application.status != Application.Status.DRAFT:
        return Refused(_("Søknaden er allerede sendt inn."))
    if call.status != Call.Status.PUBLISHED:
        return Refused(_("Utlysningen er ikke publisert."))
    if not deadlines.has_opened(call, now):
        return Refused(_("Utlysningen åpner ikke før %(date)s.") % {"date": format_date(call.opens_on)})
    if not deadlines.is_before_deadline(call, now):
        return Refused(
            _("Søknadsfristen gikk ut %(deadline)s. Søknaden kan ikke sendes inn.")
            % {"deadline": deadlines.deadline_label(call)}
        )
    failed = [r.reason for r in eligibility.check(eligibility.candidate_from(application)) if not r.passed]
    # A student may have withdrawn or lost the place since their line was added.
    failed += [
        _("Tilskudd per student: %(student)s har ikke lenger plass på %(offer)s. Fjern linjen før søknaden sendes inn.")
        % {"student": line.enrolment.employee, "offer": line.enrolment.offer.title}
        for line in application.employer_grant_lines.select_related("enrolment__employee", "enrolment__offer")
        if line.enrolment.status not in HOLDS_PLACE
    ]
    if failed:
        return Refused(failed)
    return None


@use_case(APPLY, on="application")
def submit_application(actor: Any, application: Application, now: datetime.datetime | None = None) -> Application:
    """Submit, if the call is open (deadline at 23.59 Oslo time) and every eligibility rule passes."""
    now = now or timezone.now()
    application = Application.objects.select_for_update().get(pk=application.pk)
    refusal = submission_refusal(application, now)
    if refusal is not None:
        raise refusal
    before = snapshot(application, ["status", "submitted_at"])
    application.status, application.submitted_at = Application.Status.SUBMITTED, now
    application.version += 1
    application.save(update_fields=["status", "submitted_at", "version", "updated_at"])
    record_update(actor, application, before, message="søknad sendt inn")
    return application


@use_case(ASSESS, on="application")
def save_assessment(
    actor: Any, application: Application, *, expected_version: int | None, comment: str, scores: dict[int, int]
) -> Assessment:
    """Save the actor's own scores. Each assessor has their own assessment; opening the same one in
    two places and saving both is refused on the second save (optimistic locking)."""
    if application.status == Application.Status.DRAFT:
        raise Refused(_("Søknaden er ikke sendt inn ennå."))
    assessment, created = Assessment.objects.get_or_create(application=application, assessor=actor)
    before = {"comment": assessment.comment, "scores": _scores_of(assessment)}
    assessment.comment = comment
    save_checked(assessment, assessment.version if created else (expected_version or 0), ["comment"])
    criteria = {c.pk for c in application.call.criteria.all() if not c.automatic}
    for criterion_id, value in scores.items():
        if criterion_id in criteria:
            Score.objects.update_or_create(
                assessment=assessment, criterion_id=criterion_id, defaults={"score": max(0, min(5, int(value)))}
            )
    after = {"comment": assessment.comment, "scores": _scores_of(assessment)}
    record(
        actor,
        AuditEvent.Verb.CREATE if created else AuditEvent.Verb.UPDATE,
        assessment,
        {k: [before[k], after[k]] for k in after if before[k] != after[k]},
    )
    return assessment


def _scores_of(assessment: Assessment) -> dict[str, int]:
    return {str(s.criterion_id): s.score for s in assessment.scores.all()}


def _requested_amount(application: Application) -> decimal.Decimal:
    # The budget lines and the employer grant per admitted student (`employer_grants`).
    budget = application.budget_lines.aggregate(total=Sum("amount"))["total"] or ZERO
    return budget + sum((line.total for line in application.employer_grant_lines.all()), ZERO)


@not_a_use_case
def budget_left(application: Application) -> decimal.Decimal:
    """What is left of the call's budget for this application: the budget less what the call's
    other applications have been granted (this application's own earlier decision does not count)."""
    call = application.call
    granted = (
        Decision.objects.filter(application__call=call, outcome=Decision.Outcome.GRANTED)
        .exclude(application=application)
        .aggregate(total=Sum("amount"))["total"]
        or ZERO
    )
    return max(call.budget - granted, ZERO)


@not_a_use_case
def decision_refusal(
    application: Application, *, outcome: str, amount: decimal.Decimal | None, reasons: str = ""
) -> Refused | None:
    """Why this decision may not be made, or None. Read-only, so the confirmation step asks it too."""
    if application.status == Application.Status.DRAFT:
        return Refused(_("Søknaden er ikke sendt inn ennå."))
    if outcome == Decision.Outcome.REFUSED:
        if not (reasons or "").strip():
            return Refused(_("Et avslag må begrunnes."), field="reasons")
        amount = ZERO
    elif not amount or amount <= 0:
        return Refused(_("Oppgi innvilget beløp."), field="amount")
    # A grant is never larger than what was applied for, nor than what is left of the call's budget
    # (the call's budget is the funds the county has; there is no override for either).
    requested = _requested_amount(application)
    if amount > requested:
        return Refused(
            _("Innvilget beløp (%(amount)s) kan ikke være større enn søkt beløp (%(requested)s).")
            % {"amount": money(amount), "requested": money(requested)},
            field="amount",
        )
    left = budget_left(application)
    if amount > left:
        return Refused(
            _(
                "Innvilget beløp (%(amount)s) er større enn det som er igjen av utlysningens ramme "
                "(%(left)s av %(budget)s)."
            )
            % {"amount": money(amount), "left": money(left), "budget": money(application.call.budget)},
            field="amount",
        )
    paid = Payment.objects.filter(decision__application=application).aggregate(total=Sum("amount"))["total"] or ZERO
    if amount < paid:
        return Refused(
            _("Det er allerede utbetalt %(paid)s; innvilget beløp kan ikke være lavere.") % {"paid": money(paid)},
            field="amount",
        )
    return None


@use_case(DECIDE, on="application")
def decide(
    actor: Any,
    application: Application,
    *,
    expected_version: int | None,
    outcome: str,
    amount: decimal.Decimal,
    conditions: str = "",
    reasons: str = "",
    decided_on: datetime.date | None = None,
    case_number: str = "",
) -> Decision:
    # Serialise decisions on one call, so two grants decided at once cannot both fit the same budget.
    Call.objects.select_for_update().filter(pk=application.call_id).first()
    refusal = decision_refusal(application, outcome=outcome, amount=amount, reasons=reasons)
    if refusal is not None:
        raise refusal
    amount = amount if outcome == Decision.Outcome.GRANTED else ZERO
    values = {
        "case_number": case_number.strip(),
        "outcome": outcome,
        "amount": amount,
        "conditions": conditions,
        "reasons": reasons,
        "decided_on": decided_on or timezone.localdate(),
        "decided_by": actor,
    }
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
    _set_status(
        actor,
        application,
        Application.Status.GRANTED if outcome == Decision.Outcome.GRANTED else Application.Status.REFUSED,
    )
    if outcome == Decision.Outcome.GRANTED:
        _advance_project(application, DevelopmentProject.Status.GRANTED, _("tilskudd innvilget"))
    return decision


def _advance_project(application: Application, status: str, reason: str) -> None:
    """The project's status follows from its grants (networks moves it forward only, and audits it)."""
    if application.project is not None:
        network_services.advance_project_status(application.project, status, reason=f"{reason}: {application.title}")


def _set_status(actor: Any, application: Application, status: str) -> None:
    before = snapshot(application, ["status"])
    application.status = status
    application.save(update_fields=["status", "updated_at"])
    record_update(actor, application, before)


@use_case(DECIDE, on="decision")
def add_payment(
    actor: Any, decision: Decision, *, amount: decimal.Decimal, paid_on: datetime.date, reference: str = ""
) -> Payment:
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    if decision.outcome != Decision.Outcome.GRANTED:
        raise Refused(_("Søknaden er avslått; det kan ikke utbetales noe."), field="amount")
    paid = decision.payments.aggregate(total=Sum("amount"))["total"] or ZERO
    if paid + amount > decision.amount:
        raise Refused(
            _(
                "Utbetalingene kan ikke bli større enn innvilget beløp (%(granted)s). Utbetalt hittil: "
                "%(paid)s, så høyst %(left)s kan utbetales nå."
            )
            % {"granted": money(decision.amount), "paid": money(paid), "left": money(decision.amount - paid)},
            field="amount",
        )
    payment = Payment.objects.create(decision=decision, amount=amount, paid_on=paid_on, reference=reference)
    record(actor, AuditEvent.Verb.UPDATE, decision, {"payment": [None, f"{amount} {paid_on}"]})
    # The first payment starts the project (a later one changes nothing: the status only moves forward).
    _advance_project(decision.application, DevelopmentProject.Status.RUNNING, _("første utbetaling"))
    return payment


@use_case(REPORT, on="application")
def add_report(
    actor: Any,
    application: Application,
    *,
    kind: str,
    text: str,
    spent: decimal.Decimal,
    outcome_comment: str = "",
) -> GrantReport:
    """A progress or final report. It carries the project's outcome measures as they stand now (the
    values read from statistics since the baseline), so the report keeps what it showed. A final
    report moves the project to «rapportert»."""
    if application.status != Application.Status.GRANTED:
        raise Refused(_("Det kan bare rapporteres på innvilgede søknader."))
    report = GrantReport.objects.create(
        application=application,
        kind=kind,
        text=text,
        spent=spent,
        outcomes=queries.outcome_rows(application.project),
        outcome_comment=outcome_comment,
        submitted_by=actor,
    )
    record_create(actor, report)
    if kind == GrantReport.Kind.FINAL:
        _advance_project(application, DevelopmentProject.Status.REPORTED, _("sluttrapport sendt"))
    return report


@system_job
def send_spending_reminder(decision: Decision, *, today: datetime.date) -> int:
    """E-mail one grant holder before the spending deadline and note that it was done (daily job,
    `reminders.send_spending_reminders`); one transaction per grant, so one failure stops no other."""
    application = decision.application
    recipients = sorted({a for a in (application.contact_email, getattr(application.created_by, "email", "")) if a})
    if recipients:
        send_mail(
            _("Påminnelse: tilskuddet til %(title)s må brukes innen %(date)s")
            % {"title": application.title, "date": format_date(application.call.spending_deadline)},
            _(
                "Innvilget beløp: %(amount)s. Husk sluttrapport med hva som er brukt. Ubrukte midler skal "
                "betales tilbake."
            )
            % {"amount": money(decision.amount)},
            settings.DEFAULT_FROM_EMAIL,
            recipients,
        )
    decision.spending_reminder_sent_on = today
    decision.save(update_fields=["spending_reminder_sent_on", "updated_at"])
    record(None, AuditEvent.Verb.UPDATE, decision, {"spending_reminder": [None, str(today)]})
    return len(recipients)

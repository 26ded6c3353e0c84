"""The employer grant for further education, per admitted student (the strategy: the employer
applies for substitutes, travel and stay, and literature for each student, up to a ceiling per
student per year that Bufdir sets as data, `programmes.GrantCeiling`).

A line links the application to the student's enrolment in programmes (programmes sits below
grants, so the foreign key is here and the enrolment page shows the line through `links.py`).
Use cases: `save_line` (add or change a student's line) and `remove_line`, both on a draft
further-education application, by its applicant; every change audited on the application."""

from __future__ import annotations

import decimal
from typing import Any

from django.db.models import F, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from fagloft.accounts.use_cases import not_a_use_case, use_case
from fagloft.audit.models import AuditEvent
from fagloft.audit.services import record
from fagloft.grants.models import Application, Call, EmployerGrantLine
from fagloft.grants.permissions import APPLY
from fagloft.lib.formatting import money
from fagloft.lib.refusals import Refused
from fagloft.organizations.models import ServiceCoverage
from fagloft.programmes import queries as programme_queries
from fagloft.programmes.models import HOLDS_PLACE, Enrolment, OfferKind

ZERO = decimal.Decimal(0)
AMOUNTS = ("substitutes", "travel", "literature")


@not_a_use_case
def applying_services(application: Application) -> QuerySet[Any]:
    """The services that cover, today, one of the application's municipalities."""
    municipalities = [application.lead_municipality_id, *application.participants.values_list("pk", flat=True)]
    return (
        ServiceCoverage.objects.valid_on(timezone.localdate())
        .filter(municipality_id__in=municipalities)
        .values("service_id")
    )


@not_a_use_case
def eligible_enrolments(actor: Any, application: Application) -> QuerySet[Enrolment]:
    """The admitted further-education students of the applying services that the actor may see as
    persons (their own service's leader; municipal leaders see aggregates only, so none)."""
    return (
        programme_queries.visible_enrolments(actor)
        .filter(
            service_id__in=applying_services(application),
            status__in=HOLDS_PLACE,
            offer__kind=OfferKind.FURTHER_EDUCATION,
        )
        .order_by("-year", "employee__last_name", "employee__first_name", "pk")
    )


@not_a_use_case
def ceiling_for(application: Application, year: int) -> decimal.Decimal | None:
    """The year's ceiling per student (Bufdir's data); the call's own maximum when lower or when
    the year has none."""
    amounts = [
        a for a in (programme_queries.grant_ceiling_for(year), application.call.max_per_student) if a is not None
    ]
    return min(amounts) if amounts else None


@not_a_use_case
def granted_elsewhere(enrolment: Enrolment, application: Application) -> decimal.Decimal:
    """What the same student has applied for, for the same year, in the employer's other
    applications that are not refused (the ceiling is per student per year, not per application)."""
    lines = (
        EmployerGrantLine.objects.filter(enrolment__employee_id=enrolment.employee_id, enrolment__year=enrolment.year)
        .exclude(application=application)
        .exclude(application__status=Application.Status.REFUSED)
    )
    return sum((line.total for line in lines), ZERO)


@not_a_use_case
def highest_per_student(year: int) -> decimal.Decimal:
    """The most one student has against `year`'s ceiling, summed as `granted_elsewhere` does (every
    application that is not refused). Offered to programmes (`grants.ceiling_uses`), which refuses to
    set the ceiling below it."""
    totals = (
        EmployerGrantLine.objects.filter(enrolment__year=year)
        .exclude(application__status=Application.Status.REFUSED)
        .values("enrolment__employee_id")
        .annotate(student_total=Sum(F("substitutes") + F("travel") + F("literature")))
        .order_by("-student_total")
        .values_list("student_total", flat=True)
    )
    return totals.first() or ZERO


@not_a_use_case
def line_refusal(application: Application, enrolment: Enrolment, amounts: dict[str, Any]) -> Refused | None:
    """Why the line cannot be saved, or None (read-only: the form shows the same message)."""
    if application.call.kind != Call.Kind.FURTHER_EDUCATION:
        return Refused(_("Tilskudd per student gjelder bare utlysninger av tilskudd til videreutdanning."))
    if not application.is_editable:
        return Refused(_("Søknaden er sendt inn og kan ikke endres."))
    if enrolment.offer.kind != OfferKind.FURTHER_EDUCATION:
        return Refused(_("Studenten må ha plass i en videreutdanning."), field="enrolment")
    if not applying_services(application).filter(service_id=enrolment.service_id).exists():
        return Refused(
            _("%(name)s er ansatt i %(service)s, som ikke hører til søkerkommunene.")
            % {"name": enrolment.employee, "service": enrolment.service.name},
            field="enrolment",
        )
    if enrolment.status not in HOLDS_PLACE:
        return Refused(
            _("%(name)s er ikke tatt opp på studiet (status: %(status)s).")
            % {"name": enrolment.employee, "status": enrolment.get_status_display()},
            field="enrolment",
        )
    values = [amounts.get(name) or ZERO for name in AMOUNTS]
    if any(v < 0 for v in values):
        return Refused(_("Beløpene kan ikke være negative."))
    total = sum(values, ZERO)
    if total <= 0:
        return Refused(_("Før opp minst ett beløp."), field="substitutes")
    ceiling = ceiling_for(application, enrolment.year)
    if ceiling is None:
        return Refused(
            _("Det er ikke satt noe tak for tilskudd per student for %(year)s. Bufdir må sette det først.")
            % {"year": enrolment.year}
        )
    elsewhere = granted_elsewhere(enrolment, application)
    if elsewhere + total > ceiling:
        return Refused(
            _("%(name)s får da %(total)s for %(year)s i alt, mer enn taket på %(ceiling)s per student.")
            % {
                "name": enrolment.employee,
                "total": money(elsewhere + total),
                "year": enrolment.year,
                "ceiling": money(ceiling),
            }
        )
    return None


def _summary(line: EmployerGrantLine | None) -> str | None:
    if line is None:
        return None
    return f"{line.enrolment_id}:{line.substitutes}/{line.travel}/{line.literature}"


@use_case(APPLY, on="application")
def save_line(actor: Any, application: Application, *, enrolment: Enrolment, **amounts: Any) -> EmployerGrantLine:
    """Add a student's line to a draft, or change it (one line per student per application)."""
    unknown = set(amounts) - set(AMOUNTS)
    if unknown:
        raise ValueError(f"Not amounts: {sorted(unknown)}")
    application = Application.objects.select_for_update().select_related("call").get(pk=application.pk)
    enrolment = Enrolment.objects.select_related("employee", "service", "offer").get(pk=enrolment.pk)
    if actor is not None and not eligible_enrolments(actor, application).filter(pk=enrolment.pk).exists():
        # Not a student the actor may name (another service, or not admitted): say why when we can.
        refusal = line_refusal(application, enrolment, amounts)
        raise refusal or Refused(_("Du kan bare føre opp studenter fra din egen tjeneste."), field="enrolment")
    refusal = line_refusal(application, enrolment, amounts)
    if refusal is not None:
        raise refusal
    line = EmployerGrantLine.objects.filter(application=application, enrolment=enrolment).first()
    before = _summary(line)
    if line is None:
        line = EmployerGrantLine(application=application, enrolment=enrolment)
    for name in AMOUNTS:
        setattr(line, name, amounts.get(name) or ZERO)
    line.full_clean()
    line.save()
    record(actor, AuditEvent.Verb.UPDATE, application, {"employer_grant_line": [before, _summary(line)]})
    return line


@use_case(APPLY, on="application")
def remove_line(actor: Any, application: Application, *, line: EmployerGrantLine) -> None:
    if line.application_id != application.pk:
        raise Refused(_("Linjen hører til en annen søknad."))
    if not application.is_editable:
        raise Refused(_("Søknaden er sendt inn og kan ikke endres."))
    before = _summary(line)
    line.delete()
    record(actor, AuditEvent.Verb.UPDATE, application, {"employer_grant_line": [before, None]})


@not_a_use_case
def lines_of(application: Application) -> list[EmployerGrantLine]:
    return list(
        application.employer_grant_lines.select_related("enrolment__employee", "enrolment__offer", "enrolment__service")
    )


@not_a_use_case
def total_of(application: Application) -> decimal.Decimal:
    return sum((line.total for line in application.employer_grant_lines.all()), ZERO)

"""Reads for grant pages, the API and reports."""

from __future__ import annotations

import decimal
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.utils.translation import gettext as _

from fagloft.accounts.access import can, visible
from fagloft.competence import queries as competence_queries
from fagloft.grants import eligibility
from fagloft.grants.models import (
    Application,
    Assessment,
    BudgetLine,
    Call,
    Criterion,
    Decision,
    EmployerGrantLine,
    GrantReport,
    Payment,
    Score,
)
from fagloft.grants.permissions import MANAGE_CALL, VIEW_APPLICATION, VIEW_CALL
from fagloft.networks import queries as network_queries

ZERO = decimal.Decimal(0)


def calls_for(user: Any) -> QuerySet[Call]:
    """Calls the user may see; drafts only for those who may manage them."""
    calls = visible(user, VIEW_CALL, Call.objects.select_related("county"))
    managed = visible(user, MANAGE_CALL, Call.objects.all()) if can(user, MANAGE_CALL) else Call.objects.none()
    return calls.filter(Q(status=Call.Status.PUBLISHED) | Q(pk__in=managed.values("pk")))


def budget_sum() -> Subquery:
    """The sum of an application's budget lines (None without lines), as a correlated subquery: a
    `Sum` over the join would group the whole list by every selected column before LIMIT."""
    lines = BudgetLine.objects.filter(application=OuterRef("pk")).order_by().values("application")
    return Subquery(lines.annotate(total=Sum("amount")).values("total"))


def employer_grant_sum() -> Subquery:
    """The employer grant of an application's admitted students (None without lines), summed in SQL."""
    lines = EmployerGrantLine.objects.filter(application=OuterRef("pk")).order_by().values("application")
    return Subquery(lines.annotate(grant=Sum(F("substitutes") + F("travel") + F("literature"))).values("grant"))


def applications_for(user: Any) -> QuerySet[Application]:
    return visible(user, VIEW_APPLICATION, Application.objects.select_related("call", "lead_municipality", "network"))


def latest_applications_for(user: Any, limit: int) -> list[Application]:
    """The user's `limit` newest applications with their budget sum (`requested`). The page is cut
    first, so the sum is read for those rows only and not for every application sorted."""
    newest = applications_for(user).order_by("-created_at", "-pk").values("pk")[:limit]
    return list(
        Application.objects.filter(pk__in=newest)
        .select_related("call", "lead_municipality", "network")
        .annotate(requested=budget_sum())
        .order_by("-created_at", "-pk")
    )


def application_detail() -> QuerySet[Application]:
    return Application.objects.select_related(
        "call__county", "lead_municipality", "network", "partner", "county", "project"
    ).prefetch_related("participants", "budget_lines", "employer_grant_lines")


def requested(application: Application) -> decimal.Decimal:
    """The budget lines and the employer grant per admitted student (prefetch both on lists)."""
    budget = sum((line.amount for line in application.budget_lines.all()), ZERO)
    return budget + sum((line.total for line in application.employer_grant_lines.all()), ZERO)


def budget_by_category(application: Application) -> list[tuple[str, decimal.Decimal]]:
    totals: dict[str, decimal.Decimal] = {}
    for line in application.budget_lines.all():
        label = line.get_category_display()
        totals[label] = totals.get(label, ZERO) + line.amount
    return sorted(totals.items())


@dataclass
class RankedApplication:
    application: Application
    requested: decimal.Decimal
    score: float | None
    assessor_count: int
    within_budget: bool = False
    cumulative: decimal.Decimal = ZERO
    per_criterion: dict[int, float] = field(default_factory=dict)


def ranking(call: Call, applications: QuerySet[Application] | None = None) -> list[RankedApplication]:
    """Submitted applications ranked by weighted score (0–5), and which fit within the call's budget.

    Manual criteria take the average of the assessors' scores; the automatic criterion for several
    municipalities is computed from the participants. `applications` narrows the ranking (for a
    national call, each county ranks the applications it assesses)."""
    criteria = list(call.criteria.all())
    applications = applications if applications is not None else call.applications.all()
    # What each applied for (`requested`) summed in SQL; the budget lines are loaded only where the
    # students are ranked too (further education).
    applications = (
        applications.exclude(status=Application.Status.DRAFT)
        .select_related("lead_municipality")
        .annotate(
            participant_count=Count("participants", distinct=True),
            budget_total=budget_sum(),
            employer_grant_total=employer_grant_sum(),
        )
    )
    if call.kind == Call.Kind.FURTHER_EDUCATION:
        applications = applications.prefetch_related("budget_lines")
    rows = list(applications)
    # The assessors' scores as plain tuples, two queries for the whole call: a prefetch of the
    # assessments and their scores would build a queryset per application and per assessment.
    ids = [application.pk for application in rows]
    assessed: dict[int, int] = {}
    for application_id in Assessment.objects.filter(application__in=ids).values_list("application_id", flat=True):
        assessed[application_id] = assessed.get(application_id, 0) + 1
    scores: dict[tuple[int, int], list[int]] = {}
    for application_id, criterion_id, value in Score.objects.filter(assessment__application__in=ids).values_list(
        "assessment__application_id", "criterion_id", "score"
    ):
        scores.setdefault((application_id, criterion_id), []).append(value)
    ranked = [_rank_one(application, criteria, assessed.get(application.pk, 0), scores) for application in rows]
    ranked.sort(key=lambda r: (r.score is None, -(r.score or 0), r.application.pk))
    running = ZERO
    for row in ranked:
        running += row.requested
        row.cumulative = running
        row.within_budget = running <= call.budget
    return ranked


def _rank_one(
    application: Application, criteria: list[Criterion], assessor_count: int, scores: dict[tuple[int, int], list[int]]
) -> RankedApplication:
    per_criterion: dict[int, float] = {}
    for criterion in criteria:
        if criterion.automatic == Criterion.Automatic.SEVERAL_MUNICIPALITIES:
            count = application.participant_count  # type: ignore[attr-defined]
            per_criterion[criterion.pk] = eligibility.several_municipalities_score(count)
            continue
        values = scores.get((application.pk, criterion.pk))
        if values:
            per_criterion[criterion.pk] = sum(values) / len(values)
    weights = sum(c.weight for c in criteria if c.pk in per_criterion)
    score = (
        sum(per_criterion[c.pk] * c.weight for c in criteria if c.pk in per_criterion) / weights
        if weights and assessor_count
        else None
    )
    budget = application.budget_total or ZERO  # type: ignore[attr-defined]
    return RankedApplication(
        application,
        budget + (application.employer_grant_total or ZERO),  # type: ignore[attr-defined]
        round(score, 2) if score is not None else None,
        assessor_count,
        per_criterion=per_criterion,
    )


@dataclass
class FollowUp:
    granted: decimal.Decimal
    paid: decimal.Decimal
    spent: decimal.Decimal | None
    final_reported: bool

    @property
    def unspent(self) -> decimal.Decimal | None:
        """Unspent funds to be paid back, known once the final report is in."""
        if not self.final_reported or self.spent is None:
            return None
        return max(self.granted - self.spent, ZERO)


def follow_up(application: Application) -> FollowUp | None:
    decision = Decision.objects.filter(application=application).first()
    if decision is None or decision.outcome != Decision.Outcome.GRANTED:
        return None
    paid = decision.payments.aggregate(total=Sum("amount"))["total"] or ZERO
    final = application.reports.filter(kind=GrantReport.Kind.FINAL).order_by("-created_at").first()
    latest = final or application.reports.order_by("-created_at").first()
    return FollowUp(decision.amount, paid, latest.spent if latest else None, final is not None)


def _prefetched_follow_up(application: Application) -> FollowUp | None:
    """`follow_up` from an application whose decision (select_related), the decision's payments and
    the reports are already loaded (`repayments_due` reads a whole call in three queries)."""
    decision = getattr(application, "decision", None)
    return follow_up_of(decision, decision.payments.all() if decision else [], application.reports.all())


def follow_up_of(decision: Decision | None, payments: Any, reports: Any) -> FollowUp | None:
    """`follow_up` from the decision, its payments and the application's reports already read (the
    application page shows all three anyway)."""
    if decision is None or decision.outcome != Decision.Outcome.GRANTED:
        return None
    paid = sum((payment.amount for payment in payments), ZERO)
    finals = [report for report in reports if report.kind == GrantReport.Kind.FINAL]
    final = max(finals, key=lambda report: report.created_at, default=None)
    latest = final or max(reports, key=lambda report: report.created_at, default=None)
    return FollowUp(decision.amount, paid, latest.spent if latest else None, final is not None)


def repayments_due(call: Call) -> list[tuple[Application, decimal.Decimal]]:
    """The call's granted applications with unspent funds to pay back, in a fixed number of queries."""
    rows = []
    granted = (
        call.applications.filter(status=Application.Status.GRANTED)
        .select_related("decision")
        .prefetch_related("decision__payments", "reports")
    )
    for application in granted:
        state = _prefetched_follow_up(application)
        if state and state.unspent:
            rows.append((application, state.unspent))
    return rows


def call_summary(call: Call) -> dict[str, Any]:
    counts = call.applications.aggregate(
        submitted=Count("pk", filter=~Q(status=Application.Status.DRAFT)),
        granted_amount=Sum("decision__amount", filter=Q(decision__outcome=Decision.Outcome.GRANTED)),
    )
    return {"submitted": counts["submitted"], "granted_amount": counts["granted_amount"] or ZERO}


def applications_of(municipality: Any, year: int) -> QuerySet[Application]:
    """Applications the municipality leads or takes part in, decided in `year` or still open then,
    with the decision and the progress and final reports (for the tilstandsrapport)."""
    return (
        Application.objects.filter(Q(lead_municipality=municipality) | Q(participants=municipality))
        .exclude(status=Application.Status.DRAFT)
        .filter(Q(decision__decided_on__year=year) | Q(decision__isnull=True, created_at__year__lte=year))
        .select_related("call", "decision")
        .prefetch_related("reports")
        .distinct()
        .order_by("title")
    )


def applications_of_any(municipalities: Any, year: int) -> QuerySet[Application]:
    """`applications_of` for several municipalities in one query (each application once): the
    tilstandsrapport of a whole service lists its municipalities' applications together."""
    ids = [getattr(m, "pk", m) for m in municipalities]
    return (
        Application.objects.filter(Q(lead_municipality__in=ids) | Q(participants__in=ids))
        .exclude(status=Application.Status.DRAFT)
        .filter(Q(decision__decided_on__year=year) | Q(decision__isnull=True, created_at__year__lte=year))
        .select_related("call", "decision")
        .prefetch_related("reports")
        .distinct()
        .order_by("title", "pk")
    )


# Links along the chain ---------------------------------------------------------------------------


def _visible_ids(user: Any, queryset: QuerySet[Application]) -> QuerySet[Application]:
    """Applications in `queryset` that `user` may read, once each (the participants path fans out)."""
    return Application.objects.filter(pk__in=visible(user, VIEW_APPLICATION, queryset).values("pk"))


def applications_for_project(user: Any, project: Any) -> list[Application]:
    """The project's applications with their decisions, payments and reports, in three queries."""
    return list(with_payments_and_reports(_visible_ids(user, Application.objects.filter(project=project))))


def with_payments_and_reports(applications: QuerySet[Application]) -> QuerySet[Application]:
    """With call and decision, the decision's payments (`link_payments`) and the reports
    (`link_reports`) as plain lists: a project has a hundred applications, and a queryset built per
    application and relation to hold its rows cost more than reading them."""
    return (
        applications.select_related("call", "decision")
        .prefetch_related(
            Prefetch("decision__payments", queryset=Payment.objects.all(), to_attr="link_payments"),
            Prefetch("reports", queryset=GrantReport.objects.all(), to_attr="link_reports"),
        )
        .order_by("created_at", "pk")
    )


def applications_for_need(user: Any, need: Any) -> QuerySet[Application]:
    """Applications whose development project answers the assessment's need."""
    return _visible_ids(user, Application.objects.filter(project__needs=need)).select_related("project", "decision")


def applications_in_units(user: Any, municipality_ids: list[int]) -> QuerySet[Application]:
    """Applications that any of the municipalities takes part in (the unit pages and the hub)."""
    return _visible_ids(user, Application.objects.filter(participants__in=municipality_ids))


def unit_summary(user: Any, municipality_ids: list[int]) -> dict[str, Any]:
    """How many applications the units take part in and what has been granted, in one query."""
    return applications_in_units(user, municipality_ids).aggregate(
        count=Count("pk"),
        granted=Count("pk", filter=Q(status=Application.Status.GRANTED)),
        amount=Sum("decision__amount", filter=Q(decision__outcome=Decision.Outcome.GRANTED)),
    )


# Outcomes ----------------------------------------------------------------------------------------


def outcome_rows(project: Any) -> list[dict[str, Any]]:
    """The project's outcome measures with the values read from statistics since the baseline, as
    plain data (a report keeps them as they stood when it was sent)."""
    if project is None:
        return []
    return [_outcome_row(row) for row in network_queries.outcome_values(project)]


def _plain(value: Any) -> str | None:
    return None if value is None else str(value)


def _outcome_row(row: Any) -> dict[str, Any]:
    indicator = row.outcome.indicator
    return {
        "measure": row.name,
        "unit": row.unit,
        "area": row.measured_for,
        "baseline": _plain(row.baseline),
        "baseline_year": row.baseline_year,
        "target": _plain(row.target),
        "target_year": row.target_year,
        "values": [{"year": year, "value": _plain(value)} for year, value in row.values],
        "reached": row.reached,
        # Where the figures come from: the indicator in statistics, or the project's own measure.
        "source": (_("Statistikk (%(source)s)") % {"source": indicator.get_source_display()})
        if indicator
        else _("Eget mål"),
    }


def reported_outcomes(report: GrantReport) -> list[dict[str, Any]]:
    return list(report.outcomes or [])


@dataclass
class AnchoredNeed:
    """A need from a participant's risk and status assessment that the project answers (the call's
    criterion «forankring i risiko- og tilstandsvurderinger»), with a link where the reader may open it."""

    need: Any
    url: str | None


def anchoring_needs(user: Any, project: Any) -> list[AnchoredNeed]:
    if project is None:
        return []
    from django.urls import reverse

    from fagloft.assessments.permissions import VIEW_ASSESSMENT

    needs = network_queries.project_needs(project)
    readable: dict[int, bool] = {}
    rows = []
    for need in needs:
        if need.assessment_id not in readable:
            readable[need.assessment_id] = can(user, VIEW_ASSESSMENT, need.assessment)
        url = reverse("assessments:detail", args=[need.assessment_id]) if readable[need.assessment_id] else None
        rows.append(AnchoredNeed(need, url))
    return rows


# Further education and the 2031 requirement ------------------------------------------------------


@dataclass(frozen=True)
class RequirementNeed:
    """Whether an employee needs further education to meet the competence requirement (from 1 January
    2031), and what is missing in words (DOMAIN.md: those who need it are prioritised)."""

    employee_id: int
    needs_course: bool
    missing: tuple[str, ...] = ()


def requirement_needs(municipality: Any, today: Any = None) -> dict[int, RequirementNeed]:
    """{employee id: RequirementNeed} for the staff of the services serving `municipality` whom the
    requirement applies to. Someone needs the course when they do not meet the requirement now, are
    not exempt, and further education is their route to it: a relevant bachelor's degree (a master's
    under way needs no further education; without a relevant degree further education is not enough)."""
    from fagloft.competence import figures_cache

    if municipality is None:
        return {}
    services = list(competence_queries.services_serving(municipality))
    # Every person's requirement status, from the staff registers: cached under their data version
    # (an application's pages and the call's ranking ask it for every lead municipality).
    return figures_cache.cached(
        "grants-requirement-needs", [s.pk for s in services], lambda: _requirement_needs(services, today), today
    )


def _requirement_needs(services: list[Any], today: Any) -> dict[int, RequirementNeed]:
    from fagloft.competence import requirements

    found: dict[int, RequirementNeed] = {}
    for service in services:
        for row in competence_queries.requirement_list(service, today):
            status = row.status
            person = requirements.person_from(row.employee)
            bachelor = any(c.level == "bachelor" and c.relevant for c in person.courses)
            needs = not status.meets_now and not status.exempt and status.route != "master" and bachelor
            found[row.employee.pk] = RequirementNeed(row.employee.pk, needs, tuple(status.missing))
    return found


@dataclass
class StudentLine:
    line: Any
    employee_id: int | None
    needs_course: bool


def students_ranked(application: Application, needs: dict[int, RequirementNeed] | None = None) -> list[StudentLine]:
    """The application's budget lines, those for employees who need the course for the 2031
    requirement first (then in the applicant's order). A typed name is matched to the register
    the same way the eligibility check does."""
    lines = list(application.budget_lines.all())
    needs = requirement_needs(application.lead_municipality) if needs is None else needs
    typed = [line.student.strip() for line in lines if line.student.strip() and not line.employee_id]
    by_name: dict[str, int | None] = {}
    if typed:
        services = list(competence_queries.services_serving(application.lead_municipality).values_list("pk", flat=True))
        status = competence_queries.further_education_status(services, typed, application.call.deadline.year)
        by_name = {name: match.employee_id for name, match in status.people.items() if isinstance(name, str)}
    rows = []
    for line in lines:
        employee_id = line.employee_id or by_name.get(line.student.strip())
        need = needs.get(employee_id) if employee_id else None
        rows.append(StudentLine(line, employee_id, bool(need and need.needs_course)))
    return sorted(rows, key=lambda row: not row.needs_course)  # stable: the applicant's order within each


@dataclass
class RankedStudent:
    student: str
    application: Application
    amount: decimal.Decimal
    needs_course: bool
    score: float | None
    # The application's place in the call's ranking (0 = first).
    position: int = 0


def ranked_students(ranked: list[RankedApplication]) -> list[RankedStudent]:
    """A further-education call's students across the ranked applications: first those who need the
    course for the 2031 requirement, then by their application's score."""
    cache: dict[int, dict[int, RequirementNeed]] = {}
    rows: dict[tuple[int, str], RankedStudent] = {}
    for position, row in enumerate(ranked):
        application = row.application
        lead = application.lead_municipality_id
        if lead not in cache:
            cache[lead] = requirement_needs(application.lead_municipality)
        for item in students_ranked(application, cache[lead]):
            name = " ".join(item.line.student.split()) or "–"
            key = (application.pk, name.casefold())
            if key in rows:
                rows[key].amount += item.line.amount
                rows[key].needs_course = rows[key].needs_course or item.needs_course
            else:
                rows[key] = RankedStudent(name, application, item.line.amount, item.needs_course, row.score, position)
    return sorted(rows.values(), key=lambda s: (not s.needs_course, s.position, s.student))


def budget_rows(application: Application) -> list[StudentLine]:
    """The budget as shown: for further education ranked and marked by the 2031 requirement."""
    if application.call.kind == Call.Kind.FURTHER_EDUCATION:
        return students_ranked(application)
    return [StudentLine(line, line.employee_id, False) for line in application.budget_lines.all()]

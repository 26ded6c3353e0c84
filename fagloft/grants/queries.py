"""Reads for grant pages, the API and reports."""

from __future__ import annotations

import decimal
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet, Sum

from fagloft.accounts.access import can, visible
from fagloft.grants import eligibility
from fagloft.grants.models import (
    Application,
    Assessment,
    Call,
    Criterion,
    Decision,
    GrantReport,
)
from fagloft.grants.permissions import MANAGE_CALL, VIEW_APPLICATION, VIEW_CALL

ZERO = decimal.Decimal(0)


def calls_for(user: Any) -> QuerySet[Call]:
    """Calls the user may see; drafts only for those who may manage them."""
    calls = visible(user, VIEW_CALL, Call.objects.select_related("county"))
    managed = visible(user, MANAGE_CALL, Call.objects.all()) if can(user, MANAGE_CALL) else Call.objects.none()
    return calls.filter(Q(status=Call.Status.PUBLISHED) | Q(pk__in=managed.values("pk")))


def applications_for(user: Any) -> QuerySet[Application]:
    return visible(
        user, VIEW_APPLICATION, Application.objects.select_related("call", "lead_municipality", "network")
    ).annotate(requested=Sum("budget_lines__amount"))


def application_detail() -> QuerySet[Application]:
    return Application.objects.select_related(
        "call__county", "lead_municipality", "network", "partner", "county"
    ).prefetch_related("participants", "budget_lines")


def requested(application: Application) -> decimal.Decimal:
    return sum((line.amount for line in application.budget_lines.all()), ZERO)


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
    applications = (
        applications.exclude(status=Application.Status.DRAFT)
        .select_related("lead_municipality")
        .prefetch_related(
            "budget_lines",
            "participants",
            Prefetch("assessments", queryset=Assessment.objects.prefetch_related("scores")),
        )
    )
    ranked = [_rank_one(application, criteria) for application in applications]
    ranked.sort(key=lambda r: (r.score is None, -(r.score or 0), r.application.pk))
    running = ZERO
    for row in ranked:
        running += row.requested
        row.cumulative = running
        row.within_budget = running <= call.budget
    return ranked


def _rank_one(application: Application, criteria: list[Criterion]) -> RankedApplication:
    assessments = list(application.assessments.all())
    per_criterion: dict[int, float] = {}
    for criterion in criteria:
        if criterion.automatic == Criterion.Automatic.SEVERAL_MUNICIPALITIES:
            per_criterion[criterion.pk] = eligibility.several_municipalities_score(len(application.participants.all()))
            continue
        values = [s.score for a in assessments for s in a.scores.all() if s.criterion_id == criterion.pk]
        if values:
            per_criterion[criterion.pk] = sum(values) / len(values)
    weights = sum(c.weight for c in criteria if c.pk in per_criterion)
    score = (
        sum(per_criterion[c.pk] * c.weight for c in criteria if c.pk in per_criterion) / weights
        if weights and assessments
        else None
    )
    return RankedApplication(
        application,
        requested(application),
        round(score, 2) if score is not None else None,
        len(assessments),
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


def repayments_due(call: Call) -> list[tuple[Application, decimal.Decimal]]:
    rows = []
    for application in call.applications.filter(status=Application.Status.GRANTED):
        state = follow_up(application)
        if state and state.unspent:
            rows.append((application, state.unspent))
    return rows


def call_summary(call: Call) -> dict[str, Any]:
    counts = call.applications.aggregate(
        submitted=Count("pk", filter=~Q(status=Application.Status.DRAFT)),
        granted_amount=Sum("decision__amount", filter=Q(decision__outcome=Decision.Outcome.GRANTED)),
    )
    return {"submitted": counts["submitted"], "granted_amount": counts["granted_amount"] or ZERO}

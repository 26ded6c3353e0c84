"""Builders for calls, applications and assessments in tests."""

from __future__ import annotations

import datetime
import decimal
from collections.abc import Sequence
from typing import Any

from fagloft.grants.models import (
    Application,
    Assessment,
    BudgetLine,
    Call,
    Criterion,
    Decision,
    Score,
)
from fagloft.networks.models import CompetenceEnvironment, DevelopmentProject, Network
from fagloft.networks.tests.factories import make_project
from fagloft.organizations.models import County, Municipality


def make_call(
    county: County | None,
    title: str | None = None,
    *,
    kind: str = Call.Kind.DEVELOPMENT,
    deadline: datetime.date = datetime.date(2026, 11, 1),
    budget: int = 1_000_000,
    **extra: Any,
) -> Call:
    call = Call.objects.create(
        county=county,
        kind=kind,
        title=title or f"Stimuleringsmidler {county.name if county else 'nasjonalt'}",
        text="Utlysningstekst",
        budget=budget,
        opens_on=extra.pop("opens_on", datetime.date(2026, 8, 1)),
        deadline=deadline,
        spending_deadline=extra.pop("spending_deadline", datetime.date(2027, 12, 31)),
        status=extra.pop("status", Call.Status.PUBLISHED),
        **extra,
    )
    Criterion.objects.create(call=call, name="Nytte for barn", weight=3, order=1)
    Criterion.objects.create(call=call, name="Gjennomførbarhet", weight=1, order=2)
    Criterion.objects.create(
        call=call, name="Flere kommuner", weight=2, order=3, automatic=Criterion.Automatic.SEVERAL_MUNICIPALITIES
    )
    return call


def make_application(
    call: Call,
    lead: Municipality,
    title: str | None = None,
    *,
    participants: Sequence[Municipality] = (),
    network: Network | None = None,
    partner: CompetenceEnvironment | None = None,
    amount: int = 200_000,
    status: str = Application.Status.DRAFT,
    project: DevelopmentProject | None | str = "auto",
    **extra: Any,
) -> Application:
    # Stimulus funds are for a network's development project: one is made for the network unless the
    # test gives its own (or None, for an application without one).
    if isinstance(project, str):  # "auto"
        project = (
            make_project(network, lead, title or f"Prosjekt i {lead.name}")
            if network is not None and call.kind == Call.Kind.DEVELOPMENT
            else None
        )
    application = Application.objects.create(
        project=project,
        call=call,
        county=call.county or lead.county,
        lead_municipality=lead,
        network=network,
        partner=partner,
        title=title or f"Prosjekt i {lead.name}",
        status=status,
        **extra,
    )
    application.participants.set({lead, *participants})
    if amount:
        BudgetLine.objects.create(
            application=application, category=BudgetLine.Category.PROJECT_MANAGEMENT, amount=decimal.Decimal(amount)
        )
    return application


def make_assessment(application: Application, assessor: Any, score: int = 4, comment: str = "") -> Assessment:
    assessment = Assessment.objects.create(application=application, assessor=assessor, comment=comment)
    for criterion in application.call.criteria.filter(automatic=""):
        Score.objects.create(assessment=assessment, criterion=criterion, score=score)
    return assessment


def make_decision(
    application: Application, amount: int = 150_000, outcome: str = Decision.Outcome.GRANTED, **extra: Any
) -> Decision:
    decision = Decision.objects.create(
        application=application,
        outcome=outcome,
        amount=amount,
        decided_on=extra.pop("decided_on", datetime.date(2026, 12, 1)),
        **extra,
    )
    application.status = (
        Application.Status.GRANTED if outcome == Decision.Outcome.GRANTED else Application.Status.REFUSED
    )
    application.save(update_fields=["status"])
    return decision

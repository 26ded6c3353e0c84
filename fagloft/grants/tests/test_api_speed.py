"""The applications API writes its rows out by hand (`ApplicationSerializer._written_out`,
`BudgetLineSerializer.to_representation`): the same keys, order and values as DRF's generic field
walk, for drafts and decided applications, with and without a network, partner or project."""

from __future__ import annotations

import datetime
import decimal
from typing import Any

import pytest
from django.utils import timezone
from rest_framework import serializers
from rest_framework.test import APIRequestFactory

from fagloft.grants.api import ApplicationSerializer, ApplicationViewSet, BudgetLineSerializer
from fagloft.grants.models import Application, BudgetLine, GrantReport
from fagloft.grants.queries import ZERO
from fagloft.grants.tests.factories import make_application, make_call, make_decision
from fagloft.grants.tests.test_query_counts import network  # noqa: F401  # the fixture
from fagloft.networks.tests.factories import make_need

URL = "/api/v1/applications/"


def _view(user: Any) -> ApplicationViewSet:
    view = ApplicationViewSet()
    view.action = "list"
    view.request = APIRequestFactory().get(URL)
    view.request.user = user
    view.format_kwarg = None
    return view


@pytest.mark.parametrize("reader", ["admin", "advisor_x", "leader_ab", "coordinator_x"])
def test_the_written_out_rows_are_the_generic_walk(tree, network, reader):  # noqa: F811  # the fixture
    call = make_call(tree.county_x)
    plain = make_application(call, tree.municipality_a, "Uten nettverk", project=None)
    BudgetLine.objects.create(
        application=plain, category=BudgetLine.Category.TRAVEL, amount=decimal.Decimal(1234), student="Kari"
    )
    decided = make_application(
        call,
        tree.municipality_a,
        "Med alt",
        participants=[tree.municipality_b],
        network=network,
        status=Application.Status.SUBMITTED,
        submitted_at=timezone.now() - datetime.timedelta(days=2),
        co_financing=decimal.Decimal(5000),
        description="Mål og tiltak",
    )
    assert decided.project is not None
    decided.project.needs.add(make_need(tree.service_ab, "Behov"))
    make_decision(decided, amount=150_000)
    GrantReport.objects.create(application=decided, kind=GrantReport.Kind.PROGRESS, text="Halvveis", spent=500)
    view = _view(tree.users[reader])
    rows = list(view.get_queryset())
    assert rows
    context = view.get_serializer_context()
    for application in rows:
        whole = ApplicationSerializer(context=context)
        written = whole.to_representation(application)
        # As the generic walk sees it: `requested` set the way `to_representation` sets it.
        application.requested = sum((line.amount for line in application.listed_budget_lines), ZERO) + (
            application.employer_grant_total or ZERO
        )
        generic = serializers.Serializer.to_representation(whole, application)
        assert list(written.items()) == list(generic.items())
        assert list(written) == ApplicationSerializer.Meta.fields
        line_serializer = BudgetLineSerializer(context=context)
        for line in application.listed_budget_lines:
            assert list(line_serializer.to_representation(line).items()) == list(
                serializers.Serializer.to_representation(line_serializer, line).items()
            )
    titles = {row.title for row in rows}
    assert titles <= {"Uten nettverk", "Med alt"}

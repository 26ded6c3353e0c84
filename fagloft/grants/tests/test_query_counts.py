"""Flat query counts (issue 16): the grant lists and the call page cost the same number of queries
for N objects as for 3N, for every role that reads them. Each test checks the rows are there, so a
page that answers nothing cannot pass."""

from __future__ import annotations

import datetime
import decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fagloft.grants.models import Application, Call, GrantReport, Payment
from fagloft.grants.tests.factories import make_application, make_assessment, make_call, make_decision
from fagloft.networks.models import NetworkRole
from fagloft.networks.tests.factories import make_need, make_network
from fagloft.organizations.tests.factories import login

N = 2


def _count(client: Any, url: str) -> tuple[int, Any]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, HTTP_ACCEPT="application/json", HTTP_ACCEPT_LANGUAGE="nb")
    assert response.status_code == 200, (url, response.status_code)
    return len(queries), response


@pytest.fixture
def network(tree):
    network = make_network(tree.county_x, [tree.municipality_a, tree.municipality_b], "Nordnettverket")
    NetworkRole.objects.create(
        network=network, user=tree.users["coordinator_x"], name="Koordinator", kind=NetworkRole.Kind.COORDINATOR
    )
    return network


def _granted(tree: Any, call: Call, network: Any, count: int, start: int) -> list[Application]:
    """`count` granted applications with everything the API and the call page read: participants,
    budget lines, a project answering a need, an assessment, a decision with a payment, reports."""
    made = []
    for n in range(start, start + count):
        application = make_application(
            call,
            tree.municipality_a,
            f"Prosjekt {n}",
            participants=[tree.municipality_b],
            network=network,
            status=Application.Status.SUBMITTED,
        )
        assert application.project is not None
        application.project.needs.add(make_need(tree.service_ab, f"Behov {n}"))
        make_assessment(application, tree.users["advisor_x"])
        decision = make_decision(application, amount=150_000)
        Payment.objects.create(decision=decision, amount=decimal.Decimal(100_000), paid_on=datetime.date(2027, 1, 5))
        GrantReport.objects.create(
            application=application, kind=GrantReport.Kind.PROGRESS, text="Halvveis", spent=50_000
        )
        GrantReport.objects.create(application=application, kind=GrantReport.Kind.FINAL, text="Ferdig", spent=120_000)
        made.append(application)
    return made


APPLICATION_READERS = ["admin", "national", "advisor_x", "leader_ab", "municipal_leader_a", "coordinator_x"]


@pytest.mark.parametrize("reader", APPLICATION_READERS)
def test_the_applications_api_costs_the_same_for_three_times_the_applications(client, tree, network, reader):
    call = make_call(tree.county_x)
    _granted(tree, call, network, N, 0)
    login(client, tree.users[reader])
    few, response = _count(client, "/api/v1/applications/")
    assert len(response.json()["results"]) == N
    _granted(tree, call, network, 2 * N, N)
    many, response = _count(client, "/api/v1/applications/")
    rows = response.json()["results"]
    assert len(rows) == 3 * N
    assert all(row["decision"]["amount"] == "150000" and len(row["reports"]) == 2 for row in rows)
    assert all(row["project"]["needs"] for row in rows)
    assert many == few


def test_the_applications_api_keeps_each_applications_permitted_actions(client, tree, network):
    """Answering the page's checks together gives the same actions as one application alone."""
    call = make_call(tree.county_x)
    own = make_application(call, tree.municipality_a, "Nettverkets utkast", network=network)
    other = make_application(call, tree.municipality_c, "Annen kommunes utkast")
    login(client, tree.users["coordinator_x"])
    rows = {row["id"]: row["permitted_actions"] for row in client.get("/api/v1/applications/").json()["results"]}
    for application in (own, other):
        alone = client.get(f"/api/v1/applications/{application.pk}/").json()["permitted_actions"]
        assert rows[application.pk] == alone
    assert "apply" in rows[own.pk] and "apply" not in rows[other.pk]


def _calls(tree: Any, count: int, start: int) -> None:
    for n in range(start, start + count):
        make_call(tree.county_x, f"Utlysning {n}")
        make_call(None, f"Nasjonal utlysning {n}")


@pytest.mark.parametrize("reader", ["admin", "national", "advisor_x", "leader_ab", "coordinator_x"])
def test_the_calls_api_costs_the_same_for_three_times_the_calls(client, tree, reader):
    _calls(tree, N, 0)
    login(client, tree.users[reader])
    few, response = _count(client, "/api/v1/calls/")
    assert len(response.json()["results"]) == 2 * N
    _calls(tree, 2 * N, N)
    many, response = _count(client, "/api/v1/calls/")
    rows = response.json()["results"]
    assert len(rows) == 6 * N
    assert all(len(row["criteria"]) == 3 and row["permitted_actions"] for row in rows)
    assert many == few


@pytest.mark.parametrize("reader", ["admin", "advisor_x", "national", "leader_ab"])
def test_the_call_page_costs_the_same_for_three_times_the_granted_applications(client, tree, network, reader):
    call = make_call(tree.county_x)
    _granted(tree, call, network, N, 0)
    login(client, tree.users[reader])
    few, response = _count(client, f"/tilskudd/utlysninger/{call.pk}/")
    _granted(tree, call, network, 2 * N, N)
    many, response = _count(client, f"/tilskudd/utlysninger/{call.pk}/")
    page = response.content.decode()
    if reader in ("admin", "advisor_x"):
        # The follow-up: 150 000 granted, 120 000 spent by the final report, 30 000 to pay back each.
        assert all(f"Prosjekt {n}" in page for n in range(3 * N))
        assert page.count("30\xa0000\xa0kr") + page.count("30 000 kr") >= 3 * N
    assert many == few


def test_repayments_follow_the_final_report_as_before(tree, network):
    """The bulk `repayments_due` gives what `follow_up` gives per application."""
    from fagloft.grants import queries

    call = make_call(tree.county_x)
    granted = _granted(tree, call, network, 2, 0)
    unreported = make_application(call, tree.municipality_a, "Uten rapport", status=Application.Status.SUBMITTED)
    make_decision(unreported, amount=80_000)
    progress_only = make_application(call, tree.municipality_a, "Bare underveis", status=Application.Status.SUBMITTED)
    make_decision(progress_only, amount=80_000)
    GrantReport.objects.create(application=progress_only, kind=GrantReport.Kind.PROGRESS, text="Underveis", spent=1)
    all_spent = make_application(call, tree.municipality_a, "Alt brukt", status=Application.Status.SUBMITTED)
    make_decision(all_spent, amount=80_000)
    GrantReport.objects.create(application=all_spent, kind=GrantReport.Kind.FINAL, text="Ferdig", spent=90_000)
    expected = []
    for application in call.applications.filter(status=Application.Status.GRANTED):
        state = queries.follow_up(application)
        if state and state.unspent:
            expected.append((application.pk, state.unspent))
    got = [(application.pk, amount) for application, amount in queries.repayments_due(call)]
    assert got == expected
    assert sorted(pk for pk, _amount in got) == sorted(a.pk for a in granted)
    assert {amount for _pk, amount in got} == {decimal.Decimal(30_000)}


@pytest.mark.parametrize("reader", ["admin", "advisor_x", "national"])
def test_the_ranking_costs_the_same_for_three_times_the_assessed_applications(client, tree, network, reader):
    call = make_call(tree.county_x)
    _granted(tree, call, network, N, 0)
    login(client, tree.users[reader])
    few, response = _count(client, f"/tilskudd/utlysninger/{call.pk}/rangering/")
    _granted(tree, call, network, 2 * N, N)
    many, response = _count(client, f"/tilskudd/utlysninger/{call.pk}/rangering/")
    ranked = response.context["rows"]
    assert len(ranked) == 3 * N
    # One assessor scored every criterion 4; two municipalities give the automatic criterion 3.
    assert all(row.assessor_count == 1 and row.score is not None for row, *_links in ranked)
    assert many == few


@pytest.mark.parametrize("reader", ["admin", "national", "leader_ab"])
def test_a_units_grants_page_costs_the_same_for_three_times_the_applications(client, tree, network, reader):
    call = make_call(tree.county_x)
    _granted(tree, call, network, N, 0)
    login(client, tree.users[reader])
    url = f"/tilskudd/kommuner/{tree.municipality_b.number}/"
    few, response = _count(client, url)
    _granted(tree, call, network, 2 * N, N)
    many, response = _count(client, url)
    page = response.content.decode()
    assert all(f"Prosjekt {n}" in page for n in range(3 * N))
    assert many == few

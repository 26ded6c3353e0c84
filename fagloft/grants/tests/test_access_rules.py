"""Who may write what in grants: the coordinator only for the networks they coordinate, Bufdir reads only."""

from __future__ import annotations

import datetime
import decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from fagloft.accounts.access import can, permitted_actions
from fagloft.grants import services
from fagloft.grants.models import Application, Call, Criterion, Decision, Payment
from fagloft.grants.permissions import APPLY, ASSESS, DECIDE, MANAGE_CALL, VIEW_APPLICATION, VIEW_ASSESSMENTS
from fagloft.grants.tests.factories import make_application, make_call, make_decision
from fagloft.lib.refusals import Refused
from fagloft.networks.models import NetworkRole
from fagloft.networks.tests.factories import make_network
from fagloft.organizations.tests.factories import login

NOW = datetime.datetime(2026, 10, 1, 10, 0, tzinfo=datetime.UTC)
D = decimal.Decimal


@pytest.fixture
def coordinated(tree):
    """coordinator_x coordinates Nordnettverket (Alvik); Bergvik's own draft has no network."""
    own = make_network(tree.county_x, [tree.municipality_a], "Nordnettverket")
    other = make_network(tree.county_x, [tree.municipality_b], "Sørnettverket")
    NetworkRole.objects.create(
        network=own, user=tree.users["coordinator_x"], name="Koordinator", kind=NetworkRole.Kind.COORDINATOR
    )
    call = make_call(tree.county_x)
    return {
        "call": call,
        "network_draft": make_application(call, tree.municipality_a, "Nettverkets søknad", network=own),
        "other_network_draft": make_application(call, tree.municipality_b, "Annet nettverk", network=other),
        "municipality_draft": make_application(call, tree.municipality_b, "Bergviks egen søknad"),
    }


def _edit(application, title: str) -> dict:
    return {
        "version": application.version,
        "title": title,
        "co_financing": "0",
        "network": application.network_id or "",
        "budget-TOTAL_FORMS": "1",
        "budget-INITIAL_FORMS": "0",
        "budget-MIN_NUM_FORMS": "0",
        "budget-MAX_NUM_FORMS": "30",
        "budget-0-category": "project_management",
        "budget-0-amount": "1000",
    }


def test_a_coordinator_edits_only_drafts_of_the_networks_they_coordinate(client, tree, coordinated):
    coordinator = tree.users["coordinator_x"]
    login(client, coordinator)
    with time_machine.travel(NOW, tick=False):
        for key in ("municipality_draft", "other_network_draft"):
            application = coordinated[key]
            assert not can(coordinator, APPLY, application)
            assert client.get(f"/tilskudd/soknader/{application.pk}/endre/").status_code == 403
            response = client.post(f"/tilskudd/soknader/{application.pk}/endre/", _edit(application, "Overtatt"))
            assert response.status_code == 403
            assert (
                client.post(
                    f"/tilskudd/soknader/{application.pk}/send-inn/", {"confirmed": "1", "confirm": "on"}
                ).status_code
                == 403
            )
            application.refresh_from_db()
            assert application.title != "Overtatt" and application.status == Application.Status.DRAFT
            with pytest.raises(PermissionDenied):
                services.save_application(
                    coordinator,
                    application,
                    expected_version=application.version,
                    participants=[],
                    budget_lines=[],
                    title="Overtatt",
                )
        own = coordinated["network_draft"]
        response = client.post(f"/tilskudd/soknader/{own.pk}/endre/", _edit(own, "Endret av koordinator"))
        assert response.status_code == 302
    own.refresh_from_db()
    assert own.title == "Endret av koordinator"
    # The coordinator still reads the county's applications; reading is not writing.
    assert can(coordinator, VIEW_APPLICATION, coordinated["municipality_draft"])


def test_a_coordinator_cannot_move_a_draft_out_of_their_networks(tree, coordinated):
    coordinator = tree.users["coordinator_x"]
    own = coordinated["network_draft"]
    with pytest.raises(Refused, match="koordinator for"):
        services.save_application(
            coordinator,
            own,
            expected_version=own.version,
            participants=[],
            budget_lines=[],
            network=None,
            title=own.title,
        )
    own.refresh_from_db()
    assert own.network is not None


def test_a_coordinator_cannot_start_an_application_outside_their_networks(client, tree, coordinated):
    login(client, tree.users["coordinator_x"])
    call = coordinated["call"]
    with time_machine.travel(NOW, tick=False):
        response = client.post(
            f"/tilskudd/utlysninger/{call.pk}/sok/",
            {"title": "Uten nettverk", "lead_municipality": tree.municipality_b.pk},
        )
    assert response.status_code == 200 and "koordinator for" in response.content.decode()
    assert not Application.objects.filter(title="Uten nettverk").exists()


def test_the_leaders_own_unit_still_writes_its_draft(tree, coordinated):
    leader = tree.users["leader_ab"]  # service_ab serves Alvik and Bergvik
    assert can(leader, APPLY, coordinated["municipality_draft"])
    assert not can(tree.users["leader_c"], APPLY, coordinated["municipality_draft"])


@pytest.fixture
def submitted(tree):
    call = make_call(tree.county_x, budget=500_000)
    application = make_application(
        call, tree.municipality_a, "Alvik-prosjektet", amount=200_000, status=Application.Status.SUBMITTED
    )
    return call, application


def test_bufdir_reads_grants_but_writes_nothing(client, tree, submitted):
    call, application = submitted
    bufdir = tree.users["national"]
    for action in (MANAGE_CALL, ASSESS, DECIDE):
        assert not can(bufdir, action), action.code
    assert can(bufdir, VIEW_ASSESSMENTS, call) and can(bufdir, VIEW_APPLICATION, application)
    assert permitted_actions(bufdir, application) == {
        "view_application": True,
        "apply": False,
        "assess": False,
        "view_assessments": True,
        "decide": False,
        "report": False,
    }
    with pytest.raises(PermissionDenied):
        services.decide(bufdir, application, expected_version=None, outcome="granted", amount=D(100_000))
    with pytest.raises(PermissionDenied):
        services.add_criterion(bufdir, call, name="Bufdirs kriterium", weight=1)
    with pytest.raises(PermissionDenied):
        services.create_call(
            bufdir,
            county=None,
            kind=Call.Kind.FURTHER_EDUCATION,
            title="Nasjonal",
            text="x",
            budget=D(1),
            opens_on=datetime.date(2027, 1, 1),
            deadline=datetime.date(2027, 2, 1),
            spending_deadline=datetime.date(2028, 1, 1),
        )
    decision = make_decision(application, amount=100_000)
    with pytest.raises(PermissionDenied):
        services.add_payment(bufdir, decision, amount=D(10_000), paid_on=datetime.date(2027, 1, 10))
    login(client, bufdir)
    assert client.get(f"/tilskudd/soknader/{application.pk}/vedtak/").status_code == 403
    assert (
        client.post(
            f"/tilskudd/soknader/{application.pk}/utbetalinger/",
            {"payment-amount": "10000", "payment-paid_on": "2027-01-10"},
        ).status_code
        == 403
    )
    assert client.post(f"/tilskudd/utlysninger/{call.pk}/kriterier/", {"name": "X", "weight": "1"}).status_code == 403
    assert client.get("/tilskudd/utlysninger/ny/").status_code == 403
    assert client.get(f"/tilskudd/soknader/{application.pk}/vurdering/").status_code == 403
    ranking = client.get(f"/tilskudd/utlysninger/{call.pk}/rangering/")
    assert ranking.status_code == 200 and "Alvik-prosjektet" in ranking.content.decode()
    assert f"/tilskudd/soknader/{application.pk}/vedtak/" not in ranking.content.decode()
    detail = client.get(f"/tilskudd/soknader/{application.pk}/").content.decode()
    assert "Fatt vedtak" not in detail and "Registrer utbetaling" not in detail
    assert not Payment.objects.exists() and not Criterion.objects.filter(name__in=["X", "Bufdirs kriterium"]).exists()
    assert Decision.objects.get().amount == 100_000


def test_the_api_lists_the_actions_the_user_may_take(client, tree, submitted):
    _call, application = submitted
    login(client, tree.users["advisor_x"])
    data = client.get(f"/api/v1/applications/{application.pk}/", HTTP_ACCEPT="application/json").json()
    assert data["permitted_actions"] == ["assess", "decide", "view_application", "view_assessments"]
    client.logout()
    login(client, tree.users["national"])
    data = client.get(f"/api/v1/applications/{application.pk}/", HTTP_ACCEPT="application/json").json()
    assert data["permitted_actions"] == ["view_application", "view_assessments"]

"""The networks API and the front-page attention items."""

from __future__ import annotations

import datetime

from django.utils import timezone

from fagloft.grants.models import Application
from fagloft.grants.tests.factories import make_application, make_call
from fagloft.networks.tests.factories import (
    adopt,
    make_gathering,
    make_network,
    make_plan,
)
from fagloft.organizations.tests.factories import login


def test_the_networks_api_lists_visible_networks_with_adoption_status(client, tree):
    network = make_network(tree.county_x, [tree.municipality_a], "Nordnettverket")
    adopt(make_plan(network), [None])
    make_network(tree.county_y, [tree.municipality_c], "Utenfornettverket")
    login(client, tree.users["employee_ab"])
    data = client.get("/api/v1/networks/", HTTP_ACCEPT="application/json").json()
    assert [(n["name"], n["plan_adopted_by_network"]) for n in data["results"]] == [("Nordnettverket", True)]


def test_the_api_tells_each_user_what_they_may_do_with_a_network_and_a_gathering(client, tree):
    network = make_network(tree.county_x, [tree.municipality_a], "Nordnettverket")
    gathering = make_gathering(network, "Høstsamling")
    login(client, tree.users["employee_ab"])
    data = client.get(f"/api/v1/networks/{network.pk}/", HTTP_ACCEPT="application/json").json()
    assert data["permitted_actions"] == ["take_part", "view", "view_contacts"]
    data = client.get(f"/api/v1/gatherings/{gathering.pk}/", HTTP_ACCEPT="application/json").json()
    assert data["permitted_actions"] == ["take_part", "view"]
    client.logout()
    login(client, tree.users["advisor_x"])
    data = client.get(f"/api/v1/networks/{network.pk}/", HTTP_ACCEPT="application/json").json()
    assert {"manage", "edit_plan", "record_adoption", "prioritise_ideas"} <= set(data["permitted_actions"])


def test_the_gatherings_api_follows_network_visibility(client, tree):
    inside = make_gathering(make_network(tree.county_x, [tree.municipality_a]), "Høstsamling")
    outside = make_gathering(make_network(tree.county_y, [tree.municipality_c]), "Utenfor samling")
    login(client, tree.users["advisor_x"])
    assert client.get(f"/api/v1/gatherings/{inside.pk}/").status_code == 200
    assert client.get(f"/api/v1/gatherings/{outside.pk}/").status_code == 404


def test_the_front_page_shows_the_next_gathering_and_a_draft_application(client, tree):
    network = make_network(tree.county_x, [tree.municipality_a], "Nordnettverket")
    make_gathering(network, "Vårsamling", starts_at=timezone.now() + datetime.timedelta(days=5))
    today = timezone.localdate()
    call = make_call(tree.county_x, opens_on=today, deadline=today + datetime.timedelta(days=9))
    make_application(call, tree.municipality_a, "Mitt utkast", created_by=tree.users["leader_ab"])
    login(client, tree.users["leader_ab"])
    body = client.get("/").content.decode()
    assert "Neste samling: Vårsamling" in body
    assert "Utkast til søknad: Mitt utkast" in body


def test_the_advisor_front_page_counts_applications_waiting(client, tree):
    call = make_call(tree.county_x)
    make_application(call, tree.municipality_a, status=Application.Status.SUBMITTED)
    login(client, tree.users["advisor_x"])
    assert "1 søknad venter på vurdering" in client.get("/").content.decode()

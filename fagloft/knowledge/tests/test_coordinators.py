"""Naming a network's library coordinators: only the county's advisors and coordinators (and the
admin) may, only people with an approving role in the network's area can be named, and both adding
and removing are audited."""

from __future__ import annotations

import pytest

from fagloft.audit.models import AuditEvent
from fagloft.knowledge import services
from fagloft.knowledge.models import LibraryCoordinator
from fagloft.lib.refusals import Refused
from fagloft.networks.tests.factories import make_network
from fagloft.organizations.tests.factories import build_tree, login

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    tree = build_tree()
    network = make_network(tree.county_x, [tree.municipality_a, tree.municipality_b], "Nordnettverket")
    return tree, network


def test_an_advisor_names_and_removes_a_coordinator_on_the_page(client, setup):
    tree, network = setup
    login(client, tree.users["advisor_x"])
    page = client.get(f"/kunnskap/bibliotek/nettverk/{network.pk}/koordinatorer/").content.decode()
    # Candidates: approving roles in the network's area; not county Y, not employees.
    assert "leader_ab" in page and "coordinator_x" in page
    assert "leader_c" not in page and "employee_ab" not in page and "advisor_y" not in page
    leader = tree.users["leader_ab"]
    response = client.post(f"/kunnskap/bibliotek/nettverk/{network.pk}/koordinatorer/", {"user": leader.pk})
    assert response.status_code == 302
    coordinator = LibraryCoordinator.objects.get(network=network)
    assert coordinator.user == leader
    assert AuditEvent.objects.filter(verb=AuditEvent.Verb.CREATE, object_type="knowledge.librarycoordinator").exists()
    overview = client.get("/kunnskap/bibliotek/koordinatorer/").content.decode()
    assert "Nordnettverket" in overview and "leader_ab" in overview

    remove = f"/kunnskap/bibliotek/koordinatorer/{coordinator.pk}/fjern/"
    assert "kan ikke lenger godkjenne" in client.get(remove).content.decode()
    response = client.post(remove, {"confirmed": "1", "confirm": "on"})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert not LibraryCoordinator.objects.exists()
    assert AuditEvent.objects.filter(verb=AuditEvent.Verb.DELETE, object_type="knowledge.librarycoordinator").exists()


def test_only_approving_roles_in_the_area_can_be_named_and_only_by_the_county(setup, client):
    tree, network = setup
    with pytest.raises(Refused):
        services.add_coordinator(tree.users["advisor_x"], network, tree.users["employee_ab"])
    with pytest.raises(Refused):
        services.add_coordinator(tree.users["advisor_x"], network, tree.users["leader_c"])
    login(client, tree.users["leader_ab"])
    assert client.get(f"/kunnskap/bibliotek/nettverk/{network.pk}/koordinatorer/").status_code == 403
    login(client, tree.users["advisor_y"])
    assert client.get(f"/kunnskap/bibliotek/nettverk/{network.pk}/koordinatorer/").status_code == 404

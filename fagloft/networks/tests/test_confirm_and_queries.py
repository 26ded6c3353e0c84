"""Deleting a plan priority or a project's outcome measure needs a confirmation step (issue 9), and
the network page and the overall plan page keep their query count flat as members are added."""

from __future__ import annotations

import pytest

from fagloft.audit.models import AuditEvent
from fagloft.networks.models import NetworkMember, OutcomeMeasure, PlanPriority
from fagloft.networks.tests import factories as f
from fagloft.organizations.tests.factories import login, make_municipality, make_service

pytestmark = pytest.mark.django_db


@pytest.fixture
def network(tree):
    return f.make_network(tree.county_x, [tree.municipality_a, tree.municipality_b])


def test_deleting_a_priority_asks_first_and_deletes_only_when_confirmed(client, tree, network):
    plan = f.make_plan(network)
    priority = f.make_priority(plan, "Barns medvirkning", [f.make_need(tree.service_ab, "Felles kurs")])
    login(client, tree.users["coordinator_x"])
    url = f"/nettverk/prioriteringer/{priority.pk}/slett/"
    page = client.get(url)
    assert page.status_code == 200
    assert "Barns medvirkning" in page.content.decode() and 'name="confirm"' in page.content.decode()
    unticked = client.post(url, {"confirmed": "1"})
    assert unticked.status_code == 200 and PlanPriority.objects.filter(pk=priority.pk).exists()
    done = client.post(url, {"confirmed": "1", "confirm": "on"})
    assert done.status_code == 302 and not PlanPriority.objects.filter(pk=priority.pk).exists()
    assert AuditEvent.objects.filter(verb=AuditEvent.Verb.DELETE, object_type="networks.planpriority").count() == 1


def test_deleting_an_outcome_measure_asks_first_and_deletes_only_when_confirmed(client, tree, network):
    project = f.make_project(network, tree.municipality_a, "Felles prosjekt")
    outcome = f.make_outcome(project, own_measure="Færre brudd på fristen", baseline=10, target=20)
    login(client, tree.users["coordinator_x"])
    detail = client.get(f"/nettverk/prosjekter/{project.pk}/").content.decode()
    url = f"/nettverk/resultatmal/{outcome.pk}/slett/"
    assert url in detail
    assert client.get(url).status_code == 200
    client.post(url, {"confirmed": "1"})
    assert OutcomeMeasure.objects.filter(pk=outcome.pk).exists()
    assert client.post(url, {"confirmed": "1", "confirm": "on"}).status_code == 302
    assert not OutcomeMeasure.objects.filter(pk=outcome.pk).exists()


def test_an_outsider_cannot_reach_the_confirmation(client, tree, network):
    priority = f.make_priority(f.make_plan(network), "Barns medvirkning")
    login(client, tree.users["advisor_y"])
    assert client.get(f"/nettverk/prioriteringer/{priority.pk}/slett/").status_code == 404
    assert (
        client.post(f"/nettverk/prioriteringer/{priority.pk}/slett/", {"confirmed": "1", "confirm": "on"}).status_code
        == 404
    )
    assert PlanPriority.objects.filter(pk=priority.pk).exists()


def _add_members(tree, network, plan, count):
    start = NetworkMember.objects.filter(network=network).count()
    for index in range(start, start + count):
        municipality = make_municipality(tree.county_x, f"{tree.county_x.number}{50 + index:02d}")
        service = make_service(municipality)
        NetworkMember.objects.create(network=network, municipality=municipality)
        f.make_contact(network, municipality, f"Kontakt {municipality.number}", email="k@example.no")
        f.make_priority(plan, f"Prioritering {municipality.number}", [f.make_need(service, "Behov")])
        f.adopt(plan, [municipality])


@pytest.mark.parametrize("page", ["network", "plan"])
def test_network_pages_keep_their_query_count_flat(client, tree, network, page, django_assert_max_num_queries):
    plan = f.make_plan(network)
    url = f"/nettverk/{network.pk}/" if page == "network" else f"/nettverk/{network.pk}/plan/"
    login(client, tree.users["coordinator_x"])
    _add_members(tree, network, plan, 2)
    with django_assert_max_num_queries(200) as small:
        assert client.get(url).status_code == 200
    _add_members(tree, network, plan, 8)
    # A few queries may depend on which rows exist at all, never on how many there are.
    with django_assert_max_num_queries(len(small.captured_queries) + 3):
        assert client.get(url).status_code == 200

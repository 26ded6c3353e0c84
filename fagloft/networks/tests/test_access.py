"""Who sees which network: county scope, named coordinators, partner competence environments."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from fagloft.accounts.roles import Role
from fagloft.networks import queries
from fagloft.networks.models import NetworkRole
from fagloft.networks.permissions import MANAGE_NETWORK, VIEW_NETWORK
from fagloft.networks.tests.factories import (
    make_environment,
    make_network,
    make_project,
)
from fagloft.organizations.tests.factories import login, make_user


def test_a_coordinator_named_on_one_network_manages_only_that_one(client, tree):
    mine = make_network(tree.county_x, [tree.municipality_a], "Mitt nettverk")
    other = make_network(tree.county_x, [tree.municipality_b], "Annet nettverk")
    coordinator = tree.users["coordinator_x"]
    assert set(queries.networks_for(coordinator, MANAGE_NETWORK)) == {mine, other}  # not named yet: county-wide
    NetworkRole.objects.create(network=mine, user=coordinator, name="K", kind=NetworkRole.Kind.COORDINATOR)
    assert list(queries.networks_for(coordinator, MANAGE_NETWORK)) == [mine]
    login(client, coordinator)
    assert client.get(f"/nettverk/{other.pk}/endre/").status_code == 404
    assert client.get(f"/nettverk/{mine.pk}/endre/").status_code == 200


def test_a_competence_environment_sees_only_networks_it_partners_in(client, tree):
    rkbu = make_environment("RKBU Nord")
    partnered = make_network(tree.county_x, [tree.municipality_a], "Med RKBU", partners=[rkbu])
    make_network(tree.county_x, [tree.municipality_b], "Uten RKBU")
    user = tree.users["competence_env"]
    rkbu.people.add(user)
    assert list(queries.networks_for(user, VIEW_NETWORK)) == [partnered]
    login(client, user)
    body = client.get("/nettverk/").content.decode()
    assert "Med RKBU" in body and "Uten RKBU" not in body


def test_a_competence_environment_sees_a_project_where_it_is_the_partner(client, tree):
    network = make_network(tree.county_x, [tree.municipality_a], "Nettverk uten partner")
    rkbu = make_environment("RKBU Nord")
    rkbu.people.add(tree.users["competence_env"])
    project = make_project(network, tree.municipality_a, "Prosjekt med RKBU", partner=rkbu)
    other = make_project(network, tree.municipality_a, "Prosjekt uten RKBU")
    login(client, tree.users["competence_env"])
    assert client.get(f"/nettverk/prosjekter/{project.pk}/").status_code == 200
    assert client.get(f"/nettverk/prosjekter/{other.pk}/").status_code == 404


def test_a_competence_environment_without_organisation_sees_nothing(tree):
    make_network(tree.county_x, [tree.municipality_a], partners=[make_environment("RKBU Nord")])
    nobody = make_user("env_unknown", Role.COMPETENCE_ENVIRONMENT)
    assert not queries.networks_for(nobody, VIEW_NETWORK).exists()


def test_a_matching_organisation_name_without_the_link_sees_nothing(client, tree):
    """The environment is tied to its people by a link, never by matching names: a user who only
    writes "RKBU Nord" as their organisation reaches neither the network nor its project."""
    rkbu = make_environment("RKBU Nord")
    network = make_network(tree.county_x, [tree.municipality_a], "Med RKBU", partners=[rkbu])
    project = make_project(network, tree.municipality_a, "Prosjekt med RKBU", partner=rkbu)
    namesake = make_user("rkbu_namesake", Role.COMPETENCE_ENVIRONMENT, organisation_name="rkbu nord")
    assert not queries.networks_for(namesake, VIEW_NETWORK).exists()
    assert not queries.networks_for(tree.users["competence_env"], VIEW_NETWORK).exists()  # "RKBU Nord", unlinked
    login(client, namesake)
    assert client.get(f"/nettverk/{network.pk}/").status_code == 404
    assert client.get(f"/nettverk/prosjekter/{project.pk}/").status_code == 404
    rkbu.people.add(namesake)
    assert list(queries.networks_for(namesake, VIEW_NETWORK)) == [network]
    assert client.get(f"/nettverk/{network.pk}/").status_code == 200


def test_a_linked_person_without_the_competence_environment_role_sees_nothing_through_the_link(tree):
    rkbu = make_environment("RKBU Nord")
    make_network(tree.county_y, [tree.municipality_c], "Utenfor med RKBU", partners=[rkbu])
    rkbu.people.add(tree.users["employee_ab"])
    assert not queries.networks_for(tree.users["employee_ab"], VIEW_NETWORK).filter(county=tree.county_y).exists()


def test_employees_see_networks_their_service_takes_part_in(tree):
    network = make_network(tree.county_x, [tree.municipality_b], "Bergvik-nettverket")
    assert list(queries.networks_for(tree.users["employee_ab"], VIEW_NETWORK)) == [network]
    assert not queries.networks_for(tree.users["leader_c"], VIEW_NETWORK).exists()


def test_the_network_list_keeps_its_query_count_flat(client, tree):
    login(client, tree.users["advisor_x"])
    counts = []
    for n in (1, 8):
        while len(queries.networks_for(tree.users["advisor_x"], VIEW_NETWORK)) < n:
            make_network(tree.county_x, [tree.municipality_a, tree.municipality_b], f"Nettverk {n}")
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/nettverk/").status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1], counts

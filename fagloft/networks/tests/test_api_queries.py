"""The API lists of networks, gatherings and development projects take a number of queries that
does not grow with their rows (issue 16, «flat query counts» on national data), and each listed row
is what the single-object answer (the per-object way) says.

Every network here has members, partners, a coordinator, an adopted plan and a gathering; every
project has participants, a need, outcome measures with values and a use in the knowledge bank."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fagloft.assessments.tests.factories import add_values, make_indicator
from fagloft.knowledge.models import ProjectUse
from fagloft.knowledge.tests.factories import make_intervention, make_item
from fagloft.networks import queries
from fagloft.networks.models import Network, NetworkRole
from fagloft.networks.tests.factories import (
    adopt,
    make_environment,
    make_gathering,
    make_need,
    make_network,
    make_outcome,
    make_plan,
    make_project,
)
from fagloft.organizations.tests.factories import login

NETWORKS = "/api/v1/networks/"
GATHERINGS = "/api/v1/gatherings/"
PROJECTS = "/api/v1/projects/"
USERS = ["admin", "national", "advisor_x", "coordinator_x", "leader_ab", "employee_ab", "competence_env"]

# Grants' project links (its links.py) have no `many_variant` yet: one query per project each.
PER_PROJECT_PROVIDERS = re.compile(r'FROM "grants_')


@pytest.fixture
def scene(tree):
    tree.environment = make_environment()
    tree.environment.people.add(tree.users["competence_env"])
    tree.indicator = make_indicator("api-queries-indikator")
    add_values("api-queries-indikator", {2023: 10, 2024: 12, 2025: 15}, municipality=tree.municipality_a)
    tree.intervention = make_intervention("PMTO api")
    tree.count = 0
    return tree


def _add(tree: Any, count: int) -> None:
    for _index in range(count):
        tree.count += 1
        number = tree.count
        network = make_network(
            tree.county_x,
            [tree.municipality_a, tree.municipality_b],
            name=f"Nettverk {number:03}",
            partners=[tree.environment],
        )
        NetworkRole.objects.create(
            network=network, user=tree.users["coordinator_x"], name="Koordinator", kind=NetworkRole.Kind.COORDINATOR
        )
        plan = make_plan(network)
        if number % 2:
            adopt(plan, [None, tree.municipality_a])
        make_gathering(network, title=f"Samling {number:03}")
        project = make_project(network, tree.municipality_a, title=f"Prosjekt {number:03}", partner=tree.environment)
        project.participants.add(tree.municipality_b)
        project.needs.add(make_need(tree.service_ab, f"Behov {number}", year=2000 + number))
        make_outcome(project, indicator=tree.indicator, baseline=10, target=20)
        make_outcome(project, own_measure="Egen måling", baseline=1, target=2)
        ProjectUse.objects.create(project=project, intervention=tree.intervention)
        item = make_item(network, f"Mal {number:03}")
        ProjectUse.objects.create(project=project, library_item=item)


def _get(client: Any, url: str) -> tuple[Any, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, {"page_size": 100})
    assert response.status_code == 200
    return response.json(), [q["sql"] for q in queries.captured_queries]


@pytest.mark.parametrize("url", [NETWORKS, GATHERINGS, PROJECTS])
@pytest.mark.parametrize("username", USERS)
def test_the_list_takes_the_same_queries_for_three_times_the_rows(client, scene, username, url):
    login(client, scene.users[username])
    _add(scene, 2)
    few, few_queries = _get(client, url)
    _add(scene, 4)
    many, many_queries = _get(client, url)
    assert len(many["results"]) == 3 * len(few["results"]) > 0
    if url == PROJECTS:
        few_queries = [sql for sql in few_queries if not PER_PROJECT_PROVIDERS.search(sql)]
        many_queries = [sql for sql in many_queries if not PER_PROJECT_PROVIDERS.search(sql)]
    assert len(many_queries) == len(few_queries)


def test_the_project_list_is_flat_including_the_grants_links(client, scene):
    login(client, scene.users["admin"])
    _add(scene, 2)
    _few, few_queries = _get(client, PROJECTS)
    _add(scene, 4)
    _many, many_queries = _get(client, PROJECTS)
    assert len(many_queries) == len(few_queries)


@pytest.mark.parametrize("url", [NETWORKS, GATHERINGS, PROJECTS])
@pytest.mark.parametrize("username", USERS)
def test_each_listed_row_is_what_its_own_answer_says(client, scene, username, url):
    login(client, scene.users[username])
    _add(scene, 3)
    listed, _queries = _get(client, url)
    assert listed["results"]
    for row in listed["results"]:
        assert row == client.get(f"{url}{row['id']}/").json()


def test_the_page_wide_answers_carry_the_facts(client, scene):
    """The maps made once per page hold what the rows should show: adopted plans, the outcome
    values, the knowledge bank's links and the coordinator's permitted actions."""
    login(client, scene.users["coordinator_x"])
    _add(scene, 2)
    networks, _queries = _get(client, NETWORKS)
    # The same answer as `queries.plan_adopted_by`, which grants' eligibility reads too.
    expected = [queries.plan_adopted_by(Network.objects.get(pk=n["id"]), [])[0] for n in networks["results"]]
    assert [n["plan_adopted_by_network"] for n in networks["results"]] == expected
    assert all("manage" in n["permitted_actions"] for n in networks["results"])
    projects, _queries = _get(client, PROJECTS)
    for project in projects["results"]:
        measured = [o for o in project["outcomes"] if o["indicator"] == "api-queries-indikator"]
        assert [v["value"] for v in measured[0]["values"]] == [10.0, 12.0, 15.0]
        assert "knowledge.intervention" in {link["model"] for link in project["applications"]}

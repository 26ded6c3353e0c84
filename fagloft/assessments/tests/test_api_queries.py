"""The API lists of assessments and guidance engagements take a number of queries that does not
grow with the rows of the page (issue 16, «flat query counts» on national data), and answer the
same rows as the single-object answers (which go the per-object way).

Each assessment here has a need answered in every app that links to needs from below grants:
a competence plan measure, a network plan priority and project, a coverage gap, and a guidance
engagement, so the bulk link providers (`fagloft.lib.links.links_payload_many`) and the page's
permission checks (`fagloft.accounts.access.checks_for`) are all exercised."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fagloft.assessments.models import Assessment, GuidanceEngagement, Need, Theme
from fagloft.assessments.tests.factories import make_assessment
from fagloft.competence.models import PlanMeasure
from fagloft.competence.tests.factories import make_plan as make_competence_plan
from fagloft.knowledge.models import GapNeed
from fagloft.networks.tests.factories import make_network, make_plan, make_priority, make_project
from fagloft.organizations.tests.factories import login

URL = "/api/v1/assessments/"
ENGAGEMENTS = "/api/v1/guidance-engagements/"

# The need links of grants and programmes have no bulk variant yet (those apps' links.py), so they
# still ask once per need; the flat-count test below leaves their tables out and says so.
PER_NEED_PROVIDERS = re.compile(r'FROM "(grants|programmes)_')


@pytest.fixture
def chain(tree):
    network = make_network(tree.county_x, [tree.municipality_a, tree.municipality_b])
    tree.network = network
    tree.network_plan = make_plan(network)
    tree.competence_plan = make_competence_plan(tree.service_ab)
    tree.next_year = 2000
    return tree


def _add(tree: Any, count: int) -> None:
    """`count` more assessments of service_ab, alternately draft and forwarded, each with a need
    that every lower app answers."""
    theme = Theme.objects.order_by("pk").first()
    for index in range(count):
        status = Assessment.Status.DRAFT if index % 2 else Assessment.Status.FORWARDED
        assessment = make_assessment(tree.service_ab, year=tree.next_year, status=status)
        tree.next_year += 1
        need = Need.objects.create(assessment=assessment, kind="competence", description=f"Behov {index}", theme=theme)
        PlanMeasure.objects.create(
            plan=tree.competence_plan, kind="course", description=f"Tiltak {index}", owner="Leder", need=need
        )
        make_priority(tree.network_plan, f"Prioritering {assessment.year}", needs=[need])
        make_project(tree.network, tree.municipality_a, title=f"Prosjekt {assessment.year}").needs.add(need)
        GapNeed.objects.create(need=need, municipality=tree.municipality_a, level="indicated")
        GuidanceEngagement.objects.create(
            service=tree.service_ab, need=need, origin="requested", reason=f"Hjelp {index}"
        )


def _get(client: Any, url: str) -> tuple[Any, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, {"page_size": 100})
    assert response.status_code == 200
    return response.json(), [q["sql"] for q in queries.captured_queries]


def _flat(queries: list[str]) -> list[str]:
    return [sql for sql in queries if not PER_NEED_PROVIDERS.search(sql)]


@pytest.mark.parametrize("username", ["leader_ab", "municipal_leader_a", "advisor_x", "national", "admin"])
def test_the_assessment_list_takes_the_same_queries_for_three_times_the_rows(client, chain, username):
    login(client, chain.users[username])
    _add(chain, 2)
    few, few_queries = _get(client, URL)
    _add(chain, 4)
    many, many_queries = _get(client, URL)
    assert len(many["results"]) > len(few["results"]) > 0
    assert len(_flat(many_queries)) == len(_flat(few_queries))


def test_the_assessment_list_is_flat_including_the_grants_and_programmes_links(client, chain):
    login(client, chain.users["admin"])
    _add(chain, 2)
    _few, few_queries = _get(client, URL)
    _add(chain, 4)
    _many, many_queries = _get(client, URL)
    assert len(many_queries) == len(few_queries)


@pytest.mark.parametrize("username", ["leader_ab", "advisor_x", "national"])
def test_each_listed_assessment_is_what_its_own_answer_says(client, chain, username):
    """The list's page-wide maps answer exactly what the per-object way answers for one."""
    login(client, chain.users[username])
    _add(chain, 4)
    listed, _queries = _get(client, URL)
    assert listed["results"]
    for row in listed["results"]:
        assert row == client.get(f"{URL}{row['id']}/").json()
    answered = [need for row in listed["results"] for need in row["needs"]]
    # The needs are answered in every app below grants, and the engagement is there.
    kinds = {link["model"] for need in answered for link in need["answered_by"]}
    assert {"competence.planmeasure", "networks.planpriority", "networks.developmentproject"} <= kinds
    assert all(need["guidance_engagements"] for need in answered)


@pytest.mark.parametrize("username", ["leader_ab", "advisor_x", "national", "admin"])
def test_the_engagement_list_takes_the_same_queries_for_three_times_the_rows(client, chain, username):
    login(client, chain.users[username])
    _add(chain, 2)
    few, few_queries = _get(client, ENGAGEMENTS)
    _add(chain, 4)
    many, many_queries = _get(client, ENGAGEMENTS)
    assert len(many["results"]) == 3 * len(few["results"]) > 0
    assert len(many_queries) == len(few_queries)
    for row in many["results"]:
        assert row == client.get(f"{ENGAGEMENTS}{row['id']}/").json()


def test_the_page_checks_still_refuse_what_the_user_may_not_do(client, chain):
    """A county advisor reads forwarded assessments but may not edit them: the page-wide checks
    answer the same permitted actions as one check per object."""
    login(client, chain.users["advisor_x"])
    _add(chain, 2)
    listed, _queries = _get(client, URL)
    assert listed["results"]
    for row in listed["results"]:
        assert row["status"] == Assessment.Status.FORWARDED
        assert "edit" not in row["permitted_actions"] and "view" in row["permitted_actions"]

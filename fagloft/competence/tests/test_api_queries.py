"""The API lists of employees, competence plans and mapping rounds take a number of queries that
does not grow with their rows (issue 16, «flat query counts» on national data), and each listed row
is what the single-object answer (the per-object way) says."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fagloft.competence.models import Certification, FrameworkArea, PlanMeasure
from fagloft.competence.tests.factories import (
    give_education,
    give_further_education,
    make_employee,
    make_plan,
    make_round,
    rate,
)
from fagloft.networks.tests.factories import adopt, make_network
from fagloft.networks.tests.factories import make_plan as make_network_plan
from fagloft.organizations.tests.factories import login

EMPLOYEES = "/api/v1/employees/"
PLANS = "/api/v1/competence/plans/"
ROUNDS = "/api/v1/competence/mapping-rounds/"


@pytest.fixture
def scene(tree):
    network = make_network(tree.county_x, [tree.municipality_a, tree.municipality_b])
    tree.network_plan = make_network_plan(network)
    adopt(tree.network_plan, [None])
    tree.areas = list(FrameworkArea.objects.all()[:2])
    tree.count = 0
    # The employee's own record: listed for them, and never counted as a bulk read of others.
    tree.own = make_employee(tree.service_ab, user=tree.users["employee_ab"])
    return tree


def _add(tree: Any, count: int) -> None:
    for _index in range(count):
        tree.count += 1
        employee = make_employee(tree.service_ab, languages="samisk")
        give_education(employee)
        give_further_education(employee)
        Certification.objects.create(employee=employee, method="pmto", year=2023)
        plan = make_plan(tree.service_ab, title=f"Plan {tree.count:03}")
        plan.network_plan = tree.network_plan
        plan.save()
        PlanMeasure.objects.create(plan=plan, kind="course", description="Mer", owner="Leder", area=tree.areas[0])
        mapping_round = make_round(tree.service_ab, title=f"Runde {tree.count:03}", areas=tree.areas)
        # Five raters per round, so the first area is shown and the second (one rater) suppressed.
        raters = [employee, *(make_employee(tree.service_ab) for _n in range(4))]
        for rater in raters:
            rate(mapping_round, rater, tree.areas[0], 3, 2)
        rate(mapping_round, employee, tree.areas[1], 4)


def _get(client: Any, url: str) -> tuple[Any, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, {"page_size": 500})
    assert response.status_code == 200
    return response.json(), len(queries.captured_queries)


CASES = [
    (EMPLOYEES, "leader_ab"),
    (PLANS, "leader_ab"),
    (PLANS, "advisor_x"),
    (PLANS, "national"),
    (ROUNDS, "leader_ab"),
    (ROUNDS, "municipal_leader_a"),
    (ROUNDS, "advisor_x"),
]


@pytest.mark.parametrize(("url", "username"), CASES)
def test_the_list_takes_the_same_queries_for_three_times_the_rows(client, scene, url, username):
    login(client, scene.users[username])
    _add(scene, 2)
    few, few_count = _get(client, url)
    _add(scene, 4)
    many, many_count = _get(client, url)
    assert len(many["results"]) > len(few["results"]) > 0
    assert many_count == few_count


@pytest.mark.parametrize(("url", "username"), [*CASES, (EMPLOYEES, "employee_ab")])
def test_each_listed_row_is_what_its_own_answer_says(client, scene, url, username):
    login(client, scene.users[username])
    _add(scene, 3)
    listed, _count = _get(client, url)
    assert listed["results"]
    for row in listed["results"]:
        assert row == client.get(f"{url}{row['id']}/").json()


def test_the_page_wide_answers_carry_the_facts(client, scene):
    login(client, scene.users["leader_ab"])
    _add(scene, 2)
    rounds, _count = _get(client, ROUNDS)
    for row in rounds["results"]:
        shown, suppressed = row["results"]
        assert (shown["respondents"], shown["suppressed"], shown["self_mean"]) == (5, False, 3.0)
        assert (suppressed["respondents"], suppressed["suppressed"]) == (None, True)
        assert "manage_mapping" in row["permitted_actions"]
    plans, _count = _get(client, PLANS)
    assert all(
        p["network_plan_adopted_by_network"] and "change_plan" in p["permitted_actions"] for p in plans["results"]
    )
    employees, _count = _get(client, EMPLOYEES)
    assert all("change_staff" in e["permitted_actions"] for e in employees["results"])


def test_an_employee_lists_only_their_own_record(client, scene):
    login(client, scene.users["employee_ab"])
    _add(scene, 2)
    employees, _count = _get(client, EMPLOYEES)
    assert [e["id"] for e in employees["results"]] == [scene.own.pk]
    assert "change_staff" not in employees["results"][0]["permitted_actions"]

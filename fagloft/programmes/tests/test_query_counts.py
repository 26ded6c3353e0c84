"""Flat query counts (issue 16): a class page (`/programmer/studieplasser/<id>/`) and
`/api/v1/enrolments/` cost the same number of queries for N applicants as for 3N, for every role
that reads them. Each test checks the rows are there, so a page that answers nothing cannot pass."""

from __future__ import annotations

import decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fagloft.grants.models import Call, EmployerGrantLine
from fagloft.grants.tests.factories import make_application, make_call
from fagloft.organizations.tests.factories import login
from fagloft.programmes.models import EnrolmentStatus
from fagloft.programmes.tests import factories as f

N = 2


def _count(client: Any, url: str) -> tuple[int, Any]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, HTTP_ACCEPT="application/json", HTTP_ACCEPT_LANGUAGE="nb")
    assert response.status_code == 200, (url, response.status_code)
    return len(queries), response


@pytest.fixture
def allocation(tree):
    return f.make_allocation(2030, places=20, provider=f.provider_for(tree))


@pytest.fixture
def grant_application(tree):
    """The employer's further-education application, whose grant lines the enrolments link to."""
    call = make_call(tree.county_x, "Videreutdanning", kind=Call.Kind.FURTHER_EDUCATION)
    return make_application(call, tree.municipality_a, "Tilskudd til videreutdanning", amount=0)


def _applicants(tree: Any, allocation: Any, grant_application: Any, count: int) -> None:
    """Applicants from the shared service, one of them the signed-in employee, in every state the
    page shows, each with an employer grant line."""
    statuses = [EnrolmentStatus.APPLIED, EnrolmentStatus.CONFIRMED, EnrolmentStatus.WAITLISTED]
    for n in range(count):
        employee = f.make_employee(tree.service_ab)
        enrolment = f.make_enrolment(allocation, employee, status=statuses[n % len(statuses)])
        EmployerGrantLine.objects.create(
            application=grant_application, enrolment=enrolment, substitutes=decimal.Decimal(10_000)
        )


@pytest.fixture
def own_employee(tree):
    return f.make_employee(tree.service_ab, user=tree.users["employee_ab"])


@pytest.mark.parametrize("reader", ["admin", "competence_env"])
def test_the_class_page_costs_the_same_for_three_times_the_applicants(
    client, tree, allocation, grant_application, reader
):
    _applicants(tree, allocation, grant_application, N)
    login(client, tree.users[reader])
    url = f"/programmer/studieplasser/{allocation.pk}/"
    few, response = _count(client, url)
    assert response.content.decode().count('href="/programmer/soknader/') >= N
    _applicants(tree, allocation, grant_application, 2 * N)
    many, response = _count(client, url)
    page = response.content.decode()
    # Every applicant is listed, and the provider may admit the applied and confirmed ones.
    assert page.count("/opptak/") == 3 * N
    assert many == few


@pytest.mark.parametrize("reader", ["admin", "leader_ab", "employee_ab", "competence_env"])
def test_the_enrolments_api_costs_the_same_for_three_times_the_enrolments(
    client, tree, allocation, grant_application, own_employee, reader
):
    f.make_enrolment(allocation, own_employee)
    _applicants(tree, allocation, grant_application, N)
    login(client, tree.users[reader])
    few, response = _count(client, "/api/v1/enrolments/")
    assert response.json()["results"]
    _applicants(tree, allocation, grant_application, 2 * N)
    many, response = _count(client, "/api/v1/enrolments/")
    rows = response.json()["results"]
    if reader == "employee_ab":
        assert len(rows) == 1  # only their own
    else:
        assert len(rows) == 3 * N + 1
        assert all(row["permitted_actions"] for row in rows)
    if reader in ("admin", "leader_ab"):
        # The leader reads the service's grant application, so each student links to its line.
        assert sum(1 for row in rows if row["links"]) == 3 * N
    assert many == few


def test_the_list_gives_each_enrolment_the_actions_and_links_it_has_alone(
    client, tree, allocation, grant_application, own_employee
):
    f.make_enrolment(allocation, own_employee)
    _applicants(tree, allocation, grant_application, 3)
    for reader in ("leader_ab", "competence_env", "employee_ab"):
        login(client, tree.users[reader])
        rows = client.get("/api/v1/enrolments/").json()["results"]
        assert rows
        for row in rows:
            alone = client.get(f"/api/v1/enrolments/{row['id']}/").json()
            assert row == alone, reader

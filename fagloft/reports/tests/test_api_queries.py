"""The API list of tilstandsrapporter takes a number of queries that does not grow with its rows
(issue 16, «flat query counts» on national data), and each listed row is what the single-object
answer (the per-object way) says."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fagloft.organizations.tests.factories import login
from fagloft.reports.models import Report
from fagloft.reports.tests.factories import make_report

URL = "/api/v1/reports/"
USERS = ["leader_ab", "municipal_leader_a", "advisor_x", "national", "admin"]


def _add(tree: Any, count: int) -> None:
    for _index in range(count):
        tree.next_year = getattr(tree, "next_year", 2019) + 1
        report = make_report(tree, year=tree.next_year)
        if tree.next_year % 2:
            # Ready reports are the ones the county reads; the others stay with the service.
            Report.objects.filter(pk=report.pk).update(status=Report.Status.READY)


def _get(client: Any) -> tuple[Any, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL, {"page_size": 100})
    assert response.status_code == 200
    return response.json(), len(queries.captured_queries)


@pytest.mark.parametrize("username", USERS)
def test_the_list_takes_the_same_queries_for_three_times_the_rows(client, filled, username):
    tree, _data = filled
    login(client, tree.users[username])
    _add(tree, 2)
    few, few_count = _get(client)
    _add(tree, 4)
    many, many_count = _get(client)
    assert len(many["results"]) > len(few["results"]) > 0
    assert many_count == few_count


@pytest.mark.parametrize("username", USERS)
def test_each_listed_row_is_what_its_own_answer_says(client, filled, username):
    tree, _data = filled
    login(client, tree.users[username])
    _add(tree, 3)
    listed, _count = _get(client)
    assert listed["results"]
    for row in listed["results"]:
        assert row == client.get(f"{URL}{row['id']}/").json()


def test_the_page_wide_checks_tell_writers_from_readers(client, filled):
    tree, _data = filled
    _add(tree, 2)
    login(client, tree.users["leader_ab"])
    assert all("edit" in row["permitted_actions"] for row in _get(client)[0]["results"])
    login(client, tree.users["advisor_x"])
    listed = _get(client)[0]["results"]
    assert listed and all("edit" not in row["permitted_actions"] for row in listed)

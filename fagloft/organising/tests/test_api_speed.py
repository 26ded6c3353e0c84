"""`/api/v1/organising/proposals/` reads the services' members unordered (an ordered read made
SQLite probe every municipality) and writes them out in number order, as before."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fagloft.organising.models import Proposal, ProposedService
from fagloft.organizations.tests.factories import build_tree, login, make_municipality

URL = "/api/v1/organising/proposals/"


@pytest.fixture
def tree(db):
    return build_tree()


def _proposal(tree: Any, title: str, members: list[Any]) -> Proposal:
    proposal = Proposal.objects.create(county=tree.county_x, title=title, year=2024, rules={}, status="done")
    service = ProposedService.objects.create(proposal=proposal, host=members[0], effect={})
    # Added in descending number order, so an answer in insertion or key order would differ.
    service.members.add(*members)
    return proposal


def test_members_are_listed_in_number_order_in_a_flat_number_of_queries(client, tree):
    login(client, tree.users["advisor_x"])
    high = make_municipality(tree.county_x, "9199", "Nordvik")
    members = [high, tree.municipality_b, tree.municipality_a]
    _proposal(tree, "Første", members)
    with CaptureQueriesContext(connection) as few:
        listed = client.get(URL).json()["results"]
    numbers = sorted(m.number for m in members)
    assert [s["members"] for s in listed[0]["services"]] == [numbers]
    for index in range(3):
        _proposal(tree, f"Flere {index}", members)
    with CaptureQueriesContext(connection) as many:
        listed = client.get(URL).json()["results"]
    assert len(listed) == 4 and all(s["members"] == numbers for p in listed for s in p["services"])
    assert len(many.captured_queries) == len(few.captured_queries)
    one = client.get(f"{URL}{listed[0]['id']}/").json()
    assert one == listed[0]

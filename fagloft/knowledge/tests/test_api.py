"""The API: the national bank for every reader, offers and coverage by municipality within scope."""

from __future__ import annotations

import pytest

from fagloft.knowledge.tests import factories as f
from fagloft.organizations.tests.factories import build_tree, login

pytestmark = pytest.mark.django_db


def test_coverage_and_offers_by_municipality_number_are_scoped(client):
    tree = build_tree()
    f.only_recommended(("Atferdsbehandling", "indicated", ("3.2",)))
    pmto = f.make_intervention("PMTO", evidence_scale="ungsinn_2015", evidence_level=4)
    f.make_offer(tree.service_ab, pmto, waiting_weeks=3)
    f.make_offer(tree.service_c, pmto)
    login(client, tree.users["leader_ab"])
    data = client.get("/api/v1/coverage/?municipality=9101").json()
    assert data[0]["levels"]["indicated"]["status"] == "covered"
    assert data[0]["levels"]["universal"]["status"] == "missing"
    assert client.get("/api/v1/coverage/?municipality=9201").status_code == 404
    offers = client.get("/api/v1/offers/?municipality=9101").json()
    assert [o["intervention"] for o in offers["results"]] == ["PMTO"]
    assert client.get("/api/v1/offers/?municipality=9201").json()["results"] == []
    bank = client.get("/api/v1/interventions/?level=indicated").json()["results"]
    assert bank[0]["evidence"]["label"].startswith("Nivå 4") and bank[0]["categories"] == ["3.2"]
    deadlines = client.get("/api/v1/deadlines/").json()["results"]
    assert [d["section"] for d in deadlines][:2] == ["§ 2-1", "§ 2-2"]


def test_the_bank_page_filters_and_keeps_queries_flat(client, django_assert_max_num_queries):
    tree = build_tree()
    for n in range(15):
        f.make_intervention(f"Tiltak {n}", levels=("selected",), codes=("4.6",))
    f.make_intervention("PMTO")
    login(client, tree.users["employee_ab"])
    with django_assert_max_num_queries(12):
        page = client.get("/kunnskap/?level=indicated").content.decode()
    assert "PMTO" in page and "Tiltak 3" not in page

"""The API: rates and the matrix for every reader, simulations scoped to the municipality."""

from __future__ import annotations

import pytest

from fagloft.economy.models import CoPaymentRate, SimulationRun
from fagloft.economy.tests.factories import make_run
from fagloft.organizations.tests.factories import build_tree, login

pytestmark = pytest.mark.django_db


def test_rates_and_responsibilities_are_read_by_an_employee(client):
    tree = build_tree()
    login(client, tree.users["employee_ab"])
    rates = client.get("/api/v1/economy/rates/").json()
    rows = rates["results"] if isinstance(rates, dict) else rates
    assert any(r["kind"] == "institution" and r["year"] == 2022 and r["monthly_rate"] == 170_000 for r in rows)
    tasks = client.get("/api/v1/economy/responsibilities/").json()
    tasks = tasks["results"] if isinstance(tasks, dict) else tasks
    assert len(tasks) == 11 and all(t["cells"] for t in tasks)


def test_simulations_are_scoped_and_started_through_the_use_case(client):
    tree = build_tree()
    inside, outside = make_run(tree.municipality_a), make_run(tree.municipality_c)
    login(client, tree.users["advisor_x"])
    listed = client.get("/api/v1/economy/simulations/").json()
    ids = {r["id"] for r in (listed["results"] if isinstance(listed, dict) else listed)}
    assert inside.pk in ids and outside.pk not in ids
    assert (
        client.post(
            "/api/v1/economy/simulations/",
            {"municipality": tree.municipality_a.pk, "year": 2026},
            content_type="application/json",
        ).status_code
        == 403
    )
    login(client, tree.users["municipal_leader_a"])
    response = client.post(
        "/api/v1/economy/simulations/",
        {"municipality": tree.municipality_a.pk, "year": 2026, "runs": 2000, "seed": 2},
        content_type="application/json",
    )
    assert response.status_code == 201 and response.json()["status"] == "done"
    refused = client.post(
        "/api/v1/economy/simulations/",
        {"municipality": tree.municipality_c.pk, "year": 2026},
        content_type="application/json",
    )
    assert refused.status_code in (403, 404)
    assert not SimulationRun.objects.filter(municipality=tree.municipality_c, created_by__isnull=False).exists()


def test_only_the_administrator_patches_a_rate(client):
    tree = build_tree()
    rate = CoPaymentRate.objects.get(kind="mst_fft", year=2022)
    login(client, tree.users["national"])
    url = f"/api/v1/economy/rates/{rate.pk}/"
    assert client.patch(url, {"monthly_rate": 1}, content_type="application/json").status_code == 403
    login(client, tree.users["admin"])
    response = client.patch(url, {"monthly_rate": 15_500, "version": rate.version}, content_type="application/json")
    assert response.status_code == 200 and response.json()["monthly_rate"] == 15_500
    stale = client.patch(url, {"monthly_rate": 1, "version": rate.version}, content_type="application/json")
    assert stale.status_code == 409

"""The grants API applies the page rules and never exposes assessments."""

from __future__ import annotations

from fagloft.grants.models import Application
from fagloft.grants.tests.factories import (
    make_application,
    make_assessment,
    make_call,
    make_decision,
)
from fagloft.organizations.tests.factories import login


def test_applicants_list_only_their_own_applications_and_no_scores(client, tree):
    call = make_call(tree.county_x)
    own = make_application(call, tree.municipality_a, "Eget prosjekt", status=Application.Status.SUBMITTED)
    make_assessment(own, tree.users["advisor_x"], comment="Intern vurdering")
    make_decision(own, amount=90_000)
    outside = make_application(make_call(tree.county_y, "Utenfor"), tree.municipality_c, "Utenforprosjekt")
    login(client, tree.users["leader_ab"])
    data = client.get("/api/v1/applications/", HTTP_ACCEPT="application/json").json()
    assert [row["title"] for row in data["results"]] == ["Eget prosjekt"]
    assert data["results"][0]["decision"]["amount"] == "90000"
    assert "Intern vurdering" not in str(data)
    assert client.get(f"/api/v1/applications/{outside.pk}/").status_code == 404


def test_the_calls_api_gives_the_closing_instant_in_norwegian_time(client, tree):
    call = make_call(tree.county_x)  # deadline 1 November 2026
    login(client, tree.users["employee_ab"])
    data = client.get(f"/api/v1/calls/{call.pk}/", HTTP_ACCEPT="application/json").json()
    assert data["closes_at"] == "2026-11-02T00:00:00+01:00"
    assert [c["name"] for c in data["criteria"]][:2] == ["Nytte for barn", "Gjennomførbarhet"]

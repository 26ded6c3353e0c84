"""/api/v1/assessments/: the same permissions as the pages, and 409 on a version conflict."""

from __future__ import annotations

from typing import Any

import pytest

from fagloft.assessments.models import Assessment
from fagloft.assessments.tests.factories import make_assessment
from fagloft.organizations.tests.factories import OUTSIDE_MARKER, build_tree, login

URL = "/api/v1/assessments/"


@pytest.fixture
def tree(db):
    tree: Any = build_tree()  # carries the two assessments the tests compare
    tree.inside = make_assessment(tree.service_ab, risk_level="high")
    tree.outside = make_assessment(tree.service_c, conclusion=f"{OUTSIDE_MARKER} konklusjon")
    return tree


def _ids(client) -> set[int]:
    response = client.get(URL)
    assert response.status_code == 200
    return {row["id"] for row in response.json()["results"]}


@pytest.mark.parametrize(
    ("username", "sees_inside", "sees_outside"),
    [
        ("leader_ab", True, False),
        ("municipal_leader_a", True, False),
        ("advisor_x", True, False),
        ("national", True, True),
        ("admin", True, True),
    ],
)
def test_the_list_holds_what_the_role_may_read(client, tree, username, sees_inside, sees_outside):
    Assessment.objects.update(status=Assessment.Status.FORWARDED)
    login(client, tree.users[username])
    ids = _ids(client)
    assert (tree.inside.pk in ids) == sees_inside and (tree.outside.pk in ids) == sees_outside


@pytest.mark.parametrize(
    ("username", "sees"),
    [
        ("leader_ab", True),
        ("municipal_leader_a", True),
        ("advisor_x", False),
        ("national", False),
        ("admin", True),
    ],
)
def test_a_draft_or_submitted_assessment_stays_with_the_municipality(client, tree, username, sees):
    Assessment.objects.filter(pk=tree.inside.pk).update(status=Assessment.Status.SUBMITTED)
    login(client, tree.users[username])
    assert (tree.inside.pk in _ids(client)) == sees
    assert client.get(f"{URL}{tree.inside.pk}/").status_code == (200 if sees else 404)


@pytest.mark.parametrize("username", ["employee_ab", "coordinator_x", "competence_env", "no_role"])
def test_roles_without_access_are_refused(client, tree, username):
    login(client, tree.users[username])
    assert client.get(URL).status_code == 403


def test_anonymous_is_refused(client, tree):
    assert client.get(URL).status_code in (401, 403)


def test_an_assessment_outside_the_scope_is_not_found(client, tree):
    Assessment.objects.update(status=Assessment.Status.FORWARDED)
    login(client, tree.users["advisor_x"])
    assert client.get(f"{URL}{tree.outside.pk}/").status_code == 404
    assert client.get(f"{URL}{tree.inside.pk}/").json()["risk_level"] == "high"


def test_the_service_leader_creates_an_assessment_with_all_themes(client, tree):
    login(client, tree.users["leader_ab"])
    response = client.post(
        URL, {"service": tree.service_ab.pk, "year": 2026, "risk_level": "low"}, content_type="application/json"
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "draft" and body["risk_level"] == "low" and len(body["entries"]) == 11


def test_the_service_leader_cannot_create_for_another_service(client, tree):
    login(client, tree.users["leader_ab"])
    response = client.post(URL, {"service": tree.service_c.pk, "year": 2026}, content_type="application/json")
    assert response.status_code == 403


@pytest.mark.parametrize("username", ["advisor_x", "municipal_leader_a", "national"])
def test_readers_cannot_create_or_update(client, tree, username):
    login(client, tree.users[username])
    assert (
        client.post(URL, {"service": tree.service_ab.pk, "year": 2026}, content_type="application/json").status_code
        == 403
    )
    assert (
        client.patch(
            f"{URL}{tree.inside.pk}/", {"conclusion": "x", "version": 1}, content_type="application/json"
        ).status_code
        == 403
    )


def test_an_update_with_a_stale_version_answers_409_with_the_message(client, tree):
    login(client, tree.users["leader_ab"])
    url = f"{URL}{tree.inside.pk}/"
    first = client.patch(
        url, {"leadership_commitment": "Veiledningsteam", "version": 1}, content_type="application/json"
    )
    assert first.status_code == 200 and first.json()["version"] == 2
    stale = client.patch(url, {"leadership_commitment": "Noe annet", "version": 1}, content_type="application/json")
    assert stale.status_code == 409
    assert "Noen andre har lagret endringer" in stale.json()["version"][0]
    assert Assessment.objects.get(pk=tree.inside.pk).leadership_commitment == "Veiledningsteam"


def test_a_final_assessment_cannot_be_changed_through_the_api(client, tree):
    Assessment.objects.filter(pk=tree.inside.pk).update(status=Assessment.Status.FINAL)
    login(client, tree.users["leader_ab"])
    response = client.patch(
        f"{URL}{tree.inside.pk}/", {"conclusion": "x", "version": 1}, content_type="application/json"
    )
    assert response.status_code == 409 and "endelig og låst" in response.json()["non_field_errors"][0]


def test_the_workflow_runs_through_the_api_with_each_roles_own_step(client, tree):
    url = f"{URL}{tree.inside.pk}/transition/"
    Assessment.objects.filter(pk=tree.inside.pk).update(conclusion="Sårbar")
    login(client, tree.users["leader_ab"])
    done = client.post(url, {"step": "submit", "version": 1}, content_type="application/json")
    assert done.status_code == 200 and done.json()["status"] == "submitted"
    assert "submit" in done.json()["permitted_actions"]  # the action; the status decides the step
    again = client.post(url, {"step": "submit", "version": 2}, content_type="application/json")
    assert again.status_code == 409
    assert "kan ikke bli sendt til kommuneledelsen nå" in again.json()["non_field_errors"][0]
    client.logout()
    login(client, tree.users["advisor_x"])  # with the leadership: not the county's yet
    assert client.post(url, {"step": "discuss", "version": 2}, content_type="application/json").status_code == 404
    client.logout()
    login(client, tree.users["municipal_leader_a"])
    body = client.get(f"{URL}{tree.inside.pk}/").json()
    assert "review" in body["permitted_actions"] and "edit" not in body["permitted_actions"]
    refused = client.post(url, {"step": "send_back", "version": 2}, content_type="application/json")
    assert refused.status_code == 409 and refused.json()["comment"]
    forwarded = client.post(
        url, {"step": "forward", "version": 2, "comment": "Vi støtter den."}, content_type="application/json"
    )
    assert forwarded.status_code == 200 and forwarded.json()["status"] == "forwarded"
    client.logout()
    login(client, tree.users["advisor_x"])
    stale = client.post(url, {"step": "discuss", "version": 1}, content_type="application/json")
    assert stale.status_code == 409 and stale.json()["version"]
    assert client.post(url, {"step": "discuss", "version": 3}, content_type="application/json").status_code == 200

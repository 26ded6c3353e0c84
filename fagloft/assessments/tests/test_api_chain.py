"""The API of issue 10: an assessment's needs with what answers them and the suggestion; the
guidance engagements endpoint with its steps, permission-checked."""

from __future__ import annotations

from fagloft.assessments.models import Assessment, GuidanceEngagement, Need, Theme
from fagloft.assessments.tests.factories import make_assessment
from fagloft.organizations.tests.factories import login

URL = "/api/v1/assessments/"
ENGAGEMENTS = "/api/v1/guidance-engagements/"


def test_an_assessment_lists_its_needs_with_answered_by_and_the_suggestion(client, tree):
    assessment = make_assessment(tree.service_ab)
    assessment.entries.filter(theme__code="capacity").update(likelihood=5, consequence=5)
    need = Need.objects.create(
        assessment=assessment, kind="guidance_team", theme=Theme.objects.get(code="leadership"), description="Hjelp"
    )
    engagement = GuidanceEngagement.objects.create(
        service=tree.service_ab, origin="requested", status="requested", reason="Hjelp", need=need
    )
    login(client, tree.users["leader_ab"])
    body = client.get(f"{URL}{assessment.pk}/").json()
    assert body["needs"] == [
        {
            "id": need.pk,
            "kind": "guidance_team",
            "theme": "leadership",
            "description": "Hjelp",
            "position": 0,
            "answered_by": [],
            "guidance_engagements": [{"id": engagement.pk, "status": "requested"}],
        }
    ]
    assert body["suggestion"]["level"] == "high" and "Kapasitet" in body["suggestion"]["reason"]
    assert body["suggestion"]["differs"] is False
    # The list carries the same fields.
    listed = client.get(URL).json()
    rows = listed["results"] if isinstance(listed, dict) else listed
    assert rows[0]["needs"][0]["kind"] == "guidance_team"


def test_a_submitted_assessment_shows_the_stored_suggestion_and_whether_the_level_differs(client, tree):
    assessment = make_assessment(
        tree.service_ab,
        status=Assessment.Status.FORWARDED,
        risk_level="low",
        suggested_risk_level="high",
        risk_level_reason="Ny leder",
    )
    login(client, tree.users["advisor_x"])
    body = client.get(f"{URL}{assessment.pk}/").json()
    assert body["suggestion"] == {"level": "high", "reason": "", "differs": True}
    assert body["risk_level_reason"] == "Ny leder"


def test_the_reason_rule_holds_through_the_api(client, tree):
    assessment = make_assessment(tree.service_ab)
    assessment.entries.filter(theme__code="capacity").update(likelihood=5, consequence=5)
    login(client, tree.users["leader_ab"])
    url = f"{URL}{assessment.pk}/"
    refused = client.patch(url, {"risk_level": "low", "version": 1}, content_type="application/json")
    assert refused.status_code == 409 and refused.json()["risk_level_reason"]
    ok = client.patch(
        url, {"risk_level": "low", "risk_level_reason": "Begrunnet", "version": 1}, content_type="application/json"
    )
    assert ok.status_code == 200 and ok.json()["suggestion"]["differs"] is True


def test_the_engagements_endpoint_is_scoped_and_takes_each_roles_step(client, tree):
    inside = GuidanceEngagement.objects.create(
        service=tree.service_ab, origin="requested", status="requested", reason="Inne"
    )
    GuidanceEngagement.objects.create(service=tree.service_c, origin="requested", status="requested", reason="Ute")
    login(client, tree.users["advisor_x"])
    listed = client.get(ENGAGEMENTS).json()
    rows = listed["results"] if isinstance(listed, dict) else listed
    assert [r["id"] for r in rows] == [inside.pk]
    step = f"{ENGAGEMENTS}{inside.pk}/step/"
    assert client.post(step, {"step": "accept", "version": 1}, content_type="application/json").status_code == 403
    offered = client.post(step, {"step": "offer", "version": 1}, content_type="application/json")
    assert offered.status_code == 200 and offered.json()["status"] == "offered"
    login(client, tree.users["municipal_leader_a"])
    stale = client.post(step, {"step": "accept", "version": 1}, content_type="application/json")
    assert stale.status_code == 409
    no_reason = client.post(step, {"step": "decline", "version": 2}, content_type="application/json")
    assert no_reason.status_code == 409 and no_reason.json()["note"]
    accepted = client.post(step, {"step": "accept", "version": 2}, content_type="application/json")
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"
    login(client, tree.users["national"])
    rows = client.get(ENGAGEMENTS).json()
    rows = rows["results"] if isinstance(rows, dict) else rows
    assert len(rows) == 2  # Bufdir sees them nationally
    login(client, tree.users["employee_ab"])
    assert client.get(ENGAGEMENTS).status_code == 403

"""Every form of the app keeps the user's input and shows its errors at the field and in the error
summary, on the page it was sent from (the follow-up measure form used to redirect with a flash
message and lose everything typed)."""

from __future__ import annotations

from fagloft.assessments.models import Assessment
from fagloft.assessments.tests.factories import make_assessment, make_meeting
from fagloft.organizations.tests.factories import login


def _summary_and_field(html: str, message: str) -> None:
    assert "ds-error-summary" in html, "no error summary"
    assert html.count(message) >= 2, "the error should be in the summary and at the field"


def test_a_follow_up_measure_with_errors_keeps_the_input_and_shows_the_errors(client, tree):
    assessment = make_assessment(tree.service_ab)
    login(client, tree.users["leader_ab"])
    response = client.post(
        f"/vurderinger/{assessment.pk}/tiltak/",
        {
            "description": "Rekruttere fagkoordinator",
            "owner": "Barnevernleder",
            "deadline": "1.9.2026x",
            "status": "planned",
            "theme": "",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    _summary_and_field(html, "Oppgi en gyldig dato.")
    assert "Rekruttere fagkoordinator" in html and 'value="Barnevernleder"' in html
    assert not assessment.measures.exists()


def test_a_follow_up_measure_on_a_submitted_assessment_is_refused_in_the_summary(client, tree):
    assessment = make_assessment(tree.service_ab, status=Assessment.Status.SUBMITTED)
    login(client, tree.users["leader_ab"])
    response = client.post(
        f"/vurderinger/{assessment.pk}/tiltak/",
        {"description": "For sent", "owner": "Leder", "deadline": "2026-09-01", "status": "planned"},
    )
    assert response.status_code == 400
    assert "bare endres mens den er et utkast" in response.content.decode()


def test_an_empty_comment_is_shown_at_the_field(client, tree):
    assessment = make_assessment(tree.service_ab, status=Assessment.Status.SUBMITTED)
    login(client, tree.users["municipal_leader_a"])
    response = client.post(f"/vurderinger/{assessment.pk}/kommentarer/", {"text": ""})
    assert response.status_code == 400
    assert "ds-error-summary" in response.content.decode()
    assert not assessment.comments.exists()


def test_an_agreed_action_with_errors_keeps_the_input(client, tree):
    meeting = make_meeting(tree.service_ab)
    login(client, tree.users["advisor_x"])
    response = client.post(
        f"/vurderinger/dialogmoter/{meeting.pk}/oppfolging/",
        {"description": "Søke Tjenestestøtteprogrammet", "owner": "", "deadline": "2026-06-01"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "ds-error-summary" in html and "Søke Tjenestestøtteprogrammet" in html
    assert not meeting.actions.exists()


def test_a_guidance_session_with_errors_keeps_the_input(client, tree):
    from fagloft.assessments import services

    engagement = services.propose_guidance(tree.users["advisor_x"], service=tree.service_ab, reason="Høy risiko")
    login(client, tree.users["advisor_x"])
    response = client.post(
        f"/vurderinger/veiledningsteam/{engagement.pk}/moter/",
        {"date": "", "topic": "Ledelse og fordeling", "notes": "Første møte"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "ds-error-summary" in html and 'value="Ledelse og fordeling"' in html and "Første møte" in html
    assert not engagement.sessions.exists()


def test_a_refused_workflow_step_is_shown_in_the_summary_not_only_as_a_flash(client, tree):
    assessment = make_assessment(tree.service_ab)  # no risk level or conclusion yet
    login(client, tree.users["leader_ab"])
    response = client.post(f"/vurderinger/{assessment.pk}/send-inn/", {"version": assessment.version})
    assert response.status_code == 400
    html = response.content.decode()
    assert "ds-error-summary" in html and "samlet risikonivå og konklusjon" in html

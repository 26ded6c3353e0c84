"""The workflow: who may take each step, locking when final, new versions, concurrent edits, audit."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from fagloft.assessments import services
from fagloft.assessments.models import Assessment, SignalRule
from fagloft.assessments.tests.factories import add_values, make_assessment, make_rule
from fagloft.audit.concurrency import ConcurrentEditError
from fagloft.audit.models import AuditEvent
from fagloft.organizations.tests.factories import build_tree, login

Status = Assessment.Status


@pytest.fixture
def tree(db):
    return build_tree()


def _ready(tree, status=Status.DRAFT) -> Assessment:
    return make_assessment(tree.service_ab, status=status, risk_level="moderate", conclusion="Stabil, men sårbar.")


# Each step: who may take it (the others are refused), from which status.
STEP_ROLES = {
    "submit": (Status.DRAFT, {"leader_ab", "admin"}),
    "withdraw": (Status.SUBMITTED, {"leader_ab", "admin"}),
    "discuss": (Status.SUBMITTED, {"advisor_x", "admin"}),
    "finalise": (Status.DISCUSSED, {"advisor_x", "admin"}),
}
ALL_USERS = ["admin", "national", "advisor_x", "advisor_y", "coordinator_x", "leader_ab", "leader_c", "employee_ab",
             "municipal_leader_a", "competence_env", "no_role"]


@pytest.mark.parametrize("step", list(STEP_ROLES))
def test_each_step_is_allowed_for_its_roles_and_refused_for_everyone_else(tree, step):
    source, allowed = STEP_ROLES[step]
    for username in ALL_USERS:
        assessment = _ready(tree, status=source)
        user = tree.users[username]
        if username in allowed:
            services.transition(user, assessment, step)
            assert Assessment.objects.get(pk=assessment.pk).status == services.TRANSITIONS[step].target
        else:
            with pytest.raises(PermissionDenied):
                services.transition(user, assessment, step)
            assert Assessment.objects.get(pk=assessment.pk).status == source
        assessment.delete()


def test_a_step_from_the_wrong_status_is_refused_in_norwegian(tree):
    assessment = _ready(tree)
    with pytest.raises(services.WorkflowError, match="kan ikke bli gjort endelig nå.*«Utkast»"):
        services.transition(tree.users["advisor_x"], assessment, "finalise")
    with pytest.raises(services.WorkflowError, match="drøftet i dialogmøte"):
        services.transition(tree.users["advisor_x"], assessment, "discuss")


def test_submitting_needs_a_risk_level_and_a_conclusion(tree):
    assessment = make_assessment(tree.service_ab)
    with pytest.raises(services.WorkflowError, match="samlet risikonivå og konklusjon"):
        services.transition(tree.users["leader_ab"], assessment, "submit")


def test_submitting_stores_the_signals_as_they_were(tree):
    add_values("breach", {2025: 40}, municipality=tree.municipality_a)
    make_rule(SignalRule.Kind.THRESHOLD, "breach", {"op": ">", "value": 25})
    assessment = _ready(tree)
    services.transition(tree.users["leader_ab"], assessment, "submit")
    add_values("breach", {2025: 10}, municipality=tree.municipality_a)  # a later correction
    stored = Assessment.objects.get(pk=assessment.pk).signals_snapshot
    assert [(s["value"], s["fired"]) for s in stored] == [(40.0, True)]


def test_every_step_writes_an_audit_row_with_the_status_change(tree):
    leader, advisor = tree.users["leader_ab"], tree.users["advisor_x"]
    assessment = services.create_assessment(leader, service=tree.service_ab, year=2025)
    services.update_assessment(leader, assessment, expected_version=assessment.version, risk_level="high",
                               conclusion="Høy risiko for fristbrudd.")
    for user, step in ((leader, "submit"), (advisor, "discuss"), (advisor, "finalise")):
        services.transition(user, assessment, step)
    events = AuditEvent.objects.filter(object_type="assessments.assessment", object_id=str(assessment.pk))
    transitions = [e.changes["status"] for e in events.filter(verb=AuditEvent.Verb.TRANSITION).order_by("id")]
    assert transitions == [["draft", "submitted"], ["submitted", "discussed"], ["discussed", "final"]]
    assert events.filter(verb=AuditEvent.Verb.CREATE).count() == 1
    update = events.get(verb=AuditEvent.Verb.UPDATE)
    assert update.changes["risk_level"] == ["", "high"] and update.actor == leader
    assert update.service_id == tree.service_ab.pk and update.county_id == tree.county_x.pk


def test_a_final_assessment_is_locked(tree):
    assessment = _ready(tree, status=Status.FINAL)
    leader = tree.users["leader_ab"]
    with pytest.raises(services.WorkflowError, match="endelig og låst"):
        services.update_assessment(leader, assessment, expected_version=assessment.version, conclusion="Endret")
    with pytest.raises(services.WorkflowError, match="endelig og låst"):
        services.update_entry(leader, assessment.entries.first(), expected_version=1, likelihood=5)
    with pytest.raises(services.WorkflowError):
        services.add_comment(tree.users["municipal_leader_a"], assessment, text="For sent")


def test_a_submitted_assessment_cannot_be_edited_until_withdrawn(tree):
    assessment = _ready(tree, status=Status.SUBMITTED)
    with pytest.raises(services.WorkflowError, match="bare endres mens den er et utkast"):
        services.update_assessment(tree.users["leader_ab"], assessment, expected_version=1, needs="Mer")


def test_changing_a_final_assessment_makes_a_new_version_and_keeps_the_old(tree):
    leader = tree.users["leader_ab"]
    final = _ready(tree, status=Status.FINAL)
    entry = final.entries.get(theme__code="capacity")
    type(entry).objects.filter(pk=entry.pk).update(likelihood=4, consequence=3)
    fresh = services.start_new_revision(leader, final)
    assert (fresh.revision, fresh.status, fresh.previous_id) == (2, Status.DRAFT, final.pk)
    assert fresh.entries.get(theme__code="capacity").score == 12
    services.update_assessment(leader, fresh, expected_version=fresh.version, conclusion="Ny vurdering")
    final.refresh_from_db()
    assert final.status == Status.FINAL and final.conclusion == "Stabil, men sårbar."
    with pytest.raises(services.WorkflowError, match="allerede en nyere versjon"):
        services.start_new_revision(leader, final)


def test_only_the_service_leader_may_start_a_new_version(tree):
    final = _ready(tree, status=Status.FINAL)
    for username in ("advisor_x", "municipal_leader_a", "national", "employee_ab", "leader_c"):
        with pytest.raises(PermissionDenied):
            services.start_new_revision(tree.users[username], final)


def test_a_concurrent_edit_is_refused_and_nothing_is_overwritten(tree):
    leader = tree.users["leader_ab"]
    assessment = _ready(tree)
    loaded = assessment.version
    services.update_assessment(leader, Assessment.objects.get(pk=assessment.pk), expected_version=loaded,
                               needs="Veiledningsteam")
    with pytest.raises(ConcurrentEditError):
        services.update_assessment(leader, Assessment.objects.get(pk=assessment.pk), expected_version=loaded,
                                   needs="Tjenestestøtteprogrammet")
    assert Assessment.objects.get(pk=assessment.pk).needs == "Veiledningsteam"


def test_the_edit_page_shows_the_conflict_and_keeps_the_users_text(client, tree):
    assessment = _ready(tree)
    login(client, tree.users["leader_ab"])
    stale = assessment.version
    services.update_assessment(tree.users["admin"], assessment, expected_version=stale, needs="Av en annen")
    response = client.post(f"/vurderinger/{assessment.pk}/rediger/", {
        "conclusion": "Min tekst", "risk_level": "high", "needs": "", "leadership_commitment": "",
        "due_date": "", "expected_version": stale,
    })
    assert response.status_code == 200
    page = response.content.decode()
    assert "Noen andre har lagret endringer" in page and "Min tekst" in page


def test_only_one_assessment_per_service_and_year_can_be_started(tree):
    leader = tree.users["leader_ab"]
    services.create_assessment(leader, service=tree.service_ab, year=2025)
    with pytest.raises(services.WorkflowError, match="har allerede en vurdering for 2025"):
        services.create_assessment(leader, service=tree.service_ab, year=2025)
    with pytest.raises(PermissionDenied):
        services.create_assessment(leader, service=tree.service_c, year=2025)


def test_the_municipal_leadership_comments_and_the_employee_cannot_read(client, tree):
    assessment = _ready(tree, status=Status.SUBMITTED)
    login(client, tree.users["municipal_leader_a"])
    response = client.post(f"/vurderinger/{assessment.pk}/kommentarer/", {"text": "Vi setter av to årsverk."})
    assert response.status_code == 302
    assert assessment.comments.get().text == "Vi setter av to årsverk."
    client.logout()
    login(client, tree.users["employee_ab"])
    assert client.get(f"/vurderinger/{assessment.pk}/").status_code == 403


def test_the_pages_take_each_role_through_the_workflow(client, tree):
    assessment = _ready(tree)
    login(client, tree.users["leader_ab"])
    client.post(f"/vurderinger/{assessment.pk}/send-inn/", {"expected_version": assessment.version})
    assert Assessment.objects.get(pk=assessment.pk).status == Status.SUBMITTED
    client.logout()
    login(client, tree.users["municipal_leader_a"])
    assert client.post(f"/vurderinger/{assessment.pk}/droftet/").status_code == 403
    client.logout()
    login(client, tree.users["advisor_x"])
    client.post(f"/vurderinger/{assessment.pk}/droftet/")
    response = client.post(f"/vurderinger/{assessment.pk}/endelig/", follow=True)
    assert Assessment.objects.get(pk=assessment.pk).status == Status.FINAL
    assert "Vurderingen er gjort endelig." in response.content.decode()
    response = client.post(f"/vurderinger/{assessment.pk}/endelig/", follow=True)
    assert "kan ikke bli gjort endelig nå" in response.content.decode()


def test_the_theme_page_saves_judgement_scores_and_answers_to_each_question(client, tree):
    assessment = _ready(tree)
    entry = assessment.entries.get(theme__code="capacity")
    login(client, tree.users["leader_ab"])
    response = client.post(f"/vurderinger/{assessment.pk}/tema/{entry.pk}/", {
        "status_today": "5 årsverk", "own_judgement": "Sårbar", "likelihood": "4", "consequence": "5",
        "answer_0": "Nei, to ledige", "answer_1": "Ja, fosterhjem", "answer_2": "Høy turnover",
        "expected_version": entry.version,
    })
    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.likelihood, entry.consequence, entry.score) == (4, 5, 20)
    assert entry.answers == ["Nei, to ledige", "Ja, fosterhjem", "Høy turnover"]
    page = client.get(f"/vurderinger/{assessment.pk}/").content.decode()
    assert "Nei, to ledige" in page and "Høy risiko" in page


def test_a_score_outside_one_to_five_is_refused_naming_the_field(client, tree):
    assessment = _ready(tree)
    entry = assessment.entries.get(theme__code="economy")
    login(client, tree.users["leader_ab"])
    response = client.post(f"/vurderinger/{assessment.pk}/tema/{entry.pk}/", {
        "likelihood": "7", "consequence": "2", "expected_version": entry.version,
    })
    assert response.status_code == 200
    assert "Sannsynlighet (1–5)" in response.content.decode()
    entry.refresh_from_db()
    assert entry.likelihood is None

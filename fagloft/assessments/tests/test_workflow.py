"""The workflow: who may take each step, locking when final, new versions, concurrent edits, audit."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from fagloft.assessments import services
from fagloft.assessments.models import Assessment, SignalRule
from fagloft.assessments.tests.factories import add_values, make_assessment, make_rule
from fagloft.audit.concurrency import ConcurrentEditError
from fagloft.audit.models import AuditEvent
from fagloft.organizations.tests.factories import login

Status = Assessment.Status


def _ready(tree, status=Status.DRAFT) -> Assessment:
    return make_assessment(tree.service_ab, status=status, risk_level="moderate", conclusion="Stabil, men sårbar.")


# Each step: who may take it (the others are refused), from which status.
STEP_ROLES = {
    "submit": (Status.DRAFT, {"leader_ab", "admin"}),
    "withdraw": (Status.SUBMITTED, {"leader_ab", "admin"}),
    "forward": (Status.SUBMITTED, {"municipal_leader_a", "admin"}),
    "send_back": (Status.SUBMITTED, {"municipal_leader_a", "admin"}),
    "discuss": (Status.FORWARDED, {"advisor_x", "admin"}),
    "finalise": (Status.DISCUSSED, {"advisor_x", "admin"}),
}
COMMENT = {"forward": {"comment": "Vi støtter vurderingen."}, "send_back": {"comment": "Mer om bemanning."}}
ALL_USERS = [
    "admin",
    "national",
    "advisor_x",
    "advisor_y",
    "coordinator_x",
    "leader_ab",
    "leader_c",
    "employee_ab",
    "municipal_leader_a",
    "competence_env",
    "no_role",
]


@pytest.mark.parametrize("step", list(STEP_ROLES))
def test_each_step_is_allowed_for_its_roles_and_refused_for_everyone_else(tree, step):
    source, allowed = STEP_ROLES[step]
    for username in ALL_USERS:
        assessment = _ready(tree, status=source)
        user = tree.users[username]
        if username in allowed:
            services.STEPS[step](user, assessment, **COMMENT.get(step, {}))
            assert Assessment.objects.get(pk=assessment.pk).status == services.TRANSITIONS[step].target
        else:
            with pytest.raises(PermissionDenied):
                services.STEPS[step](user, assessment, **COMMENT.get(step, {}))
            assert Assessment.objects.get(pk=assessment.pk).status == source
        assessment.delete()


def test_a_step_from_the_wrong_status_is_refused_in_norwegian(tree):
    assessment = _ready(tree)
    admin = tree.users["admin"]
    with pytest.raises(services.WorkflowRefused, match="kan ikke bli gjort endelig nå.*«Utkast»"):
        services.finalise_assessment(admin, assessment)
    with pytest.raises(services.WorkflowRefused, match="drøftet i dialogmøte"):
        services.discuss_assessment(admin, assessment)
    with pytest.raises(services.WorkflowRefused, match="sendt til Statsforvalteren"):
        services.forward_assessment(tree.users["municipal_leader_a"], assessment)


def test_submitting_needs_a_risk_level_and_a_conclusion(tree):
    assessment = make_assessment(tree.service_ab)
    with pytest.raises(services.WorkflowRefused, match="samlet risikonivå og konklusjon"):
        services.submit_assessment(tree.users["leader_ab"], assessment)


def test_submitting_stores_the_signals_as_they_were(tree):
    add_values("breach", {2025: 40}, municipality=tree.municipality_a)
    make_rule(SignalRule.Kind.THRESHOLD, "breach", {"op": ">", "value": 25})
    assessment = _ready(tree)
    services.submit_assessment(tree.users["leader_ab"], assessment)
    add_values("breach", {2025: 10}, municipality=tree.municipality_a)  # a later correction
    stored = Assessment.objects.get(pk=assessment.pk).signals_snapshot
    assert [(s["value"], s["fired"]) for s in stored] == [(40.0, True)]


def test_every_step_writes_an_audit_row_with_the_status_change(tree):
    leader, advisor = tree.users["leader_ab"], tree.users["advisor_x"]
    leadership = tree.users["municipal_leader_a"]
    assessment = services.create_assessment(leader, service=tree.service_ab, year=2025)
    services.update_assessment(
        leader,
        assessment,
        expected_version=assessment.version,
        risk_level="high",
        conclusion="Høy risiko for fristbrudd.",
    )
    services.submit_assessment(leader, assessment)
    services.send_back_assessment(leadership, assessment, comment="Skriv mer om vaktordningen.")
    services.submit_assessment(leader, assessment)
    services.forward_assessment(leadership, assessment)
    services.discuss_assessment(advisor, assessment)
    services.finalise_assessment(advisor, assessment)
    events = AuditEvent.objects.filter(object_type="assessments.assessment", object_id=str(assessment.pk))
    steps = events.filter(verb=AuditEvent.Verb.TRANSITION).order_by("id")
    assert [e.changes["status"] for e in steps] == [
        ["draft", "submitted"],
        ["submitted", "draft"],
        ["draft", "submitted"],
        ["submitted", "forwarded"],
        ["forwarded", "discussed"],
        ["discussed", "final"],
    ]
    assert [e.actor for e in steps] == [leader, leadership, leader, leadership, advisor, advisor]
    assert all(e.county_id == tree.county_x.pk and e.service_id == tree.service_ab.pk for e in steps)
    assert events.filter(verb=AuditEvent.Verb.CREATE).count() == 1
    update = events.get(verb=AuditEvent.Verb.UPDATE)
    assert update.changes["risk_level"] == ["", "high"] and update.actor == leader
    assert update.service_id == tree.service_ab.pk and update.county_id == tree.county_x.pk


def test_a_final_assessment_is_locked(tree):
    assessment = _ready(tree, status=Status.FINAL)
    leader = tree.users["leader_ab"]
    with pytest.raises(services.WorkflowRefused, match="endelig og låst"):
        services.update_assessment(leader, assessment, expected_version=assessment.version, conclusion="Endret")
    entry = assessment.entries.first()
    assert entry is not None
    with pytest.raises(services.WorkflowRefused, match="endelig og låst"):
        services.update_entry(leader, entry, expected_version=1, likelihood=5)
    with pytest.raises(services.WorkflowRefused):
        services.add_comment(tree.users["municipal_leader_a"], assessment, text="For sent")


def test_a_submitted_assessment_cannot_be_edited_until_withdrawn(tree):
    assessment = _ready(tree, status=Status.SUBMITTED)
    with pytest.raises(services.WorkflowRefused, match="bare endres mens den er et utkast"):
        services.update_assessment(tree.users["leader_ab"], assessment, expected_version=1, conclusion="Mer")


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
    with pytest.raises(services.WorkflowRefused, match="allerede en nyere versjon"):
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
    services.update_assessment(
        leader,
        Assessment.objects.get(pk=assessment.pk),
        expected_version=loaded,
        leadership_commitment="Veiledningsteam",
    )
    with pytest.raises(ConcurrentEditError):
        services.update_assessment(
            leader,
            Assessment.objects.get(pk=assessment.pk),
            expected_version=loaded,
            leadership_commitment="Tjenestestøtteprogrammet",
        )
    assert Assessment.objects.get(pk=assessment.pk).leadership_commitment == "Veiledningsteam"


def test_the_edit_page_shows_the_conflict_and_keeps_the_users_text(client, tree):
    assessment = _ready(tree)
    login(client, tree.users["leader_ab"])
    stale = assessment.version
    services.update_assessment(
        tree.users["admin"], assessment, expected_version=stale, leadership_commitment="Av en annen"
    )
    response = client.post(
        f"/vurderinger/{assessment.pk}/rediger/",
        {
            "conclusion": "Min tekst",
            "risk_level": "high",
            "risk_level_reason": "",
            "leadership_commitment": "",
            "due_date": "",
            "version": stale,
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Noen andre har lagret endringer" in page and "Min tekst" in page


def test_only_one_assessment_per_service_and_year_can_be_started(tree):
    leader = tree.users["leader_ab"]
    services.create_assessment(leader, service=tree.service_ab, year=2025)
    with pytest.raises(services.WorkflowRefused, match="har allerede en vurdering for 2025"):
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
    client.post(f"/vurderinger/{assessment.pk}/send-inn/", {"version": assessment.version})
    assert Assessment.objects.get(pk=assessment.pk).status == Status.SUBMITTED
    client.logout()
    # Still with the leadership: the county governor cannot read it or take its step.
    login(client, tree.users["advisor_x"])
    assert client.get(f"/vurderinger/{assessment.pk}/").status_code == 404
    assert client.post(f"/vurderinger/{assessment.pk}/droftet/").status_code == 404
    client.logout()
    login(client, tree.users["municipal_leader_a"])
    page = client.get(f"/vurderinger/{assessment.pk}/").content.decode()
    assert "Send til Statsforvalteren" in page and "Send tilbake til tjenesten" in page
    assert client.post(f"/vurderinger/{assessment.pk}/droftet/").status_code == 403
    response = client.post(
        f"/vurderinger/{assessment.pk}/til-statsforvalteren/",
        {"version": Assessment.objects.get(pk=assessment.pk).version, "comment": "Kommunen setter av to årsverk."},
    )
    assert response.status_code == 302
    assert Assessment.objects.get(pk=assessment.pk).status == Status.FORWARDED
    client.logout()
    login(client, tree.users["advisor_x"])
    page = client.get(f"/vurderinger/{assessment.pk}/").content.decode()
    assert "Kommunen setter av to årsverk." in page and "Stabil, men sårbar." in page
    client.post(f"/vurderinger/{assessment.pk}/droftet/")
    response = client.post(f"/vurderinger/{assessment.pk}/endelig/", follow=True)
    assert Assessment.objects.get(pk=assessment.pk).status == Status.FINAL
    assert "Vurderingen er gjort endelig." in response.content.decode()
    response = client.post(f"/vurderinger/{assessment.pk}/endelig/")
    assert response.status_code == 400
    assert "kan ikke bli gjort endelig nå" in response.content.decode()


def test_the_leadership_sends_back_with_a_comment_and_the_service_reads_it(client, tree):
    assessment = _ready(tree, status=Status.SUBMITTED)
    login(client, tree.users["municipal_leader_a"])
    url = f"/vurderinger/{assessment.pk}/send-tilbake/"
    response = client.post(url, {"version": assessment.version, "comment": ""})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Skriv en kommentar til tjenesten" in page and "ds-error-summary" in page
    assert Assessment.objects.get(pk=assessment.pk).status == Status.SUBMITTED
    response = client.post(url, {"version": assessment.version, "comment": "Beskriv vaktordningen."})
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == Status.DRAFT and assessment.comments.get().text == "Beskriv vaktordningen."
    client.logout()
    login(client, tree.users["leader_ab"])
    assert "Beskriv vaktordningen." in client.get(f"/vurderinger/{assessment.pk}/").content.decode()


def test_the_county_and_bufdir_read_an_assessment_only_after_it_is_forwarded(tree):
    from fagloft.accounts.access import can
    from fagloft.assessments import permissions as perms
    from fagloft.assessments.queries import visible_assessments

    readers_before = {"leader_ab", "municipal_leader_a", "admin"}
    readers_after = readers_before | {"advisor_x", "national"}
    for status, readers in (
        (Status.DRAFT, readers_before),
        (Status.SUBMITTED, readers_before),
        (Status.FORWARDED, readers_after),
        (Status.DISCUSSED, readers_after),
        (Status.FINAL, readers_after),
    ):
        assessment = _ready(tree, status=status)
        for username in ALL_USERS:
            user = tree.users[username]
            expected = username in readers
            assert can(user, perms.VIEW_ASSESSMENT, assessment) is expected, (status, username)
            assert visible_assessments(user).filter(pk=assessment.pk).exists() is expected, (status, username)
        assessment.delete()


def test_the_theme_page_saves_judgement_scores_and_answers_to_each_question(client, tree):
    assessment = _ready(tree)
    entry = assessment.entries.get(theme__code="capacity")
    login(client, tree.users["leader_ab"])
    response = client.post(
        f"/vurderinger/{assessment.pk}/tema/{entry.pk}/",
        {
            "status_today": "5 årsverk",
            "own_judgement": "Sårbar",
            "likelihood": "4",
            "consequence": "5",
            "answer_0": "Nei, to ledige",
            "answer_1": "Ja, fosterhjem",
            "answer_2": "Høy turnover",
            "version": entry.version,
        },
    )
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
    response = client.post(
        f"/vurderinger/{assessment.pk}/tema/{entry.pk}/",
        {
            "likelihood": "7",
            "consequence": "2",
            "version": entry.version,
        },
    )
    assert response.status_code == 400
    assert "Sannsynlighet (1–5)" in response.content.decode()
    entry.refresh_from_db()
    assert entry.likelihood is None

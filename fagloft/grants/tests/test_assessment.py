"""Assessment by the county: scoring, concurrent edits, ranking, and no leaks to applicants."""

from __future__ import annotations

import decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fagloft.accounts.roles import Role
from fagloft.audit.concurrency import ConcurrentEditError
from fagloft.audit.models import AuditEvent
from fagloft.grants import queries, services
from fagloft.grants.models import Application, Assessment, Decision
from fagloft.grants.tests.factories import make_application, make_assessment, make_call
from fagloft.organizations.tests.factories import login, make_service, make_user


@pytest.fixture
def submitted(tree):
    call = make_call(tree.county_x, budget=300_000)
    first = make_application(
        call,
        tree.municipality_a,
        "Alvik-prosjektet",
        participants=[tree.municipality_b],
        amount=200_000,
        status=Application.Status.SUBMITTED,
    )
    second = make_application(
        call, tree.municipality_b, "Bergvik-prosjektet", amount=200_000, status=Application.Status.SUBMITTED
    )
    return call, first, second


def _manual(call):
    return [c for c in call.criteria.all() if not c.automatic]


def test_each_assessor_scores_separately_and_the_ranking_averages_them(tree, submitted):
    call, first, second = submitted
    other_advisor = make_user("advisor_x2", Role.COUNTY_ADVISOR, tree.county_x)
    benefit, feasibility = _manual(call)
    services.save_assessment(
        tree.users["advisor_x"], first, expected_version=None, comment="Godt", scores={benefit.pk: 5, feasibility.pk: 3}
    )
    services.save_assessment(
        other_advisor, first, expected_version=None, comment="Bra", scores={benefit.pk: 3, feasibility.pk: 3}
    )
    services.save_assessment(
        tree.users["advisor_x"], second, expected_version=None, comment="", scores={benefit.pk: 5, feasibility.pk: 5}
    )
    ranked = queries.ranking(call)
    by_title = {row.application.title: row for row in ranked}
    assert by_title["Alvik-prosjektet"].per_criterion[benefit.pk] == 4  # (5 + 3) / 2
    assert by_title["Alvik-prosjektet"].assessor_count == 2
    # Bergvik scores 5 on manual criteria but 0 on "several municipalities" (weight 2): (15+5+0)/6.
    assert by_title["Bergvik-prosjektet"].score == round(20 / 6, 2)
    # Alvik: (4*3 + 3*1 + 3*2) / 6 = 3.5 with two municipalities scoring 3.
    assert by_title["Alvik-prosjektet"].score == 3.5
    assert [row.application.title for row in ranked] == ["Alvik-prosjektet", "Bergvik-prosjektet"]
    assert [row.within_budget for row in ranked] == [True, False]  # 200k fits in 300k, 400k does not


def test_the_same_assessment_saved_from_two_open_pages_is_refused_the_second_time(tree, submitted):
    call, first, _second = submitted
    advisor = tree.users["advisor_x"]
    benefit, _feasibility = _manual(call)
    assessment = services.save_assessment(
        advisor, first, expected_version=None, comment="Første", scores={benefit.pk: 2}
    )
    loaded_version = assessment.version  # both pages were opened with this version
    services.save_assessment(
        advisor, first, expected_version=loaded_version, comment="Andre side", scores={benefit.pk: 4}
    )
    with pytest.raises(ConcurrentEditError):
        services.save_assessment(
            advisor, first, expected_version=loaded_version, comment="Første side igjen", scores={benefit.pk: 1}
        )
    assessment.refresh_from_db()
    assert assessment.comment == "Andre side"
    assert assessment.scores.get(criterion=benefit).score == 4


def test_two_assessors_deciding_at_once_never_overwrite_each_other(tree, submitted):
    _call, first, _second = submitted
    other_advisor = make_user("advisor_x2", Role.COUNTY_ADVISOR, tree.county_x)
    decision = services.decide(
        tree.users["advisor_x"],
        first,
        expected_version=None,
        outcome="granted",
        amount=decimal.Decimal(150_000),
        conditions="Rapport innen 1. mars",
    )
    seen = decision.version
    services.decide(other_advisor, first, expected_version=seen, outcome="granted", amount=decimal.Decimal(120_000))
    with pytest.raises(ConcurrentEditError):
        services.decide(
            tree.users["advisor_x"],
            first,
            expected_version=seen,
            outcome="refused",
            amount=decimal.Decimal(0),
            reasons="Avslått",
        )
    decision.refresh_from_db()
    assert decision.amount == 120_000 and decision.outcome == Decision.Outcome.GRANTED


def test_the_decision_page_shows_the_conflict_message_and_keeps_the_input(client, tree, submitted):
    _call, first, _second = submitted
    decision = services.decide(
        tree.users["advisor_x"], first, expected_version=None, outcome="granted", amount=decimal.Decimal(150_000)
    )
    services.decide(
        tree.users["advisor_x"],
        first,
        expected_version=decision.version,
        outcome="granted",
        amount=decimal.Decimal(100_000),
    )
    login(client, tree.users["advisor_x"])
    response = client.post(
        f"/tilskudd/soknader/{first.pk}/vedtak/",
        {"version": decision.version, "outcome": "granted", "amount": "99999", "decided_on": "2026-12-01"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Noen andre har lagret endringer" in body and 'value="99999"' in body


def test_a_refusal_needs_reasons(tree, submitted):
    _call, first, _second = submitted
    with pytest.raises(Exception, match="begrunnes"):
        services.decide(
            tree.users["advisor_x"],
            first,
            expected_version=None,
            outcome="refused",
            amount=decimal.Decimal(0),
            reasons=" ",
        )


def test_assessments_and_decisions_are_audited(tree, submitted):
    call, first, _second = submitted
    benefit, _f = _manual(call)
    services.save_assessment(tree.users["advisor_x"], first, expected_version=None, comment="x", scores={benefit.pk: 3})
    services.decide(
        tree.users["advisor_x"], first, expected_version=None, outcome="granted", amount=decimal.Decimal(1000)
    )
    types = set(AuditEvent.objects.values_list("object_type", flat=True))
    assert {"grants.assessment", "grants.decision", "grants.application"} <= types


def test_an_applicant_never_sees_any_assessment_or_ranking(client, tree, submitted):
    call, first, second = submitted
    make_assessment(first, tree.users["advisor_x"], comment="Hemmelig vurdering av Alvik")
    make_assessment(second, tree.users["advisor_x"], comment="Hemmelig vurdering av Bergvik")
    for username in ("leader_ab", "employee_ab", "municipal_leader_a"):
        client.logout()
        login(client, tree.users[username])
        for application in (first, second):
            assert client.get(f"/tilskudd/soknader/{application.pk}/vurdering/").status_code in (403, 404)
            detail = client.get(f"/tilskudd/soknader/{application.pk}/")
            assert "Hemmelig vurdering" not in detail.content.decode()
        assert client.get(f"/tilskudd/utlysninger/{call.pk}/rangering/").status_code in (403, 404)
        api = client.get("/api/v1/applications/", HTTP_ACCEPT="application/json").content.decode()
        assert "Hemmelig" not in api and "score" not in api


def test_an_applicant_in_another_municipality_cannot_open_an_application_it_is_not_part_of(client, tree):
    call = make_call(tree.county_x)
    service_b = make_service(tree.municipality_b, [tree.municipality_b], "Bergvik barneverntjeneste")
    leader_b = make_user("leader_b", Role.SERVICE_LEADER, service_b)
    alvik_only = make_application(call, tree.municipality_a, "Bare Alvik", status=Application.Status.SUBMITTED)
    login(client, leader_b)
    assert client.get(f"/tilskudd/soknader/{alvik_only.pk}/").status_code == 404


def test_the_assessor_page_shows_other_assessors_but_the_applicant_page_does_not(client, tree, submitted):
    _call, first, _second = submitted
    other = make_user("advisor_x2", Role.COUNTY_ADVISOR, tree.county_x, last_name="Vurderer")
    make_assessment(first, other, comment="Sterk forankring")
    login(client, tree.users["advisor_x"])
    page = client.get(f"/tilskudd/soknader/{first.pk}/vurdering/").content.decode()
    assert "Sterk forankring" in page
    assert Assessment.objects.filter(application=first).count() == 1


def test_ranking_page_query_count_stays_flat(client, tree):
    call = make_call(tree.county_x)
    login(client, tree.users["advisor_x"])
    counts = []
    for n in (2, 12):
        while call.applications.count() < n:
            app = make_application(call, tree.municipality_a, status=Application.Status.SUBMITTED)
            make_assessment(app, tree.users["advisor_x"])
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(f"/tilskudd/utlysninger/{call.pk}/rangering/").status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1], counts

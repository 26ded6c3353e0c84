"""The audit scope derived from SCOPE_PATHS files grant objects under the same units as the hand-written
methods it replaced (a call under its county; an assessment and a decision under the application's
county and lead municipality)."""

from __future__ import annotations

from fagloft.grants.models import Application, Criterion
from fagloft.grants.tests.factories import make_application, make_assessment, make_call, make_decision


def _ids(scope: dict) -> dict:
    return {key: value for key, value in scope.items() if value is not None}


def test_derived_scopes_match_the_old_hand_written_ones(tree):
    call = make_call(tree.county_x)
    application = make_application(
        call, tree.municipality_a, participants=[tree.municipality_b], status=Application.Status.SUBMITTED
    )
    assessment = make_assessment(application, tree.users["advisor_x"])
    decision = make_decision(application)
    assert _ids(call.audit_scope()) == {"county_id": tree.county_x.pk}
    assert _ids(assessment.audit_scope()) == {"county_id": tree.county_x.pk}
    old_application_scope = {"county_id": tree.county_x.pk, "municipality_id": tree.municipality_a.pk}
    assert application.audit_scope() == old_application_scope
    assert _ids(decision.audit_scope()) == old_application_scope
    assert _ids(Criterion.objects.filter(call=call)[0].audit_scope()) == {"county_id": tree.county_x.pk}


def test_a_national_calls_scope_is_empty(tree):
    assert _ids(make_call(None).audit_scope()) == {}

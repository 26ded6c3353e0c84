"""The derived audit scope (fagloft.lib.models.Scoped) gives the same units the hand-written
methods did, so audit rows land where the county reads them."""

from __future__ import annotations

import datetime

import pytest

from fagloft.assessments.models import AgreedAction, Comment, FollowUpMeasure, GuidanceEngagement, GuidanceSession
from fagloft.assessments.tests.factories import make_assessment, make_meeting, make_rule
from fagloft.organizations.tests.factories import build_tree


def _set(scope):
    return {k: v for k, v in scope.items() if v is not None}


@pytest.mark.django_db
def test_derived_audit_scopes_equal_the_old_hand_written_ones():
    tree = build_tree()
    # service_ab covers two municipalities: its rows belong to the host municipality.
    service = tree.service_ab
    host = {"county_id": tree.county_x.pk, "municipality_id": service.host_municipality_id, "service_id": service.pk}
    assessment = make_assessment(service)
    assert assessment.audit_scope() == host
    measure = FollowUpMeasure.objects.create(
        assessment=assessment, description="x", owner="y", deadline=datetime.date(2026, 1, 1)
    )
    comment = Comment.objects.create(assessment=assessment, author_name="z", text="t")
    entry = assessment.entries.first()
    assert entry is not None
    for row in (entry, measure, comment):
        assert _set(row.audit_scope()) == host, type(row).__name__
    meeting = make_meeting(service)
    old_meeting = {
        "county_id": meeting.county_id,
        "municipality_id": meeting.municipality_id,
        "service_id": meeting.service_id,
    }
    assert _set(meeting.audit_scope()) == old_meeting
    action = AgreedAction.objects.create(
        meeting=meeting, description="a", owner="o", deadline=datetime.date(2026, 1, 1)
    )
    assert _set(action.audit_scope()) == old_meeting
    engagement = GuidanceEngagement.objects.create(service=service, origin="nominated", reason="r")
    assert engagement.audit_scope() == host
    session = GuidanceSession.objects.create(engagement=engagement, date=datetime.date(2026, 1, 1), topic="t")
    assert _set(session.audit_scope()) == host
    county_rule = make_rule("threshold", "x", {"op": ">", "value": 1}, county=tree.county_x)
    national_rule = make_rule("threshold", "x", {"op": ">", "value": 1}, name="Nasjonal")
    assert _set(county_rule.audit_scope()) == {"county_id": tree.county_x.pk}
    assert _set(national_rule.audit_scope()) == {}

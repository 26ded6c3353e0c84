"""Front-page items: drafts due, meetings coming up, agreed actions overdue; list pages stay flat."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.utils import timezone

from fagloft.assessments.attention import items_for
from fagloft.assessments.models import AgreedAction
from fagloft.assessments.tests.factories import make_assessment, make_meeting
from fagloft.organizations.tests.factories import build_tree, login, make_municipality, make_service


@pytest.fixture
def tree(db):
    return build_tree()


@time_machine.travel("2026-02-20 09:00 +0100", tick=False)
def test_each_role_sees_what_needs_doing(tree):
    make_assessment(tree.service_ab, due_date=datetime.date(2026, 3, 1))
    make_assessment(tree.service_c, due_date=datetime.date(2026, 3, 1))
    meeting = make_meeting(tree.service_ab, starts_at=timezone.now() + datetime.timedelta(days=5))
    AgreedAction.objects.create(meeting=meeting, description="Plan", owner="Leder", deadline=datetime.date(2026, 2, 1))
    leader_titles = [i.title for i in items_for(tree.users["leader_ab"])]
    assert "Vurderingen for 2025 skal sendes inn" in leader_titles
    assert "Dialogmøte med Alvik" in leader_titles
    assert "Avtalt oppfølging etter dialogmøter er forsinket" in leader_titles
    assert len([t for t in leader_titles if "skal sendes inn" in t]) == 1  # not county Y's draft
    advisor_titles = [i.title for i in items_for(tree.users["advisor_x"])]
    assert "Dialogmøte med Alvik" in advisor_titles and not any("sendes inn" in t for t in advisor_titles)
    assert items_for(tree.users["employee_ab"]) == []
    assert items_for(tree.users["advisor_y"]) == []


def test_the_list_page_takes_the_same_number_of_queries_with_more_assessments(client, tree,
                                                                               django_assert_max_num_queries):
    login(client, tree.users["admin"])
    make_assessment(tree.service_ab)
    client.get("/vurderinger/")
    with django_assert_max_num_queries(30) as small:
        client.get("/vurderinger/")
    for number in range(3, 13):
        make_assessment(make_service(make_municipality(tree.county_x, f"91{number:02d}")))
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get("/vurderinger/").status_code == 200

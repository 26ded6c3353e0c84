"""The front page's attention list is cached per user, language and day under the data version
(`navigation.attention_for`): a change made through a use case shows on the next request, another
user or language never gets someone else's list, and the next day is worked out anew."""

from __future__ import annotations

import datetime

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from fagloft.assessments import services
from fagloft.assessments.models import Assessment
from fagloft.assessments.tests.factories import make_assessment
from fagloft.navigation import attention_for
from fagloft.organizations.tests.factories import login

WAITING = "venter på kommuneledelsen"


def _titles(user) -> list[str]:
    return [str(item.title) for item in attention_for(user)]


def test_a_forwarded_assessment_leaves_the_leaderships_list_at_once(client, tree):
    leadership = tree.users["municipal_leader_a"]
    waiting = make_assessment(tree.service_ab, status=Assessment.Status.SUBMITTED, risk_level="high", conclusion="X")
    login(client, leadership)
    with CaptureQueriesContext(connection) as first:
        assert WAITING in client.get("/").content.decode()
    with CaptureQueriesContext(connection) as again:
        assert WAITING in client.get("/").content.decode()
    assert len(again.captured_queries) < len(first.captured_queries)  # read from the cache
    services.forward_assessment(leadership, waiting)
    assert WAITING not in client.get("/").content.decode()


def test_each_user_and_language_has_its_own_list(tree):
    make_assessment(tree.service_ab, status=Assessment.Status.SUBMITTED, risk_level="high", conclusion="X")
    leadership, advisor = tree.users["municipal_leader_a"], tree.users["advisor_x"]
    assert any(WAITING in title for title in _titles(leadership))
    assert not any(WAITING in title for title in _titles(advisor))
    with translation.override("en"):
        english = _titles(leadership)
    assert english and not any(WAITING in title for title in english)


def test_a_new_day_is_worked_out_anew(tree):
    from fagloft.assessments.attention import DRAFT_HORIZON_DAYS

    leader = tree.users["leader_ab"]
    due = datetime.date(2026, 6, 10)
    make_assessment(tree.service_ab, year=2026, due_date=due)
    # Nothing changes in the data between the two days: only the day may move the key.
    day_before = due - datetime.timedelta(days=DRAFT_HORIZON_DAYS + 1)
    # Two minutes apart, around midnight in Norway (UTC+2 in June): well within the cache's timeout.
    late = datetime.datetime.combine(day_before, datetime.time(21, 59), datetime.UTC)
    with time_machine.travel(late, tick=False):
        assert "Vurderingen for 2026 skal sendes inn" not in _titles(leader)
    with time_machine.travel(late + datetime.timedelta(minutes=2), tick=False):
        assert "Vurderingen for 2026 skal sendes inn" in _titles(leader)

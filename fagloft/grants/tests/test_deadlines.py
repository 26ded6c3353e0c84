"""Deadlines are the end of the day in Norway (kl. 23.59 Europe/Oslo), also across summer time."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from fagloft.grants import services
from fagloft.grants.models import Application
from fagloft.grants.tests.factories import make_application, make_call
from fagloft.lib.refusals import Refused
from fagloft.networks.tests.factories import (
    adopt,
    make_environment,
    make_network,
    make_plan,
)
from fagloft.organizations.tests.factories import login

UTC = datetime.UTC
OSLO = ZoneInfo("Europe/Oslo")


@pytest.fixture
def eligible(tree):
    """An application that passes every rule, so only the deadline decides."""
    network = make_network(tree.county_x, [tree.municipality_a, tree.municipality_b])
    adopt(make_plan(network), [None, tree.municipality_a, tree.municipality_b])

    def build(deadline: datetime.date) -> Application:
        call = make_call(tree.county_x, deadline=deadline, opens_on=datetime.date(2026, 1, 1))
        return make_application(call, tree.municipality_a, network=network, partner=make_environment())

    return build


@pytest.mark.parametrize(
    "moment, accepted",
    [
        # 1 November is winter time (UTC+1): 23.59 in Oslo is 22.59 UTC.
        (datetime.datetime(2026, 11, 1, 22, 59, 30, tzinfo=UTC), True),
        (datetime.datetime(2026, 11, 1, 23, 0, 0, tzinfo=UTC), False),
        # 23.30 UTC on the deadline day is already 00.30 the next day in Oslo.
        (datetime.datetime(2026, 11, 1, 23, 30, tzinfo=UTC), False),
        (datetime.datetime(2026, 11, 1, 23, 59, 59, tzinfo=OSLO), True),
    ],
)
def test_a_winter_deadline_closes_at_midnight_oslo_time(user_and_eligible, moment, accepted):
    user, build = user_and_eligible
    application = build(datetime.date(2026, 11, 1))
    _submit_and_check(user, application, moment, accepted)


@pytest.mark.parametrize(
    "moment, accepted",
    [
        # 30 June is summer time (UTC+2): 23.59 in Oslo is 21.59 UTC.
        (datetime.datetime(2026, 6, 30, 21, 59, 59, tzinfo=UTC), True),
        (datetime.datetime(2026, 6, 30, 22, 0, 0, tzinfo=UTC), False),
        (datetime.datetime(2026, 6, 30, 22, 30, tzinfo=UTC), False),
    ],
)
def test_a_summer_deadline_closes_two_hours_before_midnight_utc(user_and_eligible, moment, accepted):
    user, build = user_and_eligible
    _submit_and_check(user, build(datetime.date(2026, 6, 30)), moment, accepted)


def test_a_deadline_on_the_day_summer_time_starts_still_ends_at_midnight_oslo(user_and_eligible):
    # 29 March 2026: clocks go from 02.00 to 03.00, so the day is 23 hours long and ends 22.00 UTC.
    user, build = user_and_eligible
    application = build(datetime.date(2026, 3, 29))
    assert application.call.closes_at == datetime.datetime(2026, 3, 29, 22, 0, tzinfo=UTC)
    _submit_and_check(user, application, datetime.datetime(2026, 3, 29, 21, 59, tzinfo=UTC), True)


def test_a_deadline_on_the_day_summer_time_ends_closes_at_23_utc(user_and_eligible):
    # 25 October 2026: clocks go back, so midnight the next day in Oslo is 23.00 UTC.
    _user, build = user_and_eligible
    application = build(datetime.date(2026, 10, 25))
    assert application.call.closes_at == datetime.datetime(2026, 10, 25, 23, 0, tzinfo=UTC)


def test_it_refuses_a_submission_before_the_call_opens(user_and_eligible):
    user, build = user_and_eligible
    application = build(datetime.date(2026, 11, 1))
    with pytest.raises(Refused, match="åpner ikke"):
        services.submit_application(user, application, now=datetime.datetime(2025, 12, 31, 12, tzinfo=UTC))


@pytest.fixture
def user_and_eligible(tree, eligible):
    return tree.users["leader_ab"], eligible


def _submit_and_check(user, application, moment, accepted) -> None:
    if accepted:
        services.submit_application(user, application, now=moment)
        application.refresh_from_db()
        assert application.status == Application.Status.SUBMITTED
        assert application.submitted_at == moment
    else:
        with pytest.raises(Refused, match="Søknadsfristen gikk ut"):
            services.submit_application(user, application, now=moment)
        application.refresh_from_db()
        assert application.status == Application.Status.DRAFT


def test_the_submit_page_refuses_after_the_deadline_with_a_norwegian_message(client, tree, eligible):
    application = eligible(datetime.date(2026, 11, 1))
    login(client, tree.users["leader_ab"])
    with time_machine.travel(datetime.datetime(2026, 11, 1, 23, 5, tzinfo=UTC), tick=False):
        response = client.post(f"/tilskudd/soknader/{application.pk}/send-inn/", follow=True)
    assert "Søknadsfristen gikk ut 1. november 2026 kl. 23.59 (norsk tid)" in response.content.decode()
    application.refresh_from_db()
    assert application.status == Application.Status.DRAFT


def test_the_submit_page_accepts_an_eligible_application_before_the_deadline(client, tree, eligible):
    application = eligible(datetime.date(2026, 11, 1))
    login(client, tree.users["leader_ab"])
    with time_machine.travel(datetime.datetime(2026, 11, 1, 22, 0, tzinfo=UTC), tick=False):
        page = client.get(f"/tilskudd/soknader/{application.pk}/send-inn/")
        assert "kan ikke endres etterpå" in page.content.decode()
        application.refresh_from_db()
        assert application.status == Application.Status.DRAFT  # the first step only asks
        response = client.post(f"/tilskudd/soknader/{application.pk}/send-inn/", {"confirmed": "1", "confirm": "on"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED

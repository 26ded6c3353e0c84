"""iCalendar feeds: parsed back with icalendar, reached by a personal secret token without login."""

from __future__ import annotations

import datetime

import pytest
from icalendar import Calendar

from fagloft.networks.models import AgendaItem, CalendarToken
from fagloft.networks.tests.factories import make_gathering, make_network

START = datetime.datetime(2026, 9, 13, 7, 0, tzinfo=datetime.UTC)  # 09.00 in Oslo


@pytest.fixture
def feeds(tree):
    inside = make_network(tree.county_x, [tree.municipality_a], "Nordnettverket")
    outside = make_network(tree.county_y, [tree.municipality_c], "Utenfornettverket")
    gathering = make_gathering(inside, "Høstsamling", starts_at=START)
    AgendaItem.objects.create(gathering=gathering, order=1, title="Status for prosjektene")
    make_gathering(outside, "Utenfor samling", starts_at=START)
    token = CalendarToken.objects.create(user=tree.users["leader_ab"]).token
    return inside, outside, gathering, token


def _events(body: bytes) -> list:
    return [c for c in Calendar.from_ical(body).walk("VEVENT")]


def test_the_personal_feed_parses_and_holds_the_gatherings_the_person_may_see(client, feeds):
    _inside, _outside, _gathering, token = feeds
    response = client.get(f"/nettverk/kalender/{token}.ics")  # no login: calendar apps cannot log in
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    events = _events(response.content)
    assert len(events) == 1
    event = events[0]
    assert str(event["summary"]) == "Høstsamling (Nordnettverket)"
    assert event.decoded("dtstart") == START
    assert "Status for prosjektene" in str(event["description"])
    assert str(event["location"]) == "Rådhuset"


def test_the_network_feed_holds_only_that_network(client, tree, feeds):
    inside, outside, _gathering, token = feeds
    assert len(_events(client.get(f"/nettverk/{inside.pk}/kalender/{token}.ics").content)) == 1
    assert client.get(f"/nettverk/{outside.pk}/kalender/{token}.ics").status_code == 404


def test_an_unknown_token_gets_nothing(client, feeds):
    assert client.get("/nettverk/kalender/feil-nokkel.ics").status_code == 404


def test_a_deactivated_users_token_stops_working(client, tree, feeds):
    *_rest, token = feeds
    tree.users["leader_ab"].is_active = False
    tree.users["leader_ab"].save()
    assert client.get(f"/nettverk/kalender/{token}.ics").status_code == 404


def test_the_calendar_page_creates_a_token_and_shows_the_addresses(client, tree, feeds):
    from fagloft.organizations.tests.factories import login

    login(client, tree.users["employee_ab"])
    body = client.get("/nettverk/kalender/").content.decode()
    token = CalendarToken.objects.get(user=tree.users["employee_ab"]).token
    assert f"/nettverk/kalender/{token}.ics" in body

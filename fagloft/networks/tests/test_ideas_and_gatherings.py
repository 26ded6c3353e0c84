"""Idea bank, development projects and gatherings."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from fagloft.networks import services
from fagloft.networks.models import Idea, NetworkRole, Participation
from fagloft.networks.tests.factories import (
    make_contact,
    make_gathering,
    make_idea,
    make_network,
)
from fagloft.organizations.tests.factories import login


@pytest.fixture
def network(tree):
    return make_network(tree.county_x, [tree.municipality_a, tree.municipality_b], "Nordnettverket")


def test_a_member_proposes_an_idea_and_others_support_and_comment(client, tree, network):
    login(client, tree.users["employee_ab"])
    response = client.post(
        f"/nettverk/{network.pk}/ideer/",
        {"title": "Felles opplæring i samtaler med barn", "description": "Sammen med RKBU"},
    )
    idea = Idea.objects.get()
    assert response.status_code == 302 and idea.proposed_by == tree.users["employee_ab"]
    client.logout()
    login(client, tree.users["leader_ab"])
    client.post(f"/nettverk/ideer/{idea.pk}/stott/")
    client.post(f"/nettverk/ideer/{idea.pk}/kommenter/", {"text": "Godt forslag"})
    assert idea.supports.count() == 1 and idea.comments.get().text == "Godt forslag"


def test_only_the_steering_group_prioritises(client, tree, network):
    idea = make_idea(network, "Idé")
    login(client, tree.users["leader_ab"])
    assert (
        client.post(f"/nettverk/ideer/{idea.pk}/prioriter/", {"status": "prioritised", "priority": 1}).status_code
        == 403
    )
    NetworkRole.objects.create(network=network, user=tree.users["leader_ab"], name="Leder AB")
    client.post(f"/nettverk/ideer/{idea.pk}/prioriter/", {"status": "prioritised", "priority": 1})
    idea.refresh_from_db()
    assert idea.status == Idea.Status.PRIORITISED and idea.priority == 1


def test_the_steering_group_turns_an_idea_into_a_project(client, tree, network):
    idea = make_idea(network, "Fosterhjem i nettverket")
    login(client, tree.users["coordinator_x"])
    response = client.post(
        f"/nettverk/ideer/{idea.pk}/prosjekt/",
        {"lead_municipality": tree.municipality_a.pk, "participants": [tree.municipality_b.pk]},
    )
    idea.refresh_from_db()
    assert response.status_code == 302 and idea.status == Idea.Status.PROJECT
    project = idea.project
    assert project is not None and project.title == "Fosterhjem i nettverket"
    assert set(project.participants.all()) == {tree.municipality_b}


def test_members_register_and_the_coordinator_records_attendance(client, tree, network):
    gathering = make_gathering(network)
    login(client, tree.users["employee_ab"])
    client.post(f"/nettverk/samlinger/{gathering.pk}/pamelding/", {"attending": "yes"})
    participation = Participation.objects.get()
    assert participation.status == Participation.Status.REGISTERED
    client.logout()
    login(client, tree.users["coordinator_x"])
    client.post(f"/nettverk/samlinger/{gathering.pk}/oppmote/", {"attended": [tree.users["employee_ab"].pk]})
    participation.refresh_from_db()
    assert participation.attended


def test_invitations_go_to_contact_persons_and_reminders_go_once(tree, network):
    make_contact(network, tree.municipality_a, "Anne", email="anne@alvik.no", user=tree.users["employee_ab"])
    tree.users["employee_ab"].email = "anne@alvik.no"
    tree.users["employee_ab"].save()
    gathering = make_gathering(network, starts_at=timezone.now() + datetime.timedelta(days=2))
    assert services.invite_to_gathering(tree.users["coordinator_x"], gathering) == 1
    assert mail.outbox[-1].to == ["anne@alvik.no"]
    assert services.send_gathering_reminders() == 1
    assert "Påminnelse" in mail.outbox[-1].subject
    assert services.send_gathering_reminders() == 0


def test_stale_minutes_are_refused(tree, network):
    gathering = make_gathering(network)
    version = gathering.version
    services.save_minutes(tree.users["coordinator_x"], gathering, expected_version=version, minutes="Referat 1")
    from fagloft.audit.concurrency import ConcurrentEditError

    with pytest.raises(ConcurrentEditError):
        services.save_minutes(tree.users["advisor_x"], gathering, expected_version=version, minutes="Referat 2")


def test_moving_a_gathering_updates_the_calendar_sequence(client, tree, network):
    from icalendar import Calendar

    from fagloft.networks import ical

    gathering = make_gathering(network, "Samling")
    login(client, tree.users["coordinator_x"])
    start = timezone.localtime(gathering.starts_at) + datetime.timedelta(days=1)
    response = client.post(
        f"/nettverk/samlinger/{gathering.pk}/endre/",
        {
            "version": gathering.version,
            "title": "Samling",
            "place": "Vadsø",
            "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (start + datetime.timedelta(hours=5)).strftime("%Y-%m-%dT%H:%M"),
        },
    )
    assert response.status_code == 302
    gathering.refresh_from_db()
    event = Calendar.from_ical(ical.feed("x", [gathering])).walk("VEVENT")[0]
    assert event["sequence"] == 2 and str(event["location"]) == "Vadsø"


def test_the_reminder_task_reminds_registered_people(tree, network):
    from fagloft.networks.tasks import send_gathering_reminders_task

    tree.users["employee_ab"].email = "ansatt@alvik.no"
    tree.users["employee_ab"].save()
    gathering = make_gathering(network, starts_at=timezone.now() + datetime.timedelta(days=1))
    Participation.objects.create(
        gathering=gathering, user=tree.users["employee_ab"], status=Participation.Status.REGISTERED
    )
    assert send_gathering_reminders_task.enqueue().return_value == 1
    assert mail.outbox[-1].to == ["ansatt@alvik.no"]

"""Dialogue meetings: scheduling, agreed actions and the e-mail reminders before deadlines."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.management import call_command

from fagloft.assessments import services
from fagloft.assessments.models import AgreedAction, DialogueMeeting
from fagloft.assessments.tests.factories import make_meeting
from fagloft.audit.models import AuditEvent
from fagloft.organizations.tests.factories import login


def _action(meeting, deadline, email="leder@alvik.kommune.no", **extra) -> AgreedAction:
    return AgreedAction.objects.create(
        meeting=meeting,
        description="Lag plan for rekruttering",
        owner="Barnevernleder",
        owner_email=email,
        deadline=deadline,
        **extra,
    )


@time_machine.travel("2026-03-02 08:00 +0100", tick=False)
def test_reminders_go_to_owners_of_open_actions_due_within_the_window_once(tree):
    meeting = make_meeting(tree.service_ab)
    due_soon = _action(meeting, datetime.date(2026, 3, 9))  # 7 days ahead: inside
    _action(meeting, datetime.date(2026, 3, 10), email="senere@alvik.no")  # 8 days ahead: not yet
    _action(meeting, datetime.date(2026, 3, 5), email="ferdig@alvik.no", is_done=True)
    _action(meeting, datetime.date(2026, 3, 5), email="")  # nobody to e-mail
    assert services.send_reminders(days=7) == 1
    [message] = mail.outbox
    assert message.to == ["leder@alvik.kommune.no"]
    assert "09.03.2026" in message.subject and "Lag plan for rekruttering" in message.body
    due_soon.refresh_from_db()
    assert due_soon.reminded_at is not None
    assert services.send_reminders(days=7) == 0  # never twice
    assert AuditEvent.objects.filter(object_type="assessments.agreedaction", object_id=str(due_soon.pk)).exists()


def test_the_management_command_sends_reminders_for_a_given_day(tree):
    meeting = make_meeting(tree.service_ab)
    _action(meeting, datetime.date(2026, 5, 20))
    call_command("send_reminders", "--today", "2026-05-18", "--days", "3")
    assert len(mail.outbox) == 1


def test_the_county_schedules_a_meeting_with_the_default_agenda(tree):
    meeting = services.schedule_meeting(
        tree.users["advisor_x"],
        service=tree.service_ab,
        municipality=tree.municipality_b,
        starts_at=datetime.datetime(2026, 4, 1, 10, tzinfo=datetime.UTC),
        place="Bergvik rådhus",
        participants="Kommunedirektør, barnevernleder",
    )
    assert meeting.county == tree.county_x
    assert "Risiko- og tilstandsvurderingen" in meeting.agenda and "Kompetansestrategien" in meeting.agenda


def test_a_meeting_is_refused_for_a_municipality_the_service_does_not_cover(tree):
    with pytest.raises(services.WorkflowRefused, match="dekker ikke"):
        services.schedule_meeting(
            tree.users["admin"],
            service=tree.service_ab,
            municipality=tree.municipality_c,
            starts_at=datetime.datetime(2026, 4, 1, 10, tzinfo=datetime.UTC),
            place="X",
        )


def test_only_the_county_of_the_service_schedules_meetings(tree):
    for username in ("advisor_y", "leader_ab", "municipal_leader_a", "national"):
        with pytest.raises(PermissionDenied):
            services.schedule_meeting(
                tree.users[username],
                service=tree.service_ab,
                municipality=tree.municipality_a,
                starts_at=datetime.datetime(2026, 4, 1, 10, tzinfo=datetime.UTC),
                place="X",
            )


def test_the_meeting_page_lets_the_county_write_minutes_and_actions(client, tree):
    meeting = make_meeting(tree.service_ab)
    login(client, tree.users["advisor_x"])
    response = client.post(
        f"/vurderinger/dialogmoter/{meeting.pk}/oppfolging/",
        {
            "description": "Ansette fagkoordinator",
            "owner": "Kommunedirektør",
            "owner_email": "kd@alvik.no",
            "deadline": "2026-09-01",
        },
    )
    assert response.status_code == 302
    assert meeting.actions.get().owner == "Kommunedirektør"
    response = client.post(
        f"/vurderinger/dialogmoter/{meeting.pk}/referat/",
        {
            "starts_at": "2026-04-01T10:00",
            "place": "Alvik",
            "participants": "",
            "agenda": "1. Tilstand",
            "minutes": "Tjenesten har to ledige stillinger.",
            "version": meeting.version,
        },
    )
    assert response.status_code == 302
    assert DialogueMeeting.objects.get(pk=meeting.pk).minutes == "Tjenesten har to ledige stillinger."


def test_the_service_leader_reads_the_meeting_but_cannot_change_it(client, tree):
    meeting = make_meeting(tree.service_ab)
    login(client, tree.users["leader_ab"])
    page = client.get(f"/vurderinger/dialogmoter/{meeting.pk}/")
    assert page.status_code == 200 and "Endre møtet" not in page.content.decode()
    assert client.post(f"/vurderinger/dialogmoter/{meeting.pk}/oppfolging/", {}).status_code == 403


def test_a_meeting_links_only_an_assessment_the_county_may_read(tree):
    from fagloft.assessments.models import Assessment
    from fagloft.assessments.tests.factories import make_assessment

    waiting = make_assessment(tree.service_ab, status=Assessment.Status.SUBMITTED)
    start = datetime.datetime(2026, 4, 1, 10, tzinfo=datetime.UTC)
    with pytest.raises(services.WorkflowRefused, match="ikke sendt til Statsforvalteren"):
        services.schedule_meeting(
            tree.users["advisor_x"],
            service=tree.service_ab,
            municipality=tree.municipality_a,
            starts_at=start,
            place="X",
            assessment=waiting,
        )
    Assessment.objects.filter(pk=waiting.pk).update(status=Assessment.Status.FORWARDED)
    waiting.refresh_from_db()
    meeting = services.schedule_meeting(
        tree.users["advisor_x"],
        service=tree.service_ab,
        municipality=tree.municipality_a,
        starts_at=start,
        place="X",
        assessment=waiting,
    )
    assert meeting.assessment == waiting

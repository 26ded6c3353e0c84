"""Front-page items: drafts due, meetings coming up, agreed actions overdue; list pages stay flat."""

from __future__ import annotations

import datetime

import time_machine
from django.utils import timezone

from fagloft.assessments.attention import items_for
from fagloft.assessments.models import AgreedAction
from fagloft.assessments.tests.factories import make_assessment, make_meeting
from fagloft.organizations.tests.factories import login, make_municipality, make_service


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


def test_the_list_page_takes_the_same_number_of_queries_with_more_assessments(
    client, tree, django_assert_max_num_queries
):
    login(client, tree.users["admin"])
    make_assessment(tree.service_ab)
    client.get("/vurderinger/")
    with django_assert_max_num_queries(30) as small:
        client.get("/vurderinger/")
    for number in range(3, 13):
        make_assessment(make_service(make_municipality(tree.county_x, f"91{number:02d}")))
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get("/vurderinger/").status_code == 200


def test_the_leadership_sees_what_waits_for_them_and_the_county_sees_it_once_forwarded(client, tree):
    from fagloft.assessments import services
    from fagloft.assessments.models import Assessment

    waiting = make_assessment(
        tree.service_ab, status=Assessment.Status.SUBMITTED, risk_level="high", conclusion="Sårbar"
    )
    make_assessment(tree.service_c, status=Assessment.Status.SUBMITTED)  # county Y's leadership
    leadership = tree.users["municipal_leader_a"]
    items = [i for i in items_for(leadership) if "venter på kommuneledelsen" in i.title]
    assert [i.url for i in items] == [f"/vurderinger/{waiting.pk}/#kommuneledelsen"]
    assert not any("kommuneledelsen" in i.title for i in items_for(tree.users["advisor_x"]))
    assert not any("kommuneledelsen" in i.title for i in items_for(tree.users["leader_ab"]))
    login(client, leadership)
    assert "venter på kommuneledelsen" in client.get("/").content.decode()

    services.forward_assessment(leadership, waiting)
    assert not any("kommuneledelsen" in i.title for i in items_for(leadership))
    county_items = [i for i in items_for(tree.users["advisor_x"]) if "sendt til Statsforvalteren" in i.title]
    assert [i.url for i in county_items] == [f"/vurderinger/{waiting.pk}/"]
    assert not any("Statsforvalteren" in i.title for i in items_for(tree.users["advisor_y"]))


def test_the_service_leader_sees_an_assessment_the_leadership_sent_back_until_it_is_resubmitted(tree):
    from fagloft.assessments import services
    from fagloft.assessments.models import Assessment

    assessment = make_assessment(
        tree.service_ab, status=Assessment.Status.SUBMITTED, risk_level="high", conclusion="Sårbar"
    )
    services.send_back_assessment(tree.users["municipal_leader_a"], assessment, comment="Mer om vaktordningen.")
    titles = [i.title for i in items_for(tree.users["leader_ab"])]
    assert "Kommuneledelsen har sendt vurderingen for 2025 tilbake" in titles
    assert not any("sendt vurderingen" in i.title for i in items_for(tree.users["leader_c"]))
    services.submit_assessment(tree.users["leader_ab"], assessment)
    assert not any("sendt vurderingen" in i.title for i in items_for(tree.users["leader_ab"]))


@time_machine.travel("2026-12-01 09:00 +0100", tick=False)
def test_the_front_page_prompts_for_the_current_year_and_shows_a_late_draft_as_late(client, tree):
    from fagloft.assessments.reference import current_assessment_year, submission_deadline

    assert current_assessment_year(datetime.date(2026, 12, 1)) == 2026
    assert current_assessment_year(datetime.date(2027, 3, 1)) == 2026
    assert current_assessment_year(datetime.date(2027, 3, 2)) == 2027
    late = make_assessment(tree.service_ab, year=2025, due_date=datetime.date(2026, 3, 1))
    items = items_for(tree.users["leader_ab"])
    draft = next(i for i in items if i.title == "Vurderingen for 2025 skal sendes inn")
    assert draft.url == f"/vurderinger/{late.pk}/" and draft.is_overdue and draft.kind == "task"
    assert "2026" not in str(draft.detail) and "01.03" not in str(draft.detail)  # the date is the card's own line
    start = next(i for i in items if i.title == "Start vurderingen for 2026")
    assert start.due == submission_deadline(2026) == datetime.date(2027, 3, 1) and not start.is_overdue
    assert start.url == f"/vurderinger/ny/?service={tree.service_ab.pk}&year=2026"
    login(client, tree.users["leader_ab"])
    page = client.get("/").content.decode()
    assert "Forsinket" in page and "Start vurderingen for 2026" in page
    assert page.count("1. mars 2026") == 1  # the deadline once, not again in the detail
    form = client.get(start.url).content.decode()
    assert 'value="2026"' in form and 'value="2027-03-01"' in form


@time_machine.travel("2026-12-01 09:00 +0100", tick=False)
def test_a_service_without_any_assessment_is_prompted_to_start_one(tree):
    leader = tree.users["leader_c"]
    start = [i for i in items_for(leader) if i.title == "Start vurderingen for 2026"]
    assert len(start) == 1 and "har ingen risiko- og tilstandsvurdering" in str(start[0].detail)
    make_assessment(tree.service_c, year=2026)
    assert not any(i.title.startswith("Start vurderingen") for i in items_for(leader))
    assert not any(i.title.startswith("Start vurderingen") for i in items_for(tree.users["admin"]))


@time_machine.travel("2026-02-20 09:00 +0100", tick=False)
def test_a_draft_without_its_own_due_date_falls_under_the_deadline_rule(tree):
    make_assessment(tree.service_ab, year=2025)  # due 1 March 2026 by the rule, within 30 days
    item = next(i for i in items_for(tree.users["leader_ab"]) if i.title == "Vurderingen for 2025 skal sendes inn")
    assert item.due == datetime.date(2026, 3, 1) and not item.is_overdue


def test_a_meeting_card_gives_its_date_once(tree):
    meeting = make_meeting(tree.service_ab, starts_at=timezone.now() + datetime.timedelta(days=3))
    item = next(i for i in items_for(tree.users["advisor_x"]) if i.url.endswith(f"/{meeting.pk}/"))
    assert item.kind == "event" and item.due == timezone.localtime(meeting.starts_at).date()
    assert timezone.localtime(meeting.starts_at).strftime("%d.%m.%Y") not in str(item.detail)


@time_machine.travel("2026-01-30 09:00 +0100", tick=False)
def test_a_draft_due_exactly_at_the_end_of_the_horizon_is_shown(tree):
    # 30 days from 30 January 2026 is 1 March 2026, the deadline of the 2025 assessment.
    make_assessment(tree.service_ab, year=2025)
    assert any(i.title == "Vurderingen for 2025 skal sendes inn" for i in items_for(tree.users["leader_ab"]))

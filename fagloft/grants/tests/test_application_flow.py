"""Writing an application: start a draft, save, live eligibility (htmx fragment), submit; creating calls."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fagloft.audit.models import AuditEvent
from fagloft.grants.models import Application, Call
from fagloft.grants.tests.factories import make_application, make_call
from fagloft.networks.tests.factories import (
    adopt,
    make_environment,
    make_network,
    make_plan,
)
from fagloft.organizations.tests.factories import login

NOW = datetime.datetime(2026, 10, 1, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture
def setup(tree, client):
    network = make_network(tree.county_x, [tree.municipality_a, tree.municipality_b], "Nordnettverket")
    adopt(make_plan(network), [None, tree.municipality_a])
    call = make_call(tree.county_x, "Stimuleringsmidler 2026")
    login(client, tree.users["leader_ab"])
    with time_machine.travel(NOW, tick=False):
        yield tree, network, call


def _form(network, partner, participants, version, amount="250000", project=None) -> dict:
    data = {
        "version": version,
        "title": "Barnas stemme",
        "network": network.pk,
        "project": project.pk if project else "",
        "partner": partner.pk if partner else "",
        "participants": [m.pk for m in participants],
        "description": "Beskrivelse",
        "goals": "Mål",
        "co_financing": "50000",
        "co_financing_note": "Egen tid",
        "contact_email": "a@alvik.no",
        "budget-TOTAL_FORMS": "3",
        "budget-INITIAL_FORMS": "0",
        "budget-MIN_NUM_FORMS": "0",
        "budget-MAX_NUM_FORMS": "30",
    }
    data.update(
        {
            "budget-0-category": "project_management",
            "budget-0-amount": amount,
            "budget-1-category": "external_competence",
            "budget-1-amount": "100000",
        }
    )
    return data


def test_an_applicant_starts_a_draft_and_saves_it_with_budget_lines(client, setup):
    tree, network, call = setup
    response = client.post(
        f"/tilskudd/utlysninger/{call.pk}/sok/",
        {"title": "Barnas stemme", "lead_municipality": tree.municipality_a.pk, "network": network.pk},
    )
    application = Application.objects.get()
    assert response.status_code == 302 and application.status == Application.Status.DRAFT
    response = client.post(
        f"/tilskudd/soknader/{application.pk}/endre/",
        _form(network, make_environment(), [tree.municipality_b], application.version),
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert sorted(line.amount for line in application.budget_lines.all()) == [100_000, 250_000]
    assert set(application.participants.all()) == {tree.municipality_a, tree.municipality_b}
    assert AuditEvent.objects.filter(object_type="grants.application", verb="update").exists()


def test_the_live_check_reports_the_missing_adoption_before_saving(client, setup):
    tree, network, call = setup
    application = make_application(call, tree.municipality_a, network=network)
    response = client.post(
        f"/tilskudd/soknader/{application.pk}/vilkar/",
        _form(network, None, [tree.municipality_b], application.version),
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert response.status_code == 200 and "<html" not in body
    assert "Bergvik" in body and "Ikke oppfylt" in body
    assert "Velg kompetansemiljø" in body
    application.refresh_from_db()
    assert application.participants.count() == 1  # nothing was saved


def test_the_live_check_passes_when_the_form_is_complete(client, setup):
    tree, network, call = setup
    application = make_application(call, tree.municipality_a, network=network)
    body = client.post(
        f"/tilskudd/soknader/{application.pk}/vilkar/",
        _form(network, make_environment(), [], application.version, project=application.project),
    ).content.decode()
    assert "Ikke oppfylt" not in body and body.count("Oppfylt") == 6


def test_submission_is_refused_with_the_reasons_when_a_rule_fails(client, setup):
    tree, network, call = setup
    application = make_application(
        call, tree.municipality_a, network=network, participants=[tree.municipality_b], partner=make_environment()
    )
    response = client.post(f"/tilskudd/soknader/{application.pk}/send-inn/", follow=True)
    assert "Bergvik" in response.content.decode()
    application.refresh_from_db()
    assert application.status == Application.Status.DRAFT


def test_a_stale_draft_save_is_refused_with_a_message(client, setup):
    tree, network, call = setup
    application = make_application(call, tree.municipality_a, network=network)
    stale = application.version
    client.post(f"/tilskudd/soknader/{application.pk}/endre/", _form(network, None, [], stale))
    response = client.post(f"/tilskudd/soknader/{application.pk}/endre/", _form(network, None, [], stale, "1"))
    assert "Noen andre har lagret endringer" in response.content.decode()


def test_a_submitted_application_can_no_longer_be_edited(client, setup):
    tree, _network, call = setup
    application = make_application(call, tree.municipality_a, status=Application.Status.SUBMITTED)
    response = client.get(f"/tilskudd/soknader/{application.pk}/endre/")
    assert response.status_code == 302


def test_the_county_advisor_creates_a_call_with_default_criteria(client, tree):
    login(client, tree.users["advisor_x"])
    response = client.post(
        "/tilskudd/utlysninger/ny/",
        {
            "county": tree.county_x.pk,
            "kind": "development",
            "title": "Stimuleringsmidler 2027",
            "text": "Tekst",
            "budget": "3750000",
            "opens_on": "2027-01-01",
            "deadline": "2027-06-30",
            "spending_deadline": "2028-12-31",
            "reporting_duties": "Sluttrapport",
            "status": "published",
        },
    )
    assert response.status_code == 302
    call = Call.objects.get(title="Stimuleringsmidler 2027")
    assert call.criteria.filter(automatic="several_municipalities").exists()
    assert call.created_by == tree.users["advisor_x"]


def test_a_service_leader_cannot_create_calls(client, tree):
    login(client, tree.users["leader_ab"])
    assert client.get("/tilskudd/utlysninger/ny/").status_code == 403


def test_draft_calls_are_hidden_from_applicants(client, tree):
    make_call(tree.county_x, "Hemmelig utkast", status=Call.Status.DRAFT)
    login(client, tree.users["leader_ab"])
    assert "Hemmelig utkast" not in client.get("/tilskudd/").content.decode()


def test_a_national_call_is_visible_in_every_county(client, tree):
    make_call(None, "Videreutdanning nasjonalt", kind=Call.Kind.FURTHER_EDUCATION, max_per_student=100_000)
    login(client, tree.users["leader_ab"])
    assert "Videreutdanning nasjonalt" in client.get("/tilskudd/").content.decode()


def test_the_call_list_keeps_its_query_count_flat(client, tree):
    login(client, tree.users["leader_ab"])
    counts = []
    for n in (1, 10):
        while Call.objects.count() < n:
            call = make_call(tree.county_x)
            make_application(call, tree.municipality_a)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/tilskudd/").status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1], counts


def test_an_employer_applies_for_further_education_costs_within_the_limit_per_student(tree):
    from fagloft.grants import services
    from fagloft.lib.refusals import Refused

    call = make_call(
        None,
        "Videreutdanning 2026",
        kind=Call.Kind.FURTHER_EDUCATION,
        max_per_student=100_000,
        opens_on=datetime.date(2026, 2, 1),
        deadline=datetime.date(2026, 4, 15),
    )
    leader = tree.users["leader_ab"]
    application = services.start_application(
        leader, call, lead_municipality=tree.municipality_a, title="Vikarer for to ansatte"
    )
    assert application.county == tree.county_x  # the applicant's county assesses a national call
    # Over the ceiling: the save names the line and the student (the ceiling is a rule of the call).
    with pytest.raises(Refused, match="Budsjettlinje 2: Kari får da 105\u00a0000\u00a0kr i alt"):
        services.save_application(
            leader,
            application,
            expected_version=application.version,
            participants=[],
            budget_lines=[
                ("substitutes", "Vikar", 90_000, "Kari"),
                ("travel", "", 15_000, "Kari"),
                ("literature", "", 3_000, "Ola"),
            ],
        )
    moment = datetime.datetime(2026, 4, 10, 12, tzinfo=datetime.UTC)
    application.refresh_from_db()
    services.save_application(
        leader,
        application,
        expected_version=application.version,
        participants=[],
        budget_lines=[
            ("substitutes", "Vikar", 85_000, "Kari"),
            ("travel", "", 15_000, "Kari"),
            ("literature", "", 3_000, "Ola"),
        ],
    )
    services.submit_application(leader, application, now=moment)
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED


def test_a_county_advisor_ranks_its_own_share_of_a_national_call(client, tree):
    call = make_call(None, "Videreutdanning 2026", kind=Call.Kind.FURTHER_EDUCATION)
    make_application(call, tree.municipality_a, "Alvik-søknad", status=Application.Status.SUBMITTED)
    make_application(call, tree.municipality_c, "Utenfor-søknad", status=Application.Status.SUBMITTED)
    login(client, tree.users["advisor_x"])
    body = client.get(f"/tilskudd/utlysninger/{call.pk}/rangering/").content.decode()
    assert "Alvik-søknad" in body and "Utenfor-søknad" not in body

"""Editing a service's leader, contact details and coverage: audited, with optimistic concurrency."""

from __future__ import annotations

import datetime

from fagloft.audit.models import AuditEvent
from fagloft.organizations import services
from fagloft.organizations.models import Service, ServiceCoverage
from fagloft.organizations.tests.factories import login, make_municipality


def _url(service: Service) -> str:
    return f"/tjenester/{service.pk}/endre/"


def _contact(service: Service, **values: str) -> dict[str, str | int]:
    return {
        "form": "contact",
        "version": service.version,
        "leader_name": "Liv Leder",
        "email": "barnevern@alvik.kommune.no",
        "phone": "+47 78 00 00 00",
        "address": "Torget 1",
        **values,
    }


def test_a_service_leader_saves_the_contact_details_and_the_change_is_audited(client, tree):
    login(client, tree.users["leader_ab"])
    response = client.post(_url(tree.service_ab), _contact(tree.service_ab))
    assert response.status_code == 302
    tree.service_ab.refresh_from_db()
    assert tree.service_ab.leader_name == "Liv Leder"
    event = AuditEvent.objects.get(object_type="organizations.service", verb="update")
    assert event.actor == tree.users["leader_ab"]
    assert event.changes["leader_name"] == ["", "Liv Leder"]
    assert event.county_id == tree.county_x.pk


def test_a_save_from_a_stale_page_is_refused_with_a_clear_message(client, tree):
    login(client, tree.users["leader_ab"])
    stale = tree.service_ab.version
    services.update_service_contact(
        tree.users["advisor_x"], tree.service_ab, expected_version=stale, leader_name="Først"
    )
    response = client.post(_url(tree.service_ab), _contact(tree.service_ab, version=stale, leader_name="Sist"))
    assert response.status_code == 400
    assert "Noen andre har lagret endringer her" in response.content.decode()
    assert 'value="Sist"' in response.content.decode()  # the user's input is kept
    tree.service_ab.refresh_from_db()
    assert tree.service_ab.leader_name == "Først"


def test_an_invalid_email_is_named_in_norwegian(client, tree):
    login(client, tree.users["leader_ab"])
    response = client.post(_url(tree.service_ab), _contact(tree.service_ab, email="ikke-en-adresse"))
    assert response.status_code == 400
    assert "E-post: skriv en gyldig e-postadresse" in response.content.decode()


def test_an_employee_may_read_but_not_edit_the_service(client, tree):
    login(client, tree.users["employee_ab"])
    assert client.get(_url(tree.service_ab)).status_code == 403
    assert client.post(_url(tree.service_ab), _contact(tree.service_ab)).status_code == 403


def test_a_leader_cannot_reach_another_county_s_service(client, tree):
    login(client, tree.users["leader_ab"])
    assert client.post(_url(tree.service_c), _contact(tree.service_c)).status_code == 404


def test_adding_and_ending_a_coverage_is_recorded_with_dates(client, tree):
    extra = make_municipality(tree.county_x, "9104", "Dalvik")
    login(client, tree.users["advisor_x"])
    response = client.post(
        _url(tree.service_ab),
        {
            "form": "add",
            "add-version": tree.service_ab.version,
            "add-municipality": extra.pk,
            "add-valid_from": "2025-01-01",
        },
    )
    assert response.status_code == 302
    coverage = ServiceCoverage.objects.get(service=tree.service_ab, municipality=extra)
    assert coverage.valid_from == datetime.date(2025, 1, 1)
    tree.service_ab.refresh_from_db()
    response = client.post(
        _url(tree.service_ab),
        {
            "form": "end",
            "end-version": tree.service_ab.version,
            "end-coverage": coverage.pk,
            "end-valid_to": "2025-06-30",
        },
    )
    assert response.status_code == 302
    coverage.refresh_from_db()
    assert coverage.valid_to == datetime.date(2025, 6, 30)
    assert AuditEvent.objects.filter(object_type="organizations.servicecoverage").count() == 2


def test_a_coverage_cannot_end_before_it_started(client, tree):
    coverage = tree.service_ab.coverages.get(municipality=tree.municipality_b)
    login(client, tree.users["leader_ab"])
    response = client.post(
        _url(tree.service_ab),
        {
            "form": "end",
            "end-version": tree.service_ab.version,
            "end-coverage": coverage.pk,
            "end-valid_to": "2019-12-31",
        },
    )
    assert response.status_code == 400
    assert "Sluttdatoen kan ikke være før startdatoen" in response.content.decode()


def test_a_county_advisor_cannot_add_a_municipality_from_another_county(client, tree):
    login(client, tree.users["advisor_x"])
    response = client.post(
        _url(tree.service_ab),
        {
            "form": "add",
            "add-version": tree.service_ab.version,
            "add-municipality": tree.municipality_c.pk,
            "add-valid_from": "2025-01-01",
        },
    )
    assert response.status_code == 400
    assert not ServiceCoverage.objects.filter(service=tree.service_ab, municipality=tree.municipality_c).exists()

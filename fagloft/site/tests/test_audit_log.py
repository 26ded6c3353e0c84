"""The change log page: everything for admins, the county's own units for county advisors, and
person-level rows masked for those who may not see the person."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.apps import apps

from fagloft.audit.models import AuditEvent
from fagloft.organizations import services
from fagloft.organizations.tests.factories import build_tree, login
from fagloft.site import views


@pytest.fixture
def tree(db):
    tree = build_tree()
    with time_machine.travel(datetime.datetime(2025, 3, 1, 12, tzinfo=datetime.UTC)):
        services.update_service_contact(
            tree.users["admin"], tree.service_ab, expected_version=tree.service_ab.version, leader_name="Inne Leder"
        )
    with time_machine.travel(datetime.datetime(2025, 4, 1, 12, tzinfo=datetime.UTC)):
        services.update_service_contact(
            tree.users["admin"], tree.service_c, expected_version=tree.service_c.version, leader_name="Utenfor Leder"
        )
    return tree


def test_an_admin_sees_every_change(client, tree):
    login(client, tree.users["admin"])
    page = client.get("/endringslogg/").content.decode()
    assert "Inne Leder" in page and "Utenfor Leder" in page


def test_a_county_advisor_sees_only_changes_to_the_county_s_units(client, tree):
    login(client, tree.users["advisor_x"])
    page = client.get("/endringslogg/").content.decode()
    assert "Inne Leder" in page and "Utenfor" not in page


def test_the_trail_can_be_filtered_by_date(client, tree):
    login(client, tree.users["admin"])
    page = client.get("/endringslogg/", {"date_from": "2025-03-15"}).content.decode()
    assert "Utenfor Leder" in page and "Inne Leder" not in page


def test_the_trail_can_be_filtered_by_object_type(client, tree):
    AuditEvent.objects.create(
        actor_name="system",
        verb=AuditEvent.Verb.CREATE,
        object_type="organizations.municipality",
        object_id="1",
        object_repr="Ny kommune",
    )
    login(client, tree.users["admin"])
    page = client.get("/endringslogg/", {"object_type": "organizations.municipality"}).content.decode()
    assert "Ny kommune" in page and "Inne Leder" not in page


def test_the_trail_is_paginated(client, tree):
    AuditEvent.objects.bulk_create(
        [
            AuditEvent(
                actor_name="system",
                verb=AuditEvent.Verb.IMPORT,
                object_type="organizations.population",
                object_id=str(i),
                object_repr=f"Befolkning {i}",
            )
            for i in range(60)
        ]
    )
    login(client, tree.users["admin"])
    first = client.get("/endringslogg/").content.decode()
    assert "Side 1 av 2" in first
    second = client.get("/endringslogg/", {"side": 2}).content.decode()
    assert "Side 2 av 2" in second


def test_service_leaders_may_not_read_the_trail(client, tree):
    login(client, tree.users["leader_ab"])
    assert client.get("/endringslogg/").status_code == 403


def test_changes_are_shown_with_the_field_names_people_know(client, tree):
    login(client, tree.users["admin"])
    page = client.get("/endringslogg/").content.decode()
    assert "<strong>Leder</strong>: – → Inne Leder" in page


def _every_audited_model():
    return [m for m in apps.get_models() if m.__module__.startswith("fagloft.")]


def test_a_row_of_every_model_renders_whatever_fields_it_holds(client, tree, monkeypatch):
    """Every field and relation name a row may hold, reverse relations without a verbose name (a grant
    assessment's `scores`) and names no model has, for every model of the project."""
    monkeypatch.setattr(views, "PAGE_SIZE", 10_000)
    models = _every_audited_model()
    assert any(m._meta.label_lower == "grants.assessment" for m in models)
    AuditEvent.objects.bulk_create(
        [
            AuditEvent(
                actor_name="system",
                verb=AuditEvent.Verb.UPDATE,
                object_type=model._meta.label_lower,
                object_id="1",
                object_repr=f"Rad for {model._meta.label_lower}",
                county_id=tree.county_x.pk,
                changes={
                    **{field.name: ["før", "etter"] for field in model._meta.get_fields()},
                    "no_such_field": ["a", "b"],
                    "counts": {"created": 3},
                    "single": "bare én verdi",
                },
            )
            for model in models
        ]
    )
    for user in ("admin", "advisor_x"):
        login(client, tree.users[user])
        response = client.get("/endringslogg/")
        assert response.status_code == 200, user
        page = response.content.decode()
        assert "Rad for grants.assessment" in page
        assert "<strong>scores</strong>: før → etter" in page  # the raw name: a relation has no label
        assert "<strong>no_such_field</strong>: a → b" in page


@pytest.fixture
def people(tree):
    from fagloft.competence import services as competence_services
    from fagloft.networks import services as network_services
    from fagloft.networks.tests.factories import make_network

    employee = competence_services.create_employee(
        None,
        tree.service_ab,
        {
            "first_name": "Kari",
            "last_name": "Nordmann",
            "email": "kari.nordmann@alvik.kommune.no",
            "languages": "nordsamisk",
            "culture_competence": "samisk kultur",
            "started_on": datetime.date(2024, 1, 1),
        },
    )
    network = make_network(tree.county_x, [tree.municipality_a, tree.municipality_b])
    contact = network_services.add_contact(
        None,
        network,
        name="Per Kontakt",
        email="per.kontakt@bergvik.no",
        phone="99 88 77 66",
        role_title="Barnevernleder",
    )
    return employee, contact


PERSONAL = (
    "Kari",
    "Nordmann",
    "kari.nordmann@alvik.kommune.no",
    "nordsamisk",
    "samisk kultur",
    "Per Kontakt",
    "per.kontakt@bergvik.no",
    "99 88 77 66",
)


@pytest.mark.parametrize("object_type", ["competence.employee", "networks.contactperson"])
def test_a_county_advisor_sees_that_a_person_changed_but_not_who(client, tree, people, object_type):
    login(client, tree.users["advisor_x"])
    response = client.get("/endringslogg/", {"object_type": object_type})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Person (skjult)" in page and "(skjult)" in page
    leaked = [text for text in PERSONAL if text in page]
    assert leaked == []
    if object_type == "networks.contactperson":
        assert "Barnevernleder" in page  # the role in the network is not personal


@pytest.mark.parametrize("object_type", ["competence.employee", "networks.contactperson"])
def test_an_admin_sees_the_person(client, tree, people, object_type):
    login(client, tree.users["admin"])
    page = client.get("/endringslogg/", {"object_type": object_type}).content.decode()
    expected = "Nordmann" if object_type == "competence.employee" else "per.kontakt@bergvik.no"
    assert expected in page and "Person (skjult)" not in page


def test_the_employee_s_own_service_leader_may_see_the_person_and_another_leader_may_not(tree, people):
    from fagloft.site.audit_log import row

    event = AuditEvent.objects.get(object_type="competence.employee")
    own_leader = row(tree.users["leader_ab"], event)
    assert not own_leader.masked and own_leader.object_repr == event.object_repr and "Nordmann" in event.object_repr
    assert row(tree.users["leader_c"], event).masked
    assert row(tree.users["advisor_x"], event).masked
    assert not row(tree.users["admin"], event).masked


def test_rows_about_what_hangs_off_a_person_are_person_level():
    from fagloft.site.audit_log import person_level_types

    assert {
        "competence.employee",
        "competence.education",
        "competence.certification",
        "networks.contactperson",
    } <= person_level_types()
    assert "organizations.service" not in person_level_types()


def test_import_runs_are_named_in_plain_norwegian_in_the_filter_and_the_rows(client, tree):
    AuditEvent.objects.create(
        actor_name="system",
        verb=AuditEvent.Verb.IMPORT,
        object_type="organizations.import_crosswalk",
        object_id="",
        object_repr="crosswalk: kommunenummer-2020-2024.csv",
    )
    login(client, tree.users["admin"])
    page = client.get("/endringslogg/").content.decode()
    assert "Import av kommunenummer (omnummerering)" in page
    assert ">organizations.import_crosswalk<" not in page
    assert "organizations.import_crosswalk" not in page.replace('value="organizations.import_crosswalk"', "")

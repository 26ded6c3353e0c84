"""The audit trail page: everything for admins, the county's own units for county advisors."""

from __future__ import annotations

import datetime

import pytest
import time_machine

from fagloft.audit.models import AuditEvent
from fagloft.organizations import services
from fagloft.organizations.tests.factories import build_tree, login


@pytest.fixture
def tree(db):
    tree = build_tree()
    with time_machine.travel(datetime.datetime(2025, 3, 1, 12, tzinfo=datetime.UTC)):
        services.update_service_contact(tree.users["admin"], tree.service_ab,
                                        version=services.version_token(tree.service_ab), leader_name="Inne Leder")
    with time_machine.travel(datetime.datetime(2025, 4, 1, 12, tzinfo=datetime.UTC)):
        services.update_service_contact(tree.users["admin"], tree.service_c,
                                        version=services.version_token(tree.service_c), leader_name="Utenfor Leder")
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
    AuditEvent.objects.create(actor_name="system", verb="create", object_type="organizations.municipality",
                              object_id="1", object_repr="Ny kommune")
    login(client, tree.users["admin"])
    page = client.get("/endringslogg/", {"object_type": "organizations.municipality"}).content.decode()
    assert "Ny kommune" in page and "Inne Leder" not in page


def test_the_trail_is_paginated(client, tree):
    AuditEvent.objects.bulk_create([
        AuditEvent(actor_name="system", verb="import", object_type="organizations.population", object_id=str(i),
                   object_repr=f"Befolkning {i}") for i in range(60)
    ])
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

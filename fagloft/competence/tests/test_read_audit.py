"""Bulk reads of personal data are audited (issue 16, item 11): the staff page, the employees API
and every staff export write one row naming who, which service and how many people; an import that
changes a person writes that person's before and after."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from fagloft.audit.models import AuditEvent
from fagloft.competence.models import Employee
from fagloft.competence.tests.factories import make_employee
from fagloft.organizations.tests.factories import login

pytestmark = pytest.mark.django_db


def _staff(tree, count=3):
    return [make_employee(tree.service_ab, email=f"p{i}@example.no") for i in range(count)]


def _reads(verb):
    return list(AuditEvent.objects.filter(verb=verb, object_type="organizations.service"))


def test_the_staff_page_writes_one_audit_row_with_the_number_of_people(client, tree):
    _staff(tree)
    login(client, tree.users["leader_ab"])
    assert client.get(f"/kompetanse/tjenester/{tree.service_ab.pk}/ansatte/").status_code == 200
    (event,) = _reads(AuditEvent.Verb.VIEW)
    assert event.actor == tree.users["leader_ab"]
    assert event.service_id == tree.service_ab.pk
    assert event.changes == {"personer": [None, 3]}
    assert "ansattlisten" in event.message


def test_the_employees_api_list_writes_one_audit_row_per_service(client, tree):
    _staff(tree, 4)
    login(client, tree.users["leader_ab"])
    response = client.get("/api/v1/employees/")
    assert response.status_code == 200
    (event,) = _reads(AuditEvent.Verb.VIEW)
    assert event.service_id == tree.service_ab.pk and event.changes == {"personer": [None, 4]}
    assert "/api/v1/employees/" in event.message


def test_reading_only_ones_own_record_in_the_api_is_not_a_bulk_read(client, tree):
    make_employee(tree.service_ab, user=tree.users["employee_ab"])
    login(client, tree.users["employee_ab"])
    assert client.get("/api/v1/employees/").status_code == 200
    assert _reads(AuditEvent.Verb.VIEW) == []


@pytest.mark.parametrize("fmt", ["", "?format=csv"])
def test_every_staff_export_writes_one_audit_row_and_is_never_cached(client, tree, fmt):
    _staff(tree, 2)
    login(client, tree.users["leader_ab"])
    response = client.get(f"/kompetanse/tjenester/{tree.service_ab.pk}/ansatte/eksport/{fmt}")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    (event,) = _reads(AuditEvent.Verb.EXPORT)
    assert event.changes == {"personer": [None, 2]} and event.service_id == tree.service_ab.pk


def _sheet(rows):
    book = Workbook()
    ws = book.active
    ws.title = "Ansatte"
    ws.append(["Fornavn", "Etternavn", "E-post", "Stilling", "Stillingsprosent", "Ansatt fra"])
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "hr.xlsx"
    return buffer


def test_an_import_audits_each_changed_person_with_before_and_after(client, tree):
    kari = make_employee(tree.service_ab, "Kari", "Gammel", email="kari@example.no", fte_percent=80)
    same = make_employee(tree.service_ab, "Ola", "Lik", email="ola@example.no", fte_percent=100)
    login(client, tree.users["leader_ab"])
    sheet = _sheet(
        [
            ["Kari", "Nordmann", "kari@example.no", "Saksbehandler", 100, "01.01.2020"],
            ["Ola", "Lik", "ola@example.no", same.get_position_display(), 100, "01.01.2020"],
        ]
    )
    response = client.post(f"/kompetanse/tjenester/{tree.service_ab.pk}/ansatte/import/", {"file": sheet})
    assert response.status_code == 302, response.content.decode()[:2000]
    updates = AuditEvent.objects.filter(verb=AuditEvent.Verb.UPDATE, object_type="competence.employee")
    (event,) = updates
    assert event.object_id == str(kari.pk)
    assert event.changes["last_name"] == ["Gammel", "Nordmann"]
    assert event.changes["fte_percent"][1] in ("100", "100.0", "100.00", 100)
    assert "email" not in event.changes
    assert Employee.objects.get(pk=kari.pk).last_name == "Nordmann"

"""The Django admin writes past the tree's use cases, so it audits its own changes: a service's
coverage rows (the inline), the service, municipalities and the other units."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from fagloft.accounts.roles import Role
from fagloft.audit.models import AuditEvent
from fagloft.organizations.models import Municipality, ServiceCoverage
from fagloft.organizations.tests.factories import build_tree, login, make_user

pytestmark = pytest.mark.django_db

ADMIN = "/drift/admin/organizations"


def _form_data(response: Any) -> dict[str, Any]:
    """What the admin's change form would post back unchanged: the model form and every inline."""
    data: dict[str, Any] = {}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        data.update({management.add_prefix(name): management[name].value() for name in management.fields})
        forms += inline.formset.forms
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value is None or value is False:
                continue
            data[form.add_prefix(name)] = value.isoformat() if isinstance(value, datetime.date) else value
    return data


def _superuser() -> Any:
    # The organizations admin has no permissions of its own (unlike users'): Django's model
    # permissions, which only a superuser holds in Fagløft.
    return make_user("drift", Role.ADMIN, is_staff=True, is_superuser=True)


def _events(model: str, pk: Any) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(object_type=f"organizations.{model}", object_id=str(pk)).order_by("pk"))


def test_coverage_added_changed_and_deleted_in_the_admin_is_audited(client):
    tree = build_tree()
    service = tree.service_ab
    admin = _superuser()
    login(client, admin)
    url = f"{ADMIN}/service/{service.pk}/change/"
    [kept, dropped] = ServiceCoverage.objects.filter(service=service).order_by("municipality__number")
    added_in = Municipality.objects.create(number="9109", name="Nyvik", county=tree.county_x)
    data = _form_data(client.get(url))
    # Change the first row's end, delete the second, add a third.
    data["coverages-0-valid_to"] = "2030-12-31"
    data["coverages-1-DELETE"] = "on"
    data["coverages-TOTAL_FORMS"] = 3
    data.update({"coverages-2-municipality": added_in.pk, "coverages-2-valid_from": "2026-01-01"})
    data["name"] = "Alvik og Bergvik barnevern"
    response = client.post(url, data)
    assert response.status_code == 302, response.context["errors"] if response.context else response
    added = ServiceCoverage.objects.get(service=service, municipality=added_in)

    [changed] = _events("servicecoverage", kept.pk)
    assert changed.verb == AuditEvent.Verb.UPDATE and changed.changes == {"valid_to": [None, "2030-12-31"]}
    assert changed.actor == admin and changed.service_id == service.pk
    [deleted] = _events("servicecoverage", dropped.pk)
    assert deleted.verb == AuditEvent.Verb.DELETE and not ServiceCoverage.objects.filter(pk=dropped.pk).exists()
    [created] = _events("servicecoverage", added.pk)
    assert created.verb == AuditEvent.Verb.CREATE and created.changes["municipality"] == [None, added_in.pk]
    [renamed] = _events("service", service.pk)
    assert renamed.verb == AuditEvent.Verb.UPDATE and renamed.changes["name"][1] == "Alvik og Bergvik barnevern"


def test_a_municipality_changed_added_and_deleted_in_the_admin_is_audited(client):
    tree = build_tree()
    login(client, _superuser())
    url = f"{ADMIN}/municipality/{tree.municipality_a.pk}/change/"
    data = {**_form_data(client.get(url)), "name": "Alvik kommune"}
    assert client.post(url, data).status_code == 302
    [changed] = _events("municipality", tree.municipality_a.pk)
    assert changed.changes == {"name": ["Alvik", "Alvik kommune"]}
    data = {"number": "9108", "name": "Tomvik", "county": tree.county_x.pk}
    assert client.post(f"{ADMIN}/municipality/add/", data).status_code == 302
    empty = Municipality.objects.get(number="9108")
    assert [e.verb for e in _events("municipality", empty.pk)] == [AuditEvent.Verb.CREATE]
    # «Delete selected» on the list, outside the change form.
    response = client.post(
        f"{ADMIN}/municipality/", {"action": "delete_selected", "_selected_action": [empty.pk], "post": "yes"}
    )
    assert response.status_code == 302 and not Municipality.objects.filter(pk=empty.pk).exists()
    assert [e.verb for e in _events("municipality", empty.pk)] == [AuditEvent.Verb.CREATE, AuditEvent.Verb.DELETE]

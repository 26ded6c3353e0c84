"""GDPR: erasure of one employee on request (art. 17), and the download of everything held about one
employee (art. 15), also for someone without a login."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import PermissionDenied

from fagloft.audit.models import AuditEvent
from fagloft.competence import services
from fagloft.competence.models import Employee
from fagloft.competence.tests.factories import give_education, make_employee
from fagloft.organizations.tests.factories import Tree, login


def _person(tree: Tree) -> Employee:
    leader = tree.users["leader_ab"]
    person = services.create_employee(
        leader,
        tree.service_ab,
        {
            "first_name": "Kari",
            "last_name": "Nordmann",
            "email": "kari@alvik.kommune.no",
            "started_on": "2020-01-01",
            "languages": "polsk",
        },
    )
    give_education(person)
    services.update_employee(leader, person, {"languages": "polsk og tysk"}, person.version)
    return Employee.objects.get(pk=person.pk)


@pytest.mark.django_db
def test_the_leader_erases_a_person_after_a_confirmation_step(client, tree):
    person = _person(tree)
    login(client, tree.users["leader_ab"])
    url = f"/kompetanse/ansatte/{person.pk}/slett-personopplysninger/"
    page = client.get(url)
    assert page.status_code == 200 and b'name="confirmed"' in page.content
    # Without the tick nothing happens.
    assert client.post(url, {"confirmed": "1"}).status_code == 200
    assert Employee.objects.get(pk=person.pk).anonymised_at is None

    response = client.post(url, {"confirmed": "1", "confirm": "on"})
    assert response.status_code == 302
    erased = Employee.objects.get(pk=person.pk)
    assert erased.anonymised_at is not None and erased.email == "" and "Nordmann" not in erased.name
    assert erased.languages == "" and erased.educations.get().institution == ""
    # The earlier trail is scrubbed with the retention code; the erasure is logged without a name.
    trail = AuditEvent.objects.filter(object_type="competence.employee", object_id=str(person.pk))
    assert not any(
        "Nordmann" in e.object_repr or "kari@" in json.dumps(e.changes) or "polsk" in json.dumps(e.changes)
        for e in trail
    )
    erasure = trail.get(verb=AuditEvent.Verb.DELETE)
    assert erasure.changes == {"slettet_etter_krav": [None, True]}
    assert "Nordmann" not in erasure.object_repr + erasure.message
    assert erasure.actor == tree.users["leader_ab"]
    # The profile is gone for everyone.
    assert client.get(f"/kompetanse/ansatte/{person.pk}/").status_code == 404


@pytest.mark.django_db
def test_the_admin_may_erase_and_no_one_else_but_the_services_leader(tree):
    person = _person(tree)
    for label in ("municipal_leader_a", "employee_ab", "leader_c", "advisor_x", "national"):
        with pytest.raises(PermissionDenied):
            services.erase_employee(tree.users[label], person)
    assert Employee.objects.get(pk=person.pk).anonymised_at is None
    services.erase_employee(tree.users["admin"], person)
    assert Employee.objects.get(pk=person.pk).anonymised_at is not None


@pytest.mark.django_db
def test_the_municipal_leader_and_a_colleague_never_reach_the_erase_page(client, tree):
    person = _person(tree)
    for label in ("municipal_leader_a", "employee_ab"):
        client.logout()
        login(client, tree.users[label])
        url = f"/kompetanse/ansatte/{person.pk}/slett-personopplysninger/"
        assert client.get(url).status_code in (403, 404)
        assert client.post(url, {"confirmed": "1", "confirm": "on"}).status_code in (403, 404)
    assert Employee.objects.get(pk=person.pk).anonymised_at is None


@pytest.mark.django_db
def test_the_leader_downloads_everything_about_a_person_without_a_login(client, tree):
    person = _person(tree)
    assert person.user_id is None
    login(client, tree.users["leader_ab"])
    response = client.get(f"/kompetanse/ansatte/{person.pk}/eksport.json")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    data = json.loads(response.content)
    [employment] = data["employments"]
    assert employment["email"] == "kari@alvik.kommune.no" and employment["educations"][0]["institution"]
    assert employment["changes_logged"]
    assert AuditEvent.objects.filter(
        verb=AuditEvent.Verb.EXPORT,
        object_type="competence.employee",
        object_id=str(person.pk),
        actor=tree.users["leader_ab"],
    ).exists()


@pytest.mark.django_db
def test_an_employee_downloads_their_own_record_but_not_a_colleagues(client, tree):
    me = make_employee(tree.service_ab, "Eva", "Egen", user=tree.users["employee_ab"])
    colleague = make_employee(tree.service_ab, "Per", "Kollega")
    login(client, tree.users["employee_ab"])
    own = client.get(f"/kompetanse/ansatte/{me.pk}/eksport.json")
    assert own.status_code == 200 and json.loads(own.content)["employments"][0]["last_name"] == "Egen"
    assert own["Cache-Control"] == "no-store"
    assert client.get(f"/kompetanse/ansatte/{colleague.pk}/eksport.json").status_code == 404
    client.logout()
    login(client, tree.users["municipal_leader_a"])
    assert client.get(f"/kompetanse/ansatte/{me.pk}/eksport.json").status_code in (403, 404)
    assert not AuditEvent.objects.filter(verb=AuditEvent.Verb.EXPORT, object_id=str(colleague.pk)).exists()


@pytest.mark.django_db
def test_two_people_with_the_same_name_are_told_apart_in_the_round_to_assess(client, tree):
    from fagloft.competence.tests.factories import make_round

    make_employee(tree.service_ab, "Kari", "Nordmann", email="kari.n@alvik.no")
    make_employee(tree.service_ab, "Kari", "Nordmann", email="kari.nordmann2@alvik.no")
    mapping_round = make_round(tree.service_ab)
    login(client, tree.users["leader_ab"])
    body = client.get(f"/kompetanse/kartlegging/{mapping_round.pk}/").content.decode()
    assert "kari.n@alvik.no" in body and "kari.nordmann2@alvik.no" in body

"""Who may see one person's competence record: the person, the leader of their service, no one else
(the walk over every URL is in test_walk_competence.py)."""

from __future__ import annotations

import pytest

from fagloft.competence.tests.factories import make_employee
from fagloft.organizations.tests.factories import login


@pytest.mark.django_db
@pytest.mark.parametrize("label", ["advisor_x", "coordinator_x", "national", "admin", "competence_env"])
def test_county_and_national_roles_never_see_an_individual_profile(client, tree, label):
    person = make_employee(tree.service_ab, "Kari", "Nordmann")
    login(client, tree.users[label])
    for path in (
        f"/kompetanse/ansatte/{person.pk}/",
        f"/api/v1/employees/{person.pk}/",
        f"/kompetanse/tjenester/{tree.service_ab.pk}/ansatte/",
        f"/kompetanse/tjenester/{tree.service_ab.pk}/kompetansekrav/",
    ):
        response = client.get(path)
        assert response.status_code in (403, 404), f"{label} got {response.status_code} at {path}"
    listing = client.get("/api/v1/employees/")
    assert listing.status_code == 403 or "Nordmann" not in listing.content.decode()


@pytest.mark.django_db
def test_an_employee_sees_their_own_profile_but_not_a_colleagues(client, tree):
    me = make_employee(tree.service_ab, "Eva", "Egen", user=tree.users["employee_ab"])
    colleague = make_employee(tree.service_ab, "Per", "Kollega")
    login(client, tree.users["employee_ab"])
    assert client.get(f"/kompetanse/ansatte/{me.pk}/").status_code == 200
    assert client.get(f"/kompetanse/ansatte/{colleague.pk}/").status_code == 404
    assert client.get(f"/kompetanse/tjenester/{tree.service_ab.pk}/ansatte/").status_code == 403


@pytest.mark.django_db
def test_the_leader_sees_the_services_staff_and_the_municipal_leadership_sees_aggregates_only(client, tree):
    person = make_employee(tree.service_ab, "Kari", "Nordmann")
    login(client, tree.users["leader_ab"])
    assert "Nordmann" in client.get(f"/kompetanse/tjenester/{tree.service_ab.pk}/ansatte/").content.decode()
    client.logout()
    login(client, tree.users["municipal_leader_a"])
    for path in (
        f"/kompetanse/ansatte/{person.pk}/",
        f"/kompetanse/tjenester/{tree.service_ab.pk}/ansatte/",
        f"/kompetanse/tjenester/{tree.service_ab.pk}/kompetansekrav/",
        f"/api/v1/employees/{person.pk}/",
    ):
        response = client.get(path)
        assert response.status_code in (403, 404), f"{path}: {response.status_code}"
        assert b"Nordmann" not in response.content
    assert client.get("/api/v1/employees/").status_code == 403
    assert client.post(f"/kompetanse/ansatte/{person.pk}/utdanning/ny/", {}).status_code == 403
    # The aggregates of the service stay open to them.
    overview = client.get(f"/kompetanse/tjenester/{tree.service_ab.pk}/")
    assert overview.status_code == 200 and b"Nordmann" not in overview.content


def test_no_person_level_action_names_the_municipal_leadership():
    from fagloft.accounts.roles import Role
    from fagloft.competence import permissions as p

    person_level = [
        p.VIEW_STAFF,
        p.CHANGE_STAFF,
        p.MANAGE_MAPPING,
        p.VIEW_PROFILE,
        p.EDIT_PROFILE,
        p.EXPORT_PROFILE,
        p.ERASE_EMPLOYEE,
    ]
    assert [a.code for a in person_level if Role.MUNICIPAL_LEADER in a.roles] == []
    assert Role.MUNICIPAL_LEADER in p.VIEW_OVERVIEW.roles


@pytest.mark.django_db
def test_an_employee_lists_their_own_record_in_the_api_and_no_colleagues(client, tree):
    me = make_employee(tree.service_ab, "Eva", "Egen", user=tree.users["employee_ab"])
    make_employee(tree.service_ab, "Per", "Kollega")
    login(client, tree.users["employee_ab"])
    response = client.get("/api/v1/employees/")
    assert response.status_code == 200
    body = response.json()
    rows = body["results"] if isinstance(body, dict) else body
    assert [row["id"] for row in rows] == [me.pk]
    assert "edit_profile" in rows[0]["permitted_actions"] and "change_staff" not in rows[0]["permitted_actions"]
    assert client.get(f"/api/v1/employees/{me.pk}/").status_code == 200


@pytest.mark.django_db
def test_the_leader_lists_the_services_staff_in_the_api_with_permitted_actions(client, tree):
    person = make_employee(tree.service_ab, "Kari", "Nordmann")
    make_employee(tree.service_c, "Ola", "Utenfor")
    login(client, tree.users["leader_ab"])
    body = client.get("/api/v1/employees/").json()
    rows = body["results"] if isinstance(body, dict) else body
    assert [row["id"] for row in rows] == [person.pk]
    assert "change_staff" in rows[0]["permitted_actions"]


@pytest.mark.django_db
def test_the_profile_use_cases_check_their_own_permission(tree):
    from django.core.exceptions import PermissionDenied

    from fagloft.competence import services

    me = make_employee(tree.service_ab, "Eva", "Egen", user=tree.users["employee_ab"])
    colleague = make_employee(tree.service_ab, "Per", "Kollega")
    employee = tree.users["employee_ab"]
    services.update_employee(employee, me, {"languages": "nordsamisk"}, me.version)
    with pytest.raises(PermissionDenied):
        services.update_employee(employee, me, {"fte_percent": 20}, me.version + 1)
    with pytest.raises(PermissionDenied):
        services.update_employee(employee, colleague, {"languages": "polsk"}, colleague.version)
    with pytest.raises(PermissionDenied):
        services.create_employee(tree.users["municipal_leader_a"], tree.service_ab, {})
    with pytest.raises(PermissionDenied):
        services.add_item(tree.users["leader_c"], colleague, "sertifisering", {"method": "pmto", "year": 2020})


@pytest.mark.django_db
def test_the_system_and_admin_writes_refuse_a_service_leader(tree):
    import datetime

    from django.core.exceptions import PermissionDenied

    from fagloft.competence import publishing, services
    from fagloft.competence.models import CompetenceSettings

    leader = tree.users["leader_ab"]
    with pytest.raises(PermissionDenied):
        services.anonymise_leavers(leader)
    with pytest.raises(PermissionDenied):
        publishing.publish_all(leader, datetime.date(2026, 1, 1))
    with pytest.raises(PermissionDenied):
        services.update_settings(leader, CompetenceSettings.current(), {"min_group_size": 2})
    assert CompetenceSettings.current().min_group_size == 5

"""The API: staff for leaders only, requirement status per service, and the requirements around 2031."""

from __future__ import annotations

import datetime

import pytest
import time_machine

from fagloft.competence.tests.factories import (
    give_education,
    give_further_education,
    make_employee,
)
from fagloft.organizations.tests.factories import login

D = datetime.date


def _staff(tree):
    bachelor = make_employee(tree.service_ab, "Kari", "Nordmann", started_on=D(2026, 1, 1), prior_experience_years=1)
    give_education(bachelor)
    give_further_education(bachelor, year=2025)
    master = make_employee(tree.service_ab, "Ole", "Master")
    give_education(master, level="master")
    make_employee(tree.service_c, "Ola", "Utenfor")
    return bachelor, master


def test_the_leader_lists_only_the_services_staff(client, tree):
    _staff(tree)
    login(client, tree.users["leader_ab"])
    names = {row["last_name"] for row in client.get("/api/v1/employees/").json()["results"]}
    assert names == {"Nordmann", "Master"}


def test_a_county_advisor_gets_shares_but_no_people(client, tree):
    _staff(tree)
    login(client, tree.users["advisor_x"])
    data = client.get(f"/api/v1/competence/requirements/?service={tree.service_ab.pk}").json()
    assert data["applicable"] == 2 and "people" not in data
    assert client.get(f"/api/v1/competence/requirements/?service={tree.service_c.pk}").status_code == 404


def test_without_a_service_the_shares_of_every_service_within_reach_are_listed(client, tree):
    _staff(tree)
    login(client, tree.users["advisor_x"])
    data = client.get("/api/v1/competence/requirements/").json()
    rows = {row["service"]: row for row in data["results"]}
    assert set(rows) == {tree.service_ab.pk} and data["count"] == 1
    assert rows[tree.service_ab.pk]["applicable"] == 2 and "people" not in rows[tree.service_ab.pk]
    assert rows[tree.service_ab.pk]["url"].endswith(f"/api/v1/competence/requirements/?service={tree.service_ab.pk}")
    login(client, tree.users["national"])
    assert client.get("/api/v1/competence/requirements/?limit=1").json()["count"] == 2


def test_the_listed_shares_follow_a_change_at_once(client, tree):
    """The list's shares are cached under the staff registers' data version: a new education or a
    removed employee shows on the next request."""
    from fagloft.competence.models import Employee

    bachelor, _master = _staff(tree)
    login(client, tree.users["advisor_x"])

    def row() -> dict:
        return client.get("/api/v1/competence/requirements/").json()["results"][0]

    assert (row()["applicable"], row()["meets_now"]) == (2, 1)
    give_education(bachelor, level="master")
    assert (row()["applicable"], row()["meets_now"]) == (2, 2)
    Employee.objects.filter(pk=bachelor.pk).delete()
    assert (row()["applicable"], row()["meets_now"]) == (1, 1)


def test_the_lists_shares_are_the_service_figures_shares(tree):
    from fagloft.competence import queries

    _staff(tree)
    ids = [tree.service_ab.pk, tree.service_c.pk]
    figures = queries.figures_for(ids)
    shares = queries.requirement_shares(ids)
    assert shares[tree.service_ab.pk] == (2, figures[tree.service_ab.pk].meets_now)
    assert shares == {pk: (figures[pk].applicable, figures[pk].meets_now) for pk in ids}


def test_a_bad_service_parameter_gets_a_clear_message(client, tree):
    login(client, tree.users["leader_ab"])
    response = client.get("/api/v1/competence/requirements/?service=abc")
    assert response.status_code == 400 and "tjenestens id" in response.json()["service"]
    for huge in ("99999999999999999999999999", "-3", "0"):
        response = client.get(f"/api/v1/competence/requirements/?service={huge}")
        assert response.status_code == 400, huge


# Kari has a bachelor, 30 ECTS from 2025 and 1 year's prior experience; started 1 January 2026, so
# she reaches four years on 1 January 2029, before the requirements apply on 1 January 2031.
@pytest.mark.parametrize(
    ("today", "meets_now", "people_meeting"),
    [
        (D(2026, 6, 1), 1, {"Master"}),
        (D(2028, 12, 31), 1, {"Master"}),
        (D(2029, 1, 2), 2, {"Master", "Nordmann"}),
        (D(2030, 12, 31), 2, {"Master", "Nordmann"}),
        (D(2031, 1, 1), 2, {"Master", "Nordmann"}),
        (D(2031, 1, 2), 2, {"Master", "Nordmann"}),
    ],
)
def test_the_requirement_status_at_each_date(client, tree, today, meets_now, people_meeting):
    _staff(tree)
    with time_machine.travel(today, tick=False):
        login(client, tree.users["leader_ab"])  # inside: a session from today would have expired
        data = client.get(f"/api/v1/competence/requirements/?service={tree.service_ab.pk}").json()
        page = client.get(f"/kompetanse/tjenester/{tree.service_ab.pk}/kompetansekrav/").content.decode()
    assert data["meets_now"] == meets_now
    assert {p["name"].split()[1] for p in data["people"] if p["meets_now"]} == people_meeting
    assert data["by_year"][-1]["year"] == 2031 if today <= D(2031, 1, 1) else data["by_year"] == []
    assert "Kompetansekrav" in page


def test_a_new_bachelor_hired_after_2031_is_listed_as_not_meeting_them(client, tree):
    person = make_employee(tree.service_ab, "Nina", "Ny", started_on=D(2031, 3, 1))
    give_education(person, year=2030)
    with time_machine.travel(D(2031, 6, 1), tick=False):
        login(client, tree.users["leader_ab"])
        page = client.get(f"/kompetanse/tjenester/{tree.service_ab.pk}/kompetansekrav/").content.decode()
    assert "Oppfyller ikke i tide" in page

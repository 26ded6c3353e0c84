from __future__ import annotations

import pytest

from fagloft.organizations.tests.factories import build_tree, login
from fagloft.statistics.tests.factories import fill_tree, make_value


@pytest.fixture
def tree(db):
    tree = build_tree()
    deadline = fill_tree(tree)
    make_value(deadline, 2023, 5, service=tree.service_c)
    make_value(deadline, 2023, 6, service=tree.service_ab)
    make_value(deadline, 2023, 7, county=tree.county_y)
    return tree


def _get(client, tree, user, url):
    client.logout()
    login(client, tree.users[user])
    return client.get(url)


def _units(response):
    return sorted(
        (str(r["municipality"] or r["county"] or r["service"] or "n"), r["year"]) for r in response.json()["results"]
    )


def test_the_catalogue_is_listed_and_read_by_code(client, tree):
    listing = _get(client, tree, "employee_ab", "/api/v1/indicators/").json()
    assert "kostra-barn-per-arsverk" in {i["code"] for i in listing["results"]}
    one = _get(client, tree, "employee_ab", "/api/v1/indicators/kostra-barn-per-arsverk/").json()
    assert one["unit"] == "barn per årsverk" and one["better"] == "lower"


def test_values_are_filtered_by_municipality_and_indicator(client, tree):
    response = _get(
        client,
        tree,
        "leader_ab",
        "/api/v1/indicator-values/?municipality=9101&indicator=kostra-undersokelser-innen-frist",
    )
    assert _units(response) == [("9101", 2022), ("9101", 2023)]
    assert response.json()["results"][0]["indicator"] == "kostra-undersokelser-innen-frist"


def test_values_are_filtered_by_year_county_and_service(client, tree):
    assert _units(_get(client, tree, "national", "/api/v1/indicator-values/?year=2022")) == [
        ("9101", 2022),
        ("9201", 2022),
    ]
    assert _units(_get(client, tree, "national", "/api/v1/indicator-values/?county=92")) == [("92", 2023)]
    by_level = _get(client, tree, "national", "/api/v1/indicator-values/?county=91&level=municipality&year=2023")
    assert _units(by_level) == [("9101", 2023), ("9102", 2023)]
    service = _get(client, tree, "national", f"/api/v1/indicator-values/?service={tree.service_c.pk}")
    assert _units(service) == [(str(tree.service_c.pk), 2023)]


def test_a_scoped_user_never_gets_values_from_another_county(client, tree):
    response = _get(client, tree, "advisor_x", "/api/v1/indicator-values/")
    expected = [("9101", 2022), ("9101", 2023), ("9102", 2023), (str(tree.service_ab.pk), 2023), ("n", 2023)]
    assert _units(response) == sorted(expected)
    assert _units(_get(client, tree, "advisor_x", "/api/v1/indicator-values/?municipality=9201")) == []


def test_a_municipal_leader_sees_the_own_municipality_and_the_nation(client, tree):
    response = _get(client, tree, "municipal_leader_a", "/api/v1/indicator-values/?year=2023")
    assert _units(response) == sorted([("9101", 2023), (str(tree.service_ab.pk), 2023), ("n", 2023)])


def test_bad_filters_get_a_clear_message(client, tree):
    response = _get(client, tree, "national", "/api/v1/indicator-values/?municipality=abc")
    assert response.status_code == 400 and "må være 4 sifre" in response.json()["municipality"]


@pytest.mark.parametrize("user", ["competence_env", "no_role"])
def test_users_without_a_reading_role_are_refused(client, tree, user):
    assert _get(client, tree, user, "/api/v1/indicator-values/").status_code == 403
    assert _get(client, tree, user, "/api/v1/indicators/").status_code == 403


def test_anonymous_users_are_refused(client, tree):
    client.logout()
    assert client.get("/api/v1/indicator-values/").status_code in (401, 403)


def test_values_cannot_be_written_through_the_api(client, tree):
    login(client, tree.users["admin"])
    assert client.post("/api/v1/indicator-values/", {}).status_code in (403, 405)

"""The REST API: same permissions as the pages, session and token authentication, filters."""

from __future__ import annotations

import datetime

from fagloft.accounts.api_tokens import create_token
from fagloft.organizations.models import CountyMembershipPeriod
from fagloft.organizations.tests.factories import login, make_county, make_municipality, make_population


def _numbers(response) -> list[str]:
    return [row["number"] for row in response.json()["results"]]


def test_bufdir_lists_every_county_and_municipality(client, tree):
    login(client, tree.users["national"])
    assert _numbers(client.get("/api/v1/counties/")) == ["91", "92"]
    assert _numbers(client.get("/api/v1/municipalities/")) == ["9101", "9102", "9201"]


def test_a_county_advisor_lists_only_the_county_s_municipalities(client, tree):
    login(client, tree.users["advisor_x"])
    assert _numbers(client.get("/api/v1/municipalities/")) == ["9101", "9102"]
    assert _numbers(client.get("/api/v1/counties/")) == ["91"]


def test_a_service_leader_sees_the_municipalities_the_service_covers(client, tree):
    login(client, tree.users["leader_ab"])
    assert _numbers(client.get("/api/v1/municipalities/")) == ["9101", "9102"]
    services = client.get("/api/v1/services/").json()["results"]
    assert [s["name"] for s in services] == ["Alvik og Bergvik barneverntjeneste"]
    assert [c["municipality"] for c in services[0]["coverage"]] == ["9101", "9102"]
    assert services[0]["coverage"][0]["valid_from"] == "2020-01-01"


def test_municipalities_can_be_filtered_by_county(client, tree):
    login(client, tree.users["national"])
    assert _numbers(client.get("/api/v1/municipalities/", {"county": "92"})) == ["9201"]


def test_municipalities_can_be_filtered_by_the_date_they_were_valid(client, tree):
    former = make_county(
        "54", "Troms og Finnmark", valid_from=datetime.date(2020, 1, 1), valid_to=datetime.date(2023, 12, 31)
    )
    old = make_municipality(former, "5403", "Alta", valid_from=datetime.date(2020, 1, 1))
    old.valid_to = datetime.date(2023, 12, 31)
    old.save()
    CountyMembershipPeriod.objects.filter(municipality=old).update(valid_to=datetime.date(2023, 12, 31))
    login(client, tree.users["national"])
    assert _numbers(client.get("/api/v1/municipalities/", {"county": "54", "valid_on": "2022-06-01"})) == ["5403"]
    assert "5403" not in _numbers(client.get("/api/v1/municipalities/", {"valid_on": "2024-06-01"}))
    bad = client.get("/api/v1/municipalities/", {"valid_on": "1. juni"})
    assert bad.status_code == 400 and "ÅÅÅÅ-MM-DD" in bad.json()["valid_on"]


def test_a_municipality_is_looked_up_by_number_with_population_and_county(client, tree):
    make_population(tree.municipality_a, 2022, total=10100, children=1990)
    login(client, tree.users["advisor_x"])
    body = client.get("/api/v1/municipalities/9101/").json()
    assert body["county"] == {"number": "91", "name": "Nordfylket"}
    assert [(p["year"], p["children"]) for p in body["population"]] == [(2021, 2000), (2022, 1990)]
    assert body["county_history"][0]["county"]["number"] == "91"


def test_objects_outside_the_user_s_reach_are_not_found(client, tree):
    login(client, tree.users["advisor_x"])
    assert client.get("/api/v1/municipalities/9201/").status_code == 404
    assert client.get("/api/v1/counties/92/").status_code == 404
    assert client.get(f"/api/v1/services/{tree.service_c.pk}/").status_code == 404


def test_anonymous_requests_are_refused(client, tree):
    assert client.get("/api/v1/municipalities/").status_code in (401, 403)


def test_a_token_authenticates_without_a_session(client, tree):
    _token, key = create_token(tree.users["leader_ab"], device=None)
    response = client.get("/api/v1/municipalities/", HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 200
    assert _numbers(response) == ["9101", "9102"]


def test_a_wrong_token_is_refused(client, tree):
    response = client.get("/api/v1/municipalities/", HTTP_AUTHORIZATION="Token feil")
    assert response.status_code in (401, 403)
    assert "results" not in response.json()


def test_a_competence_environment_sees_no_municipalities(client, tree):
    login(client, tree.users["competence_env"])
    assert client.get("/api/v1/municipalities/").status_code == 403


def test_the_schema_and_docs_render_without_any_cdn(client, tree):
    schema = client.get("/api/v1/schema/")
    assert schema.status_code == 200
    assert b"/api/v1/municipalities/{municipality_number}/" in schema.content
    docs = client.get("/api/v1/docs/").content.decode()
    assert "swagger-ui" in docs
    assert "cdn" not in docs.lower() and "unpkg" not in docs and "jsdelivr" not in docs
    assert "/static/drf_spectacular_sidecar/" in docs
    redoc = client.get("/api/v1/redoc/").content.decode()
    assert "/static/drf_spectacular_sidecar/" in redoc and "cdn" not in redoc.lower()


def test_the_api_list_asks_the_same_number_of_queries_for_more_services(client, tree, django_assert_max_num_queries):
    login(client, tree.users["national"])
    client.get("/api/v1/services/")
    from fagloft.organizations.tests.factories import make_service

    for index in range(10):
        make_service(tree.municipality_a, [tree.municipality_a, tree.municipality_b], name=f"Tjeneste {index}")
    with django_assert_max_num_queries(8):
        assert len(client.get("/api/v1/services/").json()["results"]) == 12

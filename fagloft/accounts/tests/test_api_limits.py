"""API limits (throttling, page size) and errors as RFC 9457 problem details; ReDoc from the app."""

from __future__ import annotations

import re

from django.test import Client

from fagloft.lib.refusals import Refused
from fagloft.organizations import api as organizations_api
from fagloft.organizations.tests.factories import login

MUNICIPALITIES = "/api/v1/municipalities/"
PROBLEM_MEMBERS = {"type", "title", "status", "detail"}


def _is_problem(response, status: int) -> dict:
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/problem+json")
    body = response.json()
    assert PROBLEM_MEMBERS <= set(body) and body["status"] == status
    return body


def test_anonymous_requests_are_throttled(client, tree, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "5/min", "user": "1000/min"},
    }
    # The API root is open to everyone (a refused request is answered before the throttle counts).
    answers = [client.get("/api/v1/").status_code for _ in range(6)]
    assert answers == [200] * 5 + [429]
    body = _is_problem(client.get("/api/v1/"), 429)
    assert body["title"] == "Too Many Requests"


def test_users_are_throttled_per_user(client, tree, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "1000/min", "user": "3/min"},
    }
    login(client, tree.users["leader_ab"])
    assert [client.get(MUNICIPALITIES).status_code for _ in range(4)] == [200, 200, 200, 429]
    other = Client()
    login(other, tree.users["employee_ab"])
    assert other.get("/api/v1/services/").status_code != 429


def test_the_configured_rates_are_applied_by_default():
    from rest_framework.settings import api_settings

    # The stubs type the setting as it is written (dotted paths); `api_settings` imports them as classes.
    names = {cls.__name__ for cls in api_settings.DEFAULT_THROTTLE_CLASSES}  # type: ignore[attr-defined]
    assert {"AnonRateThrottle", "UserRateThrottle"} <= names
    assert api_settings.DEFAULT_THROTTLE_RATES["anon"] and api_settings.DEFAULT_THROTTLE_RATES["user"]


def test_a_huge_limit_is_capped_instead_of_failing(client, tree, settings):
    settings.FAGLOFT_API_MAX_PAGE_SIZE = 1
    login(client, tree.users["national"])
    response = client.get(f"{MUNICIPALITIES}?limit={10**30}")
    assert response.status_code == 200 and len(response.json()["results"]) == 1
    assert client.get(f"{MUNICIPALITIES}?limit={10**30}&offset={10**30}").status_code == 200


def test_an_unknown_api_path_answers_problem_json(client, tree):
    body = _is_problem(client.get("/api/v1/finnes-ikke/"), 404)
    assert body["title"] == "Not Found"


def test_a_refusal_answers_403_as_problem_json(client, tree):
    login(client, tree.users["competence_env"])
    body = _is_problem(client.get(MUNICIPALITIES), 403)
    assert body["detail"]


def test_a_django_validation_error_answers_400_with_the_field(client, tree, monkeypatch):
    def refuse(self, request, *args, **kwargs):
        raise Refused("Året må være 2020 eller senere.", field="year")

    monkeypatch.setattr(organizations_api.MunicipalityViewSet, "list", refuse)
    login(client, tree.users["national"])
    body = _is_problem(client.get(MUNICIPALITIES), 400)
    assert body["errors"] == {"year": ["Året må være 2020 eller senere."]}
    assert "Året må være 2020" in body["detail"]


def test_an_unexpected_error_answers_500_as_problem_json_not_html(tree, monkeypatch):
    def crash(self, request, *args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(organizations_api.MunicipalityViewSet, "list", crash)
    client = Client(raise_request_exception=False)
    login(client, tree.users["national"])
    body = _is_problem(client.get(MUNICIPALITIES), 500)
    assert "boom" not in body["detail"]


def test_field_errors_keep_their_top_level_member(client, tree):
    login(client, tree.users["national"])
    body = _is_problem(client.get(MUNICIPALITIES, {"valid_on": "1. juni"}), 400)
    assert "ÅÅÅÅ-MM-DD" in body["errors"]["valid_on"][0] and "ÅÅÅÅ-MM-DD" in body["valid_on"]


def test_redoc_is_served_from_the_app_only(client, tree):
    response = client.get("/api/v1/redoc/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "fonts.googleapis.com" not in page and "fonts.gstatic.com" not in page
    external = [
        url
        for url in re.findall(r"""(?:https?:)?//[^\s"'<>)]+""", page)
        if not re.match(r"(?:https?:)?//(testserver|localhost|127\.0\.0\.1)(?:[:/]|$)", url)
    ]
    assert external == []
    assert "redoc.standalone.js" in page


def test_creating_an_assessment_for_another_service_is_refused_before_validation(client, tree):
    from fagloft.assessments.models import Assessment
    from fagloft.assessments.tests.factories import make_assessment

    make_assessment(tree.service_c, year=2025)
    login(client, tree.users["leader_ab"])
    response = client.post(
        "/api/v1/assessments/", {"service": tree.service_c.pk, "year": 2025}, content_type="application/json"
    )
    body = _is_problem(response, 403)
    assert "unik" not in body["detail"].lower() and "unique" not in body["detail"].lower()
    # The same answer whether or not the other service has an assessment that year.
    assert (
        client.post(
            "/api/v1/assessments/", {"service": tree.service_c.pk, "year": 2031}, content_type="application/json"
        ).status_code
        == 403
    )
    assert Assessment.objects.filter(service=tree.service_c).count() == 1


def test_the_browsable_api_keeps_its_html_page_for_an_error(client, tree):
    login(client, tree.users["competence_env"])
    response = client.get(MUNICIPALITIES, HTTP_ACCEPT="text/html")
    assert response.status_code == 403 and response["Content-Type"].startswith("text/html")
    assert "about:blank" in response.content.decode()  # the same problem body, shown in the page

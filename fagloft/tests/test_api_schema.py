"""The OpenAPI schema of /api/v1/: generated without a warning, and every operation in it answers as it
documents (for an administrator, on objects of every app), with errors as problem details."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema

from fagloft.assessments.tests.factories import make_assessment
from fagloft.organizations.tests.factories import build_tree, login
from fagloft.tests.walk import collect_samples

PROBLEM = "application/problem+json"


def _schema() -> dict:
    return SchemaGenerator().get_schema(request=None, public=True)


def test_the_schema_is_generated_without_warnings_and_is_valid_openapi():
    # The warnings are counted per process; another test may have generated the schema before.
    GENERATOR_STATS.reset()
    with GENERATOR_STATS.silence():
        schema = _schema()
    problems = sorted(GENERATOR_STATS._warn_cache) + sorted(GENERATOR_STATS._error_cache)
    GENERATOR_STATS.reset()
    assert not problems, "\n".join(problems)
    validate_schema(schema)


def test_permitted_actions_is_documented_as_a_list_of_names_everywhere():
    components = _schema()["components"]["schemas"]
    having = {
        name: body["properties"]["permitted_actions"]
        for name, body in components.items()
        if "permitted_actions" in body.get("properties", {})
    }
    assert {"Network", "Gathering", "Call", "Application", "Employee", "MappingRound", "Assessment"} <= set(having)
    for name, field in having.items():
        assert field["type"] == "array" and field["items"] == {"type": "string"} and field["readOnly"], name


def test_the_api_token_is_documented_as_a_security_scheme():
    schema = _schema()
    assert schema["components"]["securitySchemes"]["apiToken"]["scheme"] == "bearer"
    assert all(
        {"apiToken": []} in operation["security"]
        for operations in schema["paths"].values()
        for operation in operations.values()
    )


@pytest.mark.django_db
def test_every_operation_answers_an_admin_as_documented(client):
    tree = build_tree()
    samples = collect_samples(tree)
    login(client, tree.users["admin"])
    schema = _schema()
    wrong = []
    answered_200 = 0
    for path, operations in schema["paths"].items():
        names = re.findall(r"{(\w+)}", path)
        missing = [name for name in names if name not in samples]
        assert not missing, f"{path}: no sample for {missing}"
        url = path.format(**{name: samples[name][0] for name in names})
        for method, operation in operations.items():
            query = {
                parameter["name"]: samples[f"{parameter['name']}_id"][0]
                for parameter in operation.get("parameters", [])
                if parameter["in"] == "query" and parameter.get("required")
            }
            if method == "get":
                response = client.get(url, query)
            else:
                # An empty body: the point is the documented answer, not a change.
                response = getattr(client, method)(url, {}, content_type="application/json")
            documented = set(operation["responses"])
            if str(response.status_code) not in documented:
                wrong.append(f"{method.upper()} {url}: {response.status_code}, documented {sorted(documented)}")
            elif response.status_code >= 400 and response["Content-Type"] != PROBLEM:
                wrong.append(f"{method.upper()} {url}: {response.status_code} as {response['Content-Type']}")
            answered_200 += response.status_code == 200
    assert not wrong, "\n".join(wrong)
    assert answered_200 >= 20  # the admin reads nearly all of it: the run reached the data


@pytest.mark.django_db
def test_a_refused_api_write_answers_problem_details(client):
    """A stale version (409) and a refused step (409) answered DRF's bare `{"version": [...]}` as
    application/json; every API error is a problem, with the field errors kept at the top level."""
    tree = build_tree()
    assessment = make_assessment(tree.service_ab)
    login(client, tree.users["leader_ab"])
    url = f"/api/v1/assessments/{assessment.pk}/"
    assert client.patch(url, {"needs": "Veiledning", "version": 1}, content_type="application/json").status_code == 200
    stale = client.patch(url, {"needs": "Annet", "version": 1}, content_type="application/json")
    assert stale.status_code == 409 and stale["Content-Type"] == PROBLEM
    body = stale.json()
    assert body["status"] == 409 and body["title"] == "Conflict" and body["detail"]
    assert body["errors"]["version"] == body["version"] and body["instance"] == url
    no_version = client.patch(url, {"needs": "Annet"}, content_type="application/json")
    assert no_version.status_code == 400 and no_version["Content-Type"] == PROBLEM
    assert no_version.json()["status"] == 400 and no_version.json()["version"]
    step = client.post(f"{url}transition/", {"step": "forward", "version": 2}, content_type="application/json")
    assert step.status_code in (403, 409) and step["Content-Type"] == PROBLEM
    assert step.json()["status"] == step.status_code


@pytest.mark.django_db
def test_the_api_root_lists_every_list_endpoint(client):
    """The index at /api/v1/ names the apps' own list views too (URLS without a parameter), not
    only the router's viewsets."""
    from django.urls import URLPattern

    from fagloft.api_urls import api_urlpatterns, router

    tree = build_tree()
    login(client, tree.users["admin"])
    listed = set(client.get("/api/v1/", HTTP_ACCEPT="application/json").json().values())
    viewsets = {f"{basename}-list" for _prefix, _viewset, basename in router.registry}
    own = (
        {
            p.name
            for p in api_urlpatterns
            if isinstance(p, URLPattern) and p.name and not p.pattern.converters and "(?P" not in str(p.pattern)
        }
        - viewsets
        - {"api-root"}
    )
    assert {"competence-requirements", "programme-progress", "study-place-years"} <= own
    for name in own:
        assert any(url.endswith(reverse(name)) for url in listed), name

"""Who reaches what: the project's permission walk over this app's URLs, and privacy rules."""

from __future__ import annotations

import re

import pytest

from fagloft.accounts.tests import test_permission_walk as walk
from fagloft.competence.tests.factories import make_employee
from fagloft.organizations.tests.factories import (
    OUTSIDE_MARKER,
    Tree,
    build_tree,
    login,
)

MINE = ("/kompetanse/", "/api/v1/employees", "/api/v1/competence/")


@pytest.fixture
def tree(db) -> Tree:
    return build_tree()


def _my_routes() -> list[walk.Route]:
    return [r for r in walk.all_routes() if walk._walkable(r) and ("/" + r.pattern.replace("^", "")).startswith(MINE)]


def _fill(pattern: str, values: dict) -> str:
    # Regex groups first (DRF routes), so their names are not taken for path converters.
    pattern = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: str(values[m.group(1)]), pattern)
    return walk._fill(pattern, values)


def test_every_competence_view_declares_who_may_use_it():
    routes = _my_routes()
    assert len(routes) > 25
    assert [r.pattern for r in routes if not walk.declared_access(r)] == []


@pytest.mark.django_db
def test_no_scoped_user_reaches_another_countys_competence_data(client, tree):
    samples = walk._collect_samples(tree)
    failures = []
    for label, user in [("anonymous", None), *tree.users.items()]:
        client.logout()
        if user is not None:
            login(client, user)
        for route in _my_routes():
            for side in ("inside", "outside") if route.kwargs else ("inside",):
                path = _fill(route.pattern, {k: samples[k][side == "outside"] for k in route.kwargs})
                response = client.get(path, HTTP_ACCEPT="text/html,application/json")
                body = response.content.decode("utf-8", "replace") if response.status_code == 200 else ""
                if response.status_code >= 500:
                    failures.append(f"{label} {path}: {response.status_code}")
                if label == "anonymous" and response.status_code == 200:
                    failures.append(f"anonymous got 200 at {path}")
                scoped = label in Tree.SCOPED_TO_X or label in ("competence_env", "no_role")
                if scoped and side == "outside" and response.status_code == 200:
                    failures.append(f"{label} reached county Y's object at {path}")
                if scoped and OUTSIDE_MARKER in body:
                    failures.append(f"{label} saw {OUTSIDE_MARKER} at {path}")
    assert failures == []


@pytest.mark.django_db
@pytest.mark.parametrize("label", ["advisor_x", "coordinator_x", "national", "admin", "competence_env"])
def test_county_and_national_roles_never_see_an_individual_profile(client, tree, label):
    person = make_employee(tree.service_ab, "Kari", "Nordmann")
    login(client, tree.users[label])
    for path in (f"/kompetanse/ansatte/{person.pk}/", f"/api/v1/employees/{person.pk}/",
                 f"/kompetanse/tjenester/{tree.service_ab.pk}/ansatte/",
                 f"/kompetanse/tjenester/{tree.service_ab.pk}/kompetansekrav/"):
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
def test_the_leader_sees_and_the_municipal_leader_reads_the_services_staff(client, tree):
    person = make_employee(tree.service_ab, "Kari", "Nordmann")
    login(client, tree.users["leader_ab"])
    assert "Nordmann" in client.get(f"/kompetanse/tjenester/{tree.service_ab.pk}/ansatte/").content.decode()
    client.logout()
    login(client, tree.users["municipal_leader_a"])
    response = client.get(f"/kompetanse/ansatte/{person.pk}/")
    assert response.status_code == 200 and b"Lagre profilen" not in response.content
    assert client.post(f"/kompetanse/ansatte/{person.pk}/utdanning/ny/", {}).status_code == 403


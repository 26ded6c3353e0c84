"""The permission walk over this app's URLs only, so the app is checked even while other apps'
walk samples are incomplete. The project-wide walk runs the same checks over everything."""

from __future__ import annotations

import pytest

from fagloft.accounts.tests.test_permission_walk import _fill, _walkable, all_routes, declared_access
from fagloft.assessments.tests import walk
from fagloft.organizations.tests import walk as organizations_walk
from fagloft.organizations.tests.factories import OUTSIDE_MARKER, Tree, build_tree, login


def _routes():
    return [r for r in all_routes() if _walkable(r)
            and (r.namespace == "assessments" or r.pattern.startswith("api/v1/^assessments"))]


def test_every_assessment_view_declares_who_may_use_it():
    routes = _routes()
    assert len(routes) > 20
    assert [r.pattern for r in routes if not declared_access(r)] == []


@pytest.mark.django_db
def test_walk_the_assessment_urls_with_every_role(client):
    tree = build_tree()
    samples = {**organizations_walk.samples(tree), **walk.samples(tree)}
    failures = []
    for label, user in [("anonymous", None), *tree.users.items()]:
        client.logout()
        if user is not None:
            login(client, user)
        for route in _routes():
            for side in ("inside", "outside") if route.kwargs else ("inside",):
                path = _fill(route.pattern, {k: samples[k][0 if side == "inside" else 1] for k in route.kwargs})
                response = client.get(path, HTTP_ACCEPT="text/html,application/json")
                body = response.content.decode() if response.status_code == 200 else ""
                if response.status_code >= 500:
                    failures.append(f"{label} {path}: {response.status_code}")
                if label == "anonymous" and response.status_code == 200:
                    failures.append(f"anonymous got 200 at {path}")
                if label in (*Tree.SCOPED_TO_X, "competence_env", "no_role"):
                    if side == "outside" and response.status_code == 200:
                        failures.append(f"{label} reached county Y's object at {path}")
                    if OUTSIDE_MARKER in body:
                        failures.append(f"{label} saw county Y's data at {path}")
    assert failures == [], "\n".join(failures)

"""The permission walk, restricted to this app's pages and API, so it can run while other apps are
being built. The project-wide walk in accounts covers the same routes."""

from __future__ import annotations

import re
from typing import Any

import pytest

from fagloft.accounts.tests import test_permission_walk as walk
from fagloft.organizations.tests.factories import (
    OUTSIDE_MARKER,
    Tree,
    build_tree,
    login,
)

PREFIXES = ("nettverk/", "api/v1/networks", "api/v1/gatherings")


def _mine(route: walk.Route) -> bool:
    return route.pattern.replace("^", "").startswith(PREFIXES) and walk._walkable(route)


@pytest.mark.django_db
def test_no_one_reaches_another_countys_network_data(client):
    tree = build_tree()
    samples = walk._collect_samples(tree)
    failures = []
    for label, user in [("anonymous", None), *tree.users.items()]:
        client.logout()
        if user is not None:
            login(client, user)
        for route in filter(_mine, walk.all_routes()):
            for side in ("inside", "outside") if route.kwargs else ("inside",):
                path = fill(route.pattern, {k: samples[k][0 if side == "inside" else 1] for k in route.kwargs})
                response = client.get(path, HTTP_ACCEPT="text/html,application/json")
                failures += _problems(label, side, path, response)
    assert failures == [], "\n".join(failures)


def fill(pattern: str, values: dict[str, Any]) -> str:
    """Like the project walk's `_fill`, but regex groups first, so DRF detail routes
    (`(?P<network_id>[^/.]+)`) get real values instead of a mangled path."""
    path = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: str(values[m.group(1)]), pattern)
    path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(values[m.group(1)]), path)
    return "/" + path.replace("^", "").replace("$", "").replace("\\.", ".").replace("/?", "/")


def _problems(label: str, side: str, path: str, response) -> list[str]:
    status = response.status_code
    public = walk._public(path) if status == 200 else False
    body = response.content.decode("utf-8", "replace") if status == 200 else ""
    found = []
    if status >= 500:
        found.append(f"{label} {path}: {status}")
    if label == "anonymous" and status == 200 and not public:
        found.append(f"anonymous got 200 at {path}")
    if label in (*Tree.SCOPED_TO_X, "competence_env", "no_role") and not public:
        if side == "outside" and status == 200:
            found.append(f"{label} reached county Y's object at {path}")
        if status == 200 and OUTSIDE_MARKER in body:
            found.append(f"{label} saw county Y's data at {path}")
    return found

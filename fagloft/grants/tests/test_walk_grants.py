"""The permission walk over this app's pages and API (the project-wide walk covers them too)."""

from __future__ import annotations

import pytest

from fagloft.accounts.tests import test_permission_walk as walk
from fagloft.networks.tests.test_walk_networks import _problems, fill
from fagloft.organizations.tests.factories import build_tree, login

PREFIXES = ("tilskudd/", "api/v1/calls", "api/v1/applications")


@pytest.mark.django_db
def test_no_one_reaches_another_countys_grants(client):
    tree = build_tree()
    samples = walk._collect_samples(tree)
    failures = []
    for label, user in [("anonymous", None), *tree.users.items()]:
        client.logout()
        if user is not None:
            login(client, user)
        for route in walk.all_routes():
            if not (route.pattern.replace("^", "").startswith(PREFIXES) and walk._walkable(route)):
                continue
            for side in ("inside", "outside") if route.kwargs else ("inside",):
                path = fill(route.pattern, {k: samples[k][0 if side == "inside" else 1] for k in route.kwargs})
                failures += _problems(label, side, path, client.get(path, HTTP_ACCEPT="text/html,application/json"))
    assert failures == [], "\n".join(failures)

"""The permission walk: every URL pattern of the project, requested as anonymous and as every role.

It fails when a view has no declared access rule, when a user scoped to county X gets data from
county Y, or when any page answers 500. URL parameters come from each app's `tests/walk.py`
(`samples(tree)` returns {kwarg: (inside_value, outside_value)}). Later apps inherit the walk by
adding their own `walk.py`.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from typing import Any

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver

from fagloft.organizations.tests.factories import OUTSIDE_MARKER, Tree, build_tree, login

ADMIN_NAMESPACE = "admin"


@dataclass
class Route:
    pattern: str
    name: str
    callback: Any
    kwargs: list[str]
    namespace: str


def _walk(resolver: URLResolver, prefix: str = "", namespace: str = "") -> list[Route]:
    routes: list[Route] = []
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or namespace
            routes.extend(_walk(entry, prefix + str(entry.pattern), ns))
        elif isinstance(entry, URLPattern):
            regex = prefix + str(entry.pattern)
            kwargs = sorted(set(re.findall(r"<(?:\w+:)?(\w+)>", regex)) | set(re.findall(r"\(\?P<(\w+)>", regex)))
            routes.append(Route(regex, entry.name or "", entry.callback, kwargs, namespace))
    return routes


def all_routes() -> list[Route]:
    return _walk(get_resolver())


def declared_access(route: Route) -> bool:
    callback = route.callback
    if getattr(callback, "access_action", None) is not None:
        return True
    view_class = getattr(callback, "cls", None)
    access = getattr(view_class, "access", None)
    if not access:
        return False
    actions = getattr(callback, "actions", None)
    if actions:  # a DRF viewset route: every HTTP method it maps must have its action declared
        return all(name in access or method in access for method, name in actions.items())
    return True


def _collect_samples(tree: Tree) -> dict[str, tuple[Any, Any]]:
    samples: dict[str, tuple[Any, Any]] = {}
    for config in apps.get_app_configs():
        if not config.name.startswith("fagloft."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.tests.walk")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.tests.walk":
                raise
            continue
        found = module.samples(tree)
        clashes = sorted(set(found) & set(samples) - SHARED_KWARGS)
        assert not clashes, f"{config.name} reuses URL parameter names {clashes} of another app: give them specific names"
        samples.update(found)
    return samples


# Parameters that mean the same thing in every app (a unit of the tree), so apps may share them.
SHARED_KWARGS = {"county_number", "municipality_number", "number", "service_id"}


def _fill(pattern: str, values: dict[str, Any]) -> str:
    # Regex groups first: their `(?P<name>...)` would otherwise look like a `<name>` converter.
    path = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: str(values[m.group(1)]), pattern)
    path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(values[m.group(1)]), path)
    path = path.replace("^", "").replace("$", "").replace("\\.", ".").replace("/?", "/")
    return "/" + path


def _walkable(route: Route) -> bool:
    # Format-suffix duplicates of API routes add nothing; the admin is checked separately.
    return "format" not in route.kwargs and route.namespace != ADMIN_NAMESPACE


def test_every_view_declares_who_may_use_it():
    undeclared = [r.pattern for r in all_routes() if _walkable(r) and not declared_access(r)]
    assert undeclared == [], f"Views without a declared access rule (use @requires or `access`): {undeclared}"


@pytest.fixture
def tree(db) -> Tree:
    return build_tree()


ROLE_LABELS = ["anonymous", "admin", "national", "advisor_x", "advisor_y", "coordinator_x", "leader_ab", "leader_c",
               "employee_ab", "municipal_leader_a", "competence_env", "no_role"]


def _request_everything(client: Any, tree: Tree, label: str,
                        samples: dict[str, tuple[Any, Any]]) -> list[tuple[str, str, int, str]]:
    results = []
    routes = [r for r in all_routes() if _walkable(r)]
    missing = sorted({k for r in routes for k in r.kwargs if k not in samples})
    assert not missing, f"No walk samples for URL parameters {missing}: add them to the app's tests/walk.py"
    if label != "anonymous":
        login(client, tree.users[label])
    for route in routes:
        for side in ("inside", "outside") if route.kwargs else ("inside",):
            values = {k: samples[k][0 if side == "inside" else 1] for k in route.kwargs}
            path = _fill(route.pattern, values)
            response = client.get(path, HTTP_ACCEPT="text/html,application/json")
            body = response.content.decode("utf-8", "replace") if response.status_code == 200 else ""
            results.append((label, f"{side} {path}", response.status_code, body))
    return results


@pytest.mark.django_db
@pytest.mark.parametrize("label", ROLE_LABELS)
def test_walk_every_url_as_every_role(client, tree, label):
    assert set(ROLE_LABELS) == {"anonymous", *tree.users}, "a role was added to the tree but not to the walk"
    samples = _collect_samples(tree)
    failures = []
    for label, where, status, body in _request_everything(client, tree, label, samples):
        side, path = where.split(" ", 1)
        if status >= 500:
            failures.append(f"{label} {path}: {status}")
        if label == "anonymous" and status == 200 and not _public(path):
            failures.append(f"anonymous got 200 at {path}")
        if label in Tree.SCOPED_TO_X or label == "competence_env" or label == "no_role":
            if side == "outside" and status == 200 and not _public(path):
                failures.append(f"{label} reached county Y's object at {path}")
            if status == 200 and OUTSIDE_MARKER in body and not _public(path):
                failures.append(f"{label} saw county Y's data ({OUTSIDE_MARKER}) at {path}")
    assert failures == [], "\n".join(failures)


def _public(path: str) -> bool:
    from django.urls import resolve

    match = resolve(path)
    action = getattr(match.func, "access_action", None)
    if action is not None:
        return action.anonymous
    access = getattr(getattr(match.func, "cls", None), "access", {}) or {}
    return any(getattr(a, "anonymous", False) for a in access.values())


@pytest.mark.django_db
def test_only_admins_reach_the_django_admin(client, tree):
    for label, user in tree.users.items():
        client.logout()
        login(client, user)
        status = client.get("/drift/admin/").status_code
        assert (status == 200) == (label == "admin"), f"{label} got {status} from the admin"

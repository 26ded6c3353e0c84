"""The permission walk, shared: every URL pattern of the project, requested by every role of the test
tree with every method that could change something, and judged by one set of rules.

Apps take part through their `tests/walk.py`:

- `samples(tree) -> {url_kwarg: (inside_value, outside_value)}`: an object inside county X (reached
  by the X-scoped roles) and one in county Y (which they must not reach), for each URL parameter;
- `insiders(tree, samples) -> [(role_label, path)]`: pages a role is meant to see, with at least one
  page per relevant role. The walk asserts 200 for each; a guard fails for an app with URL
  patterns but no insider pages;
- optionally `NATIONAL = {url_kwarg, ...}`: parameters whose inside sample belongs to no county (a
  national catalogue), so the county-Y-scoped roles may reach it too.

Per role (`walk_as`), in this order: every GET (insider pages included); then the writes that must
be refused (POST to every route, and PUT/PATCH/DELETE where an API route maps them), with a
checksum of every table before and after that must not change; then every other write (an
insider's POST may succeed, but never 500). Writes are sent with empty data; the test client does
not enforce CSRF.

Who must be refused a write (401/403/404/405; anonymous HTML may be sent to the login page):
anonymous everywhere outside public actions; a user without any of the action's roles (a no-role
user, a competence environment on actions not for it); the county-X-scoped roles on county Y's
objects, and the county-Y-scoped roles on county X's; and the leader of a municipality whose
service coverage has ended, who must get what they would get if the coverage had never existed
(the walk runs them twice, the second time with the coverage deleted in a rolled-back savepoint,
and compares every status). Reads: anonymous gets no 200
outside public actions; the county-scoped roles, the no-role user and the competence environment
get no 200 on the other county's objects, and the X-scoped ones never see county Y's marker.
App tests that walk only their own URLs call `walk_as(..., prefixes=...)`; none copies this logic.
"""

from __future__ import annotations

import hashlib
import importlib
import inspect
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import connection, transaction
from django.shortcuts import resolve_url
from django.urls import URLPattern, URLResolver, get_resolver, resolve

from fagloft.accounts.access import Action, roles_of
from fagloft.organizations.tests.factories import OUTSIDE_MARKER, Tree, login

ADMIN_NAMESPACE = "admin"
# Parameters that mean the same thing in every app (a unit of the tree), so apps may share them.
SHARED_KWARGS = {"county_number", "municipality_number", "number", "service_id"}
ROLE_LABELS = [
    "anonymous",
    "admin",
    "national",
    "advisor_x",
    "advisor_y",
    "coordinator_x",
    "leader_ab",
    "leader_c",
    "employee_ab",
    "municipal_leader_a",
    "municipal_leader_d",
    "competence_env",
    "no_role",
]
# The leader of Dalvik, which service_ab served until its coverage ended (factories.add_ended_coverage).
ENDED_COVERAGE_LEADER = "municipal_leader_d"
OUTSIDERS_OF_X = (*Tree.SCOPED_TO_X, ENDED_COVERAGE_LEADER)
# Users whose reach is inside county Y only: county X's samples are outside for them, except those
# an app declares national in its walk.py (`NATIONAL = {kwarg, ...}`: e.g. the indicator catalogue).
SCOPED_TO_Y = ("advisor_y", "leader_c")
WRITE_METHODS = ("post", "put", "patch", "delete")
REFUSED = {401, 403, 404, 405}
# Tables a refused request may still touch: the session (the test client's cookie store).
UNWATCHED_TABLES = {"django_session"}


@dataclass
class Route:
    pattern: str
    name: str
    callback: Any
    kwargs: list[str]
    namespace: str

    @property
    def app(self) -> str:
        """The fagloft app whose view answers, "" for the project's own views."""
        view = getattr(self.callback, "cls", None) or getattr(self.callback, "view_class", None) or self.callback
        module = getattr(view, "__module__", "") or ""
        for config in apps.get_app_configs():
            if config.name.startswith("fagloft.") and (module == config.name or module.startswith(config.name + ".")):
                return config.name
        return ""

    def write_methods(self) -> list[str]:
        """POST always (a refused POST must not depend on the view accepting it); PUT, PATCH and
        DELETE where an API route maps them."""
        actions = getattr(self.callback, "actions", None)
        if actions:
            return ["post", *(m for m in ("put", "patch", "delete") if m in actions)]
        view = getattr(self.callback, "cls", None) or getattr(self.callback, "view_class", None)
        if view is not None:
            return ["post", *(m for m in ("put", "patch", "delete") if hasattr(view, m))]
        return ["post"]


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


def walkable(route: Route) -> bool:
    # Format-suffix duplicates of API routes add nothing; the admin is checked separately.
    return "format" not in route.kwargs and route.namespace != ADMIN_NAMESPACE


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


def fill(pattern: str, values: dict[str, Any]) -> str:
    # Regex groups first: their `(?P<name>...)` would otherwise look like a `<name>` converter.
    path = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: str(values[m.group(1)]), pattern)
    path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(values[m.group(1)]), path)
    path = path.replace("^", "").replace("$", "").replace("\\.", ".").replace("/?", "/")
    return "/" + path


def walk_modules() -> dict[str, ModuleType]:
    """{app name: its tests.walk module} for every fagloft app that has one."""
    found = {}
    for config in apps.get_app_configs():
        if not config.name.startswith("fagloft."):
            continue
        try:
            found[config.name] = importlib.import_module(f"{config.name}.tests.walk")
        except ModuleNotFoundError as error:
            if error.name not in (f"{config.name}.tests.walk", f"{config.name}.tests"):
                raise
    return found


def collect_samples(tree: Tree) -> dict[str, tuple[Any, Any]]:
    samples: dict[str, tuple[Any, Any]] = {}
    for name, module in walk_modules().items():
        found = module.samples(tree) if hasattr(module, "samples") else {}
        clashes = sorted(set(found) & set(samples) - SHARED_KWARGS)
        assert not clashes, f"{name} reuses URL parameter names {clashes} of another app: give them specific names"
        samples.update(found)
    return samples


def collect_insiders(tree: Tree, samples: dict[str, tuple[Any, Any]]) -> dict[str, list[tuple[str, str]]]:
    """{app name: [(role label, path)]} from every app's `insiders(tree, samples)` (or `insiders(tree)`
    for an app whose pages need no sample objects)."""
    found = {}
    for name, module in walk_modules().items():
        insiders = getattr(module, "insiders", None)
        if insiders is not None:
            wants_samples = len(inspect.signature(insiders).parameters) > 1
            found[name] = list(insiders(tree, samples) if wants_samples else insiders(tree))
    return found


def national_kwargs() -> set[str]:
    return {name for module in walk_modules().values() for name in getattr(module, "NATIONAL", ())}


def action_of(path: str, method: str) -> Action | None:
    """The action the view at `path` declares for `method` (None if it declares none for it)."""
    match = resolve(path.split("?", 1)[0])
    action = getattr(match.func, "access_action", None)
    if action is not None:
        return action
    access = getattr(getattr(match.func, "cls", None), "access", None) or {}
    mapped = (getattr(match.func, "actions", None) or {}).get(method)
    return access.get(mapped) or access.get(method)


def public(path: str) -> bool:
    """Whether any method of the view at `path` is open to anonymous users."""
    match = resolve(path.split("?", 1)[0])
    action = getattr(match.func, "access_action", None)
    if action is not None:
        return action.anonymous
    access = getattr(getattr(match.func, "cls", None), "access", {}) or {}
    return any(getattr(a, "anonymous", False) for a in access.values())


def database_state() -> dict[str, str]:
    """{table: digest of its rows}, for every table of the database."""
    state = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            if table in UNWATCHED_TABLES:
                continue
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # table names from introspection
            rows = sorted(repr(row) for row in cursor.fetchall())
            state[table] = hashlib.sha1("\n".join(rows).encode(), usedforsecurity=False).hexdigest()
    return state


@dataclass(frozen=True)
class Request:
    method: str
    side: str  # "inside" (county X's samples), "outside" (county Y's) or "" (a route without parameters)
    path: str
    kwargs: tuple[str, ...] = ()


@dataclass
class Outcome:
    statuses: dict[Request, int] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)


def _send(client: Any, request: Request) -> Any:
    accept = "text/html,application/json"
    if request.method == "get":
        return client.get(request.path, HTTP_ACCEPT=accept)
    if request.method == "post":
        return client.post(request.path, {}, HTTP_ACCEPT=accept)
    if request.method == "delete":
        return client.delete(request.path, HTTP_ACCEPT=accept)
    return getattr(client, request.method)(request.path, "{}", content_type="application/json", HTTP_ACCEPT=accept)


def _requests(routes: Iterable[Route], samples: dict[str, tuple[Any, Any]], methods: Iterable[str]) -> list[Request]:
    requests = []
    for route in routes:
        for side in ("inside", "outside") if route.kwargs else ("",):
            path = fill(route.pattern, {k: samples[k][1 if side == "outside" else 0] for k in route.kwargs})
            for method in methods:
                if method == "get" or method in route.write_methods():
                    requests.append(Request(method, side, path, tuple(route.kwargs)))
    return requests


def must_refuse(label: str, user: Any, request: Request, national: Iterable[str] = ()) -> bool:
    """Whether `label` must be refused `request` (see the module docstring)."""
    action = action_of(request.path, request.method)
    if action is None or action.anonymous:
        return False  # a method the view does not declare answers 405; a public one is open to all
    if label == "anonymous":
        return True
    if action.any_authenticated:
        return False
    if not roles_of(user) & set(action.roles) and action.extra is None:
        return True
    if request.side == "outside" and (label in OUTSIDERS_OF_X or label in ("competence_env", "no_role")):
        return True
    if request.side == "inside" and label in SCOPED_TO_Y and not set(request.kwargs) <= set(national):
        return True
    return False


def _refused(label: str, request: Request, response: Any) -> bool:
    if response.status_code in REFUSED:
        return True
    if label == "anonymous" and response.status_code == 302 and not request.path.startswith("/api/"):
        return response["Location"].split("?", 1)[0] == resolve_url(settings.LOGIN_URL)
    return False


def _error(response: Any) -> str:
    # With `Client(raise_request_exception=False)` the walk goes on past a failing view and
    # names the exception, so one run lists every failure.
    exc_info = getattr(response, "exc_info", None)
    return f" ({exc_info[0].__name__}: {str(exc_info[1])[:200]})" if exc_info else ""


def _logged_in(client: Any) -> bool:
    return "_auth_user_id" in client.session


def walk_as(
    client: Any,
    tree: Tree,
    label: str,
    samples: dict[str, tuple[Any, Any]],
    insiders: Iterable[tuple[str, str]] = (),
    prefixes: tuple[str, ...] | None = None,
) -> Outcome:
    """Walk every route (or those whose path starts with one of `prefixes`) as `label`."""
    routes = [
        r
        for r in all_routes()
        if walkable(r) and (prefixes is None or fill(r.pattern, dict.fromkeys(r.kwargs, "x")).startswith(prefixes))
    ]
    missing = sorted({k for r in routes for k in r.kwargs if k not in samples})
    assert not missing, f"No walk samples for URL parameters {missing}: add them to the app's tests/walk.py"
    user = tree.users.get(label)
    client.logout()
    if user is not None:
        login(client, user)
    outcome = Outcome()
    national = national_kwargs()

    # 1. Reading: no 500, no county Y data for the X-scoped roles, and the insider pages answer 200.
    for request in _requests(routes, samples, ["get"]):
        response = _send(client, request)
        outcome.statuses[request] = status = response.status_code
        outcome.failures += _read_problems(label, request, response, national)
    for role, path in insiders:
        if role == label:
            status = client.get(path, HTTP_ACCEPT="text/html,application/json").status_code
            if status != 200:
                outcome.failures.append(f"{label} GET {path}: {status}, but it is one of the role's insider pages")

    # 2. Writes that must be refused, which must change nothing at all.
    writes = _requests(routes, samples, WRITE_METHODS)
    refused = [r for r in writes if must_refuse(label, user, r, national)]
    before = database_state()
    for request in refused:
        response = _send(client, request)
        outcome.statuses[request] = status = response.status_code
        if not _refused(label, request, response):
            outcome.failures.append(
                f"{label} {request.method.upper()} {request.path}: {status}{_error(response)}, must be refused"
            )
    changed = [table for table, digest in database_state().items() if before.get(table) != digest]
    if changed:
        outcome.failures.append(f"{label}: refused writes changed the tables {changed}")

    # 3. Every other write: may succeed, must not fail.
    for request in writes:
        if request in outcome.statuses:
            continue
        response = _send(client, request)
        outcome.statuses[request] = status = response.status_code
        if status >= 500:
            outcome.failures.append(f"{label} {request.method.upper()} {request.path}: {status}{_error(response)}")
        if user is not None and not _logged_in(client):  # the logout view did its job
            login(client, user)
    return outcome


def _read_problems(label: str, request: Request, response: Any, national: set[str]) -> list[str]:
    status, path = response.status_code, request.path
    problems = []
    if status >= 500:
        problems.append(f"{label} GET {path}: {status}{_error(response)}")
    if public(path):
        return problems
    if label == "anonymous":
        # Not only no 200: HTML goes to the login page, the API answers 401/403 (or 404/405).
        if status < 500 and not _refused(label, request, response):
            problems.append(f"anonymous got {status} at {path}, must be sent to the login page or refused")
        return problems
    if status != 200:
        return problems
    if label in (*OUTSIDERS_OF_X, "competence_env", "no_role"):
        if request.side == "outside":
            problems.append(f"{label} reached county Y's object at {path}")
        if OUTSIDE_MARKER in response.content.decode("utf-8", "replace"):
            problems.append(f"{label} saw county Y's data ({OUTSIDE_MARKER}) at {path}")
    elif label in SCOPED_TO_Y and request.side == "inside" and not set(request.kwargs) <= national:
        problems.append(f"{label} reached county X's object at {path}")
    return problems


def walk_with_ended_coverage(
    client: Any,
    tree: Tree,
    samples: dict[str, tuple[Any, Any]],
    insiders: Iterable[tuple[str, str]] = (),
    prefixes: tuple[str, ...] | None = None,
) -> Outcome:
    """Walk as the leader of the municipality whose coverage ended, then again (rolled back) with
    the coverage deleted: every answer must be the same, so the ended coverage gives nothing."""
    assert tree.ended_coverage is not None, "call factories.add_ended_coverage(tree) first"
    with transaction.atomic():
        type(tree.ended_coverage).objects.filter(pk=tree.ended_coverage.pk).delete()  # the instance keeps its pk
        baseline = walk_as(client, tree, ENDED_COVERAGE_LEADER, samples, insiders, prefixes)
        transaction.set_rollback(True)
    outcome = walk_as(client, tree, ENDED_COVERAGE_LEADER, samples, insiders, prefixes)
    for request, status in outcome.statuses.items():
        without = baseline.statuses.get(request)
        if without != status:
            outcome.failures.append(
                f"{ENDED_COVERAGE_LEADER} {request.method.upper()} {request.path}: {status} while the coverage has "
                f"ended, {without} without it: the ended coverage still counts"
            )
    return outcome


def app_walk_test(app: str, prefixes: tuple[str, ...]) -> Any:
    """A test that walks one app's URLs (those under `prefixes`) as every role; an app's
    `tests/test_walk_<app>.py` is one line: `test_walk = walk.app_walk_test("fagloft.x", PREFIXES)`."""
    import pytest
    from django.test import Client

    from fagloft.organizations.tests.factories import add_ended_coverage, build_tree

    @pytest.mark.app_walk
    @pytest.mark.django_db
    @pytest.mark.parametrize("label", ROLE_LABELS)
    def test_walk_the_apps_urls_as_every_role(label: str) -> None:
        tree = add_ended_coverage(build_tree())
        client = Client(raise_request_exception=False)
        samples = collect_samples(tree)
        insiders = collect_insiders(tree, samples).get(app, [])
        if label == ENDED_COVERAGE_LEADER:
            outcome = walk_with_ended_coverage(client, tree, samples, insiders, prefixes=prefixes)
        else:
            outcome = walk_as(client, tree, label, samples, insiders, prefixes=prefixes)
        assert outcome.statuses, "the prefixes matched no route"
        assert outcome.failures == [], "\n".join(outcome.failures)

    return test_walk_the_apps_urls_as_every_role

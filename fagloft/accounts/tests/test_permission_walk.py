"""The permission walk: every URL pattern of the project, requested as anonymous and as every role,
with GET and with every write method (fagloft/tests/walk.py has the rules and the helper).

It fails when a view has no declared access rule, when a user scoped to county X gets data from
county Y, when an outsider's write is not refused or changes anything, when a role does not get
its insider pages, or when any page answers 500. URL parameters and insider pages come from each
app's `tests/walk.py`. Later apps inherit the walk by adding their own `walk.py`.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import resolve

from fagloft.organizations.tests.factories import Tree, add_ended_coverage, build_tree, login
from fagloft.tests import walk
from fagloft.tests.walk import all_routes, declared_access
from fagloft.tests.walk import walkable as _walkable

ROLE_LABELS = walk.ROLE_LABELS


def test_every_view_declares_who_may_use_it():
    undeclared = [r.pattern for r in all_routes() if _walkable(r) and not declared_access(r)]
    assert undeclared == [], f"Views without a declared access rule (use @requires or `access`): {undeclared}"


@pytest.fixture
def tree(db) -> Tree:
    return add_ended_coverage(build_tree())


@pytest.fixture
def walk_client() -> Client:
    # Go on past a failing view, so one run lists every failure (with its exception).
    return Client(raise_request_exception=False)


@pytest.mark.django_db
def test_every_app_with_pages_names_its_insider_pages(tree):
    samples = walk.collect_samples(tree)
    insiders = walk.collect_insiders(tree, samples)
    apps_with_routes = {r.app for r in all_routes() if _walkable(r)} - {""}
    missing = sorted(app for app in apps_with_routes if not insiders.get(app))
    assert missing == [], f"Apps with URL patterns but no insider pages (add insiders() to tests/walk.py): {missing}"
    wrong = []
    for app, pages in insiders.items():
        for label, path in pages:
            if label != "anonymous" and label not in tree.users:
                wrong.append(f"{app}: unknown role {label!r} for {path}")
                continue
            match = resolve(urlsplit(path).path)  # an insider page may carry a query string
            route_app = getattr(match.func, "__module__", "")
            view = getattr(match.func, "cls", None)
            route_app = view.__module__ if view is not None else route_app
            if not route_app.startswith(app + "."):
                wrong.append(f"{app}: {path} is a page of {route_app}, not of this app")
    assert wrong == [], "\n".join(wrong)


@pytest.mark.django_db
@pytest.mark.parametrize("label", ROLE_LABELS)
def test_walk_every_url_as_every_role(walk_client, tree, label):
    assert set(ROLE_LABELS) == {"anonymous", *tree.users}, "a role was added to the tree but not to the walk"
    samples = walk.collect_samples(tree)
    insiders = [page for pages in walk.collect_insiders(tree, samples).values() for page in pages]
    if label == walk.ENDED_COVERAGE_LEADER:
        outcome = walk.walk_with_ended_coverage(walk_client, tree, samples, insiders)
    else:
        outcome = walk.walk_as(walk_client, tree, label, samples, insiders)
    assert outcome.failures == [], "\n".join(outcome.failures)


@pytest.mark.django_db
def test_a_write_that_is_not_refused_is_caught(walk_client, tree, monkeypatch):
    """The walk itself: an outsider's write that the access layer lets through must be reported,
    with the table it changed."""
    from fagloft.accounts import access

    samples = walk.collect_samples(tree)
    monkeypatch.setattr(access, "can", lambda user, action, obj=None: True)
    monkeypatch.setattr(
        access,
        "get_object_for",
        lambda user, action, qs, read_action=None, **lookup: (qs if hasattr(qs, "get") else qs._default_manager).get(
            **lookup
        ),
    )
    outcome = walk.walk_as(walk_client, tree, "no_role", samples, prefixes=("/tjenester/",))
    assert any("must be refused" in failure for failure in outcome.failures), outcome.failures


@pytest.mark.django_db
def test_an_ended_coverage_that_still_counts_is_caught(walk_client, tree, monkeypatch):
    """The walk itself: with the scope ignoring validity periods (the bug after Hasvik left the
    Vest-Finnmark cooperation), the leader of the municipality that left reaches the service again."""
    from django.db.models import Q

    from fagloft.accounts import access

    samples = walk.collect_samples(tree)
    monkeypatch.setattr(access, "path_q", lambda model, path, unit_id, day=None: Q(**{path: unit_id}))
    outcome = walk.walk_with_ended_coverage(walk_client, tree, samples, prefixes=("/tjenester/",))
    assert any("the ended coverage still counts" in failure for failure in outcome.failures), outcome.failures


@pytest.mark.django_db
def test_the_database_checksum_sees_an_update_of_one_field(tree):
    before = walk.database_state()
    tree.service_c.phone = "12345678"
    tree.service_c.save(update_fields=["phone"])
    after = walk.database_state()
    assert [table for table in after if after[table] != before[table]] == ["organizations_service"]


@pytest.mark.django_db
def test_only_admins_reach_the_django_admin(client, tree):
    for label, user in tree.users.items():
        client.logout()
        login(client, user)
        status = client.get("/drift/admin/").status_code
        assert (status == 200) == (label == "admin"), f"{label} got {status} from the admin"

"""`fagloft.accounts.access.checks_for`: the permission checks of a list answered together (one
query per action and model), with the same answers as one check per object; and `block_memo`."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fagloft.accounts.access import (
    block_memo,
    can,
    checks_for,
    in_checks_block,
    memberships,
    permitted_actions,
)
from fagloft.assessments import permissions as perms
from fagloft.assessments.models import Assessment
from fagloft.assessments.tests.factories import make_assessment
from fagloft.organizations.tests.factories import build_tree

USERS = ["admin", "national", "advisor_x", "advisor_y", "leader_ab", "municipal_leader_a", "employee_ab", "no_role"]


@pytest.fixture
def scene(db):
    tree: Any = build_tree()
    statuses = [Assessment.Status.DRAFT, Assessment.Status.SUBMITTED, Assessment.Status.FORWARDED]
    tree.assessments = [
        make_assessment(service, year=2020 + index, status=status)
        for index, status in enumerate(statuses)
        for service in (tree.service_ab, tree.service_c)
    ]
    return tree


@pytest.mark.parametrize("username", USERS)
def test_the_answers_inside_a_block_are_those_of_one_check_per_object(scene, username):
    user = scene.users[username]
    alone = [permitted_actions(user, a) for a in scene.assessments]
    with checks_for(user, scene.assessments):
        together = [permitted_actions(user, a) for a in scene.assessments]
    assert together == alone
    # Some users may do something, others nothing: the comparison is not between two empty lists.
    if username in ("admin", "leader_ab"):
        assert any(any(p.values()) for p in alone)


def test_a_block_asks_once_per_action_not_once_per_object(scene):
    # A scoped user: the admin's checks need no query at all (global scope).
    user = scene.users["leader_ab"]
    memberships(user)  # loaded once per request, not part of what is counted
    few, many = scene.assessments[:2], scene.assessments
    counts = []
    for objects in (few, many):
        with CaptureQueriesContext(connection) as queries, checks_for(user, objects):
            for obj in objects:
                permitted_actions(user, obj)
        counts.append(len(queries.captured_queries))
    assert counts[0] == counts[1]
    with CaptureQueriesContext(connection) as queries:
        for obj in many:
            permitted_actions(user, obj)
    assert len(queries.captured_queries) > counts[1]


def test_other_users_and_other_objects_are_checked_as_usual(scene):
    leader, outsider = scene.users["leader_ab"], scene.users["leader_c"]
    inside = [a for a in scene.assessments if a.service_id == scene.service_ab.pk]
    outside = [a for a in scene.assessments if a.service_id == scene.service_c.pk]
    with checks_for(leader, inside):
        # Another user inside the block: their own answer, not the leader's.
        assert [can(outsider, perms.VIEW_ASSESSMENT, a) for a in inside] == [False] * len(inside)
        # An object the block was not given: checked on its own, and refused.
        assert not can(leader, perms.VIEW_ASSESSMENT, outside[0])
        assert all(can(leader, perms.VIEW_ASSESSMENT, a) for a in inside)


def test_a_nested_block_keeps_the_outer_objects(scene):
    user = scene.users["leader_ab"]
    memberships(user)
    first, second = scene.assessments[:3], scene.assessments[3:]
    with checks_for(user, first):
        with checks_for(user, second):
            with CaptureQueriesContext(connection) as queries:
                for obj in scene.assessments:
                    can(user, perms.EDIT_ASSESSMENT, obj)
            assert len(queries.captured_queries) == 1
        assert in_checks_block()
    assert not in_checks_block()


def test_block_memo_computes_once_inside_a_block_and_every_time_outside(scene):
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert block_memo("key", compute) == 1 and block_memo("key", compute) == 2
    with checks_for(scene.users["admin"], scene.assessments):
        assert block_memo("key", compute) == 3 and block_memo("key", compute) == 3
    assert block_memo("key", compute) == 4


def test_one_object_is_checked_by_its_key_not_against_the_whole_scope(scene):
    """Outside a block, one check is one query that looks at that row only: `pk IN (everything the
    user may see)` listed the whole scope for every check."""
    leader = scene.users["leader_ab"]
    inside = next(a for a in scene.assessments if a.service_id == scene.service_ab.pk)
    outside = next(a for a in scene.assessments if a.service_id == scene.service_c.pk)
    memberships(leader)
    with CaptureQueriesContext(connection) as queries:
        assert can(leader, perms.VIEW_ASSESSMENT, inside)
        assert not can(leader, perms.VIEW_ASSESSMENT, outside)
    asked = [q["sql"] for q in queries.captured_queries]
    assert asked
    assert all("IN (SELECT" not in sql.upper() for sql in asked)

"""The access rules directly, in pairs: each scoped rule inside and outside its unit (STYLE.md § 6)."""

from __future__ import annotations

import pytest

from fagloft.accounts.access import LOGGED_IN, PUBLIC, can, visible
from fagloft.organizations.models import Municipality, Service
from fagloft.organizations.permissions import CHANGE_SERVICE, VIEW_MUNICIPALITY, VIEW_SERVICE
from fagloft.organizations.tests.factories import login, make_user


@pytest.mark.parametrize(
    "user, inside, outside",
    [
        ("advisor_x", "municipality_b", "municipality_c"),
        ("leader_ab", "municipality_b", "municipality_c"),  # the shared service serves B too
        ("municipal_leader_a", "municipality_a", "municipality_b"),
        ("employee_ab", "municipality_a", "municipality_c"),
    ],
)
def test_scoped_roles_see_municipalities_inside_their_unit_only(tree, user, inside, outside):
    person = tree.users[user]
    assert can(person, VIEW_MUNICIPALITY, getattr(tree, inside))
    assert not can(person, VIEW_MUNICIPALITY, getattr(tree, outside))


def test_municipal_leadership_sees_the_service_serving_its_municipality(tree):
    person = tree.users["municipal_leader_a"]
    assert can(person, VIEW_SERVICE, tree.service_ab)
    assert not can(person, VIEW_SERVICE, tree.service_c)


@pytest.mark.parametrize("user", ["admin", "national"])
def test_global_roles_see_every_municipality(tree, user):
    assert visible(tree.users[user], VIEW_MUNICIPALITY, Municipality.objects.all()).count() == 3


def test_bufdir_reads_but_may_not_change_services(tree):
    assert can(tree.users["national"], VIEW_SERVICE, tree.service_c)
    assert not can(tree.users["national"], CHANGE_SERVICE, tree.service_c)


def test_a_leader_changes_their_own_service_but_not_another(tree):
    leader = tree.users["leader_ab"]
    assert can(leader, CHANGE_SERVICE, tree.service_ab)
    assert not can(leader, CHANGE_SERVICE, tree.service_c)


def test_visible_lists_have_no_duplicates_for_a_service_serving_several_municipalities(tree):
    services = visible(tree.users["advisor_x"], VIEW_SERVICE, Service.objects.all())
    assert list(services) == [tree.service_ab]


def test_a_competence_environment_sees_no_unit_of_the_tree(tree):
    assert visible(tree.users["competence_env"], VIEW_MUNICIPALITY, Municipality.objects.all()).count() == 0


def test_anonymous_users_reach_public_actions_only(tree):
    from django.contrib.auth.models import AnonymousUser

    assert can(AnonymousUser(), PUBLIC)
    assert not can(AnonymousUser(), LOGGED_IN)
    assert not can(AnonymousUser(), VIEW_MUNICIPALITY)


def test_a_user_without_any_role_may_open_their_own_account_page(client, tree):
    login(client, make_user("newcomer"))
    assert client.get("/konto/min-konto/").status_code == 200
    assert client.get("/fylker/").status_code == 403

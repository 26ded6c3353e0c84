"""Scope follows validity periods: an ended (or not yet started) service coverage, county period or
membership gives no access on the current date (accounts/access.py, "Periods along a path")."""

from __future__ import annotations

import datetime

import pytest
from django.apps import apps
from django.db import transaction

from fagloft.accounts.access import Action, can, period_hops, roles_of, visible
from fagloft.accounts.models import Membership
from fagloft.accounts.roles import LEVEL_OF_ROLE, Role
from fagloft.competence.tests.factories import make_employee
from fagloft.organizations.models import County, CountyMembershipPeriod, Municipality, Service, ServiceCoverage
from fagloft.organizations.permissions import VIEW_MUNICIPALITY, VIEW_SERVICE
from fagloft.organizations.tests.factories import (
    add_ended_coverage,
    build_tree,
    make_municipality,
    make_service,
    make_user,
)
from fagloft.tests.walk import collect_samples

# Not registered in the catalogue: a probe that any scoped role may use on any model.
ANY_SCOPED = Action(
    "test.any_scoped",
    "Probe for the scope tests",
    frozenset(
        {Role.EMPLOYEE, Role.SERVICE_LEADER, Role.MUNICIPAL_LEADER, Role.COUNTY_ADVISOR, Role.NETWORK_COORDINATOR}
    ),
)
LAST_YEAR = datetime.date(2020, 1, 1), datetime.date(2024, 12, 31)


@pytest.fixture
def tree(db):
    return add_ended_coverage(build_tree())


def test_period_hops_are_the_reverse_links_to_period_rows():
    from fagloft.competence.models import Employee

    assert period_hops(Employee, Employee.SCOPE_PATHS["county"]) == [
        "service__coverages",
        "service__coverages__municipality__county_periods",
    ]
    assert period_hops(County, County.SCOPE_PATHS["service"]) == [
        "municipality_periods",
        "municipality_periods__municipality__service_coverages",
    ]
    assert period_hops(Service, "pk") == []
    # Forward and many-to-many hops onto units are the object's place, not a period.
    from fagloft.grants.models import Application

    assert period_hops(Application, "participants") == []


def test_the_leader_of_a_municipality_that_left_the_cooperation_no_longer_reads_the_service(tree):
    leader = tree.users["municipal_leader_d"]
    staff = make_employee(tree.service_ab, "Kari", "Inne")
    assert not can(leader, VIEW_SERVICE, tree.service_ab)
    assert not visible(leader, ANY_SCOPED, Service.objects.all()).exists()
    assert not can(leader, ANY_SCOPED, staff)
    # Its own municipality stays in reach, and the municipality it shared the service with is not.
    assert can(leader, VIEW_MUNICIPALITY, tree.municipality_d)
    assert not can(leader, VIEW_MUNICIPALITY, tree.municipality_a)
    # While the coverage lasted, the leader did read the service (so the test can fail).
    tree.ended_coverage.valid_to = None
    tree.ended_coverage.save()
    leader = type(leader).objects.get(pk=leader.pk)
    assert can(leader, VIEW_SERVICE, tree.service_ab)
    assert can(leader, ANY_SCOPED, staff)


def test_the_service_no_longer_reaches_the_municipality_it_stopped_serving(tree):
    assert not can(tree.users["leader_ab"], VIEW_MUNICIPALITY, tree.municipality_d)
    assert can(tree.users["leader_ab"], VIEW_MUNICIPALITY, tree.municipality_b)


def test_a_coverage_that_has_not_started_gives_no_access_yet(tree):
    later = make_municipality(tree.county_x, "9104", "Eidvik")
    ServiceCoverage.objects.create(
        service=tree.service_ab, municipality=later, valid_from=datetime.date.today() + datetime.timedelta(days=30)
    )
    leader = make_user("leader_e", Role.MUNICIPAL_LEADER, later)
    assert not can(leader, VIEW_SERVICE, tree.service_ab)


def test_an_ended_coverage_and_a_current_one_elsewhere_are_not_combined(tree):
    # Service S served Dalvik (county X) until 2024 and serves Utenforvik (county Y) now. The row
    # that leads to county X has ended, the current row leads to county Y: advisor_x sees nothing,
    # which a validity filter on a separate join (any current coverage) would get wrong.
    other = Service.objects.create(name="Skiftevik barneverntjeneste", host_municipality=tree.municipality_c)
    ServiceCoverage.objects.create(
        service=other, municipality=tree.municipality_d, valid_from=LAST_YEAR[0], valid_to=LAST_YEAR[1]
    )
    ServiceCoverage.objects.create(service=other, municipality=tree.municipality_c, valid_from=LAST_YEAR[0])
    assert not can(tree.users["advisor_x"], VIEW_SERVICE, other)
    assert can(tree.users["advisor_y"], VIEW_SERVICE, other)
    assert not can(tree.users["municipal_leader_d"], VIEW_SERVICE, other)


def test_a_municipality_that_moved_county_leaves_the_old_countys_scope(tree):
    # Like Alta: in county X until 2024, in county Y since 2025.
    moved = make_municipality(tree.county_x, "9105", "Flyttvik", valid_from=LAST_YEAR[0])
    CountyMembershipPeriod.objects.filter(municipality=moved).update(valid_to=LAST_YEAR[1])
    CountyMembershipPeriod.objects.create(
        municipality=moved, county=tree.county_y, valid_from=datetime.date(2025, 1, 1)
    )
    service = make_service(moved, name="Flyttvik barneverntjeneste")
    assert not can(tree.users["advisor_x"], VIEW_MUNICIPALITY, moved)
    assert not can(tree.users["advisor_x"], VIEW_SERVICE, service)
    assert can(tree.users["advisor_y"], VIEW_MUNICIPALITY, moved)
    assert can(tree.users["advisor_y"], VIEW_SERVICE, service)
    # The county page of X no longer counts it in, through either period path.
    assert not visible(
        make_user("leader_f", Role.SERVICE_LEADER, service), ANY_SCOPED, County.objects.filter(pk=tree.county_x.pk)
    ).exists()


def test_an_ended_or_future_membership_gives_no_access(tree):
    leader = make_user("leader_gone", Role.SERVICE_LEADER, tree.service_ab)
    assert can(leader, VIEW_SERVICE, tree.service_ab)
    Membership.objects.filter(user=leader).update(valid_to=LAST_YEAR[1])
    assert not can(type(leader).objects.get(pk=leader.pk), VIEW_SERVICE, tree.service_ab)
    Membership.objects.filter(user=leader).update(
        valid_to=None, valid_from=datetime.date.today() + datetime.timedelta(days=30)
    )
    assert not can(type(leader).objects.get(pk=leader.pk), VIEW_SERVICE, tree.service_ab)


def _scoped_models(user):
    # Only models with a path for the user's level (grants.Assessment is the county's alone).
    levels = {LEVEL_OF_ROLE[role] for role in roles_of(user)}
    return [m for m in apps.get_models() if levels & set(getattr(m, "SCOPE_PATHS", None) or {})]


@pytest.mark.parametrize("label", ["municipal_leader_d", "leader_ab", "advisor_x", "coordinator_x"])
def test_an_ended_coverage_gives_exactly_what_no_coverage_gives(tree, label):
    """Over every scoped model, filled with every app's walk objects: what a user reaches with
    the ended coverage in the database equals what they reach once it is deleted."""
    collect_samples(tree)
    user = tree.users[label]
    with_ended = {
        m._meta.label: set(visible(user, ANY_SCOPED, m._default_manager.all()).values_list("pk", flat=True))
        for m in _scoped_models(user)
    }
    with transaction.atomic():
        ServiceCoverage.objects.filter(pk=tree.ended_coverage.pk).delete()
        user = type(user).objects.get(pk=user.pk)
        without = {
            m._meta.label: set(visible(user, ANY_SCOPED, m._default_manager.all()).values_list("pk", flat=True))
            for m in _scoped_models(user)
        }
        transaction.set_rollback(True)
    assert with_ended == without
    if label == "municipal_leader_d":
        assert with_ended["organizations.Municipality"] == {tree.municipality_d.pk}
        assert with_ended["organizations.Service"] == set()
        assert Municipality.objects.filter(pk=tree.municipality_d.pk).exists()

"""Builders for the organisation tree used across all apps' tests (STYLE.md § 6).

`build_tree()` makes two counties, three municipalities and two services, with one user per role.
Everything in county Y carries the word "Utenfor" in its name, so a test can assert that a user
scoped to county X never sees it.
"""

from __future__ import annotations

import datetime
import itertools
from dataclasses import dataclass, field
from typing import Any

from django_otp.plugins.otp_totp.models import TOTPDevice

from fagloft.accounts.models import Membership, User
from fagloft.accounts.roles import TWO_FACTOR_ROLES, Role
from fagloft.organizations.models import (
    County,
    CountyMembershipPeriod,
    Municipality,
    Population,
    Service,
    ServiceCoverage,
)

OUTSIDE_MARKER = "Utenfor"
_numbers = itertools.count(1)


def make_county(number: str | None = None, name: str | None = None, **extra: Any) -> County:
    number = number or f"{70 + next(_numbers) % 25:02d}"
    return County.objects.create(number=number, name=name or f"Fylke {number}", **extra)


def make_municipality(
    county: County,
    number: str | None = None,
    name: str | None = None,
    valid_from: datetime.date | None = None,
    **extra: Any,
) -> Municipality:
    number = number or f"{county.number}{next(_numbers) % 100:02d}"
    municipality = Municipality.objects.create(
        number=number, name=name or f"Kommune {number}", county=county, valid_from=valid_from, **extra
    )
    CountyMembershipPeriod.objects.create(municipality=municipality, county=county, valid_from=valid_from)
    return municipality


def make_population(municipality: Municipality, year: int, total: int = 10000, children: int = 2000) -> Population:
    per_age = [children // 18] * 18
    per_age[0] += children - sum(per_age)
    return Population.objects.create(
        municipality=municipality, year=year, total=total, children=children, by_age=per_age, source="test"
    )


def make_service(
    host: Municipality, serves: list[Municipality] | None = None, name: str | None = None, **extra: Any
) -> Service:
    service = Service.objects.create(name=name or f"{host.name} barneverntjeneste", host_municipality=host, **extra)
    for municipality in serves or [host]:
        ServiceCoverage.objects.create(service=service, municipality=municipality, valid_from=datetime.date(2020, 1, 1))
    return service


def make_user(username: str, role: str | None = None, unit: Any = None, **extra: Any) -> User:
    user = User.objects.create_user(username=username, password="test-password-123", first_name=username, **extra)
    if role is not None:
        membership = Membership(user=user, role=role)
        if isinstance(unit, Service):
            membership.service = unit
        elif isinstance(unit, Municipality):
            membership.municipality = unit
        elif isinstance(unit, County):
            membership.county = unit
        membership.full_clean()
        membership.save()
    return user


def login(client: Any, user: User) -> None:
    """Log in as `user`, with a verified second factor where the role requires one."""
    client.force_login(user)
    if Membership.objects.filter(user=user, role__in=TWO_FACTOR_ROLES).exists() or user.is_superuser:
        device, _ = TOTPDevice.objects.get_or_create(user=user, name="test", defaults={"confirmed": True})
        session = client.session
        session["otp_device_id"] = device.persistent_id
        session.save()


@dataclass
class Tree:
    county_x: County
    county_y: County
    municipality_a: Municipality
    municipality_b: Municipality
    municipality_c: Municipality
    service_ab: Service
    service_c: Service
    users: dict[str, User] = field(default_factory=dict)
    # Set by `add_ended_coverage`: a municipality service_ab served until ENDED_COVERAGE_TO.
    municipality_d: Municipality | None = None
    ended_coverage: ServiceCoverage | None = None

    # Users whose reach is inside county X only: they must never see county Y's data.
    SCOPED_TO_X = ("advisor_x", "coordinator_x", "leader_ab", "employee_ab", "municipal_leader_a")
    GLOBAL = ("admin", "national")


def build_tree() -> Tree:
    county_x = make_county("91", "Nordfylket")
    county_y = make_county("92", f"{OUTSIDE_MARKER}fylket")
    municipality_a = make_municipality(county_x, "9101", "Alvik")
    municipality_b = make_municipality(county_x, "9102", "Bergvik")
    municipality_c = make_municipality(county_y, "9201", f"{OUTSIDE_MARKER}vik")
    for municipality in (municipality_a, municipality_b, municipality_c):
        make_population(municipality, 2021)
    service_ab = make_service(municipality_a, [municipality_a, municipality_b], "Alvik og Bergvik barneverntjeneste")
    service_c = make_service(municipality_c, [municipality_c], f"{OUTSIDE_MARKER}vik barneverntjeneste")
    tree = Tree(county_x, county_y, municipality_a, municipality_b, municipality_c, service_ab, service_c)
    tree.users = {
        "admin": make_user("admin", Role.ADMIN, is_staff=True),  # operates the installation
        "national": make_user("national", Role.NATIONAL),  # Bufdir: reads everything
        "advisor_x": make_user("advisor_x", Role.COUNTY_ADVISOR, county_x),  # county X only
        "advisor_y": make_user("advisor_y", Role.COUNTY_ADVISOR, county_y),  # county Y only
        "coordinator_x": make_user("coordinator_x", Role.NETWORK_COORDINATOR, county_x),
        "leader_ab": make_user("leader_ab", Role.SERVICE_LEADER, service_ab),  # leads the shared service
        "leader_c": make_user("leader_c", Role.SERVICE_LEADER, service_c),
        "employee_ab": make_user("employee_ab", Role.EMPLOYEE, service_ab),
        "municipal_leader_a": make_user("municipal_leader_a", Role.MUNICIPAL_LEADER, municipality_a),
        "competence_env": make_user("competence_env", Role.COMPETENCE_ENVIRONMENT, organisation_name="RKBU Nord"),
        "no_role": make_user("no_role"),  # logged in, but holds no role anywhere
    }
    return tree


ENDED_COVERAGE_TO = datetime.date(2024, 12, 31)


def add_ended_coverage(tree: Tree) -> Tree:
    """Add Dalvik (county X), which service_ab served from 2020 until the end of 2024, when it
    left the host-municipality cooperation (as Hasvik left Vest-Finnmark), and its municipal leader
    `municipal_leader_d`, who must reach nothing of service_ab any more.

    Separate from `build_tree` so the counts other apps' tests make on the tree stay as they are;
    the permission walk and the scope tests add it.
    """
    municipality_d = make_municipality(tree.county_x, "9103", "Dalvik")
    make_population(municipality_d, 2021)
    tree.ended_coverage = ServiceCoverage.objects.create(
        service=tree.service_ab,
        municipality=municipality_d,
        valid_from=datetime.date(2020, 1, 1),
        valid_to=ENDED_COVERAGE_TO,
    )
    tree.municipality_d = municipality_d
    tree.users["municipal_leader_d"] = make_user("municipal_leader_d", Role.MUNICIPAL_LEADER, municipality_d)
    return tree

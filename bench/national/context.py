"""The world the app modules build on: one demo context per county, with users in its units.

The apps' demo builders (`fagloft/<app>/demo.py`) take a `DemoContext`: a county, its
municipalities, its services (the first one is "Alta's", whose leader writes) and users by the demo
usernames. Here the largest county's context uses the benchmark users `bench.<role>` and the
benchmark service, so what the builders make lands in those users' scope; every other county gets
its own five users (advisor, coordinator, municipal leader, service leader, employee), made here.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from bench.generate import PASSWORD, Size, Summary

# Demo username -> the benchmark role that stands in for it.
DEMO_ROLES = {
    "admin": "admin",
    "bufdir": "national",
    "statsforvalter.finnmark": "county_advisor",
    "koordinator.finnmark": "network_coordinator",
    "kommunedirektor.alta": "municipal_leader",
    "leder.alta": "service_leader",
    "ansatt.alta": "employee",
    "rkbu.nord": "competence_environment",
}
COUNTY_ROLES = ["county_advisor", "network_coordinator", "municipal_leader", "service_leader", "employee"]


@dataclass
class World:
    summary: Summary
    size: Any  # NationalSize
    rng: random.Random
    year: int
    counties: list[Any]
    municipalities: list[Any]
    services: list[Any]  # services serving someone today (historic own services left out)
    bench: Any  # the largest county's DemoContext
    contexts: list[Any] = field(default_factory=list)  # every county's, the bench county first
    bench_users: dict[str, Any] = field(default_factory=dict)  # role -> User


def build_world(summary: Summary, size: Size, seed: int) -> World:
    from fagloft.accounts.models import User
    from fagloft.organizations.models import County, Municipality, Service, ServiceCoverage

    rng = random.Random(seed + 1)
    counties = list(County.objects.order_by("number"))
    municipalities = list(Municipality.objects.select_related("county").order_by("number"))
    current = set(ServiceCoverage.objects.filter(valid_to__isnull=True).values_list("service_id", flat=True))
    services = list(Service.objects.filter(pk__in=current).select_related("host_municipality__county").order_by("pk"))
    users = {u.username: u for u in User.objects.filter(username__startswith="bench.")}
    bench_users = {role: users[name] for role, name in summary.bench_users.items()}
    world = World(summary, size, rng, summary.latest_year, counties, municipalities, services, None, [], bench_users)
    largest = next(c for c in counties if c.number == summary.largest_county)
    bench_service = next(s for s in services if s.pk == summary.bench_service_id)
    world.bench = _context(
        world, largest, bench_service, {demo: bench_users[role] for demo, role in DEMO_ROLES.items()}
    )
    world.contexts.append(world.bench)
    made = _county_users(world, [c for c in counties if c.pk != largest.pk])
    for county, (first, county_users) in made.items():
        shared = {demo: bench_users[DEMO_ROLES[demo]] for demo in ("admin", "bufdir", "rkbu.nord")}
        world.contexts.append(_context(world, county, first, {**shared, **county_users}))
    return world


def _context(world: World, county: Any, first: Any, users: dict[str, Any]) -> Any:
    """A county's DemoContext with `first` as its "Alta".

    A network lists its members by number and the demo's grant applications are led by the first
    member, which must be the first service's host: so municipalities numbered before that host
    are left out of the context (they still have every app's national rows).
    """
    from fagloft.organizations.demo import DemoContext

    start = first.host_municipality.number
    municipalities = [m for m in world.municipalities if m.county_id == county.pk and m.number >= start]
    municipalities.sort(key=lambda m: (m.pk != first.host_municipality_id, m.number))
    others = [
        s
        for s in world.services
        if s.host_municipality.county_id == county.pk and s.pk != first.pk and s.host_municipality.number >= start
    ]
    return DemoContext(
        county, municipalities, [first, *others], users, random.Random(world.rng.random()), world.year, _quiet
    )


def _quiet(_message: str) -> None:
    """The demo builders log what they made; the national data set prints a summary instead."""


def _county_users(world: World, counties: list[Any]) -> dict[Any, tuple[Any, dict[str, Any]]]:
    """Five users in each county's units, for its demo builders to act as."""
    from django.contrib.auth.hashers import make_password

    from fagloft.accounts.models import Membership, User

    password = make_password(PASSWORD)
    plan: dict[Any, tuple[Any, dict[str, Any]]] = {}
    users: list[Any] = []
    memberships: list[tuple[Any, str, Any]] = []
    for county in counties:
        in_county = [s for s in world.services if s.host_municipality.county_id == county.pk]
        if not in_county:
            continue
        first = min(in_county, key=lambda s: (s.host_municipality.number, s.pk))
        plan[county] = (first, {})
        for role in COUNTY_ROLES:
            username = f"fylke{county.number}.{role}"
            users.append(User(username=username, password=password, first_name="Benchbruker", last_name=username))
            unit: dict[str, Any] = {"county": county}
            if role == "municipal_leader":
                unit = {"municipality": first.host_municipality}
            elif role in ("service_leader", "employee"):
                unit = {"service": first}
            memberships.append((county, role, Membership(role=role, **unit)))
    created = User.objects.bulk_create(users)
    by_role = {v: k for k, v in DEMO_ROLES.items()}
    for user, (county, role, membership) in zip(created, memberships, strict=True):
        membership.user = user
        plan[county][1][by_role[role]] = user
    Membership.objects.bulk_create([m for _c, _r, m in memberships])
    return plan


def run_demo(app: str, ctx: Any) -> None:
    """The app's own demo builder for one county's context (valid rows through the app's use cases)."""
    import importlib

    importlib.import_module(f"fagloft.{app}.demo").build(ctx)

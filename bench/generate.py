"""A synthetic national-size data set for the benchmarks (never real people, never real figures).

357 municipalities in 15 counties (sized like Norway's 2024 structure), square-ish borders with as
many vertices as Kartverket's simplified ones, population for 10 years with single ages 0–17, one
service per municipality plus host-municipality services that took over neighbours in 2022, and
1,000 users with memberships across every role. Everything is written with bulk_create.

Run alone (migrates first): `python -m bench.generate --database-url sqlite:////tmp/x.sqlite3`.
The benchmark users (`bench.<role>`, one per role, password `bench-password-123`) are listed in the
returned summary; the scoped ones sit in the largest county, the heaviest pages.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import sys
from dataclasses import dataclass, field
from typing import Any

PASSWORD = "bench-password-123"
# Norway's counties from 2024 with their number of municipalities (357 in all).
COUNTIES_2024 = [
    ("03", "Oslo", 1),
    ("11", "Rogaland", 23),
    ("15", "Møre og Romsdal", 27),
    ("18", "Nordland", 41),
    ("31", "Østfold", 12),
    ("32", "Akershus", 21),
    ("33", "Buskerud", 18),
    ("34", "Innlandet", 46),
    ("39", "Vestfold", 6),
    ("40", "Telemark", 17),
    ("42", "Agder", 25),
    ("46", "Vestland", 43),
    ("50", "Trøndelag", 38),
    ("55", "Troms", 21),
    ("56", "Finnmark", 18),
]
NAME_STARTS = [
    "Nord",
    "Sør",
    "Øst",
    "Vest",
    "Stor",
    "Lille",
    "Berg",
    "Fjell",
    "Elve",
    "Sjø",
    "Skog",
    "Lyng",
    "Bjørke",
    "Hval",
    "Ørne",
    "Sol",
    "Måne",
    "Strand",
    "Myr",
    "Vinter",
]
NAME_ENDS = ["vik", "dal", "fjord", "nes", "øy", "berg", "stad", "heim", "sund", "våg", "land", "bygd"]
# Single roles of the benchmark clients, by role code; the scoped ones live in the largest county.
BENCH_ROLES = [
    "admin",
    "national",
    "county_advisor",
    "network_coordinator",
    "municipal_leader",
    "service_leader",
    "employee",
    "competence_environment",
]


@dataclass(frozen=True)
class Size:
    municipalities: int = 357
    counties: int = 15
    years: int = 10
    users: int = 1000
    host_services: int = 30
    vertices: int = 96


@dataclass
class Summary:
    counties: int = 0
    municipalities: int = 0
    populations: int = 0
    services: int = 0
    users: int = 0
    memberships: int = 0
    largest_county: str = ""
    bench_users: dict[str, str] = field(default_factory=dict)
    latest_year: int = 0
    # The service of the benchmark's service leader and employee (a host-municipality service in the
    # largest county when there is one), and the municipality of its municipal leader (the host).
    bench_service_id: int = 0
    bench_municipality: str = ""


def county_plan(size: Size) -> list[tuple[str, str, int]]:
    if size.counties == 15 and size.municipalities == 357:
        return list(COUNTIES_2024)
    base, extra = divmod(size.municipalities, size.counties)
    return [(f"{10 + i:02d}", f"Benchfylke {i + 1}", base + (1 if i < extra else 0)) for i in range(size.counties)]


def square_ring(rng: random.Random, west: float, south: float, side: float, vertices: int) -> list[list[float]]:
    """A closed ring walking the square's edges, each vertex nudged a little so no two look alike."""
    per_edge = max(vertices // 4, 1)
    corners = [(west, south), (west + side, south), (west + side, south + side), (west, south + side)]
    ring = []
    for (x0, y0), (x1, y1) in zip(corners, corners[1:] + corners[:1], strict=True):
        for step in range(per_edge):
            t = step / per_edge
            jitter = side * 0.03 * rng.uniform(-1, 1) if step else 0.0
            ring.append(
                [round(x0 + (x1 - x0) * t + jitter * (y1 != y0), 5), round(y0 + (y1 - y0) * t + jitter * (x1 != x0), 5)]
            )
    ring.append(list(ring[0]))
    return ring


def polygon(ring: list[list[float]]) -> tuple[dict[str, Any], list[float]]:
    xs, ys = [p[0] for p in ring], [p[1] for p in ring]
    return {"type": "Polygon", "coordinates": [ring]}, [min(xs), min(ys), max(xs), max(ys)]


def municipality_name(rng: random.Random, used: set[str]) -> str:
    for _attempt in range(50):
        name = rng.choice(NAME_STARTS) + rng.choice(NAME_ENDS)
        if name not in used:
            used.add(name)
            return name
    name = f"{rng.choice(NAME_STARTS)}{rng.choice(NAME_ENDS)} {len(used)}"
    used.add(name)
    return name


def ages(rng: random.Random, children: int) -> list[int]:
    weights = [rng.uniform(0.9, 1.1) for _ in range(18)]
    total = sum(weights)
    by_age = [int(children * w / total) for w in weights]
    by_age[0] += children - sum(by_age)
    return by_age


def progress(total: int, enabled: bool) -> Any:
    from tqdm import tqdm

    return tqdm(total=total, desc="bench data", unit="row", disable=not enabled, file=sys.stderr, leave=False)


def generate(size: Size = Size(), seed: int = 2026, show_progress: bool = True) -> Summary:
    """Fill the (migrated, empty) default database; needs Django set up."""
    from django.db import transaction

    rng = random.Random(seed)
    summary = Summary()
    expected = size.municipalities * (3 + size.years + 2) + size.users * 2 + size.counties * 2
    with transaction.atomic(), progress(expected, show_progress) as bar:
        counties, municipalities = _tree(rng, size, summary, bar)
        _populations(rng, size, municipalities, summary, bar)
        services = _services(rng, size, municipalities, summary, bar)
        _users(rng, size, counties, municipalities, services, summary, bar)
    return summary


def _tree(rng: random.Random, size: Size, summary: Summary, bar: Any) -> tuple[list[Any], list[Any]]:
    from fagloft.organizations.models import Border, County, CountyMembershipPeriod, Municipality

    plan = county_plan(size)
    counties = County.objects.bulk_create([County(number=number, name=name) for number, name, _n in plan])
    used: set[str] = set()
    municipalities, borders, periods = [], [], []
    for index, (county, (_number, _name, count)) in enumerate(zip(counties, plan, strict=True)):
        # Counties sit on a 5-wide grid of 2-degree cells; municipalities on a sub-grid inside.
        west, south = 5.0 + (index % 5) * 2.2, 58.0 + (index // 5) * 2.2
        per_row = max(int(count**0.5 + 0.999), 1)
        side = 2.0 / per_row
        ring = square_ring(rng, west, south, 2.0, size.vertices * 4)
        geometry, bbox = polygon(ring)
        borders.append(Border(county=county, year=2024, geometry=geometry, bbox=bbox, source="bench (syntetisk)"))
        for i in range(count):
            municipality = Municipality(
                number=f"{county.number}{i + 1:02d}",
                name=municipality_name(rng, used),
                county=county,
                kostra_group=f"KG{rng.randint(1, 13)}",
            )
            geometry, bbox = polygon(
                square_ring(rng, west + (i % per_row) * side, south + (i // per_row) * side, side * 0.98, size.vertices)
            )
            municipalities.append((municipality, geometry, bbox))
        bar.update(2)
    created = Municipality.objects.bulk_create([m for m, _g, _b in municipalities])
    for municipality, (_m, geometry, bbox) in zip(created, municipalities, strict=True):
        borders.append(
            Border(municipality=municipality, year=2024, geometry=geometry, bbox=bbox, source="bench (syntetisk)")
        )
        periods.append(CountyMembershipPeriod(municipality=municipality, county_id=municipality.county_id))
    Border.objects.bulk_create(borders, batch_size=200)
    CountyMembershipPeriod.objects.bulk_create(periods, batch_size=500)
    bar.update(len(created) * 3)
    summary.counties, summary.municipalities = len(counties), len(created)
    summary.largest_county = max(plan, key=lambda row: row[2])[0]
    return counties, created


def _populations(rng: random.Random, size: Size, municipalities: list[Any], summary: Summary, bar: Any) -> None:
    from fagloft.organizations.models import Population

    latest = datetime.date.today().year - 1
    rows = []
    for municipality in municipalities:
        children = rng.randint(150, 30000)
        for year in range(latest - size.years + 1, latest + 1):
            children = max(int(children * rng.uniform(0.97, 1.03)), 18)
            rows.append(
                Population(
                    municipality=municipality,
                    year=year,
                    children=children,
                    total=int(children * rng.uniform(4.2, 5.2)),
                    by_age=ages(rng, children),
                    source="bench (syntetisk)",
                )
            )
    Population.objects.bulk_create(rows, batch_size=1000)
    bar.update(len(rows))
    summary.populations, summary.latest_year = len(rows), latest


def _services(rng: random.Random, size: Size, municipalities: list[Any], summary: Summary, bar: Any) -> list[Any]:
    """Own services for all; from 2022 some hosts serve their two next neighbours in the county."""
    from fagloft.organizations.models import Service, ServiceCoverage

    own = Service.objects.bulk_create(
        [
            Service(
                name=f"{m.name} barneverntjeneste",
                host_municipality=m,
                leader_name=f"Leder {m.number}",
                email=f"barnevern.{m.number}@example.org",
            )
            for m in municipalities
        ]
    )
    by_county: dict[int, list[int]] = {}
    for index, municipality in enumerate(municipalities):
        by_county.setdefault(municipality.county_id, []).append(index)
    groups = [indexes[start : start + 3] for indexes in by_county.values() for start in range(0, len(indexes) - 2, 3)]
    groups = rng.sample(groups, min(size.host_services, len(groups)))
    hosts = Service.objects.bulk_create(
        [
            Service(
                name=f"{municipalities[g[0]].name} og omegn barneverntjeneste", host_municipality=municipalities[g[0]]
            )
            for g in groups
        ]
    )
    joined = {index: host for host, group in zip(hosts, groups, strict=True) for index in group}
    switch = datetime.date(2022, 1, 1)
    coverages = []
    for index, (municipality, service) in enumerate(zip(municipalities, own, strict=True)):
        host = joined.get(index)
        coverages.append(
            ServiceCoverage(
                service=service,
                municipality=municipality,
                valid_from=datetime.date(2015, 1, 1),
                valid_to=switch - datetime.timedelta(days=1) if host else None,
            )
        )
        if host:
            coverages.append(ServiceCoverage(service=host, municipality=municipality, valid_from=switch))
    ServiceCoverage.objects.bulk_create(coverages, batch_size=500)
    bar.update(len(coverages))
    summary.services = len(own) + len(hosts)
    return hosts + own


def _user_plan(size: Size) -> list[str]:
    """One user of each role first (the benchmark clients), then the rest, `size.users` in all."""
    fixed = {
        "admin": 2,
        "national": 3,
        "county_advisor": 2 * size.counties,
        "network_coordinator": size.counties,
        "competence_environment": 5,
        "municipal_leader": min(size.municipalities, 150),
        "service_leader": 100,
    }
    rest = [role for role, count in fixed.items() for _ in range(count - 1)]
    plan = [*BENCH_ROLES, *rest]
    plan += ["employee"] * max(size.users - len(plan), 0)
    return plan[: max(size.users, len(BENCH_ROLES))]


def _users(
    rng: random.Random,
    size: Size,
    counties: list[Any],
    municipalities: list[Any],
    services: list[Any],
    summary: Summary,
    bar: Any,
) -> None:
    from django.contrib.auth.hashers import make_password

    from fagloft.accounts.models import Membership, User
    from fagloft.accounts.roles import LEVEL_OF_ROLE, Level

    password = make_password(PASSWORD)  # hashed once: 1,000 hashes would dominate the run
    largest = next(c for c in counties if c.number == summary.largest_county)
    bench_service = next(s for s in services if s.host_municipality.county_id == largest.pk)
    summary.bench_service_id = bench_service.pk
    summary.bench_municipality = bench_service.host_municipality.number
    roles = _user_plan(size)
    users, memberships, seen = [], [], set()
    for index, role in enumerate(roles):
        bench_user = role not in seen
        seen.add(role)
        username = f"bench.{role}" if bench_user else f"bruker{index:04d}"
        users.append(
            User(
                username=username,
                password=password,
                first_name=username,
                last_name="(syntetisk)",
                is_staff=role == "admin",
                organisation_name="RKBU Bench" if role == "competence_environment" else "",
            )
        )
        level = LEVEL_OF_ROLE[role]
        membership = Membership(role=role)
        if level == Level.COUNTY:
            membership.county = largest if bench_user else rng.choice(counties)
        elif level == Level.MUNICIPALITY:
            membership.municipality = bench_service.host_municipality if bench_user else rng.choice(municipalities)
        elif level == Level.SERVICE:
            membership.service = bench_service if bench_user else rng.choice(services)
        memberships.append(membership)
        if bench_user:
            summary.bench_users[role] = username
    created = User.objects.bulk_create(users, batch_size=500)
    for user, membership in zip(created, memberships, strict=True):
        membership.user = user
    Membership.objects.bulk_create(memberships, batch_size=500)
    bar.update(len(created) + len(memberships))
    summary.users, summary.memberships = len(created), len(memberships)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="database to fill (default: DATABASE_URL)")
    parser.add_argument("--no-migrate", action="store_true")
    parser.add_argument("--municipalities", type=int, default=Size.municipalities)
    parser.add_argument("--users", type=int, default=Size.users)
    args = parser.parse_args(argv)
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fagloft.settings")
    import django
    from django.core.management import call_command

    django.setup()
    if not args.no_migrate:
        call_command("migrate", verbosity=0, interactive=False)
    counties = min(15, args.municipalities)
    summary = generate(Size(municipalities=args.municipalities, counties=counties, users=args.users))
    print(summary)


if __name__ == "__main__":
    main()

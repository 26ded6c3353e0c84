"""The organisation part of the demo: reference data, demo services, agreements and users.

`fagloft demo` builds a `DemoContext` here and hands it to every app's `demo.build(ctx)`.
With the real reference files (../shared/data) it imports all counties and municipalities
with borders and population and uses Finnmark (56) as the demo county; without them it builds
a clearly marked synthetic county, «Demofylket».
"""

from __future__ import annotations

import datetime
import random
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from fagloft.accounts.models import Membership, User
from fagloft.accounts.roles import Role
from fagloft.lib.progress import TqdmReporter
from fagloft.organizations.importers import run
from fagloft.organizations.models import (
    Border,
    CooperationAgreement,
    County,
    CountyMembershipPeriod,
    Municipality,
    Population,
    Service,
    ServiceCoverage,
)

PASSWORD = "demo"
DEMO_MARK = "(demo)"


@dataclass
class DemoContext:
    """What every app's `demo.build(ctx)` gets.

    `services` has Alta's service first (in synthetic mode: the first demo municipality's).
    `year` is the current reporting year: the last full calendar year.
    """

    county: County
    municipalities: list[Municipality]
    services: list[Service]
    users: dict[str, User]
    rng: random.Random
    year: int
    log: Callable[[str], Any] = print
    real_data: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: str
    unit: str  # "county", "municipality", "host_service", "service" or "" (national/none)
    first_name: str
    last_name: str
    organisation: str = ""


USERS = (
    DemoUser("admin", Role.ADMIN, "", "Ada", "Admin"),
    DemoUser("bufdir", Role.NATIONAL, "", "Berit", "Bufdir"),
    DemoUser("statsforvalter.finnmark", Role.COUNTY_ADVISOR, "county", "Siri", "Statsforvalter"),
    DemoUser("koordinator.finnmark", Role.NETWORK_COORDINATOR, "county", "Kari", "Koordinator"),
    DemoUser("kommunedirektor.alta", Role.MUNICIPAL_LEADER, "municipality", "Knut", "Kommunedirektør"),
    DemoUser("leder.alta", Role.SERVICE_LEADER, "service", "Line", "Leder"),
    DemoUser("ansatt.alta", Role.EMPLOYEE, "service", "Anders", "Ansatt"),
    DemoUser("leder.hammerfest", Role.SERVICE_LEADER, "host_service", "Hanne", "Leder"),
    DemoUser("rkbu.nord", Role.COMPETENCE_ENVIRONMENT, "", "Rune", "Rkbu", "RKBU Nord"),
)


def reporting_year() -> int:
    return timezone.localdate().year - 1


def import_reference_data(shared: Path, log: Callable[[str], Any]) -> None:
    """All counties and municipalities (2020 and 2024) with borders, history and population."""
    geo = shared / "geo"
    steps: list[tuple[str, Path, dict[str, Any]]] = [
        ("geo", geo / "fylker-2020.geojson", {}),
        ("geo", geo / "kommuner-2020.geojson", {}),
        ("geo", geo / "fylker-2024.geojson", {}),
        ("geo", geo / "kommuner-2024.geojson", {}),
        ("crosswalk", geo / "kommunenummer-2020-2024.csv", {}),
        ("history", run.HISTORY_FILE, {}),
        ("population", shared / "befolkning" / "befolkning-kommune-alder-b2020.csv", {}),
    ]
    reporter = TqdmReporter(enabled=sys.stderr.isatty())
    for kind, path, options in steps:
        log(f"  {run.run(kind, path, options, reporter=reporter)}")
    log(f"  {run.carry_population()}")


def real_structure() -> tuple[County, list[Municipality], list[Service]]:
    """Finnmark (56): Alta's own service, Vest-Finnmark hosted by Hammerfest, one service for each other."""
    county = County.objects.get(number="56")
    municipalities = list(county.municipalities_on().prefetch_related("predecessors").order_by("number"))
    by_number = {m.number: m for m in municipalities}
    alta, hammerfest = by_number["5601"], by_number["5603"]
    shared = [hammerfest, by_number["5616"], by_number["5618"]]
    services = [
        _service(f"{_plain_name(alta)} barneverntjeneste", alta, [alta]),
        _service("Vest-Finnmark barneverntjeneste", hammerfest, shared),
    ]
    for municipality in municipalities:
        if municipality not in shared and municipality != alta:
            services.append(_service(f"{_plain_name(municipality)} barneverntjeneste", municipality, [municipality]))
    return county, municipalities, services


# Size bands standing in for SSB's KOSTRA municipality groups in the demo. The real grouping also
# weighs the municipality's economy; an installation sets `kostra_group` from SSB's classification.
_DEMO_PEER_GROUPS = [
    (5_000, "Demo: små kommuner (under 5 000 innbyggere)"),
    (20_000, "Demo: mellomstore kommuner (5 000–19 999 innbyggere)"),
    (100_000, "Demo: store kommuner (20 000–99 999 innbyggere)"),
]
_DEMO_LARGEST = "Demo: de største kommunene (100 000 innbyggere og flere)"


def demo_peer_group(total: int) -> str:
    return next((label for limit, label in _DEMO_PEER_GROUPS if total < limit), _DEMO_LARGEST)


def assign_demo_peer_groups() -> None:
    """Give every municipality without a KOSTRA group a demo size group from its latest population."""
    latest: dict[int, int] = {}
    for municipality_id, total in Population.objects.order_by("year").values_list("municipality_id", "total"):
        latest[municipality_id] = total
    changed = []
    for municipality in Municipality.objects.filter(kostra_group="", pk__in=latest.keys()):
        municipality.kostra_group = demo_peer_group(latest[municipality.pk])
        changed.append(municipality)
    Municipality.objects.bulk_update(changed, ["kostra_group"], batch_size=500)


def _plain_name(municipality: Municipality) -> str:
    """The Norwegian name: the 2024 names carry Sami and Kven forms too, the 2020 predecessor's does not."""
    predecessors = list(municipality.predecessors.all())
    return predecessors[0].name if len(predecessors) == 1 else municipality.name


def _service(name: str, host: Municipality, serves: list[Municipality]) -> Service:
    service, _created = Service.objects.get_or_create(
        name=name,
        defaults={
            "host_municipality": host,
            "is_demo": True,
            "leader_name": "",
            "email": f"barnevern@{_slug(host.name)}.kommune.no".lower(),
            "phone": "78 00 00 00",
            "address": f"Rådhuset, {host.name}",
        },
    )
    since = max(host.valid_from or datetime.date(2020, 1, 1), datetime.date(2020, 1, 1))
    for municipality in serves:
        ServiceCoverage.objects.get_or_create(service=service, municipality=municipality, valid_from=since)
    return service


def _slug(name: str) -> str:
    name = name.split(" - ")[0].split(" (")[0]
    return "".join(c for c in name.lower().replace("æ", "ae").replace("ø", "o").replace("å", "a") if c.isalnum())


SYNTHETIC_NAMES = ("Nordvik", "Sørvik", "Østby", "Vestfjord", "Fjellbygd", "Havøy")


def synthetic_structure(rng: random.Random, year: int) -> tuple[County, list[Municipality], list[Service]]:
    """A small made-up county with square borders and plausible population, every name marked demo."""
    county, _created = County.objects.get_or_create(number="99", defaults={"name": "Demofylket"})
    municipalities = []
    for index, name in enumerate(SYNTHETIC_NAMES):
        municipality, created = Municipality.objects.get_or_create(
            number=f"99{index + 1:02d}", defaults={"name": f"{name} {DEMO_MARK}", "county": county}
        )
        CountyMembershipPeriod.objects.get_or_create(municipality=municipality, county=county)
        if created:
            _square_border(municipality, index, year)
            _synthetic_population(municipality, rng, year)
        municipalities.append(municipality)
    first, second, third, fourth = municipalities[:4]
    services = [
        _service(f"{first.name.replace(DEMO_MARK, '').strip()} barneverntjeneste {DEMO_MARK}", first, [first]),
        _service(f"Vest-Demo barneverntjeneste {DEMO_MARK}", second, [second, third, fourth]),
    ]
    for municipality in municipalities[4:]:
        services.append(
            _service(
                f"{municipality.name.replace(DEMO_MARK, '').strip()} barneverntjeneste {DEMO_MARK}",
                municipality,
                [municipality],
            )
        )
    return county, municipalities, services


def _square_border(municipality: Municipality, index: int, year: int) -> None:
    west, south = 22.0 + (index % 3) * 1.5, 69.0 + (index // 3) * 0.6
    ring = [[west, south], [west + 1.5, south], [west + 1.5, south + 0.6], [west, south + 0.6], [west, south]]
    Border.objects.create(
        municipality=municipality,
        year=year,
        geometry={"type": "Polygon", "coordinates": [ring]},
        bbox=[west, south, west + 1.5, south + 0.6],
        source="syntetisk demo",
    )


def _synthetic_population(municipality: Municipality, rng: random.Random, year: int) -> None:
    total = rng.randint(1500, 21000)
    rows = []
    for offset in range(5):
        size = int(total * (1 - 0.004 * offset))
        by_age = [int(size * rng.uniform(0.0105, 0.0125)) for _age in range(18)]
        rows.append(
            Population(
                municipality=municipality,
                year=year - offset,
                total=size,
                children=sum(by_age),
                by_age=by_age,
                source="syntetisk demo",
            )
        )
    Population.objects.bulk_create(rows)


AGREEMENTS = (
    (CooperationAgreement.Kind.HOST_SERVICE, "Vertskommuneavtale om barneverntjeneste", 1, (1, 2, 3)),
    (CooperationAgreement.Kind.OUT_OF_HOURS, "Felles barnevernvakt", 0, (0, 1, 2, 3, 4)),
    (CooperationAgreement.Kind.FOSTER_CARE, "Samarbeid om fosterhjemsarbeid", 0, (0, 4, 5)),
    (CooperationAgreement.Kind.SHARED_MEASURES, "Felles tiltak for ungdom", 1, (1, 5)),
    (CooperationAgreement.Kind.OTHER, "Felles fagnettverk for barnevernledere", 0, (0, 1, 2, 3, 4, 5)),
)


def agreements(services: list[Service]) -> None:
    """One agreement of each kind between the demo county's municipalities, marked as demo."""
    hosts = [services[0].host_municipality, services[1].host_municipality]
    pool = [service.host_municipality for service in services[:2]] + [
        coverage.municipality for service in services[1:] for coverage in service.coverages.all()
    ]
    pool = list(dict.fromkeys(pool))
    for kind, title, host, parties in AGREEMENTS:
        agreement, created = CooperationAgreement.objects.get_or_create(
            title=f"{title} {DEMO_MARK}",
            defaults={
                "kind": kind,
                "host": hosts[host],
                "valid_from": datetime.date(2021, 1, 1),
                "description": "Demodata: avtalen er oppdiktet for å vise hvordan samarbeid registreres.",
            },
        )
        if created:
            agreement.parties.set([pool[i % len(pool)] for i in parties])


def users(county: County, municipality: Municipality, services: list[Service]) -> dict[str, User]:
    """One demo user per role, password «demo»."""
    units: dict[str, dict[str, Any]] = {  # lookups for the membership of each kind of unit
        "county": {"county": county},
        "municipality": {"municipality": municipality},
        "service": {"service": services[0]},
        "host_service": {"service": services[1]},
        "": {},
    }
    found = {}
    hashed = make_password(PASSWORD)  # hashed once: hashing is slow on purpose, and the demo has nine users
    for spec in USERS:
        user, created = User.objects.get_or_create(
            username=spec.username,
            defaults={
                "first_name": spec.first_name,
                "last_name": spec.last_name,
                "organisation_name": spec.organisation,
                "email": f"{spec.username}@demo.fagloft.invalid",
                "is_staff": spec.role == Role.ADMIN,
                "is_superuser": spec.role == Role.ADMIN,
                "title": "Demobruker",
            },
        )
        if created:
            user.password = hashed
            user.save(update_fields=["password"])
        Membership.objects.get_or_create(user=user, role=spec.role, **units[spec.unit])
        found[spec.username] = user
    return found


def login_table(ctx: DemoContext) -> list[tuple[str, str, str, str]]:
    """(username, role, unit, password) for each demo user, for the command to print."""
    rows = []
    for spec in USERS:
        membership = ctx.users[spec.username].memberships.first()
        unit = membership.unit if membership else None
        rows.append(
            (
                spec.username,
                str(membership.get_role_display()) if membership else "",
                str(unit or spec.organisation or "hele landet"),
                PASSWORD,
            )
        )
    return rows


def build_context(shared: Path | None, log: Callable[[str], Any] = print, seed: int = 2024) -> DemoContext:
    rng = random.Random(seed)
    year = reporting_year()
    if shared is not None:
        log("Importerer referansedata fra " + str(shared))
        import_reference_data(shared, log)
        county, municipalities, services = real_structure()
    else:
        log("Ingen referansedata: bygger det syntetiske Demofylket")
        county, municipalities, services = synthetic_structure(rng, year)
    agreements(services)
    assign_demo_peer_groups()
    demo_users = users(county, services[0].host_municipality, services)
    return DemoContext(county, municipalities, services, demo_users, rng, year, log, real_data=shared is not None)

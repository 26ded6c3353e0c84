"""Programmes: national data (6,500 employees in ~400 services, 1,000 further-education applications a
year for 10 years), then the progress pages for the nation and a county through the Django test
client, with 8 threads at once; p95 against the page budget (150 ms) and the query count per page
(which must not grow with the data).

Runs in a subprocess on a temporary SQLite database (or PostgreSQL with --postgresql).
Run: `python -m bench programmes` or `python -m bench.bench_programmes [--employees N] [--years N]`.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import statistics
import threading
import time
from typing import Any

BUDGET_MS = 150.0


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="bench.bench_programmes")
    parser.add_argument("--employees", type=int, default=6500)
    parser.add_argument("--services", type=int, default=400)
    parser.add_argument("--applications", type=int, default=1000, help="per year")
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=25, help="per client and page")
    parser.add_argument("--postgresql", action="store_true")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: list[str]) -> None:
    args = _parse(argv)
    if args.child:
        _child(args)
        return
    from bench.db import run_django, temporary_database

    with temporary_database("postgresql" if args.postgresql else "sqlite") as backend:
        print(f"database: {backend.name}", flush=True)
        run_django(
            backend.url,
            "-m",
            "bench.bench_programmes",
            "--child",
            *("--employees", str(args.employees), "--services", str(args.services)),
            *("--applications", str(args.applications), "--years", str(args.years)),
            *("--clients", str(args.clients), "--requests", str(args.requests)),
        )


def _child(args: argparse.Namespace) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fagloft.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    county_number = _data(args)
    print(f"data: {time.perf_counter() - started:.1f} s", flush=True)
    user = _national_user()
    pages = [
        ("catalog", "/programmer/"),
        ("nation", "/programmer/fremdrift/"),
        ("county", f"/programmer/fremdrift/fylker/{county_number}/"),
    ]
    print(f"{'page':<8} {'queries':>7} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}  budget {BUDGET_MS:.0f} ms")
    for label, url in pages:
        queries = _query_count(user, url)
        single = _load(user, url, 1, 10)
        print(f"{label:<8} one client: p50 {statistics.median(single):.1f} ms", flush=True)
        times = _load(user, url, args.clients, args.requests)
        p50 = statistics.median(times)
        p95 = statistics.quantiles(times, n=20)[18]
        verdict = "ok" if p95 <= BUDGET_MS else "OVER"
        print(f"{label:<8} {queries:>7} {p50:>8.1f} {p95:>8.1f} {max(times):>8.1f}  {verdict}", flush=True)
    small = _query_count(user, f"/programmer/fremdrift/fylker/{county_number}/")
    print(f"queries are flat in the data size: county page {small} (rows in any county)")


def _data(args: argparse.Namespace) -> str:
    from fagloft.competence.models import Education, Employee
    from fagloft.organizations.models import County, CountyMembershipPeriod, Municipality, Service, ServiceCoverage
    from fagloft.programmes.models import Enrolment, EnrolmentStatus, Offer, StudyPlaceAllocation

    rng = random.Random(2018)
    counties = [County.objects.create(number=f"{30 + n}", name=f"Benkfylke {n}") for n in range(15)]
    municipalities = Municipality.objects.bulk_create(
        [
            Municipality(number=f"{1000 + n}", name=f"Benkkommune {n}", county=counties[n % 15])
            for n in range(args.services)
        ]
    )
    CountyMembershipPeriod.objects.bulk_create(
        [CountyMembershipPeriod(municipality=m, county=m.county) for m in municipalities]
    )
    services = Service.objects.bulk_create(
        [Service(name=f"Benk barneverntjeneste {n}", host_municipality=m) for n, m in enumerate(municipalities)]
    )
    ServiceCoverage.objects.bulk_create(
        [
            ServiceCoverage(service=s, municipality=s.host_municipality, valid_from=datetime.date(2000, 1, 1))
            for s in services
        ]
    )
    employees = Employee.objects.bulk_create(
        [
            Employee(
                service=rng.choice(services),
                first_name="Ansatt",
                last_name=str(n),
                started_on=datetime.date(rng.randint(2005, 2025), rng.randint(1, 12), 1),
            )
            for n in range(args.employees)
        ],
        batch_size=1000,
    )
    Education.objects.bulk_create(
        [Education(employee=e, level="bachelor", field="child_welfare", year=2004) for e in employees], batch_size=1000
    )
    offers = list(Offer.objects.filter(kind="further_education"))
    first_year = 2018
    rows = []
    for year in range(first_year, first_year + args.years):
        allocations = [
            StudyPlaceAllocation.objects.create(
                year=year,
                offer=o,
                institution="Benk",
                places=10_000,
                starts_on=datetime.date(year, 8, 15),
                ends_on=datetime.date(year + 1, 6, 15),
            )
            for o in offers
        ]
        for employee in rng.sample(employees, args.applications):
            allocation = rng.choice(allocations)
            status = rng.choice([EnrolmentStatus.ADMITTED, EnrolmentStatus.COMPLETED, EnrolmentStatus.WAITLISTED])
            rows.append(
                Enrolment(
                    employee=employee,
                    service_id=employee.service_id,
                    offer=allocation.offer,
                    allocation=allocation,
                    year=year,
                    status=status,
                    priority=rng.choice([1, 2]),
                )
            )
    Enrolment.objects.bulk_create(rows, batch_size=2000)
    print(f"rows: {len(employees)} employees, {len(rows)} applications", flush=True)
    return counties[0].number


def _national_user() -> Any:
    from fagloft.accounts.models import Membership, User
    from fagloft.accounts.roles import Role

    user = User.objects.create_user(username="bench-bufdir", password="x")
    Membership.objects.create(user=user, role=Role.NATIONAL)
    return user


def _client(user: Any) -> Any:
    from django.test import Client
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client = Client()
    client.force_login(user)
    device, _created = TOTPDevice.objects.get_or_create(user=user, name="bench", defaults={"confirmed": True})
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return client


def _query_count(user: Any, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = _client(user)
    client.get(url)  # warm the caches once
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(captured)


def _load(user: Any, url: str, clients: int, requests: int) -> list[float]:
    from django.db import connection

    times: list[float] = []
    lock = threading.Lock()

    def work() -> None:
        client = _client(user)
        mine = []
        for _ in range(requests):
            started = time.perf_counter()
            response = client.get(url)
            mine.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
        with lock:
            times.extend(mine)
        connection.close()

    threads = [threading.Thread(target=work) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return times


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])

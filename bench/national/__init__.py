"""A national data set for every app: the tree of `bench.generate`, then each app's rows on top.

`generate_all(size, seed, show_progress)` fills a migrated, empty database: `bench.generate`'s
357 municipalities, services, population and 1,000 users, then one module per app in layer order
(an app after the apps its rows point to, as `fagloft demo` orders them). Each module does two
things:

- it runs the app's own demo builder (`fagloft/<app>/demo.py`) for a county, through the app's use
  cases, so the rows with workflows (networks with plans and gatherings, grant calls with decided
  applications, reports handled by the council, ...) are valid by the app's own rules. Most run
  for every county; a few (KOSTRA, knowledge, programmes' classes) once, for the benchmark county;
- it adds the national volume with bulk_create: 10 years of indicator values for every unit,
  6,500 employees, one assessment per service, 1,000 grant applications a year, about 1,000
  further-education applications a year for 10 years, ...

The benchmark users `bench.<role>` sit in the largest county and on its benchmark service, so
every app has rows in their scope. All names are synthetic ("syntetisk", "Benchbruker").
"""

from __future__ import annotations

import importlib
import time
from dataclasses import dataclass, field

from bench.generate import Size, Summary, generate, progress

# Layer order: each app after the apps whose rows it reads (the order `fagloft demo` uses).
LAYERS = [
    "statistics",
    "kostra",
    "assessments",
    "networks",
    "competence",
    "programmes",
    "economy",
    "grants",
    "knowledge",
    "organising",
    "reports",
]


@dataclass(frozen=True)
class NationalSize(Size):
    employees: int = 6500
    grant_applications: int = 1000  # a year, over the counties' calls
    enrolments: int = 1000  # further-education applications a year
    enrolment_years: int = 10


TINY = NationalSize(
    municipalities=12,
    counties=2,
    years=3,
    users=30,
    host_services=2,
    vertices=8,
    employees=120,
    grant_applications=20,
    enrolments=20,
    enrolment_years=2,
)


@dataclass
class NationalSummary:
    base: Summary
    rows: dict[str, int] = field(default_factory=dict)  # app -> rows it added (its main model)
    seconds: dict[str, float] = field(default_factory=dict)


def generate_all(size: Size = NationalSize(), seed: int = 2026, show_progress: bool = True) -> NationalSummary:
    """Fill the (migrated, empty) default database with the national data set of every app."""
    from django.db import transaction

    from bench.national.context import build_world

    if not isinstance(size, NationalSize):
        size = NationalSize(**size.__dict__)
    base = generate(size, seed=seed, show_progress=show_progress)
    summary = NationalSummary(base)
    with transaction.atomic(), progress(len(LAYERS), show_progress) as bar:
        bar.set_description("bench apps")
        world = build_world(base, size, seed)
        for name in LAYERS:
            bar.set_postfix_str(name)
            started = time.perf_counter()
            summary.rows[name] = importlib.import_module(f"bench.national.{name}").build(world)
            summary.seconds[name] = round(time.perf_counter() - started, 2)
            bar.update(1)
    from fagloft.site.planner import analyze

    analyze()  # as after the demo: the planner needs statistics to page the large lists cheaply
    return summary


def main(argv: list[str] | None = None) -> None:
    """`python -m bench.national --database-url sqlite:////tmp/n.sqlite3 [--tiny]`: migrate and fill."""
    import argparse
    import os

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--database-url")
    parser.add_argument("--tiny", action="store_true")
    args = parser.parse_args(argv)
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fagloft.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
    started = time.perf_counter()
    summary = generate_all(TINY if args.tiny else NationalSize())
    print(summary.rows)
    print(summary.seconds, f"{time.perf_counter() - started:.1f} s")

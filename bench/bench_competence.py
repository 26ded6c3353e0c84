"""Competence: import a national staff register (6,500 employees in ~400 services) from Excel, then
compute requirement status and aggregates for every service, the counties and the nation.

The work runs in a subprocess on a temporary SQLite database (or PostgreSQL with --postgresql),
so it never touches the project's database. Times are wall-clock seconds; memory is the peak of
resident memory of the process (getrusage) after each step.
Run: `python -m bench competence` or `python -m bench.bench_competence [--employees N] [--services N]`.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

FIRST = ["Kari", "Ingrid", "Áile", "Nils", "Ola", "Siri", "Máret", "Jon", "Hanne", "Per", "Line", "Mats"]
LAST = ["Hansen", "Olsen", "Somby", "Eira", "Berg", "Nilsen", "Hætta", "Larsen", "Utsi", "Jensen"]


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="bench.bench_competence")
    parser.add_argument("--employees", type=int, default=6500)
    parser.add_argument("--services", type=int, default=400)
    parser.add_argument("--postgresql", action="store_true", help="run on PostgreSQL fagloft_bench")
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
            "bench.bench_competence",
            "--child",
            "--employees",
            str(args.employees),
            "--services",
            str(args.services),
        )


def _measure(label: str, work: Callable[[], Any], rows: list[tuple[str, str, str, str]]) -> Any:
    # Time without tracing (tracemalloc slows Python several-fold), then the process's peak RSS.
    started = time.perf_counter()
    result = work()
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    shown = f"{len(result)} rows" if isinstance(result, list) else str(result)
    rows.append((label, f"{seconds:.2f}", f"{peak / 1024 / 1024:.1f}", shown))
    return result


def _child(args: argparse.Namespace) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fagloft.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    service_ids = _tree(args.services)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "nasjonalt-register.xlsx"
        rows: list[tuple[str, str, str, str]] = []
        _measure("write Excel file", lambda: _write_workbook(path, service_ids, args.employees), rows)
        parsed = _measure("read + validate", lambda: _validate(path), rows)
        _measure("import (all or nothing)", lambda: _import(parsed, path.name), rows)
    _measure("requirements + capacity, all services", lambda: _figures(service_ids), rows)
    _measure("aggregates: counties + nation", _aggregates, rows)
    _print(rows, args)


def _tree(services: int) -> list[int]:
    from fagloft.organizations.models import (
        County,
        CountyMembershipPeriod,
        Municipality,
        Service,
        ServiceCoverage,
    )

    counties = [County.objects.create(number=f"{30 + n}", name=f"Benkfylke {n}") for n in range(15)]
    municipalities = Municipality.objects.bulk_create(
        [Municipality(number=f"{1000 + n}", name=f"Benkkommune {n}", county=counties[n % 15]) for n in range(services)]
    )
    CountyMembershipPeriod.objects.bulk_create(
        [CountyMembershipPeriod(municipality=m, county=m.county) for m in municipalities]
    )
    created = Service.objects.bulk_create(
        [Service(name=f"Benk barneverntjeneste {n}", host_municipality=m) for n, m in enumerate(municipalities)]
    )
    ServiceCoverage.objects.bulk_create(
        [
            ServiceCoverage(service=s, municipality=s.host_municipality, valid_from=datetime.date(2020, 1, 1))
            for s in created
        ]
    )
    return [s.pk for s in created]


def _write_workbook(path: Path, service_ids: list[int], employees: int) -> int:
    from openpyxl import Workbook

    rng = random.Random(2031)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Ansatte")
    sheet.append(
        [
            "Tjeneste-ID",
            "Fornavn",
            "Etternavn",
            "E-post",
            "Stilling",
            "Stillingsprosent",
            "Ansatt fra",
            "Sluttet",
            "Kjerneoppgaver",
            "Tidligere erfaring (år)",
            "Utdanningsnivå",
            "Fagfelt",
            "Utdanningsår",
            "Videreutdanning",
            "Studiepoeng",
            "Videreutdanningsår",
            "Videreutdanning pågår",
            "Metodesertifiseringer",
        ]
    )
    for n in range(employees):
        started = datetime.date(rng.randint(2005, 2025), rng.randint(1, 12), 1)
        further = rng.random() < 0.4
        sheet.append(
            [
                rng.choice(service_ids),
                rng.choice(FIRST),
                rng.choice(LAST),
                f"ansatt{n}@example.no",
                rng.choice(["Saksbehandler"] * 8 + ["Leder", "Nestleder", "Annen stilling"]),
                rng.choice([100, 100, 80, 60]),
                started.strftime("%d.%m.%Y"),
                "31.12.2025" if rng.random() < 0.08 else None,
                "ja",
                rng.randint(0, 5),
                rng.choice(["Bachelor"] * 5 + ["Master"]),
                rng.choice(["Barnevern", "Sosialt arbeid (sosionom)", "Vernepleie", "Annen utdanning"]),
                started.year - 1,
                "Vurdering av barnets beste" if further else None,
                30 if further else None,
                rng.randint(2019, 2030) if further else None,
                "nei" if further else None,
                "PMTO" if rng.random() < 0.1 else None,
            ]
        )
    book.save(path)
    return employees


def _validate(path: Path) -> Any:
    from fagloft.competence import staff_io

    return staff_io.parse(path.read_bytes(), path.name, with_service=True)


def _import(parsed: Any, name: str) -> int:
    from fagloft.competence import staff_io

    return staff_io.import_rows(None, parsed, None, name)


def _figures(service_ids: list[int]) -> str:
    from fagloft.competence import queries

    figures = queries.figures_for(service_ids)
    applicable = sum(f.applicable for f in figures.values())
    meets = sum(f.meets_now for f in figures.values())
    return f"{len(figures)} services, {meets}/{applicable} meet now"


def _aggregates() -> str:
    from fagloft.competence import queries
    from fagloft.organizations.models import County

    counties = 0
    for county in County.objects.all():
        ids = list(queries.services_in_county(county).values_list("pk", flat=True))
        queries.mapping_results(ids)
        queries.further_education_progress(ids)
        counties += 1
    progress = queries.further_education_progress(None)
    return f"{counties} counties; nation {progress.share} % further education"


def _print(rows: list[tuple[str, str, str, str]], args: argparse.Namespace) -> None:
    header = ("step", "seconds", "peak RSS MiB", "result")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(4)]
    print(f"competence: {args.employees} employees in {args.services} services")
    for row in [header, *rows]:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))


if __name__ == "__main__":
    main(sys.argv[1:])

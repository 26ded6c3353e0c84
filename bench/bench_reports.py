"""Tilstandsrapport: documents against the budget (DESIGN.md, budgets).

- one municipality's Word file in at most 1 s and its PDF in at most 2 s (warm: the second render,
  after fonts and templates are loaded, as a worker that has run before);
- all 357 municipalities (a draft each, prefilled from the other apps, and its PDF) in at most
  5 minutes with two workers, in bounded memory (the peak RSS of each worker is printed; it must not
  grow with the number of municipalities a worker has done).

The data set is generated into a temporary SQLite database: 357 municipalities in 11 counties, one
service each, five years of the case-flow and placement indicators for each municipality, the
county and the nation, and a final assessment per service.
Single renders are timed in CPU seconds of this process (time.process_time), so a busy machine
does not skew them; the batch prints wall time and the workers' CPU time.
Run: `python -m bench reports` or `python -m bench.bench_reports [--municipalities 357 --workers 2]`.
"""

from __future__ import annotations

import argparse
import datetime
import multiprocessing
import os
import random
import resource
import shutil
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

DOCX_BUDGET = 1.0
PDF_BUDGET = 2.0
ALL_BUDGET = 300.0
YEAR = 2025
CODES = [
    "kostra-meldinger-innen-frist",
    "kostra-undersokelser-innen-frist",
    "kostra-tiltaksplan-andel",
    "kostra-tiltaksplan-evaluert",
    "kostra-plassert-utenfor-hjemmet",
    "kostra-plasseringer-fosterhjem-familie",
    "kostra-barn-med-tiltak-per-1000",
    "ssb-fagstillinger-per-1000",
]


def _setup(database: str) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fagloft.settings")
    import django

    django.setup()


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def generate(count: int, seed: int = 15) -> None:
    from fagloft.assessments.models import Assessment, Theme, ThemeEntry
    from fagloft.organizations.models import (
        County,
        CountyMembershipPeriod,
        Municipality,
        Population,
        Service,
        ServiceCoverage,
    )
    from fagloft.statistics.models import Indicator, IndicatorValue
    from fagloft.statistics.tests.factories import ensure_catalogue

    ensure_catalogue()
    rng = random.Random(seed)
    counties = [County.objects.create(number=str(60 + n), name=f"Benkfylke {n}") for n in range(11)]
    municipalities = Municipality.objects.bulk_create(
        Municipality(number=f"{6000 + n}", name=f"Benkvik {n}", county=counties[n % 11], kostra_group=str(n % 13 + 1))
        for n in range(count)
    )
    CountyMembershipPeriod.objects.bulk_create(
        CountyMembershipPeriod(municipality=m, county_id=m.county_id) for m in municipalities
    )
    Population.objects.bulk_create(
        Population(municipality=m, year=y, total=rng.randint(800, 60000), children=rng.randint(150, 12000))
        for m in municipalities
        for y in range(YEAR - 4, YEAR + 1)
    )
    services = Service.objects.bulk_create(
        Service(name=f"{m.name} barneverntjeneste", host_municipality=m) for m in municipalities
    )
    ServiceCoverage.objects.bulk_create(
        ServiceCoverage(service=s, municipality=m, valid_from=datetime.date(2020, 1, 1))
        for s, m in zip(services, municipalities, strict=True)
    )
    indicators = list(Indicator.objects.filter(code__in=CODES))
    values = []
    for indicator in indicators:
        for year in range(YEAR - 4, YEAR + 1):
            values.append(
                IndicatorValue(indicator=indicator, year=year, is_national=True, value=Decimal(80), source="ssb")
            )
            for county in counties:
                values.append(
                    IndicatorValue(indicator=indicator, year=year, county=county, value=Decimal(78), source="ssb")
                )
            for m in municipalities:
                values.append(
                    IndicatorValue(
                        indicator=indicator,
                        year=year,
                        municipality=m,
                        value=Decimal(rng.randint(40, 100)),
                        source="ssb",
                    )
                )
    for value in values:
        value.unit_key = IndicatorValue.key_for(
            value.service_id, value.municipality_id, value.county_id, value.is_national
        )
    IndicatorValue.objects.bulk_create(values, batch_size=2000)
    themes = list(Theme.objects.all())
    assessments = Assessment.objects.bulk_create(
        Assessment(service=s, year=YEAR, status=Assessment.Status.FINAL, risk_level="moderate") for s in services
    )
    ThemeEntry.objects.bulk_create(
        ThemeEntry(
            assessment=a, theme=t, likelihood=rng.randint(1, 5), consequence=rng.randint(1, 5), own_judgement="Vurdert."
        )
        for a in assessments
        for t in themes
    )


def _worker(database: str, numbers: list[str], out_dir: str, queue: multiprocessing.Queue) -> None:
    _setup(database)
    from django.db import OperationalError

    from fagloft.organizations.models import Municipality
    from fagloft.reports import documents
    from fagloft.reports.services import create_draft

    started = time.perf_counter()
    cpu = time.process_time()
    checkpoints = []
    failures: list[str] = []
    for index, number in enumerate(numbers, start=1):
        try:
            municipality = Municipality.objects.get(number=number)
            for attempt in range(20):
                # SQLite lets one writer in at a time; a worker that finds the other writing waits and retries
                # (PostgreSQL, with the production task workers, needs no retry).
                try:
                    report = create_draft(municipality, YEAR)
                    break
                except OperationalError:
                    time.sleep(0.05 * (attempt + 1))
            else:
                raise RuntimeError("database stayed locked")
            if report is not None:
                Path(out_dir, f"{number}.pdf").write_bytes(documents.render(report, "pdf", "nb"))
        except Exception as error:  # noqa: BLE001 - reported by the parent, the worker goes on
            failures.append(f"{number}: {error}")
        if index in (max(1, len(numbers) // 4), len(numbers)):
            checkpoints.append((index, round(_rss_mb(), 1)))
    queue.put(
        {
            "count": len(numbers),
            "seconds": time.perf_counter() - started,
            "cpu": time.process_time() - cpu,
            "rss": checkpoints,
            "failures": failures,
        }
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="bench reports")
    parser.add_argument("--municipalities", type=int, default=357)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv or [])
    folder = tempfile.mkdtemp(prefix="fagloft-bench-reports-")
    database = str(Path(folder) / "bench.sqlite3")
    _setup(database)
    from django.core.management import call_command
    from django.db import connections

    print("migrating and generating …", file=sys.stderr)
    call_command("migrate", verbosity=0)
    generate(args.municipalities)

    from fagloft.organizations.models import Municipality
    from fagloft.reports import documents
    from fagloft.reports.models import Report
    from fagloft.reports.services import create_draft

    first = Municipality.objects.order_by("number").first()
    assert first is not None
    report = create_draft(first, YEAR)
    assert report is not None
    from django.utils import timezone

    from fagloft.reports import sections
    from fagloft.reports.services import freeze_figures

    built = time.process_time()
    sections.build(report)
    print(f"figures of one municipality read from every app: {time.process_time() - built:.2f} s CPU")
    # A report is printed with its figures frozen (the council's version), as the command and page do then.
    freeze_figures(None, report, expected_version=report.version, day=timezone.localdate())
    report.refresh_from_db()
    from fagloft.reports.documents import charts

    load = os.getloadavg()[0]
    print(f"load average before timing: {load:.1f} on {os.cpu_count()} cores")
    for fmt, budget in (("docx", DOCX_BUDGET), ("pdf", PDF_BUDGET)):
        cold = time.process_time()
        documents.render(report, fmt, "nb")
        cold = time.process_time() - cold
        charts._cached.cache_clear()  # warm: fonts and templates loaded, but every chart drawn anew
        wall, warm = time.perf_counter(), time.process_time()
        documents.render(report, fmt, "nb")
        warm, wall = time.process_time() - warm, time.perf_counter() - wall
        verdict = "OK" if warm <= budget else "OVER BUDGET"
        print(
            f"one municipality {fmt}: {warm:.2f} s CPU warm ({wall:.2f} s wall; {cold:.2f} s CPU cold), "
            f"budget {budget:.0f} s: {verdict}"
        )
    Report.objects.all().delete()

    numbers = list(Municipality.objects.order_by("number").values_list("number", flat=True))
    connections.close_all()
    out_dir = Path(folder) / "out"
    out_dir.mkdir()
    context = multiprocessing.get_context("fork")
    queue: multiprocessing.Queue = context.Queue()
    shares = [numbers[n :: args.workers] for n in range(args.workers)]
    started = time.perf_counter()
    processes = [context.Process(target=_worker, args=(database, share, str(out_dir), queue)) for share in shares]
    for process in processes:
        process.start()
    reports = [queue.get(timeout=ALL_BUDGET * 3) for _ in processes]
    for process in processes:
        process.join()
    total = time.perf_counter() - started
    written = len(list(out_dir.glob("*.pdf")))
    verdict = "OK" if total <= ALL_BUDGET and written == len(numbers) else "OVER BUDGET"
    print(
        f"all {len(numbers)} municipalities (draft + PDF) with {args.workers} workers: {total:.1f} s, "
        f"{written} PDFs, budget {ALL_BUDGET:.0f} s: {verdict}"
    )
    cpu_total = sum(r["cpu"] for r in reports)
    print(
        f"  CPU of the workers: {cpu_total:.1f} s in all, so {cpu_total / args.workers:.1f} s each on an idle "
        f"{args.workers}-core machine"
    )
    for n, r in enumerate(reports, start=1):
        marks = ", ".join(f"{rss} MB after {i}" for i, rss in r["rss"])
        print(f"  worker {n}: {r['count']} municipalities in {r['seconds']:.1f} s, peak RSS {marks}")
        for failure in r["failures"][:5]:
            print(f"    failed {failure}")
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv[1:])

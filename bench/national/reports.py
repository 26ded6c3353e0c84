"""In every county: last year's report handled by the council and this year's draft (first service).
In the benchmark county the benchmark service's report for a second municipality it covers is ready
for the council, and the advisor has generated last year's drafts for the county's municipalities."""

from __future__ import annotations

import datetime
from typing import Any

from bench.national.context import run_demo


def build(world: Any) -> int:
    from fagloft.reports.models import Report

    for ctx in world.contexts:
        run_demo("reports", ctx)
    _ready_for_council(world)
    _draft_batch(world)
    return Report.objects.count()


def _ready_for_council(world: Any) -> None:
    """A report with its figures frozen and sent to the council, not handled yet: the report page
    and the front page link to recording the council's handling only then, and the demo's reports
    are a draft and one handled. It is for a municipality the benchmark service covers other than
    its host, so the municipal leader's reports stay the demo's two."""
    from django.utils import timezone

    from fagloft.organizations.models import ServiceCoverage
    from fagloft.reports import services
    from fagloft.reports.models import Report

    service, leader = world.bench.services[0], world.bench_users["service_leader"]
    coverage = (
        ServiceCoverage.objects.valid_on()
        .filter(service=service)
        .exclude(municipality=service.host_municipality_id)
        .select_related("municipality")
        .order_by("municipality__number")
        .first()
    )
    if coverage is None or Report.objects.filter(service=service, year=world.year, status=Report.Status.READY).exists():
        return
    report = services.create_report(leader, service, year=world.year, municipality=coverage.municipality)
    day = min(datetime.date(world.year + 1, 1, 31), timezone.localdate())
    services.freeze_figures(leader, report, expected_version=report.version, day=day)
    report.refresh_from_db()
    services.mark_ready(leader, report, expected_version=report.version)


def _draft_batch(world: Any) -> None:
    """The advisor's generation of drafts for every municipality of the county (the overview lists
    it and links to its progress page; the demo starts none). Its tasks run when the data set is
    committed (immediately, without a task worker): a draft for each municipality without a report.
    For last year, so the drafts come after this year's reports in the lists (newest year first)
    and the crawl still opens the demo's reports."""
    from fagloft.reports import services
    from fagloft.reports.models import Batch

    year = world.year - 1
    if Batch.objects.filter(county=world.bench.county, year=year).exists():
        return
    services.start_batch(world.bench_users["county_advisor"], county=world.bench.county, year=year)

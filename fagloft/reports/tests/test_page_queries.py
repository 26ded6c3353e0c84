"""A whole service's report runs as many queries for a service of 3N municipalities as for N, on the
editor, year on year and a section's edit page; and the children served are competence's figure,
each municipality once."""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fagloft.accounts.roles import Role
from fagloft.competence import queries as competence_queries
from fagloft.grants.models import Application
from fagloft.grants.tests.factories import make_application, make_call
from fagloft.networks.tests.factories import make_network, make_project
from fagloft.organizations.models import CouncilHandling, Municipality, Service, ServiceCoverage
from fagloft.organizations.tests.factories import (
    login,
    make_county,
    make_municipality,
    make_population,
    make_service,
    make_user,
)
from fagloft.reports import sections
from fagloft.reports.models import Report
from fagloft.reports.services import create_report
from fagloft.reports.tests.factories import YEAR

pytestmark = pytest.mark.django_db


def _service(number: str, size: int) -> tuple[Service, list[Municipality]]:
    county = make_county(number, f"Fylke {number}")
    members = [make_municipality(county, f"{number}{i:02d}", f"Kommune {number}{i:02d}") for i in range(size)]
    for municipality in members:
        make_population(municipality, YEAR, children=1000)
    service = make_service(members[0], members, f"Tjenesten {number}")
    network = make_network(county, members)
    call = make_call(county)
    for municipality in members:
        make_project(network, municipality, f"Prosjekt {municipality.name}")
        make_application(call, municipality, f"Søknad {municipality.name}", status=Application.Status.SUBMITTED)
        CouncilHandling.objects.create(
            municipality=municipality, kind="status_report", year=YEAR, date=datetime.date(YEAR, 6, 1)
        )
    # Sent in during the report's year (created today otherwise, after it).
    Application.objects.filter(call=call).update(created_at=datetime.datetime(YEAR, 3, 1, tzinfo=datetime.UTC))
    # Last year's report too, for the year-on-year page.
    create_report(None, service, year=YEAR - 1, form=Report.Form.SERVICE)
    return service, members


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def _pages(report: Report) -> list[str]:
    section = report.sections.order_by("key").first()
    assert section is not None
    return [
        f"/rapporter/{report.pk}/",
        f"/rapporter/{report.pk}/ar-for-ar/",
        f"/rapporter/{report.pk}/deler/{section.pk}/",
    ]


def test_a_whole_service_report_runs_as_many_queries_for_3n_municipalities_as_for_n(client):
    small, small_members = _service("81", 2)
    large, large_members = _service("82", 6)
    small_report = create_report(None, small, year=YEAR, form=Report.Form.SERVICE)
    large_report = create_report(None, large, year=YEAR, form=Report.Form.SERVICE)
    login(client, make_user("admin", Role.ADMIN))
    page = client.get(f"/rapporter/{large_report.pk}/").content.decode()
    # The page shows every municipality's project, application and handling.
    for municipality in large_members:
        assert f"Prosjekt {municipality.name}" in page and f"Søknad {municipality.name}" in page
        assert f"{municipality.name}: behandlet i" in page
    for small_url, large_url in zip(_pages(small_report), _pages(large_report), strict=True):
        client.get(small_url)
        # Building the figures (the cache empty), and reading them from the cache.
        cache.clear()
        cold_small = _count(client, small_url)
        cache.clear()
        assert cold_small == _count(client, large_url), small_url
        client.get(small_url)
        assert _count(client, small_url) == _count(client, large_url), small_url


def test_the_service_section_reads_children_served_from_competence_each_municipality_once():
    service, members = _service("83", 3)
    # One municipality has only an older figure, one has none in the three years; the first is
    # covered by a second, overlapping row, which must not count its children twice.
    old = members[1]
    old.populations.all().delete()
    make_population(old, YEAR - 2, children=700)
    members[2].populations.all().delete()
    make_population(members[2], YEAR - 5, children=50)
    ServiceCoverage.objects.create(service=service, municipality=members[0], valid_from=datetime.date(2019, 1, 1))
    report = create_report(None, service, year=YEAR, form=Report.Form.SERVICE)
    facts = {f["id"]: f["value"] for f in sections.service_section(report, datetime.date(YEAR, 6, 1), {})["facts"]}
    assert facts["service.children"] == sections.num(competence_queries.children_served(service, YEAR))
    assert facts["service.children"] == sections.num(1000 + 700)
    assert facts["service.municipalities"] == ", ".join(m.name for m in members)

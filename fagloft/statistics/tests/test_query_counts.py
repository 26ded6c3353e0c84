"""The county table and the municipality page run the same number of queries for 10 or 100 municipalities."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fagloft.accounts.roles import Role
from fagloft.organizations.models import County, Municipality
from fagloft.organizations.tests.factories import make_county, make_municipality, make_population, make_user
from fagloft.statistics.tests.factories import indicator, make_value, square_border

URL = "/statistikk/fylker/{number}/?indicator=kostra-undersokelser-innen-frist&sort=value"


def _county_with(size: int, number: str) -> tuple[County, list[Municipality]]:
    county = make_county(number, f"Fylke {number}")
    deadline = indicator()
    municipalities = []
    for index in range(size):
        municipality = make_municipality(county, f"{number}{index:02d}", f"Kommune {number}{index:02d}")
        make_population(municipality, 2021)
        square_border(municipality, 10 + index % 10, 60 + index // 10, 0.9)
        for year in (2021, 2022, 2023):
            make_value(
                deadline, year, 50 + index % 40, numerator=50 + index % 40, denominator=100, municipality=municipality
            )
        municipalities.append(municipality)
    return county, municipalities


def _count(client, url: str) -> int:
    # The figures are cached (statistics/page_cache.py); this counts what computing them costs.
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_the_county_table_runs_as_many_queries_for_100_municipalities_as_for_10(client):
    small, _ = _county_with(10, "81")
    large, _ = _county_with(100, "82")
    user = make_user("bufdir", Role.NATIONAL)
    from fagloft.organizations.tests.factories import login

    login(client, user)
    # Warm the session and caches (the drawn map is cached per set of borders) for both counties.
    client.get(URL.format(number="81"))
    client.get(URL.format(number="82"))
    assert _count(client, URL.format(number="81")) == _count(client, URL.format(number="82"))


@pytest.mark.django_db
def test_the_municipality_page_runs_as_many_queries_with_100_municipalities_around_it(client):
    _, small = _county_with(10, "81")
    _, large = _county_with(100, "82")
    user = make_user("bufdir", Role.NATIONAL)
    from fagloft.organizations.tests.factories import login

    login(client, user)
    client.get(f"/statistikk/kommuner/{small[0].number}/")
    assert _count(client, f"/statistikk/kommuner/{small[0].number}/") == _count(
        client, f"/statistikk/kommuner/{large[0].number}/"
    )

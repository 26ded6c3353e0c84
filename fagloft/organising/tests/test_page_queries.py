"""The county page (today's picture) runs as many queries for a county of 3N municipalities as for N,
and the bulk reads it uses give what the one-by-one reads gave."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fagloft.accounts.roles import Role
from fagloft.organising import cost_cache, queries
from fagloft.organising.tests.factories import add_borders
from fagloft.organizations.models import County
from fagloft.organizations.tests.factories import (
    login,
    make_county,
    make_municipality,
    make_population,
    make_service,
    make_user,
)
from fagloft.statistics.models import Indicator
from fagloft.statistics.queries import latest_value
from fagloft.statistics.tests.factories import make_indicator, make_value

pytestmark = pytest.mark.django_db


def _county(number: str, size: int) -> County:
    county = make_county(number, f"Fylke {number}")
    municipalities = []
    for index in range(size):
        municipality = make_municipality(county, f"{number}{index:02d}", f"Kommune {number}{index:02d}")
        make_population(municipality, 2024, children=500 + 100 * index)
        make_service(municipality, [municipality])
        municipalities.append(municipality)
    add_borders(*municipalities, lon=10.0 + int(number) % 10, lat=60.0, step=0.3)
    return county


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_the_county_page_runs_as_many_queries_for_3n_municipalities_as_for_n(client):
    small, large = _county("81", 3), _county("82", 9)
    login(client, make_user("bufdir", Role.NATIONAL))
    # The first request of each county computes the cost risks; they are then read from the cache.
    for county in (small, large):
        assert "Kommune" in client.get(f"/organisering/fylker/{county.number}/").content.decode()
    assert _count(client, "/organisering/fylker/81/") == _count(client, "/organisering/fylker/82/")


def test_the_cached_cost_risks_are_the_ones_computed_directly_and_follow_the_data():
    county = _county("83", 3)
    picture = queries.today_picture(county, runs=200)
    municipalities = queries.county_municipalities(county)
    year = picture.inputs.year
    direct = {m.pk: queries._standalone(m, year, 200) for m in municipalities}
    assert {row.municipality.pk: row.cost for row in picture.rows} == direct
    assert any(cost is not None for cost in direct.values())
    # More children give a new data version, so the page shows the new risk at once.
    before = cost_cache.data_version()
    make_population(municipalities[0], 2025, children=5000)
    assert cost_cache.data_version() != before
    changed = queries.today_picture(county, runs=200)
    assert changed.rows[0].cost == queries._standalone(municipalities[0], changed.inputs.year, 200)


def test_the_bulk_statistic_is_latest_value_for_each_unit():
    county = _county("84", 3)
    municipalities = queries.county_municipalities(county)
    indicator = Indicator.objects.filter(code=queries.PYRAMID_CODE).first() or make_indicator(queries.PYRAMID_CODE)
    first, second, third = municipalities
    for year, value, source in ((2023, 40, "computed"), (2024, 55, "computed"), (2024, 60, "ssb")):
        make_value(indicator, year, value, source=source, municipality=first)
    make_value(indicator, 2022, 70, source="manual", municipality=second)
    keys = [f"m:{m.pk}" for m in (first, second, third)]
    expected = {}
    for key in keys:
        latest = latest_value(indicator, key)
        if latest is not None and latest.value is not None:
            expected[key] = float(latest.value)
    assert queries._statistic(queries.PYRAMID_CODE, keys) == expected == {keys[0]: 60.0, keys[1]: 70.0}

"""The county and municipality pages ask the same number of SQL queries for 10 and for 357
municipalities: nothing is loaded per municipality."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fagloft.accounts.roles import Role
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
from fagloft.organizations.tests.factories import login, make_user

YEARS = range(2015, 2025)


def _square(x: float, y: float) -> dict:
    ring = [[x, y], [x + 0.1, y], [x + 0.1, y + 0.1], [x, y + 0.1], [x, y]]
    return {"type": "Polygon", "coordinates": [ring]}


def build_county(number: str, size: int) -> County:
    """A county of `size` municipalities with borders, ten years of population, services and agreements."""
    county = County.objects.create(number=number, name=f"Fylke {number}")
    municipalities = Municipality.objects.bulk_create(
        [Municipality(number=f"{int(number) * 100 + i}", name=f"Kommune {i}", county=county) for i in range(size)]
    )
    CountyMembershipPeriod.objects.bulk_create(
        [CountyMembershipPeriod(municipality=m, county=county) for m in municipalities]
    )
    Border.objects.bulk_create(
        [
            Border(
                municipality=m,
                year=2024,
                geometry=_square(i % 20 * 0.1, i // 20 * 0.1),
                bbox=[i % 20 * 0.1, i // 20 * 0.1, i % 20 * 0.1 + 0.1, i // 20 * 0.1 + 0.1],
            )
            for i, m in enumerate(municipalities)
        ]
    )
    Population.objects.bulk_create(
        [
            Population(municipality=m, year=y, total=5000 + i, children=1000 + i, by_age=[50] * 18)
            for i, m in enumerate(municipalities)
            for y in YEARS
        ]
    )
    services = Service.objects.bulk_create(
        [Service(name=f"Tjeneste {m.number}", host_municipality=m) for m in municipalities]
    )
    ServiceCoverage.objects.bulk_create(
        [
            ServiceCoverage(service=s, municipality=m, valid_from=datetime.date(2020, 1, 1))
            for s, m in zip(services, municipalities, strict=True)
        ]
    )
    for first, second in zip(municipalities[::2], municipalities[1::2], strict=False):
        agreement = CooperationAgreement.objects.create(title=f"Avtale {first.number}", kind="other", host=first)
        agreement.parties.set([first, second])
    return county


@pytest.fixture
def counties(db):
    small, large = build_county("71", 10), build_county("72", 357)
    advisor = make_user("advisor_both", Role.COUNTY_ADVISOR, small)
    from fagloft.accounts.models import Membership

    Membership.objects.create(user=advisor, role=Role.COUNTY_ADVISOR, county=large)
    return small, large


def _queries(client, path: str) -> int:
    client.get(path)  # warm up caches that are filled once per process (content types, templates)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(captured.captured_queries)


@pytest.mark.parametrize("username", ["advisor_both", "national"])
def test_the_county_page_asks_as_many_queries_for_357_municipalities_as_for_10(client, counties, username):
    from fagloft.accounts.models import User

    user = make_user("national", Role.NATIONAL) if username == "national" else User.objects.get(username=username)
    login(client, user)
    small, large = counties
    assert _queries(client, f"/fylker/{small.number}/") == _queries(client, f"/fylker/{large.number}/")
    assert Municipality.objects.filter(county=large).count() == 357


@pytest.mark.parametrize("username", ["advisor_both", "national"])
def test_the_municipality_page_asks_as_many_queries_in_a_large_county_as_in_a_small(client, counties, username):
    from fagloft.accounts.models import User

    user = make_user("national", Role.NATIONAL) if username == "national" else User.objects.get(username=username)
    login(client, user)
    small, large = counties
    in_small = Municipality.objects.filter(county=small).first()
    assert in_small is not None
    in_large = Municipality.objects.filter(county=large).order_by("number")[200]
    assert _queries(client, f"/kommuner/{in_small.number}/") == _queries(client, f"/kommuner/{in_large.number}/")


def test_the_county_agreement_list_asks_as_many_queries_for_357_municipalities_as_for_10(client, counties):
    login(client, make_user("national", Role.NATIONAL))
    small, large = counties
    assert _queries(client, f"/fylker/{small.number}/avtaler/") == _queries(client, f"/fylker/{large.number}/avtaler/")

"""The municipality page runs as many queries with a KOSTRA peer group of 3N municipalities as with N,
and the peer and county sums read by unit key give what the sums over the municipality column gave."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Q, QuerySet, Sum
from django.test.utils import CaptureQueriesContext

from fagloft.accounts.roles import Role
from fagloft.organizations.models import Municipality
from fagloft.organizations.tests.factories import (
    login,
    make_county,
    make_municipality,
    make_population,
    make_service,
    make_user,
)
from fagloft.statistics.aggregation import _pick_sources, aggregate
from fagloft.statistics.models import Indicator, IndicatorValue
from fagloft.statistics.tests.factories import indicator, make_value

pytestmark = pytest.mark.django_db


def _group(number: str, size: int, group: str) -> list[Municipality]:
    county = make_county(number, f"Fylke {number}")
    deadline = indicator("kostra-undersokelser-innen-frist")
    members = []
    for index in range(size):
        municipality = make_municipality(
            county, f"{number}{index:02d}", f"Kommune {number}{index:02d}", kostra_group=group
        )
        make_population(municipality, 2023)
        for year in (2021, 2022, 2023):
            make_value(deadline, year, 50, numerator=50 + index, denominator=100, municipality=municipality)
        members.append(municipality)
    return members


def _count(client, url: str) -> int:
    # The figures are cached (statistics/page_cache.py); this counts what computing them costs.
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_the_municipality_page_runs_as_many_queries_for_a_peer_group_of_3n_as_of_n(client):
    small = _group("81", 4, "KG1")
    large = _group("82", 12, "KG2")
    login(client, make_user("bufdir", Role.NATIONAL))
    client.get(f"/statistikk/kommuner/{small[0].number}/")
    assert _count(client, f"/statistikk/kommuner/{small[0].number}/") == _count(
        client, f"/statistikk/kommuner/{large[0].number}/"
    )


def _aggregate_by_column(indicators: Iterable[Indicator], municipalities: QuerySet[Municipality]) -> dict[Any, Any]:
    """The sums as they were read before: the municipality column against a subquery."""
    by_id = {i.pk: i for i in indicators if i.aggregation != Indicator.Aggregation.NONE}
    rows = IndicatorValue.objects.filter(indicator_id__in=by_id, municipality__isnull=False).filter(
        municipality__in=municipalities.values("pk")
    )
    both = Q(numerator__isnull=False, denominator__isnull=False)
    grouped = (
        rows.values("indicator_id", "year", "half", "source")
        .annotate(
            num=Sum("numerator", filter=both),
            den=Sum("denominator", filter=both),
            total=Sum("value"),
            pairs=Count("id", filter=both),
            values=Count("value"),
        )
        .order_by()
    )
    return _pick_sources(by_id, grouped)


def test_the_sums_by_unit_key_are_the_sums_by_the_municipality_column():
    members = _group("83", 4, "KG3")
    outside = _group("84", 2, "KG4")
    deadline = indicator("kostra-undersokelser-innen-frist")
    count = Indicator.objects.filter(aggregation=Indicator.Aggregation.SUM).first()
    assert count is not None
    # Another source for one member and period (the preferred source wins), a half year, a count, and
    # values of a service and of the county, which are no municipality's and must not be summed.
    make_value(deadline, 2023, 90, numerator=9, denominator=10, source="kostra_15f", municipality=members[1])
    make_value(deadline, 2023, 40, numerator=4, denominator=10, half=1, municipality=members[2])
    for position, municipality in enumerate(members + outside):
        make_value(count, 2023, 10 + position, municipality=municipality)
    service = make_service(members[0], [members[0]])
    make_value(deadline, 2023, 99, numerator=99, denominator=100, service=service)
    make_value(deadline, 2023, 77, numerator=77, denominator=100, county=members[0].county)
    group = Municipality.objects.filter(kostra_group="KG3").exclude(pk=members[0].pk)
    county = Municipality.objects.filter(county=members[0].county)
    for municipalities in (group, county, Municipality.objects.filter(kostra_group="nothing")):
        expected = _aggregate_by_column([deadline, count], municipalities)
        assert aggregate([deadline, count], municipalities) == expected
    assert aggregate([deadline], group)[(deadline.pk, 2023, 0)].municipalities == 3
    assert aggregate([count], county)[(count.pk, 2023, 0)].value == 10 + 11 + 12 + 13

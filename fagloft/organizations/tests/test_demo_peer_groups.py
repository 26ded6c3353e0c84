"""Demo peer groups: size bands from the latest population, never overwriting a real group."""

from __future__ import annotations

import pytest

from fagloft.organizations.demo import assign_demo_peer_groups, demo_peer_group
from fagloft.organizations.tests.factories import make_county, make_municipality, make_population


def test_it_bands_municipalities_by_size():
    assert demo_peer_group(4_999).startswith("Demo: små")
    assert demo_peer_group(5_000).startswith("Demo: mellomstore")
    assert demo_peer_group(99_999).startswith("Demo: store")
    assert demo_peer_group(100_000).startswith("Demo: de største")


@pytest.mark.django_db
def test_it_uses_the_latest_year_and_keeps_real_groups():
    county = make_county("93")
    growing = make_municipality(county, "9301")
    make_population(growing, 2019, total=4_000)
    make_population(growing, 2021, total=6_000)
    classified = make_municipality(county, "9302", kostra_group="KOSTRA-gruppe 7")
    make_population(classified, 2021, total=1_000)
    assign_demo_peer_groups()
    growing.refresh_from_db()
    classified.refresh_from_db()
    assert growing.kostra_group.startswith("Demo: mellomstore")
    assert classified.kostra_group == "KOSTRA-gruppe 7"

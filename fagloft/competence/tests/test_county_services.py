"""Which services count in a county: only those covering a municipality that is a member today."""

from __future__ import annotations

import datetime

import pytest

from fagloft.competence import queries
from fagloft.organizations.models import CountyMembershipPeriod
from fagloft.organizations.tests.factories import build_tree, make_municipality, make_service

D = datetime.date


@pytest.mark.django_db
def test_a_service_whose_municipality_left_the_county_no_longer_counts_there():
    tree = build_tree()
    # Mellomvik belonged to county X until the end of 2023 and has been in county Y since.
    mover = make_municipality(tree.county_x, "9104", "Mellomvik")
    CountyMembershipPeriod.objects.filter(municipality=mover).update(valid_to=D(2023, 12, 31))
    CountyMembershipPeriod.objects.create(municipality=mover, county=tree.county_y, valid_from=D(2024, 1, 1))
    service = make_service(mover, [mover], "Mellomvik barneverntjeneste")

    in_x_now = set(queries.services_in_county(tree.county_x, D(2026, 1, 1)))
    in_y_now = set(queries.services_in_county(tree.county_y, D(2026, 1, 1)))
    assert in_x_now == {tree.service_ab}
    assert in_y_now == {tree.service_c, service}
    # On a day before the move it counted in county X, and not in county Y.
    assert service in set(queries.services_in_county(tree.county_x, D(2023, 6, 1)))
    assert service not in set(queries.services_in_county(tree.county_y, D(2023, 6, 1)))

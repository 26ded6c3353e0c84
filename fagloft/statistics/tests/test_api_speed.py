"""`/api/v1/indicator-values/` counts and pages a scoped user's values through the unit-key index
(`IndicatorValueViewSet.paginate_queryset`), and answers exactly the rows `visible_values` lets
through, in the same order, whichever way the page is read."""

from __future__ import annotations

from typing import Any

import pytest

from fagloft.organizations.tests.factories import build_tree, login
from fagloft.statistics import api
from fagloft.statistics.permissions import API_VALUES
from fagloft.statistics.queries import visible_values
from fagloft.statistics.tests.factories import fill_tree, make_value

URL = "/api/v1/indicator-values/"
ORDER = ("indicator__sort_order", "indicator__code", "unit_key", "year", "half")


@pytest.fixture
def tree(db):
    tree = build_tree()
    deadline = fill_tree(tree)
    make_value(deadline, 2023, 5, service=tree.service_c)
    make_value(deadline, 2023, 6, service=tree.service_ab)
    make_value(deadline, 2023, 7, county=tree.county_y)
    make_value(deadline, 2019, 8, county=tree.county_x)
    make_value(deadline, 2019, 9, is_national=True)
    return tree


def _all_ids(client: Any, query: str = "") -> tuple[int, list[int]]:
    """The count the first page gives and the ids of every page, three values a page."""
    ids: list[int] = []
    offset, count = 0, None
    while count is None or offset < count:
        body = client.get(f"{URL}?limit=3&offset={offset}{query}").json()
        count = body["count"]
        ids += [row["id"] for row in body["results"]]
        offset += 3
    return count or 0, ids


@pytest.mark.parametrize("username", ["municipal_leader_a", "leader_ab", "advisor_x", "employee_ab", "national"])
@pytest.mark.parametrize("small_up_to", [5000, 0])
def test_every_page_answers_the_visible_values_in_order(client, tree, monkeypatch, username, small_up_to):
    """Both ways of reading the page (through the unit keys for a small scope, the plain query
    above the limit) give the rows and the count of `visible_values` itself."""
    monkeypatch.setattr(api, "_SORT_BY_UNIT_KEY_UP_TO", small_up_to)
    user = tree.users[username]
    login(client, user)
    expected = list(visible_values(user, API_VALUES).order_by(*ORDER).values_list("pk", flat=True))
    assert expected
    count, ids = _all_ids(client)
    assert count == len(expected)
    assert ids == expected
    year_count, year_ids = _all_ids(client, "&year=2023")
    assert year_ids == [
        pk
        for pk in expected
        if pk in set(visible_values(user, API_VALUES).filter(year=2023).values_list("pk", flat=True))
    ]
    assert year_count == len(year_ids)


def test_the_narrowing_never_adds_a_value(client, tree):
    """A value whose unit key does not match its unit (never stored so, but the narrowing must
    only ever drop) is not let through for a user who may not see its unit."""
    from fagloft.statistics.models import IndicatorValue

    outside = IndicatorValue.objects.filter(county=tree.county_y).first()
    assert outside is not None
    # Mislabel the outside value with the key of a unit the municipal leader does see (a year of
    # its own, so the unique key still holds).
    IndicatorValue.objects.filter(pk=outside.pk).update(unit_key=f"m:{tree.municipality_a.pk}", year=1990)
    login(client, tree.users["municipal_leader_a"])
    _count, ids = _all_ids(client)
    assert outside.pk not in ids

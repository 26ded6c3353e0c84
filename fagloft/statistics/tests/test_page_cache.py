"""The municipality page's figures come from a cache (statistics/page_cache.py) and never go stale:
a value added, rewritten in place by an import, or removed shows on the next view."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fagloft.accounts.roles import Role
from fagloft.organizations.tests.factories import login, make_county, make_municipality, make_user
from fagloft.statistics.models import IndicatorValue
from fagloft.statistics.publishing import NewValue, record_values
from fagloft.statistics.tests.factories import indicator, make_value

pytestmark = pytest.mark.django_db

CODE = "kostra-undersokelser-innen-frist"


@pytest.fixture
def place(client):
    county = make_county("81", "Fylke 81")
    municipality = make_municipality(county, "8101", "Kommune 8101", kostra_group="KG1")
    make_municipality(county, "8102", "Kommune 8102", kostra_group="KG1")
    make_value(indicator(CODE), 2023, "41.5", municipality=municipality)
    login(client, make_user("bufdir", Role.NATIONAL))
    return municipality


def _page(client, municipality) -> str:
    response = client.get(f"/statistikk/kommuner/{municipality.number}/")
    assert response.status_code == 200
    return response.content.decode()


def test_a_second_view_reads_the_figures_from_the_cache(client, place):
    with CaptureQueriesContext(connection) as first:
        _page(client, place)
    with CaptureQueriesContext(connection) as second:
        _page(client, place)

    def reading_values(captured):
        return [q["sql"] for q in captured.captured_queries if "statistics_indicatorvalue" in q["sql"]]

    # The first view reads the values; the second only asks for the data version (two queries).
    assert len(reading_values(first)) > 2
    assert len(reading_values(second)) == 2


def test_a_new_value_shows_at_once(client, place):
    assert "77,3" not in _page(client, place)
    make_value(indicator(CODE), 2024, "77.3", municipality=place)
    assert "77,3" in _page(client, place)


def test_a_value_rewritten_by_an_import_shows_at_once(client, place):
    assert "41,5" in _page(client, place)
    record_values(None, [NewValue(CODE, 2023, 12.25, municipality_id=place.pk)], IndicatorValue.Source.SSB)
    page = _page(client, place)
    assert "12,3" in page or "12,25" in page
    assert "41,5" not in page


def test_a_removed_value_disappears_at_once(client, place):
    make_value(indicator(CODE), 2024, "77.3", municipality=place)
    assert "77,3" in _page(client, place)
    IndicatorValue.objects.filter(year=2024).delete()
    assert "77,3" not in _page(client, place)


def test_each_language_has_its_own_figures(client, place):
    assert "41,5" in _page(client, place)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(f"/statistikk/kommuner/{place.number}/")
    # The chart's JSON has 41.5 in every language; only the Norwegian table writes 41,5.
    assert "41,5" not in response.content.decode()


def _county_page(client, county, **headers) -> str:
    response = client.get(f"/statistikk/fylker/{county.number}/?indicator={CODE}", **headers)
    assert response.status_code == 200
    return response.content.decode()


def test_the_county_table_shows_a_new_value_at_once(client, place):
    assert "41,5" in _county_page(client, place.county)
    record_values(None, [NewValue(CODE, 2024, 63.5, municipality_id=place.pk)], IndicatorValue.Source.SSB)
    page = _county_page(client, place.county)
    assert "63,5" in page
    # The results alone (htmx) are the same cached fragment the page holds.
    fragment = _county_page(client, place.county, HTTP_HX_REQUEST="true")
    assert "63,5" in fragment and fragment.strip() in page

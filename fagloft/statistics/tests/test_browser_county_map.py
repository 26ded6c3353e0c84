"""The county map coloured by an indicator, and a municipality's charts, in a real browser with axe-core."""

from __future__ import annotations

import pytest
from django.urls import reverse

from fagloft.accounts.roles import Role
from fagloft.organizations.tests.factories import make_county, make_municipality, make_population, make_user
from fagloft.statistics.tests.factories import ensure_catalogue, indicator, make_value, square_border
from fagloft.tests_browser.fixtures import assert_accessible, browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PLACES = [("5601", "Alta", 85), ("5603", "Hammerfest", 62), ("5605", "Sør-Varanger", 74), ("5607", "Vadsø", 91)]


def _finnmark():
    ensure_catalogue()
    county = make_county("56", "Finnmark")
    deadline, per_fte = indicator(), indicator("kostra-barn-per-arsverk")
    for index, (number, name, share) in enumerate(PLACES):
        municipality = make_municipality(county, number, name)
        square_border(municipality, 22.0 + index * 1.2, 69.5 + (index % 2) * 0.6, 1.0)
        make_population(municipality, 2023, children=4000 - index * 500)
        for year in (2021, 2022, 2023):
            make_value(
                deadline,
                year,
                share - (2023 - year) * 3,
                numerator=share - (2023 - year) * 3,
                denominator=100,
                municipality=municipality,
            )
            make_value(per_fte, year, 10 + index, numerator=(10 + index) * 5, denominator=5, municipality=municipality)
    make_value(deadline, 2023, 78, is_national=True)
    outside = make_county("55", "Utenforfylket")
    square_border(make_municipality(outside, "5501", "Utenforvik"), 18.0, 69.0)
    return county, make_user("statsforvalter.finnmark", Role.COUNTY_ADVISOR, county)


def test_the_county_map_is_coloured_by_the_chosen_indicator_with_a_text_legend(page, live_url):
    county, advisor = _finnmark()
    browser_login(page, live_url, advisor)
    page.goto(
        live_url + reverse("statistics:county", args=[county.number]) + "?indicator=kostra-undersokelser-innen-frist"
    )
    shapes = page.locator("svg.fl-map a")
    assert shapes.count() == 4
    fills = set(page.locator("svg.fl-map path").evaluate_all("paths => paths.map(p => p.style.fill)"))
    assert len(fills) > 1  # the classes differ in colour ...
    assert page.locator("svg.fl-map a[aria-label^='Vadsø: 91']").count() == 1  # ... and every value is in text
    legend = page.locator(".fl-legend").inner_text()
    assert "prosent" in legend
    assert "Utenforvik" not in page.content()
    assert_accessible(page, "statistics-county-map")

    # Choosing another indicator recolours the map (htmx replaces the results; without JS the form submits).
    page.select_option("#indicator-select", "kostra-barn-per-arsverk")
    page.wait_for_selector("svg.fl-map a[aria-label^='Vadsø: 13']")
    assert "Barn med undersøkelse eller tiltak per årsverk" in page.locator("#results-heading").inner_text()
    assert_accessible(page, "statistics-county-map-per-fte")


def test_sorting_the_county_table_by_value_orders_the_municipalities(page, live_url):
    county, advisor = _finnmark()
    browser_login(page, live_url, advisor)
    page.goto(
        live_url + reverse("statistics:county", args=[county.number]) + "?indicator=kostra-undersokelser-innen-frist"
    )
    page.locator("th a", has_text="Verdi").click()
    page.wait_for_selector("th[aria-sort='ascending']")
    names = page.locator("table.fl-county-table tbody tr td:nth-child(1) a").all_inner_texts()
    assert names == ["Hammerfest", "Sør-Varanger", "Alta", "Vadsø"]


def test_a_municipalitys_charts_are_drawn_beside_accessible_tables(page, live_url):
    county, advisor = _finnmark()
    browser_login(page, live_url, advisor)
    page.goto(live_url + reverse("statistics:municipality", args=["5601"]))
    page.wait_for_function("document.querySelector('figure[data-chart] canvas').width > 0")
    assert page.locator("figure[data-chart]:not([hidden])").count() >= 2
    assert page.locator("table caption", has_text="Undersøkelser avsluttet innen fristen").count() == 1
    assert_accessible(page, "statistics-municipality-charts")


def test_the_value_column_is_in_view_without_scrolling_at_desktop_width(page, live_url):
    county, advisor = _finnmark()
    page.set_viewport_size({"width": 1366, "height": 768})
    browser_login(page, live_url, advisor)
    page.goto(
        live_url + reverse("statistics:county", args=[county.number]) + "?indicator=kostra-undersokelser-innen-frist"
    )
    wrap = page.locator("table.fl-county-table").locator("xpath=..")
    assert wrap.evaluate("el => el.scrollWidth <= el.clientWidth")
    header = page.locator("table.fl-county-table th", has_text="Verdi").bounding_box()
    box = wrap.bounding_box()
    assert header and header["x"] + header["width"] <= box["x"] + box["width"]

"""Issue 9, items 9 and 10, in a real browser: at 390 px no page scrolls sideways, at 1366 px the key
columns are on screen, and every page passes axe-core (WCAG 2.1 AA) at both widths.

A wide table may scroll inside its own region (`.fl-table-wrap`), never the page; such a region must be
reachable by keyboard and named, so a column that is only reachable by scrolling is still reachable.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse

from fagloft.accounts.roles import Role
from fagloft.assessments.models import Assessment, SignalRule
from fagloft.assessments.risk_signals import compute_signals
from fagloft.assessments.tests.factories import add_values, make_assessment, make_rule
from fagloft.grants.tests.factories import make_application, make_call, make_decision
from fagloft.grants.tests.factories import make_assessment as make_grant_assessment
from fagloft.kostra.tests.factories import make_run
from fagloft.organizations.tests.factories import build_tree, make_user
from fagloft.statistics.tests.factories import ensure_catalogue, indicator, make_value, square_border
from fagloft.tests_browser.fixtures import DESKTOP, NARROW, assert_accessible, browser_login, horizontal_overflow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Where a column header sits, and whether it is on screen or in a focusable, named scroll region.
HEADER_PLACE = """(text) => {
  const header = [...document.querySelectorAll('main th')].find(th => th.innerText.trim().startsWith(text));
  if (!header) return null;
  const box = header.getBoundingClientRect();
  const region = header.closest('.fl-table-wrap');
  const scrolls = region && region.scrollWidth > region.clientWidth + 1;
  return {
    right: box.right,
    width: window.innerWidth,
    region: Boolean(scrolls),
    focusable: Boolean(region && region.tabIndex >= 0),
    named: Boolean(region && (region.getAttribute('aria-label') || region.getAttribute('aria-labelledby'))),
  };
}"""


def assert_column_reachable(page: Any, header: str) -> None:
    place = page.evaluate(HEADER_PLACE, header)
    assert place is not None, f"no column «{header}» on {page.url}"
    if place["right"] <= place["width"] + 1:
        return
    assert place["region"] and place["focusable"] and place["named"], (
        f"column «{header}» ends at {place['right']:.0f} px, past the {place['width']} px window, "
        f"and is not in a focusable, labelled scroll region: {place}"
    )


def assert_columns_on_screen(page: Any, *headers: str) -> None:
    """At desktop width the key columns must be visible without any scrolling at all."""
    page.set_viewport_size(DESKTOP)
    page.wait_for_timeout(50)
    for header in headers:
        place = page.evaluate(HEADER_PLACE, header)
        assert place is not None, f"no column «{header}» on {page.url}"
        assert place["right"] <= place["width"] + 1, (
            f"column «{header}» ends at {place['right']:.0f} px, past the {place['width']} px window on {page.url}"
        )


def assert_every_scroll_region_is_reachable(page: Any) -> None:
    """Any table region that scrolls sideways at 390 px is focusable and named (WCAG 2.1.1, 4.1.2)."""
    page.set_viewport_size(NARROW)
    page.wait_for_timeout(50)
    regions = page.evaluate(
        """() => [...document.querySelectorAll('.fl-table-wrap')]
             .filter(r => r.scrollWidth > r.clientWidth + 1)
             .map(r => ({tab: r.tabIndex, role: r.getAttribute('role'),
                         name: r.getAttribute('aria-label') || r.getAttribute('aria-labelledby') || ''}))"""
    )
    for region in regions:
        assert region["tab"] >= 0 and region["role"] == "region" and region["name"], (
            f"a table region scrolls sideways at 390 px but is not a focusable, named region: {region}"
        )


# Words in table cells that the browser split over two lines. A table squeezed into 390 px by breaking
# «Tjeneste» into «Tje-/neste» fits the window but cannot be read; it must scroll in its region instead.
BROKEN_WORDS = """() => {
  const broken = [];
  for (const cell of document.querySelectorAll('main th, main td')) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walker.nextNode())) {
      if (node.parentElement.closest('.fl-sr-only')) continue;
      const words = /[^\\s\\-\u2013\u2014\\/,;:()]+/g;
      let match;
      while ((match = words.exec(node.data))) {
        if (match[0].length > 24) continue;  // a URL or an e-mail address may wrap
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
        if (lines.size > 1) broken.push(match[0]);
      }
    }
  }
  return broken.slice(0, 12);
}"""


def assert_no_word_is_broken(page: Any) -> None:
    page.set_viewport_size(NARROW)
    page.wait_for_timeout(50)
    broken = page.evaluate(BROKEN_WORDS)
    assert not broken, f"table text is broken mid-word at 390 px on {page.url}: {broken}"


# The outermost elements that reach past the window's right edge, to say what makes a page scroll.
WIDE_ELEMENTS = """() => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
  .filter(e => !e.closest('.fl-table-wrap') || e.classList.contains('fl-table-wrap')
               || ['absolute', 'fixed'].includes(getComputedStyle(e).position))
  .filter(e => !e.parentElement || e.parentElement.getBoundingClientRect().right <= window.innerWidth + 1)
  .slice(0, 8)
  .map(e => e.tagName.toLowerCase()
            + (typeof e.className === 'string' && e.className ? '.' + e.className.trim().replace(/ +/g, '.') : '')
            + ' ' + Math.round(e.getBoundingClientRect().right) + 'px')"""


def check_page(page: Any, name: str) -> None:
    page.wait_for_load_state("load")
    for viewport in (NARROW, DESKTOP):
        page.set_viewport_size(viewport)
        page.wait_for_timeout(50)
        assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth"), (
            f"{page.url} scrolls sideways by {horizontal_overflow(page)} px at {viewport['width']} px; "
            f"too wide: {page.evaluate(WIDE_ELEMENTS)}"
        )
    assert_accessible(page, f"widths-{name}")  # axe at 1366 and 390 px (and the sideways check again)
    assert_every_scroll_region_is_reachable(page)
    assert_no_word_is_broken(page)
    # A template comment over several lines ({# … #} is one line only) ends up as text on the page.
    assert "{#" not in page.locator("body").inner_text(), f"template comment shown as text on {page.url}"


@pytest.fixture
def tree() -> Any:
    tree = build_tree()
    ensure_catalogue()
    for index, municipality in enumerate((tree.municipality_a, tree.municipality_b)):
        square_border(municipality, 22.0 + index * 1.2, 69.5, 1.0)
    square_border(tree.municipality_c, 18.0, 69.0, 1.0)
    return tree


def _signals_and_assessment(tree: Any) -> Assessment:
    add_values("undersokelser_fristbrudd", {2023: 24.0, 2024: 31.0}, municipality=tree.municipality_a)
    for name in (
        "Mange fristbrudd i undersøkelser over flere år på rad",
        "Høy andel barn med tiltak uten oppdatert plan",
    ):
        make_rule(SignalRule.Kind.THRESHOLD, "undersokelser_fristbrudd", {"op": ">", "value": 25}, name=name)
    assessment = make_assessment(
        tree.service_ab,
        2025,
        status=Assessment.Status.FORWARDED,
        risk_level="high",
        risk_level_reason="Tjenesten har for få årsverk til å følge opp alle undersøkelser innen fristen, "
        "og to av fem stillinger står ledige etter at erfarne saksbehandlere sluttet i fjor høst.",
        conclusion="Tjenesten er sårbar.",
    )
    # The overview shows the signals stored at submission; store them as the submit step does.
    assessment.signals_snapshot = [s.as_dict() for s in compute_signals(assessment.service, assessment.year)]
    assessment.save(update_fields=["signals_snapshot"])
    return assessment


def test_the_county_risk_overview_fits_and_shows_risk_and_signals(page, live_url, tree):
    _signals_and_assessment(tree)
    browser_login(page, live_url, tree.users["advisor_x"])
    page.goto(live_url + reverse("assessments:county-overview", args=[tree.county_x.number]))
    check_page(page, "county-overview")
    assert_columns_on_screen(page, "Risiko", "Signaler")
    page.set_viewport_size(NARROW)
    page.wait_for_timeout(50)
    assert_column_reachable(page, "Risiko")
    assert_column_reachable(page, "Signaler")


def test_an_assessment_fits_at_both_widths(page, live_url, tree):
    assessment = _signals_and_assessment(tree)
    browser_login(page, live_url, tree.users["advisor_x"])
    page.goto(live_url + reverse("assessments:detail", args=[assessment.pk]))
    check_page(page, "assessment")
    assert_columns_on_screen(page, "Risiko")


def test_a_grant_application_fits_at_both_widths(page, live_url, tree):
    call = make_call(tree.county_x, "Stimuleringsmidler til læringsnettverk i Nordfylket 2027")
    application = make_application(
        call,
        tree.municipality_a,
        "Felles introduksjonsprogram for nyansatte saksbehandlere i barnevernet",
        participants=[tree.municipality_b],
        amount=450_000,
        status="submitted",
        submitted_at=datetime.datetime(2026, 10, 15, 10, 0, tzinfo=datetime.UTC),
    )
    make_decision(application, amount=375_000, decided_on=datetime.date(2027, 3, 1))
    browser_login(page, live_url, tree.users["advisor_x"])
    page.goto(live_url + reverse("grants:application-detail", args=[application.pk]))
    assert "450\u00a0000\u00a0kr" in page.locator("main").inner_text()
    check_page(page, "grant-application")
    assert_columns_on_screen(page, "Beløp")


def test_the_ranking_of_a_call_fits_at_both_widths(page, live_url, tree):
    call = make_call(tree.county_x, "Stimuleringsmidler til læringsnettverk i Nordfylket 2027")
    for index, title in enumerate(("Felles introduksjonsprogram for nyansatte", "Kvalitet i undersøkelser")):
        application = make_application(call, tree.municipality_a, title, amount=450_000 + index, status="submitted")
        make_grant_assessment(application, tree.users["advisor_x"], score=4 - index)
    browser_login(page, live_url, tree.users["advisor_x"])
    page.goto(live_url + reverse("grants:call-ranking", args=[call.pk]))
    check_page(page, "grant-ranking")


def test_the_kostra_report_fits_at_both_widths(page, live_url, tree):
    run = make_run(tree.service_ab, tree.users["leader_ab"])
    browser_login(page, live_url, tree.users["leader_ab"])
    page.goto(live_url + reverse("kostra:run", args=[run.pk]))
    check_page(page, "kostra-report")


def _statistics(tree: Any) -> None:
    deadline = indicator()
    for index, municipality in enumerate((tree.municipality_a, tree.municipality_b)):
        for year in (2021, 2022, 2023):
            share = 80 + index * 5 - (2023 - year) * 3
            make_value(deadline, year, share, numerator=share, denominator=100, municipality=municipality)
    make_value(deadline, 2023, 78, is_national=True)


def test_the_statistics_front_page_fits_at_both_widths(page, live_url, tree):
    browser_login(page, live_url, tree.users["advisor_x"])
    page.goto(live_url + reverse("statistics:index"))
    check_page(page, "statistics-index")


def test_the_statistics_municipality_page_fits_at_both_widths(page, live_url, tree):
    _statistics(tree)
    browser_login(page, live_url, tree.users["advisor_x"])
    page.goto(live_url + reverse("statistics:municipality", args=[tree.municipality_a.number]))
    check_page(page, "statistics-municipality")


def test_the_statistics_county_page_fits_and_shows_the_value(page, live_url, tree):
    _statistics(tree)
    browser_login(page, live_url, tree.users["advisor_x"])
    page.goto(
        live_url
        + reverse("statistics:county", args=[tree.county_x.number])
        + "?indicator=kostra-undersokelser-innen-frist"
    )
    check_page(page, "statistics-county")
    assert_columns_on_screen(page, "Verdi")
    page.set_viewport_size(NARROW)
    page.wait_for_timeout(50)
    assert_column_reachable(page, "Verdi")


NEWER_APPS = ["/programmer/", "/kunnskap/", "/okonomi/", "/organisering/", "/rapporter/"]


@pytest.mark.parametrize("path", NEWER_APPS)
def test_the_index_of_a_newer_app_does_not_scroll_sideways_at_390(page, live_url, tree, path):
    user = make_user("bufdir.bredde", Role.NATIONAL)
    browser_login(page, live_url, user)
    page.set_viewport_size(NARROW)
    response = page.goto(live_url + path)
    assert response is not None and response.ok, f"{path} answered {response and response.status}"
    page.wait_for_load_state("load")
    page.wait_for_timeout(50)
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth"), (
        f"{path} scrolls sideways by {horizontal_overflow(page)} px at 390 px"
    )

"""In the browser: a service leader registers an offer and sees it count on the municipality's
coverage page; a county advisor reads a municipality's coverage and the county map. Every page
passes axe-core at both widths."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from fagloft.knowledge.models import Offer
from fagloft.knowledge.tests.factories import certify, make_employee, make_intervention, make_offer, only_recommended
from fagloft.networks.tests.factories import make_network
from fagloft.organizations.models import Border, Municipality
from fagloft.organizations.tests.factories import build_tree
from fagloft.tests_browser.fixtures import assert_accessible, browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _border(municipality: Municipality, shift: float) -> None:
    ring = [[x + shift, y] for x, y in ((20.0, 69.0), (21.0, 69.0), (21.0, 70.0), (20.0, 70.0), (20.0, 69.0))]
    Border.objects.create(
        municipality=municipality,
        year=2024,
        geometry={"type": "Polygon", "coordinates": [ring]},
        bbox=[20 + shift, 69, 21 + shift, 70],
    )


def test_a_service_leader_registers_an_offer_that_then_covers_the_municipality(page, live_url):
    tree = build_tree()
    only_recommended(("Foreldreveiledning", "indicated", ("3.2",)))
    make_intervention(
        "PMTO",
        levels=("indicated",),
        codes=("3.2",),
        certification_required=True,
        certifier="NUBU",
        certification_method="pmto",
    )
    certify(make_employee(tree.service_ab, "Kari"), "pmto", 2024)

    browser_login(page, live_url, tree.users["leader_ab"])
    page.goto(f"{live_url}/kunnskap/kommuner/9101/dekning/")
    indicated = page.locator("section", has=page.get_by_role("heading", name="Indikert", exact=True))
    expect(indicated.get_by_text("Mangler tilbud")).to_be_visible()
    assert_accessible(page, "knowledge-coverage-before")

    page.goto(f"{live_url}/kunnskap/tjenester/{tree.service_ab.pk}/tilbud/")
    expect(page.get_by_text("Ingen tilbud er registrert.")).to_be_visible()
    assert_accessible(page, "knowledge-service-offers-empty")
    page.get_by_role("link", name="Registrer tilbud").click()
    page.get_by_label(re.compile(r"^Tiltak\b")).select_option(label="PMTO")
    page.get_by_label(re.compile(r"^Levert av\b")).select_option("own")
    page.get_by_label(re.compile(r"^Kapasitet$")).fill("12")
    page.get_by_label("Ventetid (uker)").fill("3")
    page.get_by_label("Kari Nordmann").check()
    assert_accessible(page, "knowledge-offer-form")
    page.get_by_role("button", name="Lagre").click()
    page.wait_for_url(re.compile(rf"/kunnskap/tjenester/{tree.service_ab.pk}/tilbud/$"))
    expect(page.get_by_text("Tilbudet er registrert.").first).to_be_visible()
    row = page.get_by_role("row", name=re.compile("PMTO"))
    expect(row.get_by_text("Teller")).to_be_visible()
    expect(row.get_by_text("1 med gyldig sertifisering")).to_be_visible()
    assert_accessible(page, "knowledge-service-offers")
    offer = Offer.objects.get()
    assert (offer.capacity, offer.waiting_weeks, [str(p) for p in offer.staff.all()]) == (12, 3, ["Kari Nordmann"])

    page.goto(f"{live_url}/kunnskap/kommuner/9101/dekning/")
    indicated = page.locator("section", has=page.get_by_role("heading", name="Indikert", exact=True))
    expect(indicated.get_by_text("Dekket", exact=True)).to_be_visible()
    expect(indicated.get_by_role("listitem").filter(has_text="PMTO")).to_be_visible()
    expect(indicated.get_by_text("Ingenting mangler")).to_be_visible()
    expect(page.get_by_role("table", name="Tilbud fra tjenestene som dekker kommunen")).to_contain_text("PMTO")
    assert_accessible(page, "knowledge-coverage-after")


def test_a_county_advisor_reads_a_municipalitys_coverage_and_the_county_map(page, live_url):
    tree = build_tree()
    only_recommended(("Foreldreveiledning", "indicated", ("3.2",)))
    pmto = make_intervention("PMTO", levels=("indicated",), codes=("3.2",))
    make_offer(tree.service_ab, pmto, "bufetat", waiting_weeks=10)
    _border(tree.municipality_a, 0.0)
    _border(tree.municipality_b, 1.0)

    browser_login(page, live_url, tree.users["advisor_x"])
    page.goto(f"{live_url}/kunnskap/fylker/91/dekning/")
    expect(page.get_by_role("heading", name="Dekning av tiltakspyramiden i Nordfylket")).to_be_visible()
    table = page.get_by_role("table", name="Dekning per kommune")
    expect(table.get_by_role("row")).to_have_count(3)  # header + Alvik + Bergvik; county Y stays out
    expect(table).not_to_contain_text("Utenfor")
    expect(page.locator("svg.fl-map a")).to_have_count(2)
    assert_accessible(page, "knowledge-county-map")

    table.get_by_role("link", name="Bergvik (9102)").click()
    page.wait_for_url(re.compile(r"/kunnskap/kommuner/9102/dekning/$"))
    indicated = page.locator("section", has=page.get_by_role("heading", name="Indikert", exact=True))
    # A Bufetat offer counts, but ten weeks' wait is more than the limit: the level is partly covered.
    expect(indicated.get_by_text("Delvis dekket")).to_be_visible()
    expect(indicated).to_contain_text("PMTO")
    universal = page.locator("section", has=page.get_by_role("heading", name="Universelt", exact=True))
    expect(universal.get_by_text("Mangler tilbud")).to_be_visible()
    # The advisor reads; registering offers and naming owners is not theirs to do.
    expect(page.get_by_role("link", name="Angi eier av et nivå")).to_have_count(0)
    assert_accessible(page, "knowledge-municipality-coverage-advisor")

    page.goto(f"{live_url}/kunnskap/dekning/")
    expect(page.get_by_role("table", name="Dekning per kommune").get_by_role("row")).to_have_count(3)
    assert_accessible(page, "knowledge-national-coverage-advisor")

    page.goto(f"{live_url}/kunnskap/anbefalte/")
    expect(page.get_by_role("table", name="Indikert")).to_contain_text("Foreldreveiledning")
    assert_accessible(page, "knowledge-recommended")

    # The advisor names the network's library coordinator.
    make_network(tree.county_x, [tree.municipality_a, tree.municipality_b], "Nordnettverket")
    page.goto(f"{live_url}/kunnskap/bibliotek/")
    page.get_by_role("link", name="Bibliotekkoordinatorer").click()
    expect(page.get_by_text("Ingen koordinator")).to_be_visible()
    assert_accessible(page, "knowledge-coordinators")
    page.get_by_role("link", name="Nordnettverket").click()
    page.get_by_label(re.compile(r"^Bruker")).select_option(label="leader_ab (leader_ab)")
    page.get_by_role("button", name="Legg til").click()
    expect(page.get_by_text("Koordinatoren er lagt til.").first).to_be_visible()
    expect(page.get_by_role("table", name="Koordinatorer")).to_contain_text("leader_ab")
    assert_accessible(page, "knowledge-network-coordinators")

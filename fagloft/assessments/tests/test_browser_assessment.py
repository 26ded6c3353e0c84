"""In the browser: the service leader drafts and submits an assessment, the county advisor marks it
discussed and finalises it; every page passes axe-core."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from fagloft.accounts.roles import Role
from fagloft.assessments.models import Assessment, SignalRule
from fagloft.assessments.tests.factories import add_values, make_rule
from fagloft.organizations.models import Border
from fagloft.organizations.tests.factories import make_county, make_municipality, make_service, make_user
from fagloft.tests_browser.fixtures import assert_accessible, browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _square(municipality, west: float) -> None:
    ring = [[west, 70], [west + 1, 70], [west + 1, 71], [west, 71], [west, 70]]
    Border.objects.create(
        municipality=municipality,
        year=2024,
        geometry={"type": "Polygon", "coordinates": [ring]},
        bbox=[west, 70, west + 1, 71],
        source="test",
    )


def test_a_leader_drafts_and_submits_and_the_county_finalises(page, live_url):
    county = make_county("56", "Finnmark")
    alta = make_municipality(county, "5601", "Alta")
    vadso = make_municipality(county, "5607", "Vadsø")
    _square(alta, 22)
    _square(vadso, 24)
    service = make_service(alta, [alta], "Alta barneverntjeneste")
    make_service(vadso, [vadso], "Vadsø barneverntjeneste")
    leader = make_user("leder.alta", Role.SERVICE_LEADER, service)
    advisor = make_user("statsforvalter.finnmark", Role.COUNTY_ADVISOR, county)
    leadership = make_user("kommunedirektor.alta", Role.MUNICIPAL_LEADER, alta)
    add_values("undersokelser_fristbrudd", {2024: 31.0}, municipality=alta)
    make_rule(
        SignalRule.Kind.THRESHOLD,
        "undersokelser_fristbrudd",
        {"op": ">", "value": 25},
        name="Mange fristbrudd i undersøkelser",
    )

    browser_login(page, live_url, leader)
    page.goto(f"{live_url}/vurderinger/")
    assert_accessible(page, "assessments-list")
    page.get_by_role("link", name="Ny vurdering").click()
    assert_accessible(page, "assessments-new")
    page.get_by_label("Tjeneste").select_option(label="Alta barneverntjeneste")
    page.get_by_label("År").fill("2025")
    page.get_by_role("button", name="Lagre").click()
    page.wait_for_url(re.compile(r"/vurderinger/\d+/$"))
    expect(page.get_by_text("Mange fristbrudd i undersøkelser").first).to_be_visible()
    assert_accessible(page, "assessment-draft")

    page.get_by_role("link", name="Rediger Kapasitet og bemanning").click()
    page.get_by_label("Status i dag").fill("5 årsverk, 1 ledig stilling.")
    page.get_by_label("Sannsynlighet (1–5)").select_option("4")
    page.get_by_label("Konsekvens (1–5)").select_option("4")
    assert_accessible(page, "assessment-theme-form")
    page.get_by_role("button", name="Lagre").click()
    page.wait_for_url(re.compile(r"/vurderinger/\d+/"))

    page.get_by_role("link", name="Skriv konklusjon og risikonivå").click()
    page.get_by_label("Konklusjon").fill("Tjenesten er sårbar på grunn av få årsverk.")
    page.get_by_label("Samlet risikonivå").select_option("high")
    assert_accessible(page, "assessment-conclusion-form")
    page.get_by_role("button", name="Lagre").click()
    page.get_by_role("button", name="Send til kommuneledelsen").click()
    expect(page.get_by_text("Vurderingen er sendt til kommuneledelsen.")).to_be_visible()
    assert_accessible(page, "assessment-submitted")

    assessment = Assessment.objects.get()
    assert assessment.status == Assessment.Status.SUBMITTED and assessment.signals_snapshot[0]["fired"]
    page.context.clear_cookies()
    browser_login(page, live_url, leadership)
    page.goto(f"{live_url}/")
    page.get_by_role("link", name="Vurderingen for 2025 venter på kommuneledelsen").click()
    page.get_by_label("Kommentar fra kommuneledelsen").fill("Kommunen setter av én stilling til.")
    assert_accessible(page, "assessment-leadership-review")
    page.get_by_role("button", name="Send til Statsforvalteren").click()
    expect(page.get_by_text("Vurderingen er sendt til Statsforvalteren.")).to_be_visible()
    assert Assessment.objects.get().status == Assessment.Status.FORWARDED
    page.context.clear_cookies()
    browser_login(page, live_url, advisor)
    page.goto(f"{live_url}/vurderinger/{assessment.pk}/")
    page.get_by_role("button", name="Marker som drøftet i dialogmøte").click()
    page.get_by_role("button", name="Gjør endelig og lås").click()
    expect(page.get_by_text("Vurderingen er endelig og låst.")).to_be_visible()
    assert_accessible(page, "assessment-final")
    assert Assessment.objects.get().status == Assessment.Status.FINAL

    page.goto(f"{live_url}/vurderinger/fylke/56/")
    expect(page.get_by_role("cell", name="Alta barneverntjeneste", exact=True)).to_be_visible()
    assert page.locator("svg.fl-map a[aria-label='Alta: risiko høy']").count() == 1
    assert_accessible(page, "assessments-county-overview")


def test_the_county_overview_shows_risk_and_signals_without_scrolling_at_desktop_width(page, live_url):
    from fagloft.assessments.tests.factories import make_assessment

    county = make_county("56", "Finnmark")
    for number, name in (("5601", "Alta"), ("5603", "Hammerfest"), ("5607", "Vadsø")):
        municipality = make_municipality(county, number, name)
        _square(municipality, 20 + int(number) % 10)
        service = make_service(municipality, [municipality], f"{name} og omegn interkommunale barneverntjeneste")
        make_assessment(
            service,
            year=2025,
            risk_level="high",
            status=Assessment.Status.FORWARDED,
            signals_snapshot=[
                {"name": f"Langt signalnavn nummer {n} om fristbrudd i undersøkelser", "fired": True} for n in range(4)
            ],
        )
    advisor = make_user("statsforvalter.finnmark", Role.COUNTY_ADVISOR, county)
    page.set_viewport_size({"width": 1366, "height": 768})
    browser_login(page, live_url, advisor)
    page.goto(f"{live_url}/vurderinger/fylke/56/")
    wrap = page.locator("table.fl-overview-table").locator("xpath=..")
    assert wrap.evaluate("el => el.scrollWidth <= el.clientWidth")
    box = wrap.bounding_box()
    for name in ("Risiko", "Signaler"):
        header = page.locator("table.fl-overview-table th", has_text=name).bounding_box()
        assert header["x"] + header["width"] <= box["x"] + box["width"]
